import { fail, problem } from '../../errors/index.js';
import { MAX_FEN, yuan } from '../../money/index.js';
import { shareEnvelope } from '../common/envelope.js';
import { showYuan } from '../common/exact.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { upgradeProjects, type UpgradeProject } from './applicants.js';
import { PATHS, TECH_UPGRADE_PARAMETERS } from './parameters.js';
import { compileUpgradeRule, largestEntitlement, rankByEquipmentInvestment, upgradeEntitlement } from './rule.js';

/** The 2021 money the letter names (一(一)二): 1.8亿 (51 projects, 12.3 billion of investment: regional news 2021-05-17). */
export const TECH_UPGRADE_BUDGET_2021 = { amount: yuan(180_000_000), citation: 'letter 一(一)二' } as const;

const flag = (value: boolean): string => (value ? 'true' : 'false');

/**
 * "千企技改"工程项目补助资金: a share of each project's equipment investment, capped per project,
 * with one-off awards for smart factories and digital workshops and a subsidy on industrial
 * robots (README.md).
 */
export const techUpgradeProgramme: Programme<readonly UpgradeProject[]> = schemaProgramme({
  key: 'tech_upgrade',
  label: { zh: '"千企技改"工程项目补助资金', en: 'Thousand-enterprise technical-upgrade subsidies' },
  citation: 'letter 一(一)二',
  parameters: TECH_UPGRADE_PARAMETERS,
  defaultMethod: 'pro_rata',
  applicants: upgradeProjects,
  evaluate(projects, parameters, options) {
    const rule = compileUpgradeRule(parameters);
    const largest = largestEntitlement(rule);
    if (largest.gt(MAX_FEN)) {
      return fail(
        problem(
          'ENTITLEMENT.TOO_LARGE',
          `the parameters allow one project up to ${showYuan(largest)} yuan, beyond the largest amount an award can hold ` +
            '(about 90 trillion yuan): check the caps and awards a reform set',
        ),
      );
    }
    return shareEnvelope({
      programme: 'tech_upgrade',
      applicants: projects,
      entitlement: (project, trace) => upgradeEntitlement(project, rule, trace),
      parameters,
      unitPath: PATHS.roundingUnit,
      options,
      ranking: { compare: rankByEquipmentInvestment(projects), description: 'equipment investment (descending, ties by id)' },
      groups: {
        city: projects.map((p) => p.city),
        enterprise: projects.map((p) => p.enterprise),
        advanced: projects.map((p) => flag(p.advanced)),
        smart_factory: projects.map((p) => flag(p.smart_factory)),
        digital_workshop: projects.map((p) => flag(p.digital_workshop)),
      },
    });
  },
});
