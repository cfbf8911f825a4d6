import type { Rate } from '../../exact/index.js';
import type { Fen } from '../../money/index.js';
import type { ParameterKind, ParameterSet, ResolvedParameter, Tier } from '../../parameters/index.js';

export const PATHS = {
  tiersAbove: 'rd_incentive.increment.tiers_above',
  rateBelow: 'rd_incentive.increment.rate_below',
  capAbove: 'rd_incentive.increment.cap_above',
  capBelow: 'rd_incentive.increment.cap_below',
  highTechRate: 'rd_incentive.high_tech.rate',
  highTechCap: 'rd_incentive.high_tech.cap',
  specialRate: 'rd_incentive.special.rate',
  specialCap: 'rd_incentive.special.cap',
  specialMinRdExpense: 'rd_incentive.special.min_rd_expense',
  specialMaxDecline: 'rd_incentive.special.max_decline',
  specialMinIntensity: 'rd_incentive.special.min_intensity',
  firmCap: 'rd_incentive.firm_cap',
  roundingUnit: 'rd_incentive.rounding_unit',
} as const;

/** The rule's parameters on one date, typed, plus an integer form for the fast kernel. */
export interface RdRule {
  readonly parameters: ParameterSet;
  readonly tiersAbove: readonly Tier[];
  readonly rateBelow: Rate;
  readonly capAbove: Fen;
  readonly capBelow: Fen;
  readonly highTechRate: Rate;
  readonly highTechCap: Fen;
  readonly specialRate: Rate;
  readonly specialCap: Fen;
  readonly specialMinRdExpense: Fen;
  readonly specialMaxDecline: Rate;
  readonly specialMinIntensity: Rate;
  readonly firmCap: Fen;
  readonly roundingUnit: Fen;
  /** Undefined when the rates need more digits than safe integers allow: every firm then takes the exact decimal path. */
  readonly scaled: ScaledRule | undefined;
}

/**
 * Every rate as an integer over one power of ten D, and every cap pre-multiplied by D, so one
 * firm's entitlement is a handful of integer multiplications and comparisons on doubles that
 * stay below 2^53 (checked through `amountLimit`).
 */
interface ScaledRule {
  readonly scale: number;
  readonly tierMin: Float64Array;
  readonly tierRate: Float64Array;
  readonly rateBelow: number;
  readonly capAbove: number;
  readonly capBelow: number;
  readonly highTechRate: number;
  readonly highTechCap: number;
  readonly specialRate: number;
  readonly specialCap: number;
  readonly specialKeep: number; // D × (1 − max_decline)
  readonly specialMinIntensity: number;
  readonly firmCap: number;
  /** Amounts (fen) up to this keep every product and sum of the kernel a safe integer. */
  readonly amountLimit: number;
}

export function compileRule(parameters: ParameterSet): RdRule {
  const get = <K extends ParameterKind>(path: string, kind: K): ResolvedParameter<K>['value'] => parameters.get(path, kind).value;
  const rule = {
    parameters,
    tiersAbove: get(PATHS.tiersAbove, 'tiers'),
    rateBelow: get(PATHS.rateBelow, 'rate'),
    capAbove: get(PATHS.capAbove, 'amount'),
    capBelow: get(PATHS.capBelow, 'amount'),
    highTechRate: get(PATHS.highTechRate, 'rate'),
    highTechCap: get(PATHS.highTechCap, 'amount'),
    specialRate: get(PATHS.specialRate, 'rate'),
    specialCap: get(PATHS.specialCap, 'amount'),
    specialMinRdExpense: get(PATHS.specialMinRdExpense, 'amount'),
    specialMaxDecline: get(PATHS.specialMaxDecline, 'rate'),
    specialMinIntensity: get(PATHS.specialMinIntensity, 'rate'),
    firmCap: get(PATHS.firmCap, 'amount'),
    roundingUnit: get(PATHS.roundingUnit, 'unit'),
  };
  return { ...rule, scaled: scaleRule(rule) };
}

const MAX_SCALE_DIGITS = 9;

function scaleRule(rule: Omit<RdRule, 'scaled'>): ScaledRule | undefined {
  const rates = [
    ...rule.tiersAbove.flatMap((t) => [t.minIntensity, t.rate]),
    rule.rateBelow,
    rule.highTechRate,
    rule.specialRate,
    rule.specialMaxDecline,
    rule.specialMinIntensity,
  ];
  const digits = Math.max(0, ...rates.map((r) => r.decimalPlaces()));
  if (digits > MAX_SCALE_DIGITS) return undefined;
  const scale = 10 ** digits;
  const int = (r: Rate): number => r.times(scale).toNumber();
  // Products are amount × (≤ D) and sums of two of them: keep 2·D·amount below 2^53.
  const amountLimit = Math.floor(Number.MAX_SAFE_INTEGER / (2 * scale));
  const caps = [rule.capAbove, rule.capBelow, rule.highTechCap, rule.specialCap, rule.firmCap];
  if ([...caps, rule.roundingUnit].some((c) => c > amountLimit)) return undefined;
  return {
    scale,
    tierMin: Float64Array.from(rule.tiersAbove, (t) => int(t.minIntensity)),
    tierRate: Float64Array.from(rule.tiersAbove, (t) => int(t.rate)),
    rateBelow: int(rule.rateBelow),
    capAbove: rule.capAbove * scale,
    capBelow: rule.capBelow * scale,
    highTechRate: int(rule.highTechRate),
    highTechCap: rule.highTechCap * scale,
    specialRate: int(rule.specialRate),
    specialCap: rule.specialCap * scale,
    specialKeep: scale - int(rule.specialMaxDecline),
    specialMinIntensity: int(rule.specialMinIntensity),
    firmCap: rule.firmCap * scale,
    amountLimit,
  };
}
