import quickselect from 'quickselect';

/**
 * The largest-remainder step shared by every envelope method: `k` recipients — those with the
 * largest remainders (numerators over one common denominator), ties by id in Unicode
 * code-point order — receive one more rounding unit. Selection, not sorting: O(n) on average.
 * Returns the indices that received a unit.
 */
export function distributeRemainders(
  awards: Float64Array,
  remainders: Float64Array,
  ids: readonly string[],
  k: number,
  unit: number,
): Int32Array {
  if (k <= 0) return new Int32Array(0);
  let candidates = 0;
  for (let i = 0; i < remainders.length; i++) if ((remainders[i] ?? 0) > 0) candidates++;
  const order = new Int32Array(candidates);
  for (let i = 0, j = 0; i < remainders.length; i++) if ((remainders[i] ?? 0) > 0) order[j++] = i;
  if (k > order.length) {
    throw new Error(`largest remainder: ${k} units to give but only ${order.length} remainders`);
  }
  const byRemainderThenId = (a: number, b: number): number => {
    const ra = remainders[a] ?? 0;
    const rb = remainders[b] ?? 0;
    if (ra !== rb) return rb - ra;
    const ia = ids[a] ?? '';
    const ib = ids[b] ?? '';
    return compareCodePoints(ia, ib);
  };
  if (k < order.length) quickselect(order as unknown as number[], k - 1, 0, order.length - 1, byRemainderThenId);
  const winners = order.subarray(0, k);
  for (const i of winners) awards[i] = (awards[i] ?? 0) + unit;
  return winners;
}

/**
 * Unicode code-point order. JS `<` on strings compares UTF-16 code units, which differs from
 * code points only when astral characters meet U+E000–U+FFFF; handle that case exactly.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1; // a surrogate encodes a code point above U+FFFF
      return ca - cb;
    }
  }
  return a.length - b.length;
}
