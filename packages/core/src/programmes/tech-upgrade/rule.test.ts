import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, ruleUnderTest, stepNamed } from '../common/test-support/index.js';
import { compileUpgradeRule, techUpgradeRegistry, upgradeEntitlement, upgradeProjects } from './index.js';

const DATE = '2021-06-30';

interface Project {
  equipment_investment: string;
  advanced?: boolean;
  smart_factory?: boolean;
  digital_workshop?: boolean;
  robots?: number;
  robot_investment?: string;
}

const entitlementOf = ruleUnderTest(upgradeProjects, techUpgradeRegistry, DATE, compileUpgradeRule, upgradeEntitlement);
const evaluateOne = (project: Project, reform: Override[] = []): OneEntitlement => entitlementOf({ id: 'T1', ...project }, reform);

describe('tech_upgrade parameters', () => {
  it('are in force from 2021-01-01 with the sources and ⚠ flags of README.md', () => {
    const parameters = parametersOn(techUpgradeRegistry, '2021-01-01');
    expect(parameterRows(parameters)).toEqual([
      ['tech_upgrade.equipment_rate', '0.10', false],
      ['tech_upgrade.equipment_rate_advanced', '0.12', true],
      ['tech_upgrade.project_cap', '10000000.00', false],
      ['tech_upgrade.project_cap_applies_to_total', 'false', true],
      ['tech_upgrade.smart_factory_award', '1000000.00', false],
      ['tech_upgrade.digital_workshop_award', '500000.00', false],
      ['tech_upgrade.robot_rate', '0.20', false],
      ['tech_upgrade.robot_cap', '5000000.00', false],
      ['tech_upgrade.robot_min_count', '10', false],
      ['tech_upgrade.rounding_unit', '0.01', false],
    ]);
  });
});

describe('step 1: equipment subsidy', () => {
  it('pays equipment_rate of the equipment investment', () => {
    const r = evaluateOne({ equipment_investment: '5000万' });
    expect(r.entitlement).toBe('5000000.00');
    expect(stepNamed(r.trace, 'equipment_award')).toEqual({
      step: 'equipment_award',
      rule: 'equipment = min(equipment_investment × rate, project_cap); rate = equipment_rate_advanced for advanced equipment, else equipment_rate',
      inputs: { equipment_investment: '50000000.00', advanced: 'false' },
      parameters: [
        {
          path: 'tech_upgrade.equipment_rate',
          value: '0.10',
          source: 'en.gxzf.gov.cn 2021-02-23 ("a maximum of 10 percent of equipment investment": we pay the maximum)',
          assumption: false,
        },
        { path: 'tech_upgrade.project_cap', value: '10000000.00', source: 'en.gxzf.gov.cn 2021-02-23', assumption: false },
      ],
      branch: 'ordinary equipment: rate 0.10',
      result: '5000000.00',
    });
  });

  it('project_cap exactly reached binds nothing; a fen more binds', () => {
    const reached = evaluateOne({ equipment_investment: '1亿' });
    expect(reached.entitlement).toBe('10000000.00');
    expect(stepNamed(reached.trace, 'equipment_award')?.bound).toBeUndefined();
    const exceeded = evaluateOne({ equipment_investment: '100000000.10' });
    expect(exceeded.entitlement).toBe('10000000.00');
    expect(stepNamed(exceeded.trace, 'equipment_award')).toMatchObject({ bound: 'tech_upgrade.project_cap', result: '10000000.00' });
  });

  it('an advanced project takes equipment_rate_advanced: 12% by default, whatever a reform sets', () => {
    const byDefault = evaluateOne({ equipment_investment: '5000万', advanced: true });
    expect(byDefault.entitlement).toBe('6000000.00');
    expect(stepNamed(byDefault.trace, 'equipment_award')).toMatchObject({
      inputs: { advanced: 'true' },
      parameters: [expect.objectContaining({ path: 'tech_upgrade.equipment_rate_advanced', assumption: true }), expect.anything()],
      branch: 'advanced equipment: rate 0.12',
    });
    const tiered: Override[] = [{ path: 'tech_upgrade.equipment_rate', value: '0.08' }];
    expect(evaluateOne({ equipment_investment: '5000万' }, tiered).entitlement).toBe('4000000.00');
    expect(evaluateOne({ equipment_investment: '5000万', advanced: true }, tiered).entitlement).toBe('6000000.00');
    const higher: Override[] = [{ path: 'tech_upgrade.equipment_rate_advanced', value: '15%' }];
    expect(evaluateOne({ equipment_investment: '5000万', advanced: true }, higher).entitlement).toBe('7500000.00');
    expect(evaluateOne({ equipment_investment: '5000万', advanced: false }, higher).entitlement).toBe('5000000.00');
  });
});

describe('steps 2–3: one-off awards', () => {
  it('a smart factory gets 1,000,000 and a digital workshop 500,000, both when both are flagged', () => {
    expect(evaluateOne({ equipment_investment: '0', smart_factory: true }).entitlement).toBe('1000000.00');
    expect(evaluateOne({ equipment_investment: '0', digital_workshop: true }).entitlement).toBe('500000.00');
    const both = evaluateOne({ equipment_investment: '0', smart_factory: true, digital_workshop: true });
    expect(both.entitlement).toBe('1500000.00');
    expect(stepNamed(both.trace, 'smart_factory_award')).toMatchObject({ branch: 'recognised smart factory', result: '1000000.00' });
    expect(stepNamed(both.trace, 'digital_workshop_award')).toMatchObject({ branch: 'recognised digital workshop', result: '500000.00' });
    const neither = evaluateOne({ equipment_investment: '0' });
    expect(stepNamed(neither.trace, 'smart_factory_award')).toMatchObject({ branch: 'not a smart factory: 0', result: '0.00' });
  });
});

describe('step 4: robot subsidy', () => {
  it('exactly 10 robots qualify: 20% of their price', () => {
    const r = evaluateOne({ equipment_investment: '0', robots: 10, robot_investment: '800万' });
    expect(r.entitlement).toBe('1600000.00');
    expect(stepNamed(r.trace, 'robot_award')).toMatchObject({
      inputs: { robots: '10', robot_investment: '8000000.00' },
      branch: 'robots ≥ robot_min_count',
    });
  });

  it('9 robots do not', () => {
    const r = evaluateOne({ equipment_investment: '0', robots: 9, robot_investment: '800万' });
    expect(r.entitlement).toBe('0.00');
    expect(stepNamed(r.trace, 'robot_award')).toMatchObject({ branch: 'fewer than robot_min_count robots: 0', result: '0.00' });
  });

  it('robot_cap exactly reached binds nothing; a little more binds', () => {
    const reached = evaluateOne({ equipment_investment: '0', robots: 40, robot_investment: '2500万' });
    expect(reached.entitlement).toBe('5000000.00');
    expect(stepNamed(reached.trace, 'robot_award')?.bound).toBeUndefined();
    const exceeded = evaluateOne({ equipment_investment: '0', robots: 40, robot_investment: '25000000.05' });
    expect(exceeded.entitlement).toBe('5000000.00');
    expect(stepNamed(exceeded.trace, 'robot_award')).toMatchObject({ bound: 'tech_upgrade.robot_cap' });
  });
});

describe('step 5: how the lines combine', () => {
  const everything: Project = {
    equipment_investment: '1.2亿',
    smart_factory: true,
    digital_workshop: true,
    robots: 12,
    robot_investment: '3000万',
  };

  it('by default project_cap bounds the equipment subsidy only, and the other awards add up on top', () => {
    // equipment min(12,000,000, 10,000,000) + 1,000,000 + 500,000 + min(6,000,000, 5,000,000) = 16,500,000
    const r = evaluateOne(everything);
    expect(r.entitlement).toBe('16500000.00');
    expect(stepNamed(r.trace, 'total')).toMatchObject({
      inputs: {
        equipment_award: '10000000.00',
        smart_factory_award: '1000000.00',
        digital_workshop_award: '500000.00',
        robot_award: '5000000.00',
      },
      branch: 'the awards add up',
      result: '16500000.00',
    });
    expect(stepNamed(r.trace, 'total')?.bound).toBeUndefined();
  });

  it('when project_cap_applies_to_total, the sum is capped at project_cap', () => {
    const r = evaluateOne(everything, [{ path: 'tech_upgrade.project_cap_applies_to_total', value: true }]);
    expect(r.entitlement).toBe('10000000.00');
    expect(stepNamed(r.trace, 'total')).toMatchObject({ branch: 'project_cap applies to the total', bound: 'tech_upgrade.project_cap' });
    // a sum below the cap is not cut
    const small = evaluateOne({ equipment_investment: '1000万', smart_factory: true }, [
      { path: 'tech_upgrade.project_cap_applies_to_total', value: 'true' },
    ]);
    expect(small.entitlement).toBe('2000000.00');
    expect(stepNamed(small.trace, 'total')?.bound).toBeUndefined();
  });
});

describe('step 6: rounding', () => {
  it('rounds the exact total down once, to the fen by default', () => {
    // 12,345.67 × 0.10 = 1,234.567
    const r = evaluateOne({ equipment_investment: '12345.67' });
    expect(stepNamed(r.trace, 'equipment_award')?.result).toBe('1234.567');
    expect(r.entitlement).toBe('1234.56');
    expect(stepNamed(r.trace, 'rounding')).toMatchObject({ branch: 'rounded down by 0.007', result: '1234.56' });
  });

  it('sums exact lines before rounding: two fractional fen do not each lose a fen', () => {
    // 0.05 × 0.10 = 0.005 and, with 10 robots, 0.03 × 0.20 = 0.006: 0.011 → 0.01, not 0.00 + 0.00
    const r = evaluateOne({ equipment_investment: '0.05', robots: 10, robot_investment: '0.03' });
    expect(r.entitlement).toBe('0.01');
    expect(stepNamed(r.trace, 'total')?.result).toBe('0.011');
  });
});
