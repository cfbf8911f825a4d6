import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFractions, lastRemainder, mulDivFloor, parseRate } from './index.js';

describe('mulDivFloor', () => {
  it('agrees with BigInt on products far beyond 2^53', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (a, b, c) => {
          const exact = (BigInt(a) * BigInt(b)) / BigInt(c);
          fc.pre(exact <= BigInt(Number.MAX_SAFE_INTEGER));
          const q = mulDivFloor(a, b, c);
          expect(q).toBe(Number(exact));
          expect(lastRemainder.value).toBe(Number(BigInt(a) * BigInt(b) - exact * BigInt(c)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is exact on envelope-sized shares (e·B/E)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800_000_000 }),
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000_000_000_000 }),
        (e, budget, total) => {
          const q = mulDivFloor(e, budget, total);
          const exact = (BigInt(e) * BigInt(budget)) / BigInt(total);
          expect(q).toBe(Number(exact));
          expect(lastRemainder.value).toBe(Number((BigInt(e) * BigInt(budget)) % BigInt(total)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('handles exact divisions and zero', () => {
    expect(mulDivFloor(800_000_000, 2_000_000_000, 16_452_546_257)).toBe(97_249_384);
    expect(mulDivFloor(0, 5, 7)).toBe(0);
    expect(lastRemainder.value).toBe(0);
    expect(mulDivFloor(10, 10, 100)).toBe(1);
    expect(lastRemainder.value).toBe(0);
  });
});

describe('compareFractions', () => {
  it('orders fractions exactly, even when doubles tie', () => {
    expect(compareFractions(1, 3, 2, 6)).toBe(0);
    expect(compareFractions(1, 3, 1, 2)).toBe(-1);
    // 2^53 + 1 over 2^53 vs 1: equal as doubles, not as rationals
    expect(compareFractions(2 ** 53 - 1, 2 ** 53 - 2, 1, 1)).toBe(1);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1 }), fc.nat(), fc.integer({ min: 1 }), (a, b, c, d) => {
        const l = BigInt(a) * BigInt(d);
        const r = BigInt(c) * BigInt(b);
        expect(compareFractions(a, b, c, d)).toBe(l < r ? -1 : l > r ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseRate', () => {
  it('reads decimals and percentages exactly', () => {
    const r = parseRate('15%');
    expect(r.ok && r.value.toFixed()).toBe('0.15');
    const n = parseRate(0.1);
    expect(n.ok && n.value.toFixed()).toBe('0.1');
    const q = parseRate('12.5%');
    expect(q.ok && q.value.toFixed()).toBe('0.125');
  });
  it.each([
    ['1.5', 'RATE.OUT_OF_RANGE'],
    ['150%', 'RATE.OUT_OF_RANGE'],
    ['-0.1', 'RATE.INVALID'],
    ['1e-1', 'RATE.INVALID'],
    ['abc', 'RATE.INVALID'],
  ])('refuses %s', (text, code) => {
    const r = parseRate(text);
    expect(r.ok ? undefined : r.problems[0]?.code).toBe(code);
  });
});
