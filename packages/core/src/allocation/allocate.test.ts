import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen } from '../money/index.js';
import { allocate, compareCodePoints, type AllocationInput, type AllocationMethod } from './index.js';

const byIndexOrder = (a: number, b: number): number => a - b;

function run(method: AllocationMethod, budget: number, entitlements: number[], ids?: string[], unit = 1) {
  const result = allocate({
    method,
    budget: fen(budget),
    unit: fen(unit),
    entitlements: Float64Array.from(entitlements),
    ids: ids ?? entitlements.map((_, i) => `F${i}`),
    rank: byIndexOrder,
  });
  return { ...result, list: Array.from(result.awards) };
}

describe('allocate: the envelope fits', () => {
  it.each(['pro_rata', 'uniform_cap', 'ranked'] as const)('%s gives every entitlement in full and leaves B − E', (method) => {
    const r = run(method, 1000, [100, 200, 300]);
    expect(r.list).toEqual([100, 200, 300]);
    expect(r.unallocated).toBe(400);
    expect(r.oversubscribed).toBe(false);
  });
  it('a budget exactly equal to E leaves nothing unallocated', () => {
    const r = run('pro_rata', 600, [100, 200, 300]);
    expect(r.list).toEqual([100, 200, 300]);
    expect(r.unallocated).toBe(0);
  });
});

describe('pro_rata (按比例核减)', () => {
  it('shares exactly and gives leftover units by largest remainder', () => {
    // E = 600, B = 100: shares 100/6 = 16.67, 200/6 = 33.33, 300/6 = 50 → floors 16, 33, 50 = 99
    // remainders 4/6, 2/6, 0 → the one unit left goes to F0
    const r = run('pro_rata', 100, [100, 200, 300]);
    expect(r.list).toEqual([17, 33, 50]);
    expect(r.unallocated).toBe(0);
    expect(Array.from(r.extraUnit)).toEqual([1, 0, 0]);
  });
  it('breaks ties in the remainders by id in code-point order', () => {
    // three equal firms, B = 10: shares 3.33 each, one unit left; equal remainders → smallest id
    const r = run('pro_rata', 10, [5, 5, 5], ['b', 'a', 'c']);
    expect(r.list).toEqual([3, 4, 3]);
  });
  it('ties by id with two units left go to the two smallest ids', () => {
    const r = run('pro_rata', 11, [5, 5, 5], ['企业2', 'E9', 'A1']);
    // '企业2' is after 'E9' and 'A1' in code-point order
    expect(r.list).toEqual([3, 4, 4]);
  });
  it('rounds to a unit larger than the fen', () => {
    // unit 100 fen (1 yuan): B = 1000, e = 700, 700 → shares 500 each, floors 500 → exact
    const r = run('pro_rata', 1000, [700, 700], ['x', 'y'], 100);
    expect(r.list).toEqual([500, 500]);
    const s = run('pro_rata', 1000, [700, 800], ['x', 'y'], 100);
    // shares 466.67, 533.33 → floors 400, 500 → one unit (100) left → larger remainder is x (66.67 vs 33.33)
    expect(s.list).toEqual([500, 500]);
    expect(s.unallocated).toBe(0);
  });
});

describe('uniform_cap (统一封顶)', () => {
  it('cuts only the largest entitlements to a common cap', () => {
    // e = 10, 20, 100, 200; B = 130: c with 10 + 20 + 2c = 130 → c = 50
    const r = run('uniform_cap', 130, [10, 20, 100, 200]);
    expect(r.list).toEqual([10, 20, 50, 50]);
    expect(r.cap).toEqual({ numerator: 100, denominator: 2 });
  });
  it('gives the leftover units of a fractional cap by id', () => {
    // B = 100 among three of 50: c = 33.33, floors 33 each, one unit left → smallest id
    const r = run('uniform_cap', 100, [50, 50, 50], ['c', 'b', 'a']);
    expect(r.list).toEqual([33, 33, 34]);
  });
  it('an entitlement exactly at the cap is not cut', () => {
    // e = 30, 50, 50; B = 130 → c = 50 exactly
    const r = run('uniform_cap', 130, [30, 50, 100]);
    expect(r.list).toEqual([30, 50, 50]);
  });
});

describe('ranked (择优排序)', () => {
  it('serves in order while it fits, the marginal one gets the rest, later ones 0', () => {
    const r = run('ranked', 250, [100, 100, 100, 10]);
    expect(r.list).toEqual([100, 100, 50, 0]);
    expect(r.cutoffPosition).toBe(2);
    expect(r.unallocated).toBe(0);
  });
  it('rounds the marginal award down to the unit and leaves the rest unallocated', () => {
    const r = run('ranked', 25_050, [10_000, 20_000, 5_000], undefined, 100);
    expect(r.list).toEqual([10_000, 15_000, 0]);
    expect(r.unallocated).toBe(50);
  });
  it('a firm exactly filling the budget takes all of it, and the next gets 0', () => {
    const r = run('ranked', 200, [100, 100, 100]);
    expect(r.list).toEqual([100, 100, 0]);
  });
});

const scenario = fc.record({
  method: fc.constantFrom<AllocationMethod>('pro_rata', 'uniform_cap', 'ranked'),
  entitlements: fc.array(fc.integer({ min: 0, max: 800_000_000 }), { minLength: 1, maxLength: 60 }),
  budget: fc.integer({ min: 0, max: 20_000_000_000 }),
  unit: fc.constantFrom(1, 1, 10, 100),
});

function inputOf(s: { method: AllocationMethod; entitlements: number[]; budget: number; unit: number }, order?: number[]): AllocationInput {
  const idx = order ?? s.entitlements.map((_, i) => i);
  const ids = idx.map((i) => `id-${String(i).padStart(3, '0')}`);
  const ents = Float64Array.from(idx, (i) => Math.floor((s.entitlements[i] ?? 0) / s.unit) * s.unit);
  return {
    method: s.method,
    budget: fen(s.budget),
    unit: fen(s.unit),
    entitlements: ents,
    ids,
    rank: (a, b) => compareCodePoints(ids[a] ?? '', ids[b] ?? ''),
  };
}

describe('invariants (properties)', () => {
  it('Σ awards + unallocated = B, 0 ≤ award ≤ entitlement, unallocated < u when cut', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = inputOf(s);
        const r = allocate(input);
        let sum = 0;
        r.awards.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(input.entitlements[i] ?? 0);
          expect(a % s.unit).toBe(0);
          sum += a;
        });
        expect(sum + r.unallocated).toBe(s.budget);
        if (r.oversubscribed && s.method !== 'ranked') expect(r.unallocated).toBeLessThan(s.unit);
      }),
      { numRuns: 1500 },
    );
  });

  it('the order of the rows does not change any result', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray(
              s.entitlements.map((_, i) => i),
              { minLength: s.entitlements.length },
            ),
          ),
        ),
        ([s, order]) => {
          const a = allocate(inputOf(s));
          const b = allocate(inputOf(s, order));
          const byId = (r: typeof a, input: AllocationInput) => new Map(input.ids.map((id, i) => [id, r.awards[i]]));
          expect(byId(b, inputOf(s, order))).toEqual(byId(a, inputOf(s)));
          expect(b.unallocated).toBe(a.unallocated);
        },
      ),
      { numRuns: 1000 },
    );
  });

  // The exact share never falls when the budget grows, so the rounded-down share never falls.
  // The award itself may fall by one rounding unit: the largest-remainder step has the
  // "Alabama paradox" (pinned below), which docs/rd-incentive.md's rule inherits.
  it('a larger budget never lowers an award by more than the one largest-remainder unit (pro_rata, uniform_cap)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 5_000_000_000 }), (s, more) => {
        fc.pre(s.method !== 'ranked');
        const small = allocate(inputOf(s));
        const large = allocate(inputOf({ ...s, budget: s.budget + more }));
        small.awards.forEach((a, i) => {
          const floored = a - (small.extraUnit[i] ?? 0) * s.unit;
          expect(large.awards[i]).toBeGreaterThanOrEqual(floored);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('the Alabama paradox of largest remainder: one more fen of budget can take a fen from a firm', () => {
    // e = 1, 3, 3 fen. B = 3: shares 3/7, 9/7, 9/7 → floors 0, 1, 1, the unit left goes to the
    // largest remainder (3/7) → 1, 1, 1. B = 4: shares 4/7, 12/7, 12/7 → floors 0, 1, 1, two units
    // left go to the remainders 5/7, 5/7 → 0, 2, 2.
    expect(run('pro_rata', 3, [1, 3, 3]).list).toEqual([1, 1, 1]);
    expect(run('pro_rata', 4, [1, 3, 3]).list).toEqual([0, 2, 2]);
  });
});

describe('priority classes (each class in full before the next; the last reached shared by the method)', () => {
  function runClasses(method: AllocationMethod, budget: number, entitlements: number[], classes: number[], unit = 1) {
    const result = allocate({
      method,
      budget: fen(budget),
      unit: fen(unit),
      entitlements: Float64Array.from(entitlements),
      ids: entitlements.map((_, i) => `F${i}`),
      rank: byIndexOrder,
      priority: Uint8Array.from(classes),
    });
    return { ...result, list: Array.from(result.awards) };
  }

  // F0 (class 0) 10; F1 100, F2 200 (class 1); B = 130. Class 0 is paid in full (10), leaving 120
  // for class 1 (300 entitled):
  //   pro_rata: 100 × 120/300 = 40, 200 × 120/300 = 80
  //   uniform_cap: min(100, c) + min(200, c) = 120 → c = 60: 60, 60
  //   ranked (by index): F1 takes 100, F2 the 20 left
  it.each([
    ['pro_rata', [10, 40, 80]],
    ['uniform_cap', [10, 60, 60]],
    ['ranked', [10, 100, 20]],
  ] as const)('%s: class 0 in full, class 1 shares what is left', (method, expected) => {
    const r = runClasses(method, 130, [10, 100, 200], [0, 1, 1]);
    expect(r.list).toEqual(expected);
    expect(r.unallocated).toBe(0);
    expect(r.priority?.sharedClass).toBe(1);
    expect(r.priority?.classes).toEqual([
      { priority: 0, entitlement: 10, awarded: 10, served: 'full' },
      { priority: 1, entitlement: 300, awarded: 120, served: 'shared' },
    ]);
  });

  it('a class ranked first by class even when the rank order puts it last', () => {
    // By index F0 would come first; F2 is class 0: paid 50 first, then F0 takes 60 of its 100, F1 0.
    const r = runClasses('ranked', 110, [100, 100, 50], [1, 1, 0]);
    expect(r.list).toEqual([60, 0, 50]);
    expect(Array.from(r.rankPosition ?? [])).toEqual([1, 2, 0]);
    expect(r.cutoffPosition).toBe(1);
  });

  it('a class that alone exceeds the envelope is shared by the method, and later classes get nothing', () => {
    // Class 0: 100 + 50 = 150 > B = 60 → pro rata 100 × 60/150 = 40, 50 × 60/150 = 20; class 1 (30) gets 0.
    const r = runClasses('pro_rata', 60, [100, 50, 30], [0, 0, 1]);
    expect(r.list).toEqual([40, 20, 0]);
    expect(r.priority?.classes.map((c) => c.served)).toEqual(['shared', 'none']);
    // Three classes, the middle one shared: 0 → 30 in full, 1 → 30 of (50 + 50) by uniform cap c = 15, 2 → 0.
    const u = runClasses('uniform_cap', 60, [30, 50, 50, 70], [0, 1, 1, 2]);
    expect(u.list).toEqual([30, 15, 15, 0]);
    expect(u.cap).toEqual({ numerator: 30, denominator: 2 });
  });

  it('an envelope that covers every class pays every entitlement, as without classes', () => {
    const r = runClasses('pro_rata', 1000, [100, 200, 300], [2, 0, 1]);
    expect(r.list).toEqual([100, 200, 300]);
    expect(r.unallocated).toBe(400);
    expect(r.oversubscribed).toBe(false);
    expect(r.priority?.sharedClass).toBe(-1);
  });

  it('leftover units of the shared class go by largest remainder among its members only', () => {
    // Class 0: 7 in full; class 1: three of 5 share 3 → 1 each; nothing left over. B = 11: 4 left → 1.33 each,
    // floors 1, 1, 1, one unit to the smallest id among the class (F1).
    expect(runClasses('pro_rata', 11, [7, 5, 5, 5], [0, 1, 1, 1]).list).toEqual([7, 2, 1, 1]);
  });
});

describe('priority classes: invariants (properties)', () => {
  const withClasses = scenario.chain((s) =>
    fc.tuple(
      fc.constant(s),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: s.entitlements.length, maxLength: s.entitlements.length }),
    ),
  );
  const classInput = (s: Parameters<typeof inputOf>[0], classes: number[], order?: number[]) => {
    const base = inputOf(s, order);
    const idx = order ?? s.entitlements.map((_, i) => i);
    return { ...base, priority: Uint8Array.from(idx, (i) => classes[i] ?? 0) };
  };

  it('never beyond the envelope: Σ awards + unallocated = B, 0 ≤ award ≤ entitlement; classes before the shared one in full, after it 0', () => {
    fc.assert(
      fc.property(withClasses, ([s, classes]) => {
        const input = classInput(s, classes);
        const r = allocate(input);
        let sum = 0;
        r.awards.forEach((a, i) => {
          const e = input.entitlements[i] ?? 0;
          expect(a).toBeGreaterThanOrEqual(0);
          expect(a).toBeLessThanOrEqual(e);
          expect(a % s.unit).toBe(0);
          const c = input.priority[i] ?? 0;
          const shared = r.priority?.sharedClass ?? -1;
          if (shared < 0 || c < shared) expect(a).toBe(e);
          if (shared >= 0 && c > shared) expect(a).toBe(0);
          sum += a;
        });
        expect(sum + r.unallocated).toBe(s.budget);
        if (r.oversubscribed && s.method !== 'ranked') expect(r.unallocated).toBeLessThan(s.unit);
        const byClass = r.priority?.classes ?? [];
        expect(byClass.reduce((t, c) => t + c.awarded, 0)).toBe(sum);
      }),
      { numRuns: 1500 },
    );
  });

  it('one class for everyone gives exactly the result without classes', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 255 }), (s, only) => {
        const plain = allocate(inputOf(s));
        const one = allocate({ ...inputOf(s), priority: new Uint8Array(s.entitlements.length).fill(only) });
        expect(Array.from(one.awards)).toEqual(Array.from(plain.awards));
        expect(Array.from(one.extraUnit)).toEqual(Array.from(plain.extraUnit));
        expect(one.unallocated).toBe(plain.unallocated);
      }),
      { numRuns: 1000 },
    );
  });

  it('the order of the rows does not change any result', () => {
    fc.assert(
      fc.property(
        withClasses.chain(([s, classes]) =>
          fc.tuple(
            fc.constant(s),
            fc.constant(classes),
            fc.shuffledSubarray(
              s.entitlements.map((_, i) => i),
              { minLength: s.entitlements.length },
            ),
          ),
        ),
        ([s, classes, order]) => {
          const a = classInput(s, classes);
          const b = classInput(s, classes, order);
          const byId = (input: AllocationInput) => {
            const r = allocate(input);
            return new Map(input.ids.map((id, i) => [id, r.awards[i]]));
          };
          expect(byId(b)).toEqual(byId(a));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** `ranked` as it was written before the selection: a full sort, then each in turn (the reference). */
function rankedBySorting(input: AllocationInput): { awards: number[]; rankPosition: number[]; cutoffPosition: number } {
  const n = input.entitlements.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(input.rank);
  const awards = new Array<number>(n).fill(0);
  const rankPosition = new Array<number>(n).fill(0);
  let left: number = input.budget;
  let cutoffPosition = -1;
  order.forEach((i, p) => {
    rankPosition[i] = p;
    if (cutoffPosition >= 0) return;
    const e = input.entitlements[i] ?? 0;
    if (e <= left) {
      awards[i] = e;
      left -= e;
    } else {
      awards[i] = left - (left % input.unit);
      cutoffPosition = p;
    }
  });
  return { awards, rankPosition, cutoffPosition };
}

describe('ranked selects the marginal recipient rather than sorting everyone', () => {
  it('awards, positions and cut-off equal those of a full sort (shuffled ranks, ties in entitlement)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 5 }).map((k) => k * 1_000_000),
          { minLength: 1, maxLength: 300 },
        ),
        fc.integer({ min: 0, max: 200_000_000 }),
        fc.constantFrom(1, 100),
        fc.integer(),
        (entitlements, budget, unit, seed) => {
          const n = entitlements.length;
          // A rank order unrelated to the input order: a hash of the index, ties (rare) by index.
          const key = Array.from({ length: n }, (_, i) => Math.imul(i + 1, seed | 1) >>> 16);
          const rank = (a: number, b: number): number => (key[a] ?? 0) - (key[b] ?? 0) || a - b;
          const input: AllocationInput = {
            method: 'ranked',
            budget: fen(budget),
            unit: fen(unit),
            entitlements: Float64Array.from(entitlements),
            ids: entitlements.map((_, i) => `F${i}`),
            rank,
          };
          const r = allocate(input);
          const reference = rankedBySorting(input);
          expect(Array.from(r.awards)).toEqual(r.oversubscribed ? reference.awards : entitlements);
          if (!r.oversubscribed) return;
          expect(r.cutoffPosition).toBe(reference.cutoffPosition);
          expect(r.marginal).toBe(reference.rankPosition.indexOf(reference.cutoffPosition));
          expect(Array.from(r.rankPosition ?? [])).toEqual(reference.rankPosition);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a million recipients in rank order, reversed, or all equal: the selection stays linear-ish', () => {
    const n = 1_000_000;
    const entitlements = new Float64Array(n).fill(100);
    const ids = Array.from({ length: n }, (_, i) => String(i));
    for (const rank of [(a: number, b: number) => a - b, (a: number, b: number) => b - a]) {
      const r = allocate({ method: 'ranked', budget: fen(50_000_050), unit: fen(1), entitlements, ids, rank });
      expect(r.cutoffPosition).toBe(500_000);
      expect(r.awarded).toBe(50_000_050);
    }
  });
});
