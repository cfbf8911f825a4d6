/**
 * Exact integer a × b / c on plain JS numbers.
 *
 * Shares of an envelope (e_i × B / E) have products near 10^20, far past 2^53, yet their
 * quotient and remainder are small. Doing each of a million such divisions in BigInt or
 * decimal.js costs hundreds of nanoseconds; here a double estimate of the quotient is made
 * exact by computing the remainder a·b − q·c without error (Dekker's two-product), then
 * corrected by at most a step or two. Inputs outside the proven range take a BigInt path.
 */

const SPLITTER = 134_217_729; // 2^27 + 1, Veltkamp's constant for doubles
const TWO_POW_100 = 2 ** 100;

let productError = 0;

/** fl(a·b), leaving the exact rounding error a·b − fl(a·b) in `productError`. */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  productError = aLo * bLo - (p - aHi * bHi - aLo * bHi - aHi * bLo);
  return p;
}

/** The result of the last `mulDivFloor` call: read it before the next call. */
export const lastRemainder = { value: 0 };

/**
 * floor(a × b / c) for safe non-negative integers a, b and positive c whose quotient is a
 * safe integer; the exact remainder a·b − q·c (0 ≤ r < c) is left in `lastRemainder.value`.
 */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p1 = twoProduct(a, b);
  const e1 = productError;
  let q = Math.floor(p1 / c);
  if (p1 >= TWO_POW_100 || !Number.isSafeInteger(q) || !Number.isSafeInteger(c)) {
    return mulDivFloorBig(a, b, c);
  }
  const p2 = twoProduct(q, c);
  const e2 = productError;
  // p1 and p2 are within a few c of each other, so p1 − p2 is exact (Sterbenz); e1 − e2 is an
  // exact small integer; their sum is the exact remainder, an integer far below 2^53.
  let r = p1 - p2 + (e1 - e2);
  while (r < 0) {
    q -= 1;
    r += c;
  }
  while (r >= c) {
    q += 1;
    r -= c;
  }
  lastRemainder.value = r;
  return q;
}

function mulDivFloorBig(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = n / d;
  lastRemainder.value = Number(n - q * d);
  return Number(q);
}

/**
 * Compares a/b with c/d exactly (b, d > 0; all safe non-negative integers): −1, 0 or 1.
 * Correctly rounded division is monotonic, so different doubles order correctly; only equal
 * doubles need the exact cross-multiplication.
 */
export function compareFractions(a: number, b: number, c: number, d: number): number {
  const x = a / b;
  const y = c / d;
  if (x < y) return -1;
  if (x > y) return 1;
  const left = BigInt(a) * BigInt(d);
  const right = BigInt(c) * BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
