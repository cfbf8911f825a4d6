import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanFen, medianFen, shareText } from './index.js';

describe('means, medians and shares, exact with stated rounding', () => {
  it('a mean is rounded down to the fen, also below zero', () => {
    expect(meanFen(10, 3)).toBe(3);
    expect(meanFen(-10, 3)).toBe(-4);
    expect(meanFen(9_007_199_254_740_991, 7)).toBe(1_286_742_750_677_284);
    expect(meanFen(5, 0)).toBe(0);
  });
  it('a median of an even count is the mean of the two middle values, rounded down', () => {
    expect(medianFen(Float64Array.from([5, 1, 3]))).toBe(3);
    expect(medianFen(Float64Array.from([4, 1, 2, 9]))).toBe(3);
    expect(medianFen(Float64Array.from([1, 2]))).toBe(1);
    expect(medianFen(new Float64Array(0))).toBe(0);
  });
  it('a share has four places, rounded down', () => {
    expect(shareText(2, 3)).toBe('0.6666');
    expect(shareText(7, 7)).toBe('1.0000');
    expect(shareText(0, 7)).toBe('0.0000');
  });
});

describe('the median by selection equals the median by sorting', () => {
  it('on any list, duplicates and all (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1e12 })), { maxLength: 60 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const n = sorted.length;
        const expected =
          n === 0 ? 0 : n % 2 === 1 ? sorted[(n - 1) / 2] : Math.floor(((sorted[n / 2 - 1] ?? 0) + (sorted[n / 2] ?? 0)) / 2);
        expect(medianFen(Float64Array.from(xs))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
