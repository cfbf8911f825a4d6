import type { Decimal } from 'decimal.js';
import { rateToString, type Rate } from '../../exact/index.js';
import type { Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import { exactFen, showYuan, traceParameter } from '../common/exact.js';
import { ruleParameters } from '../common/rule-parameters.js';
import { entitlementOf, type AmountRule } from '../common/entitlements.js';
import type { TraceStep } from '../trace.js';
import type { DigitalApplicant } from './applicants.js';
import { PATHS } from './parameters.js';

/** The rule's parameters on one date, typed. */
export interface DigitalSubsidyRule extends AmountRule<DigitalApplicant> {
  readonly resourceShare: Rate;
  readonly resourceCap: Fen;
  readonly cashCapEnterprise: Fen;
  readonly cashCapUniversity: Fen;
}

export function compileDigitalSubsidyRule(parameters: ParameterSet): DigitalSubsidyRule {
  const rule: DigitalSubsidyRule = {
    ...ruleParameters(parameters, {
      resourceShare: [PATHS.resourceShare, 'rate'],
      resourceCap: [PATHS.resourceCap, 'amount'],
      cashCapEnterprise: [PATHS.cashCapEnterprise, 'amount'],
      cashCapUniversity: [PATHS.cashCapUniversity, 'amount'],
    }),
    unitPath: PATHS.roundingUnit,
    amount: (applicant, trace) => digitalSubsidyAmount(applicant, rule, trace),
  };
  return rule;
}

/** An applicant's entitlement in fen: its amount rounded down once to digital_subsidy.rounding_unit, traced. */
export function digitalSubsidyEntitlement(applicant: DigitalApplicant, rule: DigitalSubsidyRule, trace?: TraceStep[]): Fen {
  return entitlementOf(rule, applicant, trace);
}

/**
 * An applicant's exact amount in fen before the one rounding (README.md, "The rule"), every
 * step recorded in `trace` when one is given:
 * 1. resource line = min(resource_requested × resource_share, resource_cap);
 * 2. cash line = min(cash_requested, the cash cap of the applicant's kind);
 * 3. amount = resource line + cash line.
 */
export function digitalSubsidyAmount(
  applicant: DigitalApplicant,
  rule: Omit<DigitalSubsidyRule, 'amount' | 'unitPath'>,
  trace?: TraceStep[],
): Decimal {
  const { parameters } = rule;
  const covered = exactFen(applicant.resource_requested).times(rule.resourceShare);
  const resourceCapped = covered.gt(rule.resourceCap);
  const resource = resourceCapped ? exactFen(rule.resourceCap) : covered;
  trace?.push({
    step: 'resource_line',
    rule: 'resource line = min(resource_requested × resource_share, resource_cap)',
    inputs: { resource_requested: showYuan(applicant.resource_requested) },
    parameters: [traceParameter(parameters, PATHS.resourceShare, 'rate'), traceParameter(parameters, PATHS.resourceCap, 'amount')],
    branch: resourceCapped
      ? `${showYuan(covered)} covered at ${rateToString(rule.resourceShare)} is above the cap: capped`
      : `covered at ${rateToString(rule.resourceShare)}, within the cap`,
    ...(resourceCapped ? { bound: PATHS.resourceCap } : {}),
    result: showYuan(resource),
  });

  const university = applicant.kind === 'university';
  const cashCapPath = university ? PATHS.cashCapUniversity : PATHS.cashCapEnterprise;
  const cashCap = university ? rule.cashCapUniversity : rule.cashCapEnterprise;
  const cashCapped = applicant.cash_requested > cashCap;
  const cash = exactFen(cashCapped ? cashCap : applicant.cash_requested);
  trace?.push({
    step: 'cash_line',
    rule: 'cash line = min(cash_requested, the cash cap of the applicant’s kind)',
    inputs: { kind: applicant.kind, cash_requested: showYuan(applicant.cash_requested) },
    parameters: [traceParameter(parameters, cashCapPath, 'amount')],
    branch: `${university ? 'university: cash_cap_university' : 'enterprise: cash_cap_enterprise'}; ${cashCapped ? 'requested is above the cap: capped' : 'requested is within the cap'}`,
    ...(cashCapped ? { bound: cashCapPath } : {}),
    result: showYuan(cash),
  });

  const amount = resource.plus(cash);
  trace?.push({
    step: 'total',
    rule: 'amount = resource line + cash line',
    inputs: { resource_line: showYuan(resource), cash_line: showYuan(cash) },
    result: showYuan(amount),
  });
  return amount;
}
