import type { Decimal } from 'decimal.js';
import type { Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import { cappedRequest } from '../common/exact.js';
import { entitlementOf, type AmountRule } from '../common/entitlements.js';
import type { TraceStep } from '../trace.js';
import type { NevProject } from './applicants.js';
import { PATHS } from './parameters.js';

/** The rule's parameters on one date, typed. */
export interface NevSupportRule extends AmountRule<NevProject> {
  readonly projectCap: Fen;
}

export function compileNevSupportRule(parameters: ParameterSet): NevSupportRule {
  const rule: NevSupportRule = {
    parameters,
    unitPath: PATHS.roundingUnit,
    projectCap: parameters.get(PATHS.projectCap, 'amount').value,
    amount: (project, trace) => nevSupportAmount(project, rule, trace),
  };
  return rule;
}

/** A project's entitlement in fen: its amount rounded down once to nev_support.rounding_unit, traced. */
export function nevSupportEntitlement(project: NevProject, rule: NevSupportRule, trace?: TraceStep[]): Fen {
  return entitlementOf(rule, project, trace);
}

/** A project's exact amount in fen before the one rounding: min(requested, project_cap), traced. */
export function nevSupportAmount(
  project: NevProject,
  rule: Pick<NevSupportRule, 'parameters' | 'projectCap'>,
  trace?: TraceStep[],
): Decimal {
  const cap = { amount: rule.projectCap, path: PATHS.projectCap, rule: 'amount = min(requested, project_cap)' };
  return cappedRequest(project.requested, cap, rule.parameters, trace);
}
