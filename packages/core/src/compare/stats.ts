import { Exact, lastRemainder, mulDivFloor } from '../exact/index.js';
import { fen, type Fen } from '../money/index.js';

/** Σ / n in fen, rounded down to the fen (exact); 0 for no values. */
export function meanFen(total: number, n: number): Fen {
  if (n === 0) return fen(0);
  const negative = total < 0;
  const q = mulDivFloor(Math.abs(total), 1, n);
  const r = lastRemainder.value;
  return fen(negative ? -(q + (r > 0 ? 1 : 0)) : q);
}

/**
 * The median of `values` (consumed: reordered in place), rounded down to the fen when it is the
 * mean of the two middle values; 0 for none. Selection, not sorting: O(n) on average.
 */
export function medianFen(values: Float64Array): Fen {
  const n = values.length;
  if (n === 0) return fen(0);
  const k = Math.floor((n - 1) / 2);
  const lowMiddle = selectKth(values, k);
  if (n % 2 === 1) return fen(lowMiddle);
  let highMiddle = Number.POSITIVE_INFINITY;
  for (let i = k + 1; i < n; i++) if ((values[i] as number) < highMiddle) highMiddle = values[i] as number;
  return meanFen(lowMiddle + highMiddle, 2);
}

/**
 * The k-th smallest of `a` (0-based), leaving smaller values before k and larger after (Hoare's
 * selection). Written for numbers in a Float64Array: several times faster here than a generic
 * selection through a comparison function.
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** a / b as a decimal with four places, rounded down (a share of an entitlement); `1.0000` when b is 0. */
export function shareText(a: number, b: number): string {
  if (b === 0) return '1.0000';
  return new Exact(a).div(b).toDecimalPlaces(4, Exact.ROUND_DOWN).toFixed(4);
}
