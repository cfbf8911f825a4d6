import { describe, expect, it } from 'vitest';
import { formatProblem, unwrap, type Result } from '../errors/index.js';
import { rdIncentiveRegistry } from '../programmes/rd-incentive/index.js';
import { applyReform, duplicateReformNames, parseReform, parseReforms, stackReform, summarizeReform, type Reform } from './index.js';
import { DATE } from './test-support/index.js';

const CAP = 'rd_incentive.increment.cap_above';
const HIGH_TECH = 'rd_incentive.high_tech.rate';
const parse = (input: unknown): Result<Reform> => parseReform(input, rdIncentiveRegistry);
const lines = (r: Result<unknown>): string[] => (r.ok ? [] : r.problems.map(formatProblem));
const baseline = unwrap(rdIncentiveRegistry.resolve(DATE));

describe('the reform file', () => {
  it('reads name, description, layers and overrides, values in canonical spelling', () => {
    const r = unwrap(
      parse({
        name: 'both',
        description: 'cap 800万 and high-tech 15%',
        layers: [{ name: 'cap', overrides: [{ path: CAP, value: '800万' }] }],
        overrides: [{ path: HIGH_TECH, value: '15%' }],
      }),
    );
    expect(r.layers.map((l) => l.name)).toEqual(['cap', 'both']);
    expect(r.overrides).toEqual([
      { path: CAP, value: '8000000.00' },
      { path: HIGH_TECH, value: '0.15' },
    ]);
    expect(r.layerOf).toEqual(['cap', 'both']);
    expect(r.key).toBe(`${r.hash}@0.1.0`);
  });

  it('refuses unknown fields and bad values, each at its JSON path', () => {
    expect(lines(parse({ name: 'x', overides: [], layers: [{ name: 'a', overrides: [{ path: CAP, value: '8', valeu: 1 }] }] }))).toEqual([
      'at layers.0.overrides.0.valeu: unknown field "valeu" (did you mean "value"?): a reform file has name, description, layers and overrides [REFORM.UNKNOWN_FIELD]',
      'at overides: unknown field "overides" (did you mean "overrides"?): a reform file has name, description, layers and overrides [REFORM.UNKNOWN_FIELD]',
    ]);
    expect(lines(parse({ overrides: [] }))).toEqual(['at name: name is required [REFORM.REQUIRED]']);
    expect(
      lines(
        parse({
          name: 'x',
          overrides: [
            { path: CAP, value: '-1' },
            { path: 'rd_incentive.cap', value: '1' },
          ],
        }),
      ).map((l) => l.split(':')[0]),
    ).toEqual(['at overrides.0.value, value "-1"', 'at overrides.1.path, value "rd_incentive.cap"']);
  });

  it('one layer may not set a parameter twice from the same date', () => {
    expect(
      lines(
        parse({
          name: 'x',
          overrides: [
            { path: CAP, value: '1' },
            { path: CAP, value: '2' },
          ],
        }),
      ),
    ).toEqual([`at overrides.1.path: ${CAP} is set twice in layer "x"; set it once [PARAMETER.DUPLICATE_OVERRIDE]`]);
  });
});

describe('layers stack; a conflict is reported, never a silent overwrite', () => {
  it('two layers setting one path: REFORM.CONFLICT naming the path and both layers', () => {
    const r = parse({
      name: 'x',
      layers: [
        { name: 'cap-800', overrides: [{ path: CAP, value: '800万' }] },
        { name: 'high-tech', overrides: [{ path: HIGH_TECH, value: '15%' }] },
        { name: 'cap-1000', overrides: [{ path: CAP, value: '1000万' }] },
      ],
    });
    expect(lines(r)).toEqual([
      `at layers.2.overrides.0.path, value "${CAP}": ${CAP} is set by layer "cap-800" (8000000.00) and again by layer "cap-1000" (10000000.00): ` +
        'layers must not set the same parameter, and neither is silently overwritten; set it in one layer only [REFORM.CONFLICT]',
    ]);
  });

  it("the file's own overrides are the last layer", () => {
    const r = parse({
      name: 'mine',
      layers: [{ name: 'a', overrides: [{ path: CAP, value: '1' }] }],
      overrides: [{ path: CAP, value: '2' }],
    });
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.location?.path?.join('.')])).toEqual([['REFORM.CONFLICT', 'overrides.0.path']]);
  });

  it('layers that set different paths give every override, in layer order', () => {
    const s = unwrap(
      stackReform([
        { name: 'a', overrides: [{ path: CAP, value: '1' }] },
        { name: 'b', overrides: [{ path: HIGH_TECH, value: '0.1' }] },
      ]),
    );
    expect(s.overrides.map((o) => o.path)).toEqual([CAP, HIGH_TECH]);
    expect(s.layerOf).toEqual(['a', 'b']);
  });
});

describe('identity by content', () => {
  const hashOf = (input: unknown): string => unwrap(parse(input)).hash;
  const cap800 = { name: 'cap-800', overrides: [{ path: CAP, value: '800万' }] };

  it('renaming, re-describing, re-spelling, reordering or re-layering keeps the hash', () => {
    const h = hashOf(cap800);
    expect(hashOf({ ...cap800, name: 'renamed', description: 'now described' })).toBe(h);
    expect(hashOf({ name: 'spelled', overrides: [{ path: CAP, value: '8,000,000.00' }] })).toBe(h);
    const two = hashOf({
      name: 'a',
      overrides: [
        { path: CAP, value: '800万' },
        { path: HIGH_TECH, value: '15%' },
      ],
    });
    expect(
      hashOf({
        name: 'b',
        overrides: [
          { path: HIGH_TECH, value: '0.15' },
          { path: CAP, value: '8000000' },
        ],
      }),
    ).toBe(two);
    expect(
      hashOf({
        name: 'c',
        layers: [{ name: 'x', overrides: [{ path: HIGH_TECH, value: '0.15' }] }],
        overrides: [{ path: CAP, value: '800万' }],
      }),
    ).toBe(two);
  });

  it('a changed value, path or date changes the hash', () => {
    const h = hashOf(cap800);
    expect(hashOf({ name: 'cap-800', overrides: [{ path: CAP, value: '800.01万' }] })).not.toBe(h);
    expect(hashOf({ name: 'cap-800', overrides: [{ path: 'rd_incentive.increment.cap_below', value: '800万' }] })).not.toBe(h);
    expect(hashOf({ name: 'cap-800', overrides: [{ path: CAP, value: '800万', from: '2022-01-01' }] })).not.toBe(h);
  });
});

describe('applyReform', () => {
  it("keeps the baseline's own overrides, except where the reform sets the same path", () => {
    const base = unwrap(
      rdIncentiveRegistry.resolve(DATE, [
        { path: CAP, value: '600万' },
        { path: HIGH_TECH, value: '0.18' },
      ]),
    );
    const r = unwrap(applyReform(rdIncentiveRegistry, base, [{ path: CAP, value: '8000000.00' }]));
    expect(r.get(CAP, 'amount').display).toBe('8000000.00');
    expect(r.get(HIGH_TECH, 'rate').display).toBe('0.18');
  });
  it('a dated override applies from its date only', () => {
    const r = unwrap(applyReform(rdIncentiveRegistry, baseline, [{ path: CAP, value: '8000000.00', from: '2022-01-01' }]));
    expect(r.get(CAP, 'amount').display).toBe('5000000.00');
  });
});

describe('the summary, before anything runs, in zh and en', () => {
  it('cap 800万', () => {
    const r = unwrap(parse({ name: 'cap-800', description: '规上增量奖励上限提高到800万', overrides: [{ path: CAP, value: '800万' }] }));
    const s = summarizeReform(r, baseline);
    expect(s.text.en).toEqual([
      `Reform "cap-800" (key ${r.key}): 1 change to the parameters in force on 2021-06-30`,
      '规上增量奖励上限提高到800万',
      'rd_incentive.increment.cap_above — Increment award cap, above-scale firms: ¥5,000,000.00 → ¥8,000,000.00 (+¥3,000,000.00); source: letter 一(一)三',
    ]);
    expect(s.text.zh).toEqual([
      `改革方案“cap-800”（键 ${r.key}）：对 2021-06-30 适用参数的 1 项改动`,
      '规上增量奖励上限提高到800万',
      'rd_incentive.increment.cap_above — 规上企业增量奖励上限：500万元 → 800万元（+300万元）；来源：letter 一(一)三',
    ]);
    expect(s.changes.map((c) => [c.baseline, c.reform, c.layer, c.assumption])).toEqual([['5000000.00', '8000000.00', 'cap-800', false]]);
  });

  it('high-tech 15%, a ⚠ assumed cap, tiers and a dated change', () => {
    const r = unwrap(
      parse({
        name: 'mixed',
        overrides: [
          { path: HIGH_TECH, value: '15%' },
          { path: 'rd_incentive.high_tech.cap', value: '50万' },
          { path: 'rd_incentive.increment.tiers_above', value: [{ min_intensity: '0', rate: '0.125' }] },
          { path: 'rd_incentive.firm_cap', value: '1000万', from: '2022-01-01' },
        ],
      }),
    );
    const s = summarizeReform(r, baseline);
    expect(s.text.en.slice(1)).toEqual([
      'rd_incentive.high_tech.rate — High-tech / gazelle award rate (share of R&D expense): 20% → 15% (−5 percentage points); source: Xinhua 2020-10-28',
      'rd_incentive.high_tech.cap — High-tech / gazelle award cap: ¥500,000.00 → ¥500,000.00 (no change); source: ⚠ assumption: the 2018 rule capped 瞪羚 at 500,000',
      'rd_incentive.increment.tiers_above — Increment award rates for above-scale firms, by R&D intensity: ≥0%: 10%; ≥3%: 15%; ≥5%: 20% → ≥0%: 12.5% (changed); ' +
        'source: rates 10–20%: Xinhua 2020-10-28; intensity cut-offs ⚠ assumption',
      'rd_incentive.firm_cap — Yearly cap per firm: ¥8,000,000.00 → ¥10,000,000.00 from 2022-01-01 (not in force on 2021-06-30) (+¥2,000,000.00); source: Xinhua 2020-10-28: both awards "可同时申请" (500万 + 300万)',
    ]);
    expect(s.text.zh.slice(1)).toEqual([
      'rd_incentive.high_tech.rate — 高新技术企业、瞪羚企业奖励比例（占研发费用）：20% → 15%（−5个百分点）；来源：Xinhua 2020-10-28',
      'rd_incentive.high_tech.cap — 高新技术企业、瞪羚企业奖励上限：50万元 → 50万元（不变）；来源：⚠ assumption: the 2018 rule capped 瞪羚 at 500,000',
      'rd_incentive.increment.tiers_above — 规上企业增量奖励比例（按研发投入强度分档）：≥0%：10%；≥3%：15%；≥5%：20% → ≥0%：12.5%（改变）；' +
        '来源：rates 10–20%: Xinhua 2020-10-28; intensity cut-offs ⚠ assumption',
      'rd_incentive.firm_cap — 单个企业年度奖补上限：800万元 → 1000万元，自 2022-01-01 起（2021-06-30 尚未生效）（+200万元）；来源：Xinhua 2020-10-28: both awards "可同时申请" (500万 + 300万)',
    ]);
  });
});

describe('a list of reforms', () => {
  const cap = (name: string): unknown => ({ name, overrides: [{ path: 'rd_incentive.firm_cap', value: '800万' }] });

  it('parses each, every problem at its index in the list, and names given twice at the later one', () => {
    const list = parseReforms(
      [cap('a'), { name: 'bad', overrides: [{ path: 'rd_incentive.nope', value: '1' }] }, cap('b'), cap('a')],
      rdIncentiveRegistry,
    );
    expect(list.reforms.map(({ reform, index }) => [reform.name, index])).toEqual([
      ['a', 0],
      ['b', 2],
      ['a', 3],
    ]);
    expect(list.problems.map((p) => [p.code, p.location?.path])).toEqual([
      ['PARAMETER.UNKNOWN', [1, 'overrides', 0, 'path']],
      ['REFORM.DUPLICATE_NAME', [3, 'name']],
    ]);
    expect(list.problems[1]?.message).toBe(
      'reform 0 and reform 3 are both called "a": give each its own name, so that the results can tell them apart',
    );
  });

  it('names the reforms as the caller labels them', () => {
    expect(duplicateReformNames(['x', 'y', 'x'], (i) => ['a.json', 'b.json', '--set'][i] ?? '').map((p) => p.message)).toEqual([
      'a.json and --set are both called "x": give each its own name, so that the results can tell them apart',
    ]);
    expect(duplicateReformNames(['x', 'y'])).toEqual([]);
  });
});
