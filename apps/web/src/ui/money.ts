import { formatEn, formatJson, formatZh } from '@bagui/core/money';
import type { Lang } from '../i18n';

/**
 * The one formatter of amounts (integer fen) for people. Short: 万元 / 亿元 in Chinese, millions
 * in English, rounded half up at the second decimal of the unit — display only, from integers,
 * never a float of money. Exact: core's own spelling, to the fen, for hover and copy.
 */
export interface MoneyText {
  readonly short: string;
  /** Core's exact form: `1.5亿元` / `123,456.78元`, `¥150,000,000.00`. */
  readonly exact: string;
  /** What a copy puts on the clipboard: yuan with two decimals, no grouping (`150000000.00`). */
  readonly copy: string;
}

const YI = 10_000_000_000; // 1亿元 in fen
const WAN = 1_000_000; // 1万元 in fen
const MILLION = 100_000_000; // ¥1,000,000 in fen

/** `abs / unit` rounded half up to two decimals, from integers: `"4.07"`. */
function twoDecimals(abs: number, unit: number): string {
  const hundredths = unit / 100;
  const whole = Math.floor(abs / hundredths);
  const rest = abs - whole * hundredths;
  const rounded = rest * 2 >= hundredths ? whole + 1 : whole;
  const units = Math.floor(rounded / 100);
  const cents = rounded - units * 100;
  return `${units.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
}

export function moneyText(amount: number, lang: Lang): MoneyText {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const exact = lang === 'zh-CN' ? formatZh(amount) : formatEn(amount);
  let short: string;
  if (lang === 'zh-CN') {
    const exactInUnit = /[万亿]元$/u.test(exact);
    if (exactInUnit || abs < WAN) short = exact;
    else if (abs >= YI) short = `${sign}${twoDecimals(abs, YI)}亿元`;
    else short = `${sign}${twoDecimals(abs, WAN)}万元`;
  } else {
    short = abs >= MILLION ? `${sign}¥${twoDecimals(abs, MILLION)} m` : exact;
  }
  return { short, exact, copy: formatJson(amount) };
}
