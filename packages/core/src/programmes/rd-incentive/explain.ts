import { Decimal } from 'decimal.js';
import { Exact, rateToString } from '../../exact/index.js';
import type { ParameterKind } from '../../parameters/index.js';
import { SCALE_ABOVE, type EnterpriseTable } from './enterprises.js';
import { PATHS, type RdRule } from './rule.js';
import type { TraceParameter, TraceStep } from '../trace.js';

const yuan = (fen: number): Decimal => new Exact(fen).div(100);
const show = (d: Decimal): string => (d.decimalPlaces() < 2 ? d.toFixed(2) : d.toFixed());
const bool = (flag: number | undefined): string => (flag === 1 ? 'true' : 'false');

/** An award of the rule: amount × rate, capped at cap (in fen), and whether the cap bound it. */
function cappedAward(amount: Decimal, rate: Decimal, capFen: number): { readonly award: Decimal; readonly bound: boolean } {
  const raw = amount.times(rate);
  const cap = yuan(capFen);
  return { award: Exact.min(raw, cap), bound: raw.gt(cap) };
}
const NO_AWARD = { award: new Exact(0), bound: false } as const;

/** Intensity as a short decimal for people; comparisons never use this rounded form. */
function showIntensity(rd: Decimal, revenue: Decimal): string {
  if (revenue.isZero()) return 'undefined (revenue 0)';
  // Display only: 20 significant digits are plenty to show 8; the rule itself never divides.
  const exact = new Decimal(rd).div(revenue);
  const shown = exact.toSignificantDigits(8);
  return shown.eq(exact) ? shown.toFixed() : `≈${shown.toFixed()}`;
}

/** rd / revenue (fen) as the intensity step shows it, in decimal.js: the reference of common/trace-text.ts's `intensityText`. */
export function intensityTextReference(rd: number, revenue: number): string {
  return showIntensity(yuan(rd), yuan(revenue));
}

/**
 * The rule step by step in decimal.js, exactly as docs/rd-incentive.md states it: the reference
 * implementation, the source of every explanation trace, and the path the fast kernel takes
 * for amounts too large for its safe-integer arithmetic. Returns the entitlement in fen.
 */
export function explainEntitlement(table: EnterpriseTable, i: number, rule: RdRule, trace?: TraceStep[]): number {
  const param = (path: string, kind: ParameterKind): TraceParameter => {
    const p = rule.parameters.get(path, kind);
    return { path, value: p.display, source: p.definition.source.citation, assumption: p.definition.assumption };
  };
  const record = (step: TraceStep): void => {
    trace?.push(step);
  };
  const above = table.scale[i] === SCALE_ABOVE;
  const rd = yuan(table.rdExpense[i] ?? 0);
  const prev = yuan(table.rdExpensePrev[i] ?? 0);
  const revenue = yuan(table.revenue[i] ?? 0);

  // 1. eligibility
  if (table.superDeduction[i] !== 1) {
    record({
      step: 'eligibility',
      rule: 'only firms that enjoy the R&D super deduction (享受加计扣除) are eligible',
      inputs: { super_deduction: 'false' },
      branch: 'not eligible: no super deduction',
      result: '0.00',
    });
    return 0;
  }
  record({
    step: 'eligibility',
    rule: 'only firms that enjoy the R&D super deduction (享受加计扣除) are eligible',
    inputs: { super_deduction: 'true' },
    branch: 'eligible',
    result: 'eligible',
  });

  // 2. increment and intensity
  const increment = Exact.max(0, rd.minus(prev));
  record({
    step: 'increment',
    rule: 'increment = max(0, rd_expense − rd_expense_prev)',
    inputs: { rd_expense: show(rd), rd_expense_prev: show(prev) },
    result: show(increment),
  });
  record({
    step: 'intensity',
    rule: 'intensity = rd_expense / revenue',
    inputs: { rd_expense: show(rd), revenue: show(revenue) },
    result: showIntensity(rd, revenue),
  });

  // 3. increment award
  let inc: Decimal;
  if (above) {
    let tier = -1;
    rule.tiersAbove.forEach((t, k) => {
      if (rd.gte(t.minIntensity.times(revenue))) tier = k;
    });
    const rate = tier >= 0 ? (rule.tiersAbove[tier]?.rate ?? new Exact(0)) : new Exact(0);
    const { award, bound } = cappedAward(increment, rate, rule.capAbove);
    inc = award;
    const t = rule.tiersAbove[tier];
    record({
      step: 'increment_award',
      rule: 'above-scale: increment × rate of the highest tier with min_intensity ≤ intensity, capped at cap_above',
      inputs: { increment: show(increment), scale: 'above' },
      parameters: [param(PATHS.tiersAbove, 'tiers'), param(PATHS.capAbove, 'amount')],
      branch:
        t === undefined
          ? 'no tier applies: rate 0'
          : `tier ${tier + 1}: min_intensity ${rateToString(t.minIntensity)} ≤ intensity, rate ${rateToString(t.rate)}`,
      ...(bound ? { bound: PATHS.capAbove } : {}),
      result: show(inc),
    });
  } else {
    const { award, bound } = cappedAward(increment, rule.rateBelow, rule.capBelow);
    inc = award;
    record({
      step: 'increment_award',
      rule: 'below-scale: increment × rate_below, capped at cap_below',
      inputs: { increment: show(increment), scale: 'below' },
      parameters: [param(PATHS.rateBelow, 'rate'), param(PATHS.capBelow, 'amount')],
      branch: `rate ${rateToString(rule.rateBelow)}`,
      ...(bound ? { bound: PATHS.capBelow } : {}),
      result: show(inc),
    });
  }

  // 4. high-tech / gazelle award
  const qualifies = table.highTech[i] === 1 || table.gazelle[i] === 1;
  const { award: ht, bound: htBound } = qualifies ? cappedAward(rd, rule.highTechRate, rule.highTechCap) : NO_AWARD;
  record({
    step: 'high_tech_award',
    rule: 'high-tech (高新技术企业) or gazelle (瞪羚企业) firms: rd_expense × high_tech.rate, capped at high_tech.cap',
    inputs: { high_tech: bool(table.highTech[i]), gazelle: bool(table.gazelle[i]), rd_expense: show(rd) },
    parameters: [param(PATHS.highTechRate, 'rate'), param(PATHS.highTechCap, 'amount')],
    branch: qualifies ? 'qualifies' : 'neither high-tech nor gazelle: 0',
    ...(htBound ? { bound: PATHS.highTechCap } : {}),
    result: show(ht),
  });

  // 5. base: the larger, not cumulative
  const base = Exact.max(inc, ht);
  record({
    step: 'base',
    rule: 'base = max(increment award, high-tech award): not cumulative (就高不重复)',
    inputs: { increment_award: show(inc), high_tech_award: show(ht) },
    branch: ht.gt(inc) ? 'high-tech award is larger' : 'increment award is larger or equal',
    result: show(base),
  });

  // 6. special award, above only
  let sp = new Exact(0);
  if (above) {
    const failed: string[] = [];
    if (rd.lt(yuan(rule.specialMinRdExpense))) failed.push('rd_expense below special.min_rd_expense');
    if (rd.lt(new Exact(1).minus(rule.specialMaxDecline).times(prev))) failed.push('rd_expense fell by more than special.max_decline');
    if (rd.lt(rule.specialMinIntensity.times(revenue))) failed.push('intensity below special.min_intensity');
    const special = failed.length === 0 ? cappedAward(rd, rule.specialRate, rule.specialCap) : NO_AWARD;
    sp = special.award;
    record({
      step: 'special_award',
      rule: 'above-scale firms with rd_expense ≥ min_rd_expense, rd_expense ≥ (1 − max_decline) × rd_expense_prev and intensity ≥ min_intensity: rd_expense × special.rate, capped at special.cap',
      inputs: { rd_expense: show(rd), rd_expense_prev: show(prev), revenue: show(revenue) },
      parameters: [
        param(PATHS.specialMinRdExpense, 'amount'),
        param(PATHS.specialMaxDecline, 'rate'),
        param(PATHS.specialMinIntensity, 'rate'),
        param(PATHS.specialRate, 'rate'),
        param(PATHS.specialCap, 'amount'),
      ],
      branch: failed.length === 0 ? 'all conditions met' : `not met: ${failed.join('; ')}`,
      ...(special.bound ? { bound: PATHS.specialCap } : {}),
      result: show(sp),
    });
  }

  // 7. firm cap and rounding
  const summed = base.plus(sp);
  const firmCap = yuan(rule.firmCap);
  const capped = Exact.min(summed, firmCap);
  record({
    step: 'firm_cap',
    rule: 'min(base + special award, firm_cap)',
    inputs: { base: show(base), special_award: show(sp) },
    parameters: [param(PATHS.firmCap, 'amount')],
    ...(summed.gt(firmCap) ? { bound: PATHS.firmCap } : {}),
    result: show(capped),
  });
  const unit = yuan(rule.roundingUnit);
  const entitlement = capped.div(unit).floor().times(unit);
  record({
    step: 'rounding',
    rule: 'entitlement = capped amount rounded down to rounding_unit',
    inputs: { amount: show(capped) },
    parameters: [param(PATHS.roundingUnit, 'unit')],
    branch: entitlement.eq(capped) ? 'already a whole unit' : `rounded down by ${show(capped.minus(entitlement))}`,
    result: show(entitlement),
  });
  return entitlement.times(100).toNumber();
}
