import { ParameterRegistry } from '../../parameters/index.js';
import { NEV_SUPPORT_PARAMETERS } from './parameters.js';

export { NEV_PROJECT_FIELDS, nevProjects, type NevProject } from './applicants.js';
export { NEV_FUNDING_SOURCES, type NevFundingSourceKey } from './funding.js';
export { NEV_SUPPORT_PARAMETERS, PATHS as NEV_SUPPORT_PATHS } from './parameters.js';
export { compileNevSupportRule, nevSupportAmount, nevSupportEntitlement, type NevSupportRule } from './rule.js';
export { NEV_SUPPORT_EARMARK_2021, nevSupportProgramme } from './programme.js';

/** The registry of the NEV support's parameters, with their dated defaults and sources. */
export const nevSupportRegistry = new ParameterRegistry(NEV_SUPPORT_PARAMETERS);
