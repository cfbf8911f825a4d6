import { shareEnvelope } from '../common/envelope.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { zoneApplicants, type ZoneApplicant } from './applicants.js';
import { HITECH_ZONES_PARAMETERS, PATHS } from './parameters.js';
import { compileZoneRule, rankByMerit, zoneEntitlement, zonePriority } from './rule.js';

/**
 * 高新区建设 (桂政办发〔2021〕81号): one-off rewards for newly approved high-tech zones and new
 * R&D institutions in them, and matching support for zone firms that win national major S&T
 * projects; chosen on merit when the envelope is short (README.md).
 */
export const hitechZonesProgramme: Programme<readonly ZoneApplicant[]> = schemaProgramme({
  key: 'hitech_zones',
  label: { zh: '高新区建设', en: 'High-tech zone rewards' },
  citation: 'letter 一(一)一',
  parameters: HITECH_ZONES_PARAMETERS,
  defaultMethod: 'ranked',
  applicants: zoneApplicants,
  evaluate(applicants, parameters, options) {
    const rule = compileZoneRule(parameters);
    const priority = zonePriority(rule);
    return shareEnvelope({
      programme: 'hitech_zones',
      applicants,
      entitlement: (applicant, trace) => zoneEntitlement(applicant, rule, trace),
      parameters,
      unitPath: PATHS.roundingUnit,
      options,
      ranking: { compare: rankByMerit(applicants), description: 'review score (descending, unscored last, ties by id)' },
      ...(priority === undefined ? {} : { priority }),
      groups: { kind: applicants.map((a) => a.kind), city: applicants.map((a) => a.city) },
    });
  },
});
