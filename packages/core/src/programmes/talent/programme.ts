import { yuan } from '../../money/index.js';
import type { Programme } from '../programme.js';
import { schemaProgramme } from '../common/schema-programme.js';
import { talentLines, type TalentLine } from './applicants.js';
import { shareCheckedEnvelope } from '../common/entitlements.js';
import { TALENT_PARAMETERS } from './parameters.js';
import { compileTalentRule, rankByProgramme, wholeStipends } from './rule.js';

/** The 2021 money the letter names (一(五)): 1.56亿, raised by the regional budget. */
export const TALENT_BUDGET_2021 = { amount: yuan(156_000_000), citation: 'letter 一(五)' } as const;

/** 自治区重大人才项目: per-programme stipends × head count (README.md). */
export const talentProgramme: Programme<readonly TalentLine[]> = schemaProgramme({
  key: 'talent',
  label: { zh: '自治区重大人才项目', en: 'Major regional talent programmes' },
  citation: 'letter 一(五)',
  parameters: TALENT_PARAMETERS,
  // Stipends are fixed sums: a short envelope pays whole stipends in the letter's order of programmes.
  defaultMethod: 'ranked',
  applicants: talentLines,
  evaluate(lines, parameters, options) {
    const rule = compileTalentRule(parameters);
    const whole = wholeStipends(rule);
    return shareCheckedEnvelope({
      programme: 'talent',
      applicants: lines,
      rule,
      options,
      ranking: rankByProgramme(lines),
      ...(whole === undefined ? {} : { wholeUnits: whole }),
      groups: {
        programme: lines.map((l) => l.programme),
        city: lines.map((l) => l.city),
        institution: lines.map((l) => l.institution),
      },
    });
  },
});
