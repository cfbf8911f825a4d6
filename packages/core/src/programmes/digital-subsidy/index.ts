import { ParameterRegistry } from '../../parameters/index.js';
import { DIGITAL_SUBSIDY_PARAMETERS } from './parameters.js';

export { APPLICANT_KINDS, DIGITAL_APPLICANT_FIELDS, DIGITAL_CENTRES, digitalApplicants, type DigitalApplicant } from './applicants.js';
export { DIGITAL_SUBSIDY_PARAMETERS, PATHS as DIGITAL_SUBSIDY_PATHS } from './parameters.js';
export { compileDigitalSubsidyRule, digitalSubsidyAmount, digitalSubsidyEntitlement, type DigitalSubsidyRule } from './rule.js';
export { DIGITAL_SUBSIDY_2021, digitalSubsidyProgramme } from './programme.js';

/** The registry of the digital subsidies' parameters, with their dated defaults and sources. */
export const digitalSubsidyRegistry = new ParameterRegistry(DIGITAL_SUBSIDY_PARAMETERS);
