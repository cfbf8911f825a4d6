/**
 * The figures of a trace written from integers, exactly as the decimal.js steps that are their
 * reference would print them (trace-text.test.ts holds each to its reference on generated values):
 * the traces of a large answer are formatted, not recomputed.
 */

/**
 * n / 10^k (n a non-negative safe integer) as decimal.js's `show` of the same value prints it:
 * at least two decimals, no trailing zero beyond them.
 */
export function fixedText(n: number, k: number): string {
  let s = String(n);
  if (s.length <= k) s = '0'.repeat(k - s.length + 1) + s;
  const point = s.length - k;
  let end = s.length;
  while (end > point + 2 && s.charCodeAt(end - 1) === 48) end--;
  return `${s.slice(0, point)}.${s.slice(point, end)}`;
}

/**
 * The significant digits of a positive value, as a digit string `d` and an exponent `e`
 * (value = 0.d × 10^e), rounded half-up to `p` digits, trailing zeros dropped.
 */
interface Digits {
  readonly d: string;
  readonly e: number;
}

function roundHalfUp(d: string, e: number, p: number): Digits {
  if (d.length <= p) return trim(d, e);
  const up = d.charCodeAt(p) >= 53; // '5'
  let head = d.slice(0, p);
  if (up) {
    const bumped = (BigInt(head) + 1n).toString();
    if (bumped.length > p) return trim(bumped, e + 1);
    head = bumped;
  }
  return trim(head, e);
}

function trim(d: string, e: number): Digits {
  let end = d.length;
  while (end > 1 && d.charCodeAt(end - 1) === 48) end--;
  return { d: d.slice(0, end), e };
}

/** decimal.js's `toFixed()` (no argument) of 0.d × 10^e. */
function plain({ d, e }: Digits): string {
  if (e <= 0) return `0.${'0'.repeat(-e)}${d}`;
  if (e >= d.length) return d + '0'.repeat(e - d.length);
  return `${d.slice(0, e)}.${d.slice(e)}`;
}

/**
 * rd / revenue shown as rd-incentive's intensity step shows it (explain.ts `showIntensity`): the
 * quotient to 20 significant digits (decimal.js's default division), then to 8, marked ≈ when the
 * two differ. rd and revenue are non-negative safe integers with revenue × 10 safe too.
 */
export function intensityText(rd: number, revenue: number): string {
  if (revenue === 0) return 'undefined (revenue 0)';
  if (rd === 0) return '0';
  let q = Math.floor(rd / revenue);
  let r = rd - q * revenue;
  if (r < 0) {
    q -= 1;
    r += revenue;
  } else if (r >= revenue) {
    q += 1;
    r -= revenue;
  }
  // 21 significant digits: 20 kept, the 21st decides the rounding (half-up needs no more).
  let d = q === 0 ? '' : String(q);
  let e = d.length;
  while (d.length < 21 && r !== 0) {
    r *= 10;
    const digit = Math.floor(r / revenue);
    r -= digit * revenue;
    if (d.length === 0 && digit === 0) e -= 1;
    else d += String(digit);
  }
  const exact = roundHalfUp(d, e, 20);
  const shown = roundHalfUp(exact.d, exact.e, 8);
  const text = plain(shown);
  return shown.d === exact.d && shown.e === exact.e ? text : `≈${text}`;
}

const POW60 = 10n ** 60n;

/**
 * entitlement × budget / total in yuan as the envelope step's pro-rata branch shows it
 * (envelope.ts): the quotient in fen to 40 significant digits (half-up), in yuan cut to 6
 * decimals, marked ≈ when that cut drops a digit. Exact, in integers.
 */
export function shareText(entitlement: number, budget: number, total: number): string {
  if (entitlement === 0 || budget === 0) return '0';
  const t = (BigInt(entitlement) * BigInt(budget) * POW60) / BigInt(total); // fen × 10^60, cut
  const all = t.toString();
  // value in fen = 0.all × 10^(all.length − 60); 41 digits are enough to round to 40.
  const rounded = roundHalfUp(all.slice(0, 41), all.length - 60, 40);
  // In micro-yuan (yuan × 10^6 = fen × 10^4): digits before the point are e + 4.
  const whole = rounded.e + 4;
  if (whole <= 0) return rounded.d.length === 0 ? '0' : '≈0';
  const kept = rounded.d.slice(0, whole);
  const dropped = rounded.d.length > whole;
  const micro = kept + '0'.repeat(Math.max(0, whole - kept.length));
  const text = plain(trim(micro.replace(/^0+(?=\d)/u, ''), micro.replace(/^0+(?=\d)/u, '').length - 6));
  return dropped ? `≈${text}` : text;
}
