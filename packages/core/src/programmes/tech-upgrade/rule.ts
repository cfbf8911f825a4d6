import type { Decimal } from 'decimal.js';
import { compareCodePoints } from '../../allocation/index.js';
import { rateToString } from '../../exact/index.js';
import type { Fen } from '../../money/index.js';
import type { ParameterKind, ParameterSet } from '../../parameters/index.js';
import { Exact, exactFen, roundToEntitlement, showYuan, traceParameter } from '../common/exact.js';
import { ruleParameters, type RuleParameters } from '../common/rule-parameters.js';
import type { TraceParameter, TraceStep } from '../trace.js';
import type { UpgradeProject } from './applicants.js';
import { PATHS } from './parameters.js';

const RULE = {
  equipmentRate: [PATHS.equipmentRate, 'rate'],
  equipmentRateAdvanced: [PATHS.equipmentRateAdvanced, 'rate'],
  projectCap: [PATHS.projectCap, 'amount'],
  projectCapAppliesToTotal: [PATHS.projectCapAppliesToTotal, 'boolean'],
  smartFactoryAward: [PATHS.smartFactoryAward, 'amount'],
  digitalWorkshopAward: [PATHS.digitalWorkshopAward, 'amount'],
  robotRate: [PATHS.robotRate, 'rate'],
  robotCap: [PATHS.robotCap, 'amount'],
  robotMinCount: [PATHS.robotMinCount, 'decimal'],
} as const;

/** The rule's parameters on one date, typed. */
export type UpgradeRule = RuleParameters<typeof RULE>;

export function compileUpgradeRule(parameters: ParameterSet): UpgradeRule {
  return ruleParameters(parameters, RULE);
}

const yesNo = (flag: boolean): string => (flag ? 'true' : 'false');

/**
 * A project's entitlement in fen (README.md, "The rule"), exact, with every step recorded in
 * `trace` when one is given:
 * 1. equipment = min(equipment_investment × rate, project_cap), the rate being
 *    equipment_rate_advanced for a project flagged advanced, equipment_rate otherwise;
 * 2. smart factory: smart_factory_award if flagged, else 0;
 * 3. digital workshop: digital_workshop_award if flagged, else 0;
 * 4. robots: if robots ≥ robot_min_count, min(robot_investment × robot_rate, robot_cap), else 0;
 * 5. total = the sum of 1–4, capped once more at project_cap only when
 *    project_cap_applies_to_total (⚠ reading; false by default);
 * 6. entitlement = total rounded down to rounding_unit.
 */
export function upgradeEntitlement(project: UpgradeProject, rule: UpgradeRule, trace?: TraceStep[]): Fen {
  const { parameters } = rule;
  const param = (path: string, kind: ParameterKind): TraceParameter => traceParameter(parameters, path, kind);

  // 1. equipment
  const rate = project.advanced ? rule.equipmentRateAdvanced : rule.equipmentRate;
  const rawEquipment = exactFen(project.equipment_investment).times(rate);
  const equipment = Exact.min(rawEquipment, rule.projectCap);
  trace?.push({
    step: 'equipment_award',
    rule: 'equipment = min(equipment_investment × rate, project_cap); rate = equipment_rate_advanced for advanced equipment, else equipment_rate',
    inputs: { equipment_investment: showYuan(project.equipment_investment), advanced: yesNo(project.advanced) },
    parameters: [param(project.advanced ? PATHS.equipmentRateAdvanced : PATHS.equipmentRate, 'rate'), param(PATHS.projectCap, 'amount')],
    branch: `${project.advanced ? 'advanced equipment' : 'ordinary equipment'}: rate ${rateToString(rate)}`,
    ...(rawEquipment.gt(rule.projectCap) ? { bound: PATHS.projectCap } : {}),
    result: showYuan(equipment),
  });

  // 2–3. one-off awards: cumulative when a project is both
  const smartFactory = oneOffAward('smart_factory', project, rule, trace);
  const digitalWorkshop = oneOffAward('digital_workshop', project, rule, trace);

  // 4. robots
  const enoughRobots = rule.robotMinCount.lte(project.robots);
  const rawRobot = enoughRobots ? exactFen(project.robot_investment).times(rule.robotRate) : exactFen(0);
  const robot = Exact.min(rawRobot, rule.robotCap);
  trace?.push({
    step: 'robot_award',
    rule: 'at least robot_min_count industrial robots bought in the year: min(robot_investment × robot_rate, robot_cap)',
    inputs: { robots: String(project.robots), robot_investment: showYuan(project.robot_investment) },
    parameters: [param(PATHS.robotMinCount, 'decimal'), param(PATHS.robotRate, 'rate'), param(PATHS.robotCap, 'amount')],
    branch: enoughRobots ? 'robots ≥ robot_min_count' : 'fewer than robot_min_count robots: 0',
    ...(rawRobot.gt(rule.robotCap) ? { bound: PATHS.robotCap } : {}),
    result: showYuan(robot),
  });

  // 5. total
  const sum = equipment.plus(smartFactory).plus(digitalWorkshop).plus(robot);
  const capTotal = rule.projectCapAppliesToTotal;
  const total = capTotal ? Exact.min(sum, rule.projectCap) : sum;
  trace?.push({
    step: 'total',
    rule: capTotal
      ? 'total = min(equipment + smart factory + digital workshop + robots, project_cap)'
      : 'total = equipment + smart factory + digital workshop + robots (project_cap bounds the equipment subsidy only)',
    inputs: {
      equipment_award: showYuan(equipment),
      smart_factory_award: showYuan(smartFactory),
      digital_workshop_award: showYuan(digitalWorkshop),
      robot_award: showYuan(robot),
    },
    parameters: [param(PATHS.projectCapAppliesToTotal, 'boolean'), ...(capTotal ? [param(PATHS.projectCap, 'amount')] : [])],
    branch: capTotal ? 'project_cap applies to the total' : 'the awards add up',
    ...(capTotal && sum.gt(rule.projectCap) ? { bound: PATHS.projectCap } : {}),
    result: showYuan(total),
  });

  // 6. rounding
  const { entitlement, step } = roundToEntitlement(total, parameters, PATHS.roundingUnit);
  trace?.push(step);
  return entitlement;
}

const ONE_OFF = {
  smart_factory: { what: 'smart factory', zh: '智能工厂', path: PATHS.smartFactoryAward, award: 'smartFactoryAward' },
  digital_workshop: { what: 'digital workshop', zh: '数字化车间', path: PATHS.digitalWorkshopAward, award: 'digitalWorkshopAward' },
} as const;

/** A one-off award for a recognition by the autonomous region: the award if recognised, else 0. */
function oneOffAward(field: keyof typeof ONE_OFF, project: UpgradeProject, rule: UpgradeRule, trace?: TraceStep[]): Fen {
  const { what, zh, path, award } = ONE_OFF[field];
  const recognised = project[field];
  const amount = recognised ? rule[award] : (0 as Fen);
  trace?.push({
    step: `${field}_award`,
    rule: `a ${what} recognised by the autonomous region (${zh}): ${field}_award, once`,
    inputs: { [field]: yesNo(recognised) },
    parameters: [traceParameter(rule.parameters, path, 'amount')],
    branch: recognised ? `recognised ${what}` : `not a ${what}: 0`,
    result: showYuan(amount),
  });
  return amount;
}

/** The most any project can be entitled to under the rule's caps and awards, in fen. */
export function largestEntitlement(rule: UpgradeRule): Decimal {
  if (rule.projectCapAppliesToTotal) return exactFen(rule.projectCap);
  return exactFen(rule.projectCap).plus(rule.smartFactoryAward).plus(rule.digitalWorkshopAward).plus(rule.robotCap);
}

/** The order of `ranked`: equipment investment descending (the largest upgrades first), ties by id. */
export function rankByEquipmentInvestment(projects: readonly UpgradeProject[]): (a: number, b: number) => number {
  return (a, b) => {
    const pa = projects[a];
    const pb = projects[b];
    if (pa === undefined || pb === undefined) throw new RangeError(`no project ${pa === undefined ? a : b}`);
    return pb.equipment_investment - pa.equipment_investment || compareCodePoints(pa.id, pb.id);
  };
}
