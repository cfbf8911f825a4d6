import { ParameterRegistry } from '../../parameters/index.js';
import { HITECH_ZONES_PARAMETERS } from './parameters.js';

export { KINDS, ZONE_APPLICANT_FIELDS, zoneApplicants, type ZoneApplicant, type ZoneApplicantKind } from './applicants.js';
export { HITECH_ZONES_PARAMETERS, PATHS as HITECH_ZONES_PATHS } from './parameters.js';
export { compileZoneRule, rankByMerit, zoneEntitlement, type ZoneRule } from './rule.js';
export { hitechZonesProgramme } from './programme.js';

/** The registry of the high-tech zone parameters, with their dated defaults and sources. */
export const hitechZonesRegistry = new ParameterRegistry(HITECH_ZONES_PARAMETERS);
