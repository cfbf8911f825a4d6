import { ParameterRegistry } from '../../parameters/index.js';
import { TALENT_PARAMETERS } from './parameters.js';

export { TALENT_LINE_FIELDS, talentLines, type TalentLine } from './applicants.js';
export { TALENT_PARAMETERS, TALENT_PROGRAMMES, PATHS as TALENT_PATHS, type TalentProgrammeKey } from './parameters.js';
export { compileTalentRule, rankByProgramme, talentAmount, talentEntitlement, type TalentRule } from './rule.js';
export { TALENT_BUDGET_2021, talentProgramme } from './programme.js';

/** The registry of the talent programmes' parameters, with their dated defaults and sources. */
export const talentRegistry = new ParameterRegistry(TALENT_PARAMETERS);
