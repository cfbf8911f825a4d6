import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, ruleUnderTest } from '../common/test-support/index.js';
import { compileNevSupportRule, nevProjects, nevSupportEntitlement, nevSupportRegistry } from './index.js';

const DATE = '2021-06-30';

const entitlementOf = ruleUnderTest(nevProjects, nevSupportRegistry, DATE, compileNevSupportRule, nevSupportEntitlement);
const evaluateOne = (requested: string, reform: Override[] = []): OneEntitlement => entitlementOf({ id: 'N1', requested }, reform);

describe('nev_support parameters', () => {
  it('are in force from 2021-01-01; the project cap is ⚠ ours', () => {
    const parameters = parametersOn(nevSupportRegistry, '2021-01-01');
    expect(parameterRows(parameters)).toEqual([
      ['nev_support.project_cap', '1500000000.00', true],
      ['nev_support.rounding_unit', '0.01', false],
    ]);
    expect(nevSupportRegistry.resolve('2020-12-31').ok).toBe(false);
  });
});

describe('the rule: min(requested, project_cap)', () => {
  it('the whole earmark requested by one project: exactly at the cap, in full', () => {
    const r = evaluateOne('15亿');
    expect(r.entitlement).toBe('1500000000.00');
    expect(r.trace[0]).toEqual({
      step: 'project_cap',
      rule: 'amount = min(requested, project_cap)',
      inputs: { requested: '1500000000.00' },
      parameters: [
        {
          path: 'nev_support.project_cap',
          value: '1500000000.00',
          source:
            '⚠ assumption: no per-project maximum published; the letter (一(一)四) earmarks the whole 15亿 for one project, the Geely smart NEV plant’s R&D, so the default cap is the earmark itself',
          assumption: true,
        },
      ],
      branch: 'requested is within the maximum',
      result: '1500000000.00',
    });
  });

  it('a fen above the cap: capped, and the trace names the cap', () => {
    const r = evaluateOne('1500000000.01');
    expect(r.entitlement).toBe('1500000000.00');
    expect(r.trace[0]).toMatchObject({ branch: 'requested is above the maximum: capped', bound: 'nev_support.project_cap' });
  });

  it('a request of 0 is entitled to 0', () => {
    expect(evaluateOne('0').entitlement).toBe('0.00');
  });

  it('rounds down once, to a reformed unit', () => {
    const r = evaluateOne('123456789.99', [{ path: 'nev_support.rounding_unit', value: '10000' }]);
    expect(r.trace.map((s) => [s.step, s.branch, s.result])).toEqual([
      ['project_cap', 'requested is within the maximum', '123456789.99'],
      ['rounding', 'rounded down by 6789.99', '123450000.00'],
    ]);
  });
});
