import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/index.js';
import { fen, formatJson } from '../money/index.js';
import { rdIncentiveProgramme, rdIncentiveRegistry } from '../programmes/rd-incentive/index.js';
import { applyReform, buildReform, compare, parseReform, stackReform, type Comparison } from './index.js';
import { baselineOf, budget, FIRMS, method, overrides, population } from './test-support/index.js';

const CAP_800 = unwrap(
  parseReform({ name: 'cap-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] }, rdIncentiveRegistry),
);
const yuan = (a: ArrayLike<number>): string[] => Array.from(a, (x) => formatJson(x));

describe('compare: four firms by hand', () => {
  const result = unwrap(compare(baselineOf(1_000_000_000, 'pro_rata'), [CAP_800], FIRMS));
  const [reform] = result.reforms;
  if (reform === undefined) throw new Error('no reform compared');
  const { diff } = reform;

  it('evaluates the baseline and the reform on the same firms', () => {
    expect(yuan(result.baseline.awards)).toEqual(['1052631.58', '4385964.91', '4385964.91', '175438.60']);
    expect(yuan(reform.outcome.entitlements)).toEqual(['1200000.00', '8000000.00', '6000000.00', '200000.00']);
    expect(yuan(reform.outcome.awards)).toEqual(['779220.78', '5194805.19', '3896103.90', '129870.13']);
  });

  it('gives each firm its change in entitlement and award', () => {
    expect(yuan(diff.entitlementChange)).toEqual(['0.00', '3000000.00', '1000000.00', '0.00']);
    expect(yuan(diff.awardChange)).toEqual(['-273410.80', '808840.28', '-489861.01', '-45568.47']);
    expect(diff.totals.change).toEqual({ entitlement: 400_000_000, awarded: 0, unallocated: 0 });
  });

  it('counts winners, losers and unchanged, beyond a threshold', () => {
    expect(diff.awards).toEqual({ winners: 1, losers: 3, unchanged: 0 });
    expect(diff.entitlements).toEqual({ winners: 2, losers: 0, unchanged: 2 });
    // ±50万: only B's +808,840.28 is beyond it; C's −489,861.01 is not.
    const wide = unwrap(compare(baselineOf(1_000_000_000, 'pro_rata'), [CAP_800], FIRMS, { threshold: fen(50_000_000) }));
    expect(wide.reforms[0]?.diff.awards).toEqual({ winners: 1, losers: 0, unchanged: 3 });
  });

  it('puts the changes in bands', () => {
    const bands = diff.bands.map((b) => [b.band.label.en, b.recipients, formatJson(b.change)]);
    expect(bands).toEqual([
      ['< −¥1,000,000.00', 0, '0.00'],
      ['[−¥1,000,000.00, −¥100,000.00)', 2, '-763271.81'],
      ['[−¥100,000.00, −¥10,000.00)', 1, '-45568.47'],
      ['[−¥10,000.00, 0)', 0, '0.00'],
      ['0 (no change)', 0, '0.00'],
      ['(0, ¥10,000.00]', 0, '0.00'],
      ['(¥10,000.00, ¥100,000.00]', 0, '0.00'],
      ['(¥100,000.00, ¥1,000,000.00]', 1, '808840.28'],
      ['> ¥1,000,000.00', 0, '0.00'],
    ]);
    expect(diff.bands[1]?.band.label.zh).toBe('[−100万元, −10万元)');
  });

  it('totals by group: scale, city (a firm without one apart), high-tech', () => {
    const rows = (key: string) =>
      diff.groups[key]?.map((r) => [
        r.value,
        r.recipients,
        formatJson(r.baseline.awarded),
        formatJson(r.reform.awarded),
        formatJson(r.change.awarded),
        r.winners,
        r.losers,
      ]);
    expect(rows('scale')).toEqual([
      ['above', 3, '9824561.40', '9870129.87', '45568.47', 1, 2],
      ['below', 1, '175438.60', '129870.13', '-45568.47', 0, 1],
    ]);
    expect(rows('city')).toEqual([
      ['南宁', 2, '5438596.49', '4675324.68', '-763271.81', 0, 2],
      ['柳州', 1, '4385964.91', '5194805.19', '808840.28', 1, 0],
      [null, 1, '175438.60', '129870.13', '-45568.47', 0, 1],
    ]);
    expect(rows('high_tech')?.map((r) => r[0])).toEqual(['false', 'true']);
  });

  it('counts how often each cap binds: B and C before, only B after', () => {
    expect(diff.caps).toEqual([{ path: 'rd_incentive.increment.cap_above', baseline: 2, reform: 1 }]);
  });

  it('keys the baseline and the reform by content and engine version', () => {
    expect(result.baselineKey).toMatch(/^[0-9a-f]{16}@0\.1\.0$/u);
    expect(reform.reform.key).toBe(`${reform.reform.hash}@0.1.0`);
  });
});

describe('which envelope method protects small firms (baseline, by hand)', () => {
  // uniform_cap: 20万 + 120万 + 2c = 1000万 → c = 430万. ranked: by intensity D (10%), A (6%), B (6%, after A by id), C (4%):
  // D 20万, A 120万, B 500万, C the 360万 left.
  const result = unwrap(compare(baselineOf(1_000_000_000, 'pro_rata'), [], FIRMS, { methods: ['pro_rata', 'uniform_cap', 'ranked'] }));
  const rows = (m: string) =>
    result.methods[0]?.methods
      .find((x) => x.method === m)
      ?.bands.filter((b) => b.recipients > 0)
      .map((b) => [b.band.label.en, b.recipients, formatJson(b.awarded), b.share, b.minShare, b.fullyFunded, b.unfunded]);

  it('pro rata cuts every firm by the same share', () => {
    expect(rows('pro_rata')).toEqual([
      ['(¥100,000.00, ¥500,000.00]', 1, '175438.60', '0.8771', '0.8771', 0, 0],
      ['(¥1,000,000.00, ¥5,000,000.00]', 3, '9824561.40', '0.8771', '0.8771', 0, 0],
    ]);
  });
  it('a uniform cap pays the small firms in full and cuts only the largest', () => {
    expect(rows('uniform_cap')).toEqual([
      ['(¥100,000.00, ¥500,000.00]', 1, '200000.00', '1.0000', '1.0000', 1, 0],
      ['(¥1,000,000.00, ¥5,000,000.00]', 3, '9800000.00', '0.8750', '0.8600', 1, 0],
    ]);
  });
  it('ranked pays in order of intensity until the envelope runs out', () => {
    expect(rows('ranked')).toEqual([
      ['(¥100,000.00, ¥500,000.00]', 1, '200000.00', '1.0000', '1.0000', 1, 0],
      ['(¥1,000,000.00, ¥5,000,000.00]', 3, '9800000.00', '0.8750', '0.7200', 2, 0],
    ]);
  });
  it('does the same for every reform', () => {
    const both = unwrap(compare(baselineOf(1_000_000_000, 'pro_rata'), [CAP_800], FIRMS, { methods: ['uniform_cap'] }));
    expect(both.methods.map((m) => [m.variant, m.methods.map((x) => x.method)])).toEqual([
      ['baseline', ['uniform_cap']],
      ['cap-800', ['uniform_cap']],
    ]);
  });
});

describe('compare refuses what it cannot do', () => {
  it('a reform of another programme', () => {
    const other = unwrap(
      buildReform({ name: 'x', layers: [{ name: 'x', overrides: [{ path: 'rd_incentive.firm_cap', value: '1' }] }] }, rdIncentiveRegistry),
    );
    const foreign = { ...other, overrides: [{ path: 'talent.rounding_unit', value: '1.00' }] };
    const r = compare(baselineOf(100, 'pro_rata'), [foreign], FIRMS);
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.message])).toEqual([
      ['REFORM.WRONG_PROGRAMME', 'reform "x" sets talent.rounding_unit, which is not a parameter of rd_incentive'],
    ]);
  });
  it('an unknown method', () => {
    const r = compare(baselineOf(100, 'lottery'), [], FIRMS);
    expect(r.ok ? undefined : r.problems[0]?.code).toBe('METHOD.UNKNOWN');
  });
});

const reformOf = (list: readonly { path: string; value: unknown }[], name = 'r') =>
  unwrap(buildReform({ name, layers: [{ name, overrides: list }] }, rdIncentiveRegistry));

const comparisonOf = (c: Comparison) => {
  const [first] = c.reforms;
  if (first === undefined) throw new Error('no reform compared');
  return first;
};

describe('properties', () => {
  it('comparing a baseline with itself gives zero deltas (any population, parameters, envelope, method)', () => {
    fc.assert(
      fc.property(population, overrides, budget, method, (table, base, b, m) => {
        const c = comparisonOf(unwrap(compare(baselineOf(b, m, base), [reformOf(base)], table)));
        expect(c.diff.entitlementChange.every((d) => d === 0)).toBe(true);
        expect(c.diff.awardChange.every((d) => d === 0)).toBe(true);
        expect(c.diff.awards).toEqual({ winners: 0, losers: 0, unchanged: table.count });
        expect(c.diff.totals.change).toEqual({ entitlement: 0, awarded: 0, unallocated: 0 });
        expect(c.diff.bands.find((x) => x.band.zero === true)?.recipients).toBe(table.count);
        for (const cap of c.diff.caps) expect(cap.reform).toBe(cap.baseline);
      }),
      { numRuns: 1000 },
    );
  });

  it('the sum of the deltas equals the difference of the totals, overall, by band and by group', () => {
    fc.assert(
      fc.property(population, overrides, overrides, budget, method, (table, base, change, b, m) => {
        const c = comparisonOf(unwrap(compare(baselineOf(b, m, base), [reformOf(change)], table)));
        const { diff } = c;
        const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, x) => s + x, 0);
        expect(sum(diff.awardChange)).toBe(diff.totals.reform.awarded - diff.totals.baseline.awarded);
        expect(sum(diff.entitlementChange)).toBe(diff.totals.reform.entitlement - diff.totals.baseline.entitlement);
        expect(diff.totals.change.awarded + diff.totals.change.unallocated).toBe(0);
        expect(sum(diff.bands.map((x) => x.change))).toBe(diff.totals.change.awarded);
        expect(sum(diff.bands.map((x) => x.recipients))).toBe(table.count);
        expect(diff.awards.winners + diff.awards.losers + diff.awards.unchanged).toBe(table.count);
        for (const rows of Object.values(diff.groups)) {
          expect(sum(rows.map((r) => r.change.awarded))).toBe(diff.totals.change.awarded);
          expect(sum(rows.map((r) => r.change.entitlement))).toBe(diff.totals.change.entitlement);
          expect(sum(rows.map((r) => r.recipients))).toBe(table.count);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a stacked reform equals applying its layers in order, when they do not conflict', () => {
    fc.assert(
      fc.property(population, overrides, overrides, budget, method, (table, first, second, b, m) => {
        const layers = [
          { name: 'one', overrides: first },
          { name: 'two', overrides: second },
        ];
        const overlap = first.some((o) => second.some((p) => p.path === o.path));
        const stacked = stackReform(layers);
        expect(stacked.ok).toBe(!overlap);
        if (!stacked.ok) {
          expect(stacked.problems.every((p) => p.code === 'REFORM.CONFLICT')).toBe(true);
          return;
        }
        const baseline = baselineOf(b, m);
        const together = unwrap(applyReform(rdIncentiveRegistry, baseline.parameters, stacked.value.overrides));
        const inTurn = unwrap(
          applyReform(rdIncentiveRegistry, unwrap(applyReform(rdIncentiveRegistry, baseline.parameters, first)), second),
        );
        expect(together.all().map((p) => p.display)).toEqual(inTurn.all().map((p) => p.display));
        const a = unwrap(rdIncentiveProgramme.evaluate(table, together, { budget: b, method: m }));
        const z = unwrap(rdIncentiveProgramme.evaluate(table, inTurn, { budget: b, method: m }));
        expect(Array.from(a.awards)).toEqual(Array.from(z.awards));
        expect(Array.from(a.entitlements)).toEqual(Array.from(z.entitlements));
        // and through compare: the stacked reform's outcome is the in-turn one
        const c = comparisonOf(unwrap(compare(baseline, [unwrap(buildReform({ name: 's', layers }, rdIncentiveRegistry))], table)));
        expect(Array.from(c.outcome.awards)).toEqual(Array.from(z.awards));
      }),
      { numRuns: 1000 },
    );
  });
});
