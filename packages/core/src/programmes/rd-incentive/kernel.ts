import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { explainEntitlement } from './explain.js';
import type { TraceStep } from '../trace.js';
import type { RdRule } from './rule.js';

/** Bits of `bound`: which caps bound a firm's entitlement (the raw amount exceeded the cap). */
export const BOUND_INCREMENT_CAP = 1;
export const BOUND_HIGH_TECH_CAP = 2;
export const BOUND_SPECIAL_CAP = 4;
export const BOUND_FIRM_CAP = 8;

/** The decimal path, with the caps that bound read off its trace. */
function reference(table: EnterpriseTable, i: number, rule: RdRule, bound: Uint8Array | undefined): number {
  if (bound === undefined) return explainEntitlement(table, i, rule);
  const trace: TraceStep[] = [];
  const entitlement = explainEntitlement(table, i, rule, trace);
  let flags = 0;
  for (const step of trace) {
    if (step.bound === undefined) continue;
    if (step.step === 'increment_award') flags |= BOUND_INCREMENT_CAP;
    else if (step.step === 'high_tech_award') flags |= BOUND_HIGH_TECH_CAP;
    else if (step.step === 'special_award') flags |= BOUND_SPECIAL_CAP;
    else if (step.step === 'firm_cap') flags |= BOUND_FIRM_CAP;
  }
  bound[i] = flags;
  return entitlement;
}

/**
 * Every firm's entitlement in fen, exactly, fast: the rule on integers scaled by D (rule.ts),
 * one pass over the columns with no allocation per firm. A firm whose amounts are beyond the
 * safe-integer limit takes the decimal reference path instead, so the answer is exact always.
 * When `bound` is given, it receives each firm's BOUND_* bits.
 */
export function computeEntitlements(table: EnterpriseTable, rule: RdRule, bound?: Uint8Array): Float64Array {
  const n = table.count;
  const out = new Float64Array(n);
  const s = rule.scaled;
  if (s === undefined) {
    for (let i = 0; i < n; i++) out[i] = reference(table, i, rule, bound);
    return out;
  }
  const { scale, tierMin, tierRate, amountLimit } = s;
  const tiers = tierMin.length;
  const unitScaled = rule.roundingUnit * scale;
  const { revenue, rdExpense, rdExpensePrev, scale: sizes, highTech, gazelle, superDeduction } = table;
  for (let i = 0; i < n; i++) {
    if (superDeduction[i] !== 1) {
      if (bound !== undefined) bound[i] = 0;
      continue;
    }
    const rev = revenue[i] as number;
    const rd = rdExpense[i] as number;
    const prev = rdExpensePrev[i] as number;
    if (rev > amountLimit || rd > amountLimit || prev > amountLimit) {
      out[i] = reference(table, i, rule, bound);
      continue;
    }
    let flags = 0;
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
      if (inc > s.capAbove) {
        inc = s.capAbove;
        flags |= BOUND_INCREMENT_CAP;
      }
    } else {
      inc = increment * s.rateBelow;
      if (inc > s.capBelow) {
        inc = s.capBelow;
        flags |= BOUND_INCREMENT_CAP;
      }
    }
    let base = inc;
    if (highTech[i] === 1 || gazelle[i] === 1) {
      let ht = rd * s.highTechRate;
      if (ht > s.highTechCap) {
        ht = s.highTechCap;
        flags |= BOUND_HIGH_TECH_CAP;
      }
      if (ht > base) base = ht;
    }
    if (above && rd >= rule.specialMinRdExpense && rdScaled >= s.specialKeep * prev && s.specialMinIntensity * rev <= rdScaled) {
      let sp = rd * s.specialRate;
      if (sp > s.specialCap) {
        sp = s.specialCap;
        flags |= BOUND_SPECIAL_CAP;
      }
      base += sp;
    }
    if (base > s.firmCap) {
      base = s.firmCap;
      flags |= BOUND_FIRM_CAP;
    }
    if (bound !== undefined) bound[i] = flags;
    // floor(base / (D·u)) · u, exact: both are safe integers; correct the double quotient.
    let units = Math.floor(base / unitScaled);
    if (units * unitScaled > base) units -= 1;
    out[i] = units * rule.roundingUnit;
  }
  return out;
}
