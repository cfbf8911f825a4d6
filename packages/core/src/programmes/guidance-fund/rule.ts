import { compareCodePoints } from '../../allocation/index.js';
import type { Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import type { TraceStep } from '../trace.js';
import type { GuidanceProject } from './applicants.js';
import { cappedRequest, roundToEntitlement, traceParameter } from '../common/exact.js';
import { ruleParameters, type RuleParameters } from '../common/rule-parameters.js';
import { PATHS } from './parameters.js';

const RULE = {
  maxPerProject: [PATHS.maxPerProject, 'amount'],
  minScore: [PATHS.minScore, 'decimal'],
  partialMarginal: [PATHS.partialMarginal, 'boolean'],
} as const;

/** The rule's parameters on one date, typed. */
export type GuidanceRule = RuleParameters<typeof RULE>;

export function compileGuidanceRule(parameters: ParameterSet): GuidanceRule {
  return ruleParameters(parameters, RULE);
}

/**
 * A project's entitlement in fen (README.md, "The rule"), with every step recorded in `trace`
 * when one is given:
 * 1. a project scoring below min_score gets 0 ("below minimum score");
 * 2. grant = min(requested, max_per_project);
 * 3. entitlement = grant rounded down to rounding_unit.
 */
export function guidanceEntitlement(project: GuidanceProject, rule: GuidanceRule, trace?: TraceStep[]): Fen {
  const { parameters } = rule;
  const eligible = project.score.gte(rule.minScore);
  trace?.push({
    step: 'eligibility',
    rule: 'only a project whose review score is at least min_score is funded',
    inputs: { score: project.score.toFixed() },
    parameters: [traceParameter(parameters, PATHS.minScore, 'decimal')],
    branch: eligible ? 'eligible: score ≥ min_score' : 'below minimum score: 0',
    result: eligible ? 'eligible' : '0.00',
  });
  if (!eligible) return 0 as Fen;

  const cap = { amount: rule.maxPerProject, path: PATHS.maxPerProject, rule: 'grant = min(requested, max_per_project)' };
  const grant = cappedRequest(project.requested, cap, parameters, trace);

  const { entitlement, step } = roundToEntitlement(grant, parameters, PATHS.roundingUnit);
  trace?.push(step);
  return entitlement;
}

/** The order of `ranked`: review score descending, ties by id in Unicode code-point order. */
export function rankByScore(projects: readonly GuidanceProject[]): (a: number, b: number) => number {
  return (a, b) => {
    const pa = projects[a];
    const pb = projects[b];
    if (pa === undefined || pb === undefined) throw new RangeError(`no project ${pa === undefined ? a : b}`);
    return pb.score.comparedTo(pa.score) || compareCodePoints(pa.id, pb.id);
  };
}
