import { describe, expect, it } from 'vitest';
import { RD_INCENTIVE_PARAMETERS } from '../programmes/rd-incentive/parameters.js';
import { ParameterRegistry, type ParameterDefinition } from './index.js';

const registry = new ParameterRegistry(RD_INCENTIVE_PARAMETERS);

function problemsOf(reform: unknown) {
  const r = registry.validateReform(reform);
  return r.ok ? [] : r.problems.map((p) => ({ code: p.code, path: p.location?.path?.join('.'), message: p.message }));
}

describe('ParameterRegistry', () => {
  it('resolves the defaults in force on a date, with units, sources and assumption flags', () => {
    const set = registry.resolve('2021-06-30');
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    const cap = set.value.get('rd_incentive.increment.cap_above', 'amount');
    expect(cap.value).toBe(500_000_000);
    expect(cap.display).toBe('5000000.00');
    expect(cap.definition.source.citation).toBe('letter 一(一)三');
    expect(cap.definition.assumption).toBe(false);
    expect(set.value.get('rd_incentive.high_tech.cap', 'amount').definition.assumption).toBe(true);
    expect(set.value.all()).toHaveLength(13);
  });

  it('has no value before the rules came into force', () => {
    const set = registry.resolve('2019-06-30');
    expect(set.ok).toBe(false);
    if (set.ok) return;
    expect(set.problems[0]?.code).toBe('PARAMETER.NO_VALUE_ON_DATE');
    expect(set.problems[0]?.message).toBe(
      '13 parameters have no value on 2019-06-30; the earliest values are in force from 2019-07-01: choose a date on or after it',
    );
  });

  it('picks the value by effective date', () => {
    const dated: ParameterDefinition = {
      path: 'x.cap',
      kind: 'amount',
      unit: 'CNY',
      label: { zh: '上限', en: 'cap' },
      source: { citation: 'test' },
      assumption: false,
      values: [
        { from: '2022-01-01', value: '200' },
        { from: '2020-01-01', value: '100' },
      ],
    };
    const r = new ParameterRegistry([dated]);
    const at = (d: string) => {
      const s = r.resolve(d);
      return s.ok ? s.value.get('x.cap', 'amount').value : undefined;
    };
    expect(at('2021-12-31')).toBe(10_000);
    expect(at('2022-01-01')).toBe(20_000);
  });

  it('applies a reform and changes the version', () => {
    const base = registry.resolve('2021-06-30');
    const reformed = registry.resolve('2021-06-30', [{ path: 'rd_incentive.increment.cap_above', value: '800万' }]);
    expect(base.ok && reformed.ok).toBe(true);
    if (!base.ok || !reformed.ok) return;
    const cap = reformed.value.get('rd_incentive.increment.cap_above', 'amount');
    expect(cap.value).toBe(800_000_000);
    expect(cap.overridden).toBe(true);
    expect(cap.from).toBe('reform');
    expect(reformed.value.version).not.toBe(base.value.version);
  });

  it('applies an override only from its own date', () => {
    const reform = [{ path: 'rd_incentive.firm_cap', value: '1000万', from: '2022-01-01' }];
    const before = registry.resolve('2021-06-30', reform);
    const after = registry.resolve('2022-06-30', reform);
    expect(before.ok && before.value.get('rd_incentive.firm_cap', 'amount').value).toBe(800_000_000);
    expect(after.ok && after.value.get('rd_incentive.firm_cap', 'amount').value).toBe(1_000_000_000);
  });

  it('accepts tiers as JSON text, as from --set', () => {
    const set = registry.resolve('2021-06-30', [
      { path: 'rd_incentive.increment.tiers_above', value: '[{"min_intensity":"0","rate":"0.12"}]' },
    ]);
    expect(set.ok && set.value.get('rd_incentive.increment.tiers_above', 'tiers').display).toBe('[{"min_intensity":"0.00","rate":"0.12"}]');
  });

  it('refuses tiers as JSON text with a key given twice (JSON.parse would keep the last), but not a colon inside a string', () => {
    const twice = registry.resolve('2021-06-30', [
      { path: 'rd_incentive.increment.tiers_above', value: '[{"min_intensity":"0","rate":"0.12","rate":"0.5"}]' },
    ]);
    expect(twice.ok ? [] : twice.problems.map((p) => [p.code, p.message])).toEqual([
      ['PARAMETER.WRONG_TYPE', 'a tier gives a key twice: give each tier one "min_intensity" and one "rate"'],
    ]);
    const colon = registry.resolve('2021-06-30', [
      { path: 'rd_incentive.increment.tiers_above', value: '[{"min_intensity":"0","rate":"1:2"}]' },
    ]);
    expect(colon.ok ? [] : colon.problems.map((p) => p.code)).not.toContain('PARAMETER.WRONG_TYPE');
  });
});

describe('reform validation names the path', () => {
  it('unknown path', () => {
    expect(problemsOf([{ path: 'rd_incentive.increment.cap_abov', value: '1' }])).toEqual([
      expect.objectContaining({ code: 'PARAMETER.UNKNOWN', path: 'rd_incentive.increment.cap_abov' }),
    ]);
  });
  it('wrong type', () => {
    expect(problemsOf([{ path: 'rd_incentive.firm_cap', value: true }])).toEqual([
      { code: 'PARAMETER.WRONG_TYPE', path: 'rd_incentive.firm_cap', message: 'expected an amount in yuan, e.g. "5000000" or "500万"' },
    ]);
  });
  it('negative cap', () => {
    expect(problemsOf([{ path: 'rd_incentive.special.cap', value: '-1' }])).toEqual([
      expect.objectContaining({ code: 'AMOUNT.NEGATIVE', path: 'rd_incentive.special.cap' }),
    ]);
  });
  it('rate above 1', () => {
    expect(problemsOf([{ path: 'rd_incentive.high_tech.rate', value: '120%' }])).toEqual([
      { code: 'RATE.OUT_OF_RANGE', path: 'rd_incentive.high_tech.rate', message: 'a rate must be between 0 and 1 (0% to 100%)' },
    ]);
  });
  it('tiers not ascending', () => {
    expect(
      problemsOf([
        {
          path: 'rd_incentive.increment.tiers_above',
          value: [
            { min_intensity: '0.05', rate: '0.2' },
            { min_intensity: '0.03', rate: '0.1' },
          ],
        },
      ]),
    ).toEqual([
      {
        code: 'PARAMETER.TIERS_NOT_ASCENDING',
        path: 'rd_incentive.increment.tiers_above.1.min_intensity',
        message: 'tiers must have strictly ascending min_intensity: 0.03 follows 0.05',
      },
    ]);
  });
  it('empty tiers and a tier rate out of range', () => {
    expect(problemsOf([{ path: 'rd_incentive.increment.tiers_above', value: [] }])[0]?.code).toBe('PARAMETER.WRONG_TYPE');
    expect(problemsOf([{ path: 'rd_incentive.increment.tiers_above', value: [{ min_intensity: '0', rate: '2' }] }])).toEqual([
      expect.objectContaining({ code: 'RATE.OUT_OF_RANGE', path: 'rd_incentive.increment.tiers_above.0.rate' }),
    ]);
  });
  it('a rounding unit must be positive', () => {
    expect(problemsOf([{ path: 'rd_incentive.rounding_unit', value: '0' }])[0]?.code).toBe('PARAMETER.UNIT_NOT_POSITIVE');
    expect(problemsOf([{ path: 'rd_incentive.rounding_unit', value: '0.001' }])[0]?.code).toBe('AMOUNT.TOO_MANY_DECIMALS');
  });
  it('unknown fields of an override and duplicates are errors, never ignored', () => {
    expect(problemsOf([{ path: 'rd_incentive.firm_cap', valeu: '1' }])[0]?.code).toBe('REFORM.INVALID');
    expect(
      problemsOf([
        { path: 'rd_incentive.firm_cap', value: '1' },
        { path: 'rd_incentive.firm_cap', value: '2' },
      ])[0]?.code,
    ).toBe('PARAMETER.DUPLICATE_OVERRIDE');
  });
  it('reports every problem at once', () => {
    expect(
      problemsOf([
        { path: 'nope', value: '1' },
        { path: 'rd_incentive.special.rate', value: 'x' },
      ]).map((p) => p.code),
    ).toEqual(['PARAMETER.UNKNOWN', 'RATE.INVALID']);
  });
});

describe('boolean and decimal parameters', () => {
  const defs: ParameterDefinition[] = [
    {
      path: 'p.partial',
      kind: 'boolean',
      unit: 'switch',
      label: { zh: '部分资助', en: 'partial' },
      source: { citation: 'test' },
      assumption: true,
      values: [{ from: '2020-01-01', value: true }],
    },
    {
      path: 'p.min_score',
      kind: 'decimal',
      unit: 'points',
      label: { zh: '最低分', en: 'minimum score' },
      source: { citation: 'test' },
      assumption: true,
      values: [{ from: '2020-01-01', value: '60' }],
    },
  ];
  const r = new ParameterRegistry(defs);
  it('reads and overrides them', () => {
    const set = r.resolve('2021-01-01', [
      { path: 'p.partial', value: 'false' },
      { path: 'p.min_score', value: '72.5' },
    ]);
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    expect(set.value.get('p.partial', 'boolean').value).toBe(false);
    expect(set.value.get('p.min_score', 'decimal').display).toBe('72.5');
  });
  it('refuses a wrong spelling with the path', () => {
    const v = r.validateReform([
      { path: 'p.partial', value: 'maybe' },
      { path: 'p.min_score', value: '-1' },
    ]);
    expect(v.ok ? [] : v.problems.map((p) => [p.code, p.location?.path?.[0]])).toEqual([
      ['PARAMETER.WRONG_TYPE', 'p.partial'],
      ['PARAMETER.WRONG_TYPE', 'p.min_score'],
    ]);
  });
});

describe('dated overrides of one path', () => {
  it('the latest from on or before the date wins, whatever the order of the list', () => {
    const reform = [
      { path: 'rd_incentive.firm_cap', value: '1200万', from: '2023-01-01' },
      { path: 'rd_incentive.firm_cap', value: '1000万', from: '2022-01-01' },
    ];
    const at = (date: string) => {
      const set = registry.resolve(date, reform);
      return set.ok ? set.value.get('rd_incentive.firm_cap', 'amount').value : undefined;
    };
    expect(at('2021-06-30')).toBe(800_000_000);
    expect(at('2022-06-30')).toBe(1_000_000_000);
    expect(at('2023-06-30')).toBe(1_200_000_000);
  });
});
