import type { Fen } from './amount.js';

/** `"5000000.00"`: the JSON form — two decimals, `.` as the point, no grouping. */
export function formatJson(amount: Fen | number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const cents = abs % 100;
  return `${sign}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

const grouped = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Decimal string of fen/100 with grouping, exact (no float division involved). */
function groupedYuan(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const cents = abs % 100;
  const whole = grouped.format((abs - cents) / 100).slice(0, -3);
  return `${sign}${whole}.${String(cents).padStart(2, '0')}`;
}

/** `¥150,000,000.00`: the English form. */
export function formatEn(amount: Fen | number): string {
  const s = groupedYuan(amount);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/**
 * The zh-CN form: `1.5亿元`, `500万元`, `1,234.56元`. A value is written in 亿 or 万 only when
 * that is exact with at most four decimals of the unit; otherwise in 元 with grouping, so the
 * text never hides a fen.
 */
export function formatZh(amount: Fen | number): string {
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  for (const [unitFen, unit] of [
    [10_000_000_000, '亿'],
    [1_000_000, '万'],
  ] as const) {
    if (abs >= unitFen && abs % (unitFen / 10_000) === 0) {
      return `${sign}${decimalOf(abs, unitFen)}${unit}元`;
    }
  }
  return `${groupedYuan(amount)}元`;
}

/** abs / unit as a minimal decimal string; abs is a multiple of unit / 10^4. */
function decimalOf(abs: number, unit: number): string {
  const whole = Math.floor(abs / unit);
  const rest = abs - whole * unit;
  if (rest === 0) return String(whole);
  const frac = String(rest / (unit / 10_000))
    .padStart(4, '0')
    .replace(/0+$/u, '');
  return `${whole}.${frac}`;
}
