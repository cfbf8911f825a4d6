/**
 * The two peers the exact engine is measured against (issue: foundation, "Performance").
 * Neither is used by the product.
 */
import { Decimal } from 'decimal.js';
import quickselect from 'quickselect';
import { compareCodePoints } from '../src/allocation/index.js';
import { explainEntitlement, type EnterpriseTable, type RdRule } from '../src/programmes/rd-incentive/index.js';

/** Inputs in yuan as float64, as a spreadsheet or a quick script would hold them. */
export interface FloatColumns {
  revenue: Float64Array;
  rd: Float64Array;
  prev: Float64Array;
}

export function toFloatColumns(table: EnterpriseTable): FloatColumns {
  return {
    revenue: table.revenue.map((v) => v / 100),
    rd: table.rdExpense.map((v) => v / 100),
    prev: table.rdExpensePrev.map((v) => v / 100),
  };
}

/** The same rule and pro-rata envelope in plain float64 arithmetic, in yuan. */
export function floatLoop(
  table: EnterpriseTable,
  cols: FloatColumns,
  budget: number,
): { awards: Float64Array; entitlements: Float64Array } {
  const n = table.count;
  const tiersMin = [0, 0.03, 0.05];
  const tiersRate = [0.1, 0.15, 0.2];
  const ent = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (table.superDeduction[i] !== 1) continue;
    const rev = cols.revenue[i] as number;
    const rd = cols.rd[i] as number;
    const prev = cols.prev[i] as number;
    const increment = Math.max(0, rd - prev);
    const intensity = rev > 0 ? rd / rev : 0;
    let inc: number;
    if (table.scale[i] === 1) {
      let rate = 0;
      for (let t = 2; t >= 0; t--) {
        if (intensity >= (tiersMin[t] as number)) {
          rate = tiersRate[t] as number;
          break;
        }
      }
      inc = Math.min(increment * rate, 5_000_000);
    } else {
      inc = Math.min(increment * 0.08, 2_000_000);
    }
    const ht = table.highTech[i] === 1 || table.gazelle[i] === 1 ? Math.min(rd * 0.2, 500_000) : 0;
    let total = Math.max(inc, ht);
    if (table.scale[i] === 1 && rd >= 100_000_000 && rd >= 0.9 * prev && intensity >= 0.03) total += Math.min(rd * 0.02, 3_000_000);
    ent[i] = Math.floor(Math.min(total, 8_000_000) * 100) / 100;
  }
  let e = 0;
  for (let i = 0; i < n; i++) e += ent[i] as number;
  const awards = new Float64Array(n);
  if (e <= budget) return { awards: ent.slice(), entitlements: ent };
  const rem = new Float64Array(n);
  let floored = 0;
  for (let i = 0; i < n; i++) {
    const share = ((ent[i] as number) * budget) / e;
    const a = Math.floor(share * 100) / 100;
    awards[i] = a;
    rem[i] = share - a;
    floored += a;
  }
  const k = Math.round((budget - floored) * 100);
  const order = Array.from({ length: n }, (_, i) => i);
  if (k > 0 && k < n)
    quickselect(
      order,
      k - 1,
      0,
      n - 1,
      (a, b) => (rem[b] as number) - (rem[a] as number) || compareCodePoints(table.ids[a] ?? '', table.ids[b] ?? ''),
    );
  for (let j = 0; j < k; j++) awards[order[j] as number] = (awards[order[j] as number] as number) + 0.01;
  return { awards, entitlements: ent };
}

/** The rule and pro-rata envelope with every operation in decimal.js (the naive exact approach). */
export function naiveDecimal(table: EnterpriseTable, rule: RdRule, budgetFen: number): Decimal[] {
  const n = table.count;
  const ent: Decimal[] = [];
  let e = new Decimal(0);
  for (let i = 0; i < n; i++) {
    const v = new Decimal(explainEntitlement(table, i, rule)).div(100);
    ent.push(v);
    e = e.plus(v);
  }
  const budget = new Decimal(budgetFen).div(100);
  if (e.lte(budget)) return ent;
  const unit = new Decimal('0.01');
  const awards: Decimal[] = [];
  const rems: { i: number; r: Decimal }[] = [];
  let floored = new Decimal(0);
  for (let i = 0; i < n; i++) {
    const share = (ent[i] as Decimal).times(budget).div(e);
    const a = share.div(unit).floor().times(unit);
    awards.push(a);
    rems.push({ i, r: share.minus(a) });
    floored = floored.plus(a);
  }
  const k = budget.minus(floored).div(unit).floor().toNumber();
  rems.sort((x, y) => y.r.comparedTo(x.r) || compareCodePoints(table.ids[x.i] ?? '', table.ids[y.i] ?? ''));
  for (let j = 0; j < k; j++) {
    const w = rems[j] as { i: number };
    awards[w.i] = (awards[w.i] as Decimal).plus(unit);
  }
  return awards;
}
