import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, problemsOf, ruleUnderTest } from '../common/test-support/index.js';
import { compileZoneRule, hitechZonesRegistry, zoneApplicants, zoneEntitlement } from './index.js';

const DATE = '2021-09-23';

const entitlementOf = ruleUnderTest(zoneApplicants, hitechZonesRegistry, DATE, compileZoneRule, zoneEntitlement);
const evaluateOne = (applicant: { kind: string; requested?: string }, reform: Override[] = []): OneEntitlement =>
  entitlementOf({ id: 'Z1', ...applicant }, reform);

describe('hitech_zones parameters', () => {
  it('are in force from 2021-08-04, when 桂政办发〔2021〕81号 was issued, with the ⚠ flags of README.md', () => {
    const parameters = parametersOn(hitechZonesRegistry, '2021-08-04');
    expect(parameterRows(parameters)).toEqual([
      ['hitech_zones.national_zone_award', '10000000.00', false],
      ['hitech_zones.regional_zone_award', '5000000.00', false],
      ['hitech_zones.rd_institution_cap', '5000000.00', false],
      ['hitech_zones.major_project_match_rate', '0.20', true],
      ['hitech_zones.major_project_cap', '5000000.00', true],
      ['hitech_zones.national_zone_first', 'true', false],
      ['hitech_zones.rounding_unit', '0.01', false],
    ]);
    expect(problemsOf(hitechZonesRegistry.resolve('2021-08-03')).map((p) => p.code)).toEqual(['PARAMETER.NO_VALUE_ON_DATE']);
  });
});

describe('the award of each kind', () => {
  it('a new national zone: 10,000,000, whatever it requested', () => {
    const r = evaluateOne({ kind: 'national_zone', requested: '1' });
    expect(r.entitlement).toBe('10000000.00');
    expect(r.trace[0]).toEqual({
      step: 'award',
      rule: 'a newly approved national high-tech zone: national_zone_award, once',
      inputs: { kind: 'national_zone' },
      parameters: [
        {
          path: 'hitech_zones.national_zone_award',
          value: '10000000.00',
          source: 'kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号) 措施(一)',
          assumption: false,
        },
      ],
      branch: 'national zone: fixed award',
      result: '10000000.00',
    });
  });

  it('a new regional zone: 5,000,000', () => {
    const r = evaluateOne({ kind: 'regional_zone' });
    expect(r.entitlement).toBe('5000000.00');
    expect(r.trace[0]?.branch).toBe('regional zone: fixed award');
  });

  it('an R&D institution: its request, up to the cap; exactly the cap binds nothing, a fen more binds', () => {
    expect(evaluateOne({ kind: 'rd_institution', requested: '300万' }).entitlement).toBe('3000000.00');
    const reached = evaluateOne({ kind: 'rd_institution', requested: '500万' });
    expect(reached.entitlement).toBe('5000000.00');
    expect(reached.trace[0]).toMatchObject({
      inputs: { kind: 'rd_institution', requested: '5000000.00' },
      branch: 'R&D institution: request within the cap',
    });
    expect(reached.trace[0]?.bound).toBeUndefined();
    const exceeded = evaluateOne({ kind: 'rd_institution', requested: '5000000.01' });
    expect(exceeded.entitlement).toBe('5000000.00');
    expect(exceeded.trace[0]).toMatchObject({ branch: 'R&D institution: request above the cap', bound: 'hitech_zones.rd_institution_cap' });
  });

  it('a major project: 20% of the national funding, up to the cap', () => {
    const r = evaluateOne({ kind: 'major_project', requested: '2000万' });
    expect(r.entitlement).toBe('4000000.00');
    expect(r.trace[0]).toMatchObject({
      parameters: [
        expect.objectContaining({ path: 'hitech_zones.major_project_match_rate', value: '0.20', assumption: true }),
        expect.objectContaining({ path: 'hitech_zones.major_project_cap', value: '5000000.00', assumption: true }),
      ],
      branch: 'major project: matching 4000000.00',
    });
    const reached = evaluateOne({ kind: 'major_project', requested: '2500万' });
    expect(reached.entitlement).toBe('5000000.00');
    expect(reached.trace[0]?.bound).toBeUndefined();
    const exceeded = evaluateOne({ kind: 'major_project', requested: '25000000.05' });
    expect(exceeded.entitlement).toBe('5000000.00');
    expect(exceeded.trace[0]).toMatchObject({
      branch: 'major project: matching 5000000.01, above the cap',
      bound: 'hitech_zones.major_project_cap',
    });
  });

  it('rounds the matching support down once, to the fen', () => {
    // 12,345.67 × 0.20 = 2,469.134
    const r = evaluateOne({ kind: 'major_project', requested: '12345.67' });
    expect(r.entitlement).toBe('2469.13');
    expect(r.trace[1]).toMatchObject({ step: 'rounding', inputs: { amount: '2469.134' }, branch: 'rounded down by 0.004' });
    const reformed = evaluateOne({ kind: 'major_project', requested: '1000万' }, [
      { path: 'hitech_zones.major_project_match_rate', value: '12.5%' },
    ]);
    expect(reformed.entitlement).toBe('1250000.00');
  });
});
