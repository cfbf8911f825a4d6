import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, yuan } from '../../money/index.js';
import type { Override } from '../../parameters/index.js';
import { awardsById, evaluateChecked, evaluateRecords, problemsOf, valueOf } from '../common/test-support/index.js';
import { TECH_UPGRADE_BUDGET_2021, techUpgradeProgramme, techUpgradeRegistry } from './index.js';

const DATE = '2021-06-30';

// Entitlements: T1 6,000,000 (12% of 50,000,000: advanced); T2 3,000,000 + 1,000,000 smart factory = 4,000,000;
// T3 1,000,000 + 20% of 5,000,000 for 12 robots = 2,000,000. Σ = 12,000,000.
const PROJECTS = [
  { id: 'T3', equipment_investment: '1000万', robots: 12, robot_investment: '500万', city: '桂林' },
  { id: 'T2', equipment_investment: '3000万', smart_factory: true, city: '柳州' },
  { id: 'T1', equipment_investment: '5000万', advanced: true, city: '柳州' },
];

function evaluate(method: string, budget: number, reform: Override[] = []) {
  return evaluateRecords(techUpgradeProgramme, techUpgradeRegistry, PROJECTS, { date: DATE, reform, budget: yuan(budget), method });
}

describe('techUpgradeProgramme', () => {
  it('describes itself: key, labels, citation, methods, pro_rata by default', () => {
    expect([techUpgradeProgramme.key, techUpgradeProgramme.citation, techUpgradeProgramme.defaultMethod]).toEqual([
      'tech_upgrade',
      'letter 一(一)二',
      'pro_rata',
    ]);
    expect(techUpgradeProgramme.label).toEqual({ zh: '"千企技改"工程项目补助资金', en: 'Thousand-enterprise technical-upgrade subsidies' });
    expect(techUpgradeProgramme.methods).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
    expect(TECH_UPGRADE_BUDGET_2021.amount).toBe(yuan(180_000_000));
  });

  it('gives every entitlement when the 2021 envelope fits, grouped by city and flags', () => {
    const outcome = valueOf(
      evaluateRecords(techUpgradeProgramme, techUpgradeRegistry, PROJECTS, {
        date: DATE,
        budget: TECH_UPGRADE_BUDGET_2021.amount,
        method: 'pro_rata',
      }),
    );
    expect(awardsById(outcome)).toEqual({ T3: '2000000.00', T2: '4000000.00', T1: '6000000.00' });
    expect(outcome.totals).toEqual({
      entitlement: yuan(12_000_000),
      awarded: yuan(12_000_000),
      unallocated: yuan(168_000_000),
      recipients: 3,
    });
    expect(outcome.groups).toMatchObject({
      city: ['桂林', '柳州', '柳州'],
      advanced: ['false', 'false', 'true'],
      smart_factory: ['false', 'true', 'false'],
    });
  });

  it('pro_rata: every entitlement × 9,000,000 / 12,000,000 = 0.75', () => {
    const outcome = valueOf(evaluate('pro_rata', 9_000_000));
    expect(awardsById(outcome)).toEqual({ T3: '1500000.00', T2: '3000000.00', T1: '4500000.00' });
  });

  it('uniform_cap: c = (9,000,000 − 2,000,000) / 2 = 3,500,000', () => {
    const outcome = valueOf(evaluate('uniform_cap', 9_000_000));
    expect(awardsById(outcome)).toEqual({ T3: '2000000.00', T2: '3500000.00', T1: '3500000.00' });
  });

  it('ranked: by equipment investment, T1 in full, T2 what is left, T3 nothing', () => {
    const outcome = valueOf(evaluate('ranked', 9_000_000));
    expect(awardsById(outcome)).toEqual({ T3: '0.00', T2: '3000000.00', T1: '6000000.00' });
    expect(outcome.trace(0).at(-1)).toMatchObject({
      rule: expect.stringContaining('in order of equipment investment (descending, ties by id)'),
      inputs: { rank: '3' },
      branch: 'after the cut-off: 0',
    });
  });

  it('traces a project line by line, then the envelope', () => {
    const outcome = valueOf(evaluate('pro_rata', 9_000_000));
    expect(outcome.trace(0).map((s) => [s.step, s.result])).toEqual([
      ['equipment_award', '1000000.00'],
      ['smart_factory_award', '0.00'],
      ['digital_workshop_award', '0.00'],
      ['robot_award', '1000000.00'],
      ['total', '2000000.00'],
      ['rounding', '2000000.00'],
      ['envelope', '1500000.00'],
    ]);
  });

  it('refuses parameters that would allow an entitlement beyond what an amount can hold', () => {
    const reform = [
      { path: 'tech_upgrade.project_cap', value: '500000亿' },
      { path: 'tech_upgrade.robot_cap', value: '500000亿' },
    ];
    expect(problemsOf(evaluate('pro_rata', 1, reform)).map((p) => p.code)).toEqual(['ENTITLEMENT.TOO_LARGE']);
    // the same caps are harmless when project_cap bounds the total
    expect(evaluate('pro_rata', 1, [...reform, { path: 'tech_upgrade.project_cap_applies_to_total', value: true }]).ok).toBe(true);
  });
});

describe('tech_upgrade envelope invariants (properties)', () => {
  const project = fc.record({
    equipment: fc.integer({ min: 0, max: 20_000_000_000 }),
    advanced: fc.boolean(),
    smartFactory: fc.boolean(),
    digitalWorkshop: fc.boolean(),
    robots: fc.integer({ min: 0, max: 30 }),
    robotInvestment: fc.integer({ min: 0, max: 5_000_000_000 }),
  });
  const scenario = fc.record({
    projects: fc.array(project, { minLength: 1, maxLength: 25 }),
    budget: fc.integer({ min: 0, max: 40_000_000_000 }),
    method: fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
    capTotal: fc.boolean(),
    unit: fc.constantFrom('0.01', '1', '1万'),
  });

  it('Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement ≤ the sum of the lines’ caps', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const records = s.projects.map((p, i) => ({
          id: `T${i}`,
          equipment_investment: (p.equipment / 100).toFixed(2),
          advanced: p.advanced,
          smart_factory: p.smartFactory,
          digital_workshop: p.digitalWorkshop,
          robots: p.robots,
          robot_investment: (p.robotInvestment / 100).toFixed(2),
        }));
        const reform = [
          { path: 'tech_upgrade.project_cap_applies_to_total', value: s.capTotal },
          { path: 'tech_upgrade.rounding_unit', value: s.unit },
        ];
        const outcome = evaluateChecked(techUpgradeProgramme, techUpgradeRegistry, records, {
          date: DATE,
          reform,
          budget: fen(s.budget),
          method: s.method,
        });
        outcome.entitlements.forEach((e) => expect(e).toBeLessThanOrEqual(s.capTotal ? 1_000_000_000 : 1_650_000_000));
      }),
      { numRuns: 1000 },
    );
  });
});
