import { yuan } from '../../money/index.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { guidanceProjects, type GuidanceProject } from './applicants.js';
import { shareEnvelope } from '../common/envelope.js';
import { traceParameter } from '../common/exact.js';
import { GUIDANCE_FUND_PARAMETERS, PATHS } from './parameters.js';
import { compileGuidanceRule, guidanceEntitlement, rankByScore } from './rule.js';

/** The 2021 envelope the letter names (一(一)二): 1.5亿. */
export const GUIDANCE_FUND_BUDGET_2021 = { amount: yuan(150_000_000), citation: 'letter 一(一)二' } as const;

/**
 * 广西技术创新引导专项: competitive project grants, funded in order of review score up to a
 * per-project maximum until the envelope is spent (README.md).
 */
export const guidanceFundProgramme: Programme<readonly GuidanceProject[]> = schemaProgramme({
  key: 'guidance_fund',
  label: { zh: '广西技术创新引导专项', en: 'Technology-innovation guidance fund' },
  citation: 'letter 一(一)二',
  parameters: GUIDANCE_FUND_PARAMETERS,
  defaultMethod: 'ranked',
  applicants: guidanceProjects,
  evaluate(projects, parameters, options) {
    const rule = compileGuidanceRule(parameters);
    return shareEnvelope({
      programme: 'guidance_fund',
      applicants: projects,
      entitlement: (project, trace) => guidanceEntitlement(project, rule, trace),
      parameters,
      unitPath: PATHS.roundingUnit,
      options,
      ranking: { compare: rankByScore(projects), description: 'review score (descending, ties by id)' },
      partialMarginal: { value: rule.partialMarginal, parameter: traceParameter(parameters, PATHS.partialMarginal, 'boolean') },
      groups: { city: projects.map((p) => p.city), enterprise: projects.map((p) => p.enterprise) },
    });
  },
});
