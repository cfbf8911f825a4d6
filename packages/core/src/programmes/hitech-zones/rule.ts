import type { Decimal } from 'decimal.js';
import { compareCodePoints } from '../../allocation/index.js';
import type { Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import { Exact, exactFen, roundToEntitlement, showYuan, traceParameter } from '../common/exact.js';
import { ruleParameters, type RuleParameters } from '../common/rule-parameters.js';
import type { PriorityClasses } from '../common/envelope.js';
import type { TraceParameter, TraceStep } from '../trace.js';
import type { ZoneApplicant } from './applicants.js';
import { PATHS } from './parameters.js';

const RULE = {
  nationalZoneAward: [PATHS.nationalZoneAward, 'amount'],
  regionalZoneAward: [PATHS.regionalZoneAward, 'amount'],
  rdInstitutionCap: [PATHS.rdInstitutionCap, 'amount'],
  majorProjectMatchRate: [PATHS.majorProjectMatchRate, 'rate'],
  majorProjectCap: [PATHS.majorProjectCap, 'amount'],
  nationalZoneFirst: [PATHS.nationalZoneFirst, 'boolean'],
} as const;

/** The rule's parameters on one date, typed. */
export type ZoneRule = RuleParameters<typeof RULE>;

export function compileZoneRule(parameters: ParameterSet): ZoneRule {
  return ruleParameters(parameters, RULE);
}

/** The zones' one-off awards: a fixed sum, whatever the zone requested. */
const ZONE_AWARD = {
  national_zone: {
    rule: 'a newly approved national high-tech zone: national_zone_award, once',
    path: PATHS.nationalZoneAward,
    award: 'nationalZoneAward',
    branch: 'national zone: fixed award',
  },
  regional_zone: {
    rule: 'a newly approved regional high-tech zone: regional_zone_award, once, chosen on merit (择优) in the envelope',
    path: PATHS.regionalZoneAward,
    award: 'regionalZoneAward',
    branch: 'regional zone: fixed award',
  },
} as const;

interface KindAward {
  readonly rule: string;
  readonly parameters: readonly TraceParameter[];
  readonly branch: string;
  readonly bound?: string;
  readonly amount: Decimal;
}

/** The award of each kind of applicant before rounding (README.md, "The rule"). */
function awardOf(applicant: ZoneApplicant, rule: ZoneRule): KindAward {
  const param = (path: string, kind: 'amount' | 'rate'): TraceParameter => traceParameter(rule.parameters, path, kind);
  const requested = exactFen(applicant.requested ?? 0);
  switch (applicant.kind) {
    case 'national_zone':
    case 'regional_zone': {
      const zone = ZONE_AWARD[applicant.kind];
      return { rule: zone.rule, parameters: [param(zone.path, 'amount')], branch: zone.branch, amount: exactFen(rule[zone.award]) };
    }
    case 'rd_institution': {
      const capped = requested.gt(rule.rdInstitutionCap);
      return {
        rule: 'a new regional R&D institution in a zone: min(requested, rd_institution_cap)',
        parameters: [param(PATHS.rdInstitutionCap, 'amount')],
        branch: capped ? 'R&D institution: request above the cap' : 'R&D institution: request within the cap',
        ...(capped ? { bound: PATHS.rdInstitutionCap } : {}),
        amount: Exact.min(requested, rule.rdInstitutionCap),
      };
    }
    case 'major_project': {
      const matched = requested.times(rule.majorProjectMatchRate);
      const capped = matched.gt(rule.majorProjectCap);
      return {
        rule: 'a zone firm that won a national major S&T project: min(national funding × major_project_match_rate, major_project_cap)',
        parameters: [param(PATHS.majorProjectMatchRate, 'rate'), param(PATHS.majorProjectCap, 'amount')],
        branch: `major project: matching ${showYuan(matched)}${capped ? ', above the cap' : ''}`,
        ...(capped ? { bound: PATHS.majorProjectCap } : {}),
        amount: Exact.min(matched, rule.majorProjectCap),
      };
    }
    default:
      throw new Error(`unknown kind ${String((applicant as { kind: unknown }).kind)}`);
  }
}

/**
 * An applicant's entitlement in fen, exact, with its steps recorded in `trace` when one is given:
 * the award of its kind, then the one rounding down to rounding_unit.
 */
export function zoneEntitlement(applicant: ZoneApplicant, rule: ZoneRule, trace?: TraceStep[]): Fen {
  const award = awardOf(applicant, rule);
  const usesRequest = applicant.kind === 'rd_institution' || applicant.kind === 'major_project';
  trace?.push({
    step: 'award',
    rule: award.rule,
    inputs: {
      kind: applicant.kind,
      ...(usesRequest ? { requested: showYuan(applicant.requested ?? 0) } : {}),
    },
    parameters: award.parameters,
    branch: award.branch,
    ...(award.bound === undefined ? {} : { bound: award.bound }),
    result: showYuan(award.amount),
  });
  const { entitlement, step } = roundToEntitlement(award.amount, rule.parameters, PATHS.roundingUnit);
  trace?.push(step);
  return entitlement;
}

/**
 * The order of `ranked` (择优): review score descending; applicants without a score after every
 * scored one; ties by id in Unicode code-point order.
 */
export function rankByMerit(applicants: readonly ZoneApplicant[]): (a: number, b: number) => number {
  return (a, b) => {
    const pa = applicants[a];
    const pb = applicants[b];
    if (pa === undefined || pb === undefined) throw new RangeError(`no applicant ${pa === undefined ? a : b}`);
    const byScore =
      pa.score === undefined || pb.score === undefined
        ? Number(pa.score === undefined) - Number(pb.score === undefined)
        : pb.score.comparedTo(pa.score);
    return byScore || compareCodePoints(pa.id, pb.id);
  };
}

/**
 * The priority classes of the envelope: with `national_zone_first`, a new national zone's award
 * (措施(一), granted outright) is class 0, paid in full before the awards chosen on merit (class 1).
 */
export function zonePriority(rule: ZoneRule): PriorityClasses<ZoneApplicant> | undefined {
  if (!rule.nationalZoneFirst) return undefined;
  return {
    of: (applicant) => (applicant.kind === 'national_zone' ? 0 : 1),
    describe: (priority) => (priority === 0 ? '新获批国家高新区, 措施(一): granted outright' : 'chosen on merit (择优)'),
    parameter: traceParameter(rule.parameters, PATHS.nationalZoneFirst, 'boolean'),
  };
}
