import fc from 'fast-check';
import { unwrap } from '../../errors/index.js';
import { fen, formatJson, type Fen } from '../../money/index.js';
import type { Override } from '../../parameters/index.js';
import {
  enterprisesFromRecords,
  rdIncentiveProgramme,
  rdIncentiveRegistry,
  type EnterpriseTable,
} from '../../programmes/rd-incentive/index.js';
import type { Baseline } from '../../programmes/baseline.js';

/** Test helpers shared by the compare and sweep tests. */

export const DATE = '2021-06-30';

export function baselineOf(budget: number, method: string, overrides: readonly Override[] = []): Baseline<EnterpriseTable> {
  return {
    programme: rdIncentiveProgramme,
    registry: rdIncentiveRegistry,
    parameters: unwrap(rdIncentiveRegistry.resolve(DATE, overrides)),
    budget: fen(budget),
    method,
  };
}

const tableOf = (records: readonly unknown[]): EnterpriseTable => unwrap(enterprisesFromRecords(records));

const amountFen = (max: number) => fc.integer({ min: 0, max });

/** Small random populations: every shape of firm the rule distinguishes, amounts up to 10亿. */
export const population = fc
  .array(
    fc.record({
      scale: fc.constantFrom('above', 'below'),
      revenue: fc.integer({ min: 1, max: 100_000_000_000 }),
      rd: amountFen(20_000_000_000),
      prev: amountFen(20_000_000_000),
      high_tech: fc.boolean(),
      gazelle: fc.boolean(),
      super_deduction: fc.boolean(),
      city: fc.constantFrom('南宁', '柳州', '桂林', undefined),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((firms) =>
    tableOf(
      firms.map((f, i) => ({
        id: `F${String(i).padStart(2, '0')}`,
        scale: f.scale,
        revenue: formatJson(f.revenue),
        rd_expense: formatJson(f.rd),
        rd_expense_prev: formatJson(f.prev),
        high_tech: f.high_tech,
        gazelle: f.gazelle,
        super_deduction: f.super_deduction,
        ...(f.city === undefined ? {} : { city: f.city }),
      })),
    ),
  );

const rate = fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2));
const cap = amountFen(2_000_000_000).map(formatJson);

/** One random value for each of the rule's steppable parameters. */
export const VALUES: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'rd_incentive.increment.cap_above': cap,
  'rd_incentive.increment.cap_below': cap,
  'rd_incentive.increment.rate_below': rate,
  'rd_incentive.high_tech.rate': rate,
  'rd_incentive.high_tech.cap': cap,
  'rd_incentive.special.rate': rate,
  'rd_incentive.special.min_rd_expense': cap,
  'rd_incentive.firm_cap': cap,
};

/** A random list of overrides of distinct parameters. */
export const overrides: fc.Arbitrary<Override[]> = fc
  .subarray(Object.keys(VALUES))
  .chain((paths) => fc.tuple(...paths.map((path) => (VALUES[path] as fc.Arbitrary<string>).map((value): Override => ({ path, value })))))
  .map((list) => [...list]);

export const method = fc.constantFrom('pro_rata', 'uniform_cap', 'ranked');
export const budget: fc.Arbitrary<Fen> = fc.integer({ min: 0, max: 5_000_000_000 }).map(fen);

/**
 * Four firms, worked by hand (docs/rd-incentive.md), parameters of 2021-06-30, envelope 1000万:
 *   A above, revenue 1亿, R&D 600万 (6% → 20% tier), increment 600万 → 120万
 *   B above, revenue 10亿, R&D 6000万 (6% → 20%), increment 5000万 → 1000万, cap 500万 (reform: 800万)
 *   C above, revenue 10亿, R&D 4000万 (4% → 15%), increment 4000万 → 600万, cap 500万 (reform: not capped)
 *   D below, revenue 1000万, R&D 100万, high-tech: max(8% × 100万, 20% × 100万) = 20万
 * Baseline E = 1140万 > B: pro rata shares e × 1000/1140 in fen, floors 105,263,157, 438,596,491 ×2,
 *   17,543,859 (Σ 999,999,998); the 2 fen left go to the largest remainders, A (.89) and D (.65).
 * Reform (cap_above 800万) E = 1540万: shares e × 1000/1540, floors 77,922,077, 519,480,519,
 *   389,610,389, 12,987,012 (Σ 999,999,997); 3 fen to D (.99), A (.92), C (.61).
 */
export const FIRMS = tableOf([
  { id: 'A', scale: 'above', revenue: '1亿', rd_expense: '600万', rd_expense_prev: '0', city: '南宁' },
  { id: 'B', scale: 'above', revenue: '10亿', rd_expense: '6000万', rd_expense_prev: '1000万', city: '柳州' },
  { id: 'C', scale: 'above', revenue: '10亿', rd_expense: '4000万', rd_expense_prev: '0', city: '南宁' },
  { id: 'D', scale: 'below', revenue: '1000万', rd_expense: '100万', rd_expense_prev: '0', high_tech: true },
]);
