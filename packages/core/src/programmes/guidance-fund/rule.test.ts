import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, ruleUnderTest, stepNamed } from '../common/test-support/index.js';
import { compileGuidanceRule, guidanceEntitlement, guidanceFundRegistry, guidanceProjects } from './index.js';

const DATE = '2021-06-30';

const entitlementOf = ruleUnderTest(guidanceProjects, guidanceFundRegistry, DATE, compileGuidanceRule, guidanceEntitlement);
/** One project's entitlement in yuan and its trace, under the defaults or a reform. */
const evaluateOne = (project: { requested: string; score: string }, reform: Override[] = []): OneEntitlement =>
  entitlementOf({ id: 'P1', ...project }, reform);

describe('guidance_fund parameters', () => {
  it('are in force from 2021-01-01 with the ⚠ flags of README.md', () => {
    const parameters = parametersOn(guidanceFundRegistry, '2021-01-01');
    expect(parameterRows(parameters)).toEqual([
      ['guidance_fund.max_per_project', '5000000.00', true],
      ['guidance_fund.min_score', '60', true],
      ['guidance_fund.partial_marginal', 'true', true],
      ['guidance_fund.rounding_unit', '0.01', false],
    ]);
    expect(guidanceFundRegistry.resolve('2020-12-31').ok).toBe(false);
  });
});

describe('step 1: minimum score', () => {
  it('a project exactly on min_score is funded', () => {
    const r = evaluateOne({ requested: '300万', score: '60' });
    expect(r.entitlement).toBe('3000000.00');
    expect(stepNamed(r.trace, 'eligibility')).toEqual({
      step: 'eligibility',
      rule: 'only a project whose review score is at least min_score is funded',
      inputs: { score: '60' },
      parameters: [
        {
          path: 'guidance_fund.min_score',
          value: '60',
          source: '⚠ assumption: no public pass mark found; 60 of 100 is the usual pass mark of expert reviews',
          assumption: true,
        },
      ],
      branch: 'eligible: score ≥ min_score',
      result: 'eligible',
    });
  });

  it('a hundredth of a point below gets 0, and the trace stops there', () => {
    const r = evaluateOne({ requested: '300万', score: '59.99' });
    expect(r.entitlement).toBe('0.00');
    expect(r.trace.map((s) => [s.step, s.branch, s.result])).toEqual([['eligibility', 'below minimum score: 0', '0.00']]);
  });

  it('a reform of min_score moves the line', () => {
    expect(evaluateOne({ requested: '300万', score: '60' }, [{ path: 'guidance_fund.min_score', value: '60.5' }]).entitlement).toBe('0.00');
    expect(evaluateOne({ requested: '300万', score: '72.5' }, [{ path: 'guidance_fund.min_score', value: '72.5' }]).entitlement).toBe(
      '3000000.00',
    );
  });
});

describe('step 2: maximum per project', () => {
  it('a request below the maximum is granted in full', () => {
    const r = evaluateOne({ requested: '1234567.89', score: '88' });
    expect(r.entitlement).toBe('1234567.89');
    expect(stepNamed(r.trace, 'project_cap')).toMatchObject({ branch: 'requested is within the maximum', result: '1234567.89' });
    expect(stepNamed(r.trace, 'project_cap')?.bound).toBeUndefined();
  });

  it('a request exactly at the maximum is granted in full; no cap binds', () => {
    const r = evaluateOne({ requested: '500万', score: '88' });
    expect(r.entitlement).toBe('5000000.00');
    expect(stepNamed(r.trace, 'project_cap')?.bound).toBeUndefined();
  });

  it('a request a fen above the maximum is capped, and the trace names the cap', () => {
    const r = evaluateOne({ requested: '5000000.01', score: '88' });
    expect(r.entitlement).toBe('5000000.00');
    expect(stepNamed(r.trace, 'project_cap')).toMatchObject({
      inputs: { requested: '5000000.01' },
      branch: 'requested is above the maximum: capped',
      bound: 'guidance_fund.max_per_project',
      result: '5000000.00',
    });
  });

  it('a request of 0 is entitled to 0', () => {
    expect(evaluateOne({ requested: '0', score: '100' }).entitlement).toBe('0.00');
  });
});

describe('step 3: rounding', () => {
  it('rounds down once, to the rounding unit', () => {
    const r = evaluateOne({ requested: '1234567.89', score: '88' }, [{ path: 'guidance_fund.rounding_unit', value: '1万' }]);
    expect(r.entitlement).toBe('1230000.00');
    expect(stepNamed(r.trace, 'rounding')).toMatchObject({
      inputs: { amount: '1234567.89' },
      branch: 'rounded down by 4567.89',
      result: '1230000.00',
    });
  });

  it('a whole unit is left as it is', () => {
    const r = evaluateOne({ requested: '120万', score: '88' }, [{ path: 'guidance_fund.rounding_unit', value: '1万' }]);
    expect(stepNamed(r.trace, 'rounding')).toMatchObject({ branch: 'already a whole unit', result: '1200000.00' });
  });
});
