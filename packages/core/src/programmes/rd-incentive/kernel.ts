import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { explainEntitlement } from './explain.js';
import type { RdRule } from './rule.js';

/**
 * Every firm's entitlement in fen, exactly, fast: the rule on integers scaled by D (rule.ts),
 * one pass over the columns with no allocation per firm. A firm whose amounts are beyond the
 * safe-integer limit takes the decimal reference path instead, so the answer is exact always.
 */
export function computeEntitlements(table: EnterpriseTable, rule: RdRule): Float64Array {
  const n = table.count;
  const out = new Float64Array(n);
  const s = rule.scaled;
  if (s === undefined) {
    for (let i = 0; i < n; i++) out[i] = explainEntitlement(table, i, rule);
    return out;
  }
  const { scale, tierMin, tierRate, amountLimit } = s;
  const tiers = tierMin.length;
  const unitScaled = rule.roundingUnit * scale;
  const { revenue, rdExpense, rdExpensePrev, scale: sizes, highTech, gazelle, superDeduction } = table;
  for (let i = 0; i < n; i++) {
    if (superDeduction[i] !== 1) continue;
    const rev = revenue[i] as number;
    const rd = rdExpense[i] as number;
    const prev = rdExpensePrev[i] as number;
    if (rev > amountLimit || rd > amountLimit || prev > amountLimit) {
      out[i] = explainEntitlement(table, i, rule);
      continue;
    }
    const increment = rd > prev ? rd - prev : 0;
    const rdScaled = rd * scale;
    const above = sizes[i] === SCALE_ABOVE;
    let inc: number;
    if (above) {
      let rate = 0;
      for (let t = tiers - 1; t >= 0; t--) {
        if ((tierMin[t] as number) * rev <= rdScaled) {
          rate = tierRate[t] as number;
          break;
        }
      }
      inc = increment * rate;
      if (inc > s.capAbove) inc = s.capAbove;
    } else {
      inc = increment * s.rateBelow;
      if (inc > s.capBelow) inc = s.capBelow;
    }
    let base = inc;
    if (highTech[i] === 1 || gazelle[i] === 1) {
      let ht = rd * s.highTechRate;
      if (ht > s.highTechCap) ht = s.highTechCap;
      if (ht > base) base = ht;
    }
    if (above && rd >= rule.specialMinRdExpense && rdScaled >= s.specialKeep * prev && s.specialMinIntensity * rev <= rdScaled) {
      let sp = rd * s.specialRate;
      if (sp > s.specialCap) sp = s.specialCap;
      base += sp;
    }
    if (base > s.firmCap) base = s.firmCap;
    // floor(base / (D·u)) · u, exact: both are safe integers; correct the double quotient.
    let units = Math.floor(base / unitScaled);
    if (units * unitScaled > base) units -= 1;
    out[i] = units * rule.roundingUnit;
  }
  return out;
}
