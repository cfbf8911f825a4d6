import { yuan } from '../../money/index.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { rankByEntitlement, shareCheckedEnvelope } from '../common/entitlements.js';
import { digitalApplicants, type DigitalApplicant } from './applicants.js';
import { DIGITAL_SUBSIDY_PARAMETERS } from './parameters.js';
import { compileDigitalSubsidyRule } from './rule.js';

/**
 * What the letter says of the 2021 money (一(三)四): 3000万 of subsidies paid in May 2021,
 * resources reaching 237 enterprises and 9 universities. Context for checks and dashboards.
 */
export const DIGITAL_SUBSIDY_2021 = {
  amount: yuan(30_000_000),
  paid: '2021-05',
  enterprises: 237,
  universities: 9,
  citation: 'letter 一(三)四',
} as const;

/**
 * 华为—南宁数字经济产业创新中心 subsidies: a resource line and a cash line per applicant, each
 * capped (README.md). `ranked` serves the smallest entitlements first (⚠ ours), so that a short
 * envelope reaches as many applicants as it can.
 */
export const digitalSubsidyProgramme: Programme<readonly DigitalApplicant[]> = schemaProgramme({
  key: 'digital_subsidy',
  label: { zh: '华为—南宁数字经济产业创新中心补贴', en: 'Huawei–Nanning digital-economy innovation centre subsidies' },
  citation: 'letter 一(三)四',
  parameters: DIGITAL_SUBSIDY_PARAMETERS,
  defaultMethod: 'pro_rata',
  applicants: digitalApplicants,
  evaluate: (applicants, parameters, options) =>
    shareCheckedEnvelope({
      programme: 'digital_subsidy',
      applicants,
      rule: compileDigitalSubsidyRule(parameters),
      options,
      ranking: rankByEntitlement(
        'ascending',
        applicants.map((a) => a.id),
      ),
      groups: {
        kind: applicants.map((a) => a.kind),
        centre: applicants.map((a) => a.centre),
        city: applicants.map((a) => a.city),
      },
    }),
});
