import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem, unwrap, type Result } from '../errors/index.js';
import { formatJson, parseAmount } from '../money/index.js';
import type { ProgrammeTotals } from '../programmes/index.js';
import { rdIncentiveProgramme, rdIncentiveRegistry, type EnterpriseTable } from '../programmes/rd-incentive/index.js';
import {
  applyReform,
  BUDGET_PATH,
  programmeEvaluator,
  rdIncentiveEvaluator,
  sweep,
  sweepAxis,
  sweepToJson,
  type SweepAxis,
} from './index.js';
import { baselineOf, budget, FIRMS, method, overrides, population, VALUES } from './test-support/index.js';

const CAP = 'rd_incentive.increment.cap_above';
const HIGH_TECH = 'rd_incentive.high_tech.rate';
const axis = (path: string, spec: Parameters<typeof sweepAxis>[2]): Result<SweepAxis> => sweepAxis(rdIncentiveRegistry, path, spec);
const valuesOf = (path: string, spec: Parameters<typeof sweepAxis>[2]): readonly string[] => unwrap(axis(path, spec)).values;
const lines = (r: Result<unknown>): string[] => (r.ok ? [] : r.problems.map(formatProblem));

describe('ranges are stepped exactly', () => {
  it('amounts in integer fen: cap_above 300万 … 1000万 in 50万 steps', () => {
    const values = valuesOf(CAP, { from: '300万', to: '1000万', step: '50万' });
    expect(values).toHaveLength(15);
    expect(values.slice(0, 3)).toEqual(['3000000.00', '3500000.00', '4000000.00']);
    expect(values.at(-1)).toBe('10000000.00');
  });

  it('rates in exact decimals: 0.10 … 0.20 by 0.01 is 11 values, 0.1 … 0.3 by 0.1 ends on 0.3', () => {
    expect(valuesOf(HIGH_TECH, { from: '0.10', to: '0.20', step: '0.01' })).toEqual([
      '0.10',
      '0.11',
      '0.12',
      '0.13',
      '0.14',
      '0.15',
      '0.16',
      '0.17',
      '0.18',
      '0.19',
      '0.20',
    ]);
    // In floats 0.1 + 0.1 + 0.1 is 0.30000000000000004 > 0.3 and the last point would be lost.
    expect(valuesOf(HIGH_TECH, { from: '10%', to: '30%', step: '10%' })).toEqual(['0.10', '0.20', '0.30']);
  });

  it('a range whose end is not on a step stops before it; a list of values is taken as given', () => {
    expect(valuesOf(CAP, { from: '1', to: '10', step: '4' })).toEqual(['1.00', '5.00', '9.00']);
    expect(valuesOf(BUDGET_PATH, { values: ['4.07亿', '500,000,000'] })).toEqual(['407000000.00', '500000000.00']);
  });

  it('refuses what cannot be swept, naming the option', () => {
    expect(lines(axis(CAP, { from: '1000万', to: '300万', step: '0' }))).toEqual([
      'at step, value "0": the step must be more than 0 [SWEEP.STEP_NOT_POSITIVE]',
      'at to, value "300万": the range is empty: "to" (300万) is below "from" (1000万) [SWEEP.EMPTY_RANGE]',
    ]);
    expect(lines(axis(HIGH_TECH, { from: '0.5', to: '1.5', step: '0.1' }))).toEqual([
      'at to, value "1.5": a rate must be between 0 and 1 (0% to 100%) [RATE.OUT_OF_RANGE]',
    ]);
    expect(lines(axis(CAP, { from: '0', to: '1亿', step: '1' }))).toEqual([
      'at step: the range has 100,000,001 values, more than 1000: take a larger step [SWEEP.TOO_MANY_POINTS]',
    ]);
    expect(lines(axis('rd_incentive.increment.tiers_above', { values: ['1'] }))).toEqual([
      'at path, value "rd_incentive.increment.tiers_above": rd_incentive.increment.tiers_above holds a list of tiers, which cannot be stepped: compare reforms that each set it to one value instead [SWEEP.NOT_STEPPABLE]',
    ]);
    expect(lines(axis('rd_incentive.rounding_unit', { from: '0', to: '1', step: '0.5' }))[0]).toContain('[PARAMETER.UNIT_NOT_POSITIVE]');
    expect(lines(axis('rd_incentive.cap', { values: ['1'] }))[0]).toMatch(
      /^at path, value "rd_incentive.cap": unknown parameter rd_incentive.cap; sweep one of budget, rd_incentive.increment.rate_below, .*\[SWEEP.UNKNOWN_PATH\]$/u,
    );
  });
});

describe('sweep: the four firms by hand', () => {
  // The firms of compare.test.ts: at cap_above 500万 the awards are 1,052,631.58, 4,385,964.91 ×2 and
  // 175,438.60; at 800万 779,220.78, 5,194,805.19, 3,896,103.90 and 129,870.13 (B and C capped at 500万; B alone at 800万).
  const s = unwrap(
    sweep(rdIncentiveEvaluator(FIRMS), baselineOf(1_000_000_000, 'pro_rata'), [unwrap(axis(CAP, { values: ['500万', '800万'] }))], {
      groups: ['scale'],
    }),
  );

  it('gives each point its totals, cost, funded, capped, mean and median award', () => {
    expect(
      s.points.map((p) => [
        p.values[0],
        formatJson(p.totals.entitlement),
        p.metrics.funded,
        p.metrics.capped,
        formatJson(p.metrics.meanAward),
        formatJson(p.metrics.medianAward),
      ]),
    ).toEqual([
      // median of 4: (1,052,631.58 + 4,385,964.91) / 2 = 2,719,298.245 → rounded down to the fen
      ['5000000.00', '11400000.00', 4, 2, '2500000.00', '2719298.24'],
      // (779,220.78 + 3,896,103.90) / 2 = 2,337,662.34
      ['8000000.00', '15400000.00', 4, 1, '2500000.00', '2337662.34'],
    ]);
  });

  it('and by group, when asked', () => {
    expect(Object.keys(s.points[0]?.groups ?? {})).toEqual(['scale']);
    const above = s.points[0]?.groups.scale?.[0];
    // 1,052,631.58 + 2 × 4,385,964.91 = 9,824,561.40; / 3 = 3,274,853.80 exactly
    expect(above).toMatchObject({
      value: 'above',
      recipients: 3,
      funded: 3,
      capped: 2,
      cost: 982_456_140,
      meanAward: 327_485_380,
      medianAward: 438_596_491,
    });
  });

  it("prints the contract's JSON", () => {
    expect(sweepToJson(s, { count: 'enterprises' })).toEqual({
      path: CAP,
      points: [
        { value: '5000000.00', totals: { entitlement: '11400000.00', awarded: '10000000.00', unallocated: '0.00', enterprises: 4 } },
        { value: '8000000.00', totals: { entitlement: '15400000.00', awarded: '10000000.00', unallocated: '0.00', enterprises: 4 } },
      ],
    });
  });

  it('a grid: the first axis outermost; the budget as an axis', () => {
    const g = unwrap(
      sweep(rdIncentiveEvaluator(FIRMS), baselineOf(0, 'uniform_cap'), [
        unwrap(axis(CAP, { values: ['500万', '800万'] })),
        unwrap(axis(BUDGET_PATH, { values: ['1000万', '2000万'] })),
      ]),
    );
    expect(g.points.map((p) => [...p.values, formatJson(p.totals.awarded), formatJson(p.totals.unallocated)])).toEqual([
      ['5000000.00', '10000000.00', '10000000.00', '0.00'],
      ['5000000.00', '20000000.00', '11400000.00', '8600000.00'],
      ['8000000.00', '10000000.00', '10000000.00', '0.00'],
      ['8000000.00', '20000000.00', '15400000.00', '4600000.00'],
    ]);
    expect(sweepToJson(g).grid).toBe(BUDGET_PATH);
  });

  it('refuses a grid of one path twice', () => {
    const a = unwrap(axis(CAP, { values: ['1'] }));
    expect(lines(sweep(rdIncentiveEvaluator(FIRMS), baselineOf(0, 'pro_rata'), [a, a]))).toEqual([
      `at grid, value "${CAP}": both axes sweep ${CAP}: a grid needs two different paths [SWEEP.SAME_PATH]`,
    ]);
  });
});

const totalsOf = (t: ProgrammeTotals): ProgrammeTotals => ({
  entitlement: t.entitlement,
  awarded: t.awarded,
  unallocated: t.unallocated,
  recipients: t.recipients,
});

/** The figures of one separate evaluation, computed plainly (sorting, BigInt) to check the sweep's. */
function separately(table: EnterpriseTable, base: ReturnType<typeof baselineOf>, path: string, value: string) {
  const budgetValue = path === BUDGET_PATH ? unwrap(axis(BUDGET_PATH, { values: [value] })).values[0] : undefined;
  const parameters = path === BUDGET_PATH ? base.parameters : unwrap(applyReform(rdIncentiveRegistry, base.parameters, [{ path, value }]));
  const b = budgetValue === undefined ? base.budget : unwrap(parseAmount(budgetValue));
  const o = unwrap(rdIncentiveProgramme.evaluate(table, parameters, { budget: b, method: base.method }));
  const paid = Array.from(o.awards)
    .filter((a) => a > 0)
    .sort((x, y) => x - y);
  const sum = paid.reduce((s, a) => s + BigInt(a), 0n);
  const n = paid.length;
  const median =
    n === 0 ? 0 : n % 2 === 1 ? (paid[(n - 1) / 2] ?? 0) : Number((BigInt(paid[n / 2 - 1] ?? 0) + BigInt(paid[n / 2] ?? 0)) / 2n);
  return {
    outcome: o,
    totals: o.totals,
    funded: n,
    capped: o.ids.filter((_, i) => o.capsBound(i).length > 0).length,
    mean: n === 0 ? 0 : Number(sum / BigInt(n)),
    median,
  };
}

describe('properties', () => {
  const pathArb = fc.constantFrom(BUDGET_PATH, ...Object.keys(VALUES));
  const valuesFor = (path: string) =>
    fc.array(path === BUDGET_PATH ? budget.map((b) => formatJson(b)) : (VALUES[path] as fc.Arbitrary<string>), {
      minLength: 1,
      maxLength: 4,
    });

  it('every sweep point equals a separate evaluation (totals, funded, capped, mean, median, groups)', () => {
    fc.assert(
      fc.property(
        population,
        overrides,
        budget,
        method,
        pathArb.chain((p) => fc.tuple(fc.constant(p), valuesFor(p))),
        (table, base, b, m, [path, values]) => {
          fc.pre(!base.some((o) => o.path === path));
          const baseline = baselineOf(b, m, base);
          const s = unwrap(sweep(rdIncentiveEvaluator(table), baseline, [unwrap(axis(path, { values }))], { groups: true }));
          expect(Object.keys(s.points[0]?.groups ?? {})).toEqual(['scale', 'city', 'industry', 'high_tech', 'gazelle']);
          s.points.forEach((point, k) => {
            const expected = separately(table, baseline, path, values[k] ?? '');
            expect(point.totals).toEqual(totalsOf(expected.totals));
            expect([point.metrics.funded, point.metrics.capped, point.metrics.meanAward, point.metrics.medianAward]).toEqual([
              expected.funded,
              expected.capped,
              expected.mean,
              expected.median,
            ]);
            for (const rows of Object.values(point.groups)) {
              expect(rows.reduce((x, r) => x + r.cost, 0)).toBe(point.metrics.cost);
              expect(rows.reduce((x, r) => x + r.funded, 0)).toBe(point.metrics.funded);
            }
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the R&D evaluator gives every award and cap of the programme's own evaluation, point after point", () => {
    fc.assert(
      fc.property(population, fc.array(fc.tuple(overrides, budget), { minLength: 1, maxLength: 5 }), method, (table, points, m) => {
        const fast = rdIncentiveEvaluator(table);
        const plain = programmeEvaluator(rdIncentiveProgramme, table);
        for (const [list, b] of points) {
          const parameters = unwrap(rdIncentiveRegistry.resolve('2021-06-30', list));
          const x = unwrap(fast.evaluate(parameters, b, m));
          const y = unwrap(plain.evaluate(parameters, b, m));
          expect([Array.from(x.awards), Array.from(x.entitlements), Array.from(x.capped), x.totals]).toEqual([
            Array.from(y.awards),
            Array.from(y.entitlements),
            Array.from(y.capped),
            x.totals,
          ]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
