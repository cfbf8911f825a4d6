import { ParameterRegistry } from '../../parameters/index.js';
import { GUIDANCE_FUND_PARAMETERS } from './parameters.js';

export { PROJECT_FIELDS, guidanceProjects, type GuidanceProject } from './applicants.js';
export { GUIDANCE_FUND_PARAMETERS, PATHS as GUIDANCE_FUND_PATHS } from './parameters.js';
export { compileGuidanceRule, guidanceEntitlement, rankByScore, type GuidanceRule } from './rule.js';
export { GUIDANCE_FUND_BUDGET_2021, guidanceFundProgramme } from './programme.js';

/** The registry of the guidance fund's parameters, with their dated defaults and sources. */
export const guidanceFundRegistry = new ParameterRegistry(GUIDANCE_FUND_PARAMETERS);
