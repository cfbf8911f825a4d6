import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, ruleUnderTest, stepNamed } from '../common/test-support/index.js';
import { compileDigitalSubsidyRule, digitalApplicants, digitalSubsidyEntitlement, digitalSubsidyRegistry } from './index.js';

const DATE = '2021-06-30';

interface Input {
  kind: string;
  resource_requested: string;
  cash_requested: string;
}

const entitlementOf = ruleUnderTest(digitalApplicants, digitalSubsidyRegistry, DATE, compileDigitalSubsidyRule, digitalSubsidyEntitlement);
const evaluateOne = (applicant: Input, reform: Override[] = []): OneEntitlement => entitlementOf({ id: 'D', ...applicant }, reform);

describe('digital_subsidy parameters', () => {
  it('are in force from 2021-01-01 with the ⚠ flags of README.md', () => {
    const parameters = parametersOn(digitalSubsidyRegistry, '2021-01-01');
    expect(parameterRows(parameters)).toEqual([
      ['digital_subsidy.resource_share', '0.50', true],
      ['digital_subsidy.resource_cap', '500000.00', true],
      ['digital_subsidy.cash_cap_enterprise', '200000.00', true],
      ['digital_subsidy.cash_cap_university', '100000.00', true],
      ['digital_subsidy.rounding_unit', '0.01', false],
    ]);
    expect(digitalSubsidyRegistry.resolve('2020-12-31').ok).toBe(false);
  });
});

describe('the resource line: min(resource_requested × resource_share, resource_cap)', () => {
  it('below the cap: the share of the request', () => {
    const r = evaluateOne({ kind: 'enterprise', resource_requested: '300000', cash_requested: '0' });
    expect(stepNamed(r.trace, 'resource_line')).toEqual({
      step: 'resource_line',
      rule: 'resource line = min(resource_requested × resource_share, resource_cap)',
      inputs: { resource_requested: '300000.00' },
      parameters: [
        {
          path: 'digital_subsidy.resource_share',
          value: '0.50',
          source:
            '⚠ assumption: no public rule of the innovation centres’ subsidy notice (2021-05-14) found; the letter (一(三)三) says only that projects are subsidised with resources',
          assumption: true,
        },
        {
          path: 'digital_subsidy.resource_cap',
          value: '500000.00',
          source: '⚠ assumption: no public rule of the innovation centres’ subsidy notice (2021-05-14) found',
          assumption: true,
        },
      ],
      branch: 'covered at 0.50, within the cap',
      result: '150000.00',
    });
    expect(r.entitlement).toBe('150000.00');
  });

  it('exactly at the cap: in full, no cap binds', () => {
    const r = evaluateOne({ kind: 'enterprise', resource_requested: '100万', cash_requested: '0' });
    expect(stepNamed(r.trace, 'resource_line')).toMatchObject({ branch: 'covered at 0.50, within the cap', result: '500000.00' });
    expect(stepNamed(r.trace, 'resource_line')?.bound).toBeUndefined();
  });

  it('a fen above the cap: capped, and the trace names the cap', () => {
    const r = evaluateOne({ kind: 'university', resource_requested: '1000000.02', cash_requested: '0' });
    expect(stepNamed(r.trace, 'resource_line')).toMatchObject({
      branch: '500000.01 covered at 0.50 is above the cap: capped',
      bound: 'digital_subsidy.resource_cap',
      result: '500000.00',
    });
  });
});

describe('the cash line: min(cash_requested, the cap of the kind)', () => {
  it.each([
    ['enterprise', '200000', '200000.00', undefined],
    ['enterprise', '200000.01', '200000.00', 'digital_subsidy.cash_cap_enterprise'],
    ['university', '100000', '100000.00', undefined],
    ['university', '100000.01', '100000.00', 'digital_subsidy.cash_cap_university'],
    ['university', '0', '0.00', undefined],
  ])('%s asking %s gets %s (bound: %s)', (kind, cash, expected, bound) => {
    const r = evaluateOne({ kind, resource_requested: '0', cash_requested: cash });
    const cashLine = stepNamed(r.trace, 'cash_line');
    expect(cashLine?.result).toBe(expected);
    expect(cashLine?.bound).toBe(bound);
    expect(cashLine?.parameters?.[0]?.path).toBe(`digital_subsidy.cash_cap_${kind}`);
    expect(r.entitlement).toBe(expected);
  });
});

describe('the sum, rounded once', () => {
  it('adds both lines exactly and rounds down to the fen only at the end', () => {
    // 123,456.79 × 0.5 = 61,728.395; cash 100,000.01 capped at 100,000; 161,728.395 → 161,728.39.
    const r = evaluateOne({ kind: 'university', resource_requested: '123456.79', cash_requested: '100000.01' });
    expect(r.trace.map((s) => [s.step, s.result])).toEqual([
      ['resource_line', '61728.395'],
      ['cash_line', '100000.00'],
      ['total', '161728.395'],
      ['rounding', '161728.39'],
    ]);
    expect(stepNamed(r.trace, 'rounding')?.branch).toBe('rounded down by 0.005');
  });

  it('rounds the sum, not each line: two half units make a whole one', () => {
    // rounding_unit 1 yuan: resource 1 × 0.5 = 0.50, cash 0.50; 1.00 → 1.00 (each line rounded alone would give 0).
    const r = evaluateOne({ kind: 'enterprise', resource_requested: '1', cash_requested: '0.50' }, [
      { path: 'digital_subsidy.rounding_unit', value: '1' },
    ]);
    expect(r.trace.map((s) => s.result)).toEqual(['0.50', '0.50', '1.00', '1.00']);
    expect(r.entitlement).toBe('1.00');
  });

  it('a reformed share and caps are used exactly', () => {
    const r = evaluateOne({ kind: 'enterprise', resource_requested: '3', cash_requested: '10' }, [
      { path: 'digital_subsidy.resource_share', value: '33.333%' },
      { path: 'digital_subsidy.cash_cap_enterprise', value: '7.77' },
    ]);
    // 3 × 0.33333 = 0.99999; + 7.77 = 8.76999 → 8.76
    expect(r.trace.map((s) => s.result)).toEqual(['0.99999', '7.77', '8.76999', '8.76']);
  });
});
