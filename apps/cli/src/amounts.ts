import { formatEn, formatZh } from '@bagui/core/money';

/** The language of tables and workbooks a person reads. */
export type Lang = 'zh' | 'en';

/**
 * An amount of integer fen in 万元, exact: `1234.5678` (as many decimals as needed, up to six,
 * never rounded), for columns headed `（万元）`.
 */
function wanYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 1_000_000);
  const rest = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/u, '');
  return `${sign}${whole}${rest === '' ? '' : `.${rest}`}`;
}

/** A total for a person: `2000万元` / `1,234.56元` in Chinese, `¥20,000,000.00` in English. */
export function amountCell(fen: number, lang: Lang, unit = true): string {
  if (lang === 'en') return formatEn(fen);
  return unit ? formatZh(fen) : wanYuan(fen);
}

/** A column of amounts: `应得额（万元）` in Chinese (cells by `amountCell(…, false)`), `entitlement` in English. */
export function amountHeader(label: string, lang: Lang): string {
  return lang === 'zh' ? `${label}（万元）` : label;
}
