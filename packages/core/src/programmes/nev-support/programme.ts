import { yuan } from '../../money/index.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { rankByEntitlement, shareCheckedEnvelope } from '../common/entitlements.js';
import { nevProjects, type NevProject } from './applicants.js';
import { NEV_SUPPORT_PARAMETERS } from './parameters.js';
import { compileNevSupportRule } from './rule.js';

/**
 * The earmark the letter names (一(一)四): 15亿 in 2021 for the R&D of the Geely smart NEV
 * plant, pooled from NEV_FUNDING_SOURCES.
 */
export const NEV_SUPPORT_EARMARK_2021 = { amount: yuan(1_500_000_000), citation: 'letter 一(一)四' } as const;

/**
 * 新能源汽车产业: each project is entitled to what it requests, up to project_cap (README.md).
 * `ranked` serves the largest entitlement first (⚠ ours): the earmark is for one flagship plant.
 */
export const nevSupportProgramme: Programme<readonly NevProject[]> = schemaProgramme({
  key: 'nev_support',
  label: { zh: '新能源汽车产业发展扶持', en: 'New-energy vehicle industry support' },
  citation: 'letter 一(一)四',
  parameters: NEV_SUPPORT_PARAMETERS,
  defaultMethod: 'pro_rata',
  applicants: nevProjects,
  evaluate: (projects, parameters, options) =>
    shareCheckedEnvelope({
      programme: 'nev_support',
      applicants: projects,
      rule: compileNevSupportRule(parameters),
      options,
      ranking: rankByEntitlement(
        'descending',
        projects.map((p) => p.id),
      ),
      groups: {
        city: projects.map((p) => p.city),
        enterprise: projects.map((p) => p.enterprise),
      },
    }),
});
