import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yuan, type Fen } from '../../money/index.js';
import { awardsById, expectEnvelopeInvariants, parametersOn, problemsOf, valueOf } from '../common/test-support/index.js';
import { DIGITAL_CENTRES, DIGITAL_SUBSIDY_2021, digitalSubsidyProgramme, digitalSubsidyRegistry } from './index.js';

const DATE = '2021-06-30';
const defaults = parametersOn(digitalSubsidyRegistry, DATE);

/**
 * The README's worked example. Entitlements: D1 150,000 + 150,000 = 300,000; D2 500,000 (at the
 * cap) + 200,000 (at the cap) = 700,000; D3 both lines a fen over their caps = 700,000; D4
 * 61,728.395 + 100,000 (capped) = 161,728.395 → 161,728.39; D5 0 + 50,000. E = 1,911,728.39.
 */
const EXAMPLE_CSV = [
  '申报编号,单位名称,单位类型,创新中心,申请资源补贴,申请现金补贴,所属城市',
  'D1,甲软件公司,企业,人工智能创新中心,300000,150000,南宁市',
  'D2,乙数据公司,企业,鲲鹏生态创新中心,1000000,200000,南宁市',
  'D3,丙制造公司,企业,数字经济产业创新中心,1000000.02,200000.01,柳州市',
  'D4,丁大学,高校,人工智能创新中心,123456.79,100000.01,桂林市',
  'D5,戊学院,高校,,0,50000,',
].join('\n');
const example = valueOf(digitalSubsidyProgramme.readApplicantsCsv(EXAMPLE_CSV));
const run = (budget: number, method: string) =>
  valueOf(digitalSubsidyProgramme.evaluate(example, defaults, { budget: yuan(budget), method }));

describe('digitalSubsidyProgramme', () => {
  it('describes itself, and what the letter says of 2021', () => {
    expect([digitalSubsidyProgramme.key, digitalSubsidyProgramme.citation, digitalSubsidyProgramme.defaultMethod]).toEqual([
      'digital_subsidy',
      'letter 一(三)四',
      'pro_rata',
    ]);
    expect(DIGITAL_SUBSIDY_2021).toMatchObject({ amount: 3_000_000_000, enterprises: 237, universities: 9 });
    expect(DIGITAL_CENTRES.map((c) => [c.key, c.applications])).toEqual([
      ['ai', 104],
      ['kunpeng', 65],
      ['nanning', undefined],
    ]);
  });

  it('the 2021 money (3000万) covers the example in full', () => {
    const outcome = valueOf(
      digitalSubsidyProgramme.evaluate(example, defaults, { budget: DIGITAL_SUBSIDY_2021.amount, method: 'pro_rata' }),
    );
    expect(awardsById(outcome)).toEqual({ D1: '300000.00', D2: '700000.00', D3: '700000.00', D4: '161728.39', D5: '50000.00' });
    expect(outcome.totals).toMatchObject({ entitlement: 191_172_839, unallocated: 3_000_000_000 - 191_172_839 });
    expect(outcome.trace(2).map((s) => [s.step, s.bound])).toEqual([
      ['resource_line', 'digital_subsidy.resource_cap'],
      ['cash_line', 'digital_subsidy.cash_cap_enterprise'],
      ['total', undefined],
      ['rounding', undefined],
      ['envelope', undefined],
    ]);
  });

  it('pro_rata: 1,000,000 of 1,911,728.39; the two leftover fens go to the largest remainders (D4, D1)', () => {
    // Shares in fen: D1 15,692,605.79, D2 36,616,080.17, D3 the same, D4 8,459,799.56, D5 2,615,434.30 (to 2 places).
    const outcome = run(1_000_000, 'pro_rata');
    expect(awardsById(outcome)).toEqual({ D1: '156926.06', D2: '366160.80', D3: '366160.80', D4: '84598.00', D5: '26154.34' });
    expect(outcome.totals.unallocated).toBe(0);
  });

  it('uniform_cap: c = 788,271.61 / 3 = 262,757.2033…; the one leftover fen goes to D1 (ids break the tie)', () => {
    const outcome = run(1_000_000, 'uniform_cap');
    expect(awardsById(outcome)).toEqual({ D1: '262757.21', D2: '262757.20', D3: '262757.20', D4: '161728.39', D5: '50000.00' });
  });

  it('ranked: smallest entitlement first; D2 (tied with D3, first by id) takes what is left', () => {
    // D5 50,000 → 950,000 left; D4 161,728.39 → 788,271.61; D1 300,000 → 488,271.61; D2 gets 488,271.61; D3 0.
    const outcome = run(1_000_000, 'ranked');
    expect(awardsById(outcome)).toEqual({ D1: '300000.00', D2: '488271.61', D3: '0.00', D4: '161728.39', D5: '50000.00' });
    expect(outcome.trace(1).at(-1)).toMatchObject({
      inputs: { rank: '4' },
      branch: 'marginal: received what was left, rounded down to the unit',
    });
    expect(outcome.trace(1).at(-1)?.rule).toContain('entitlement (smallest first, ties by id)');
  });

  it('groups by kind, centre and city', () => {
    expect(run(1_000_000, 'pro_rata').groups).toEqual({
      kind: ['enterprise', 'enterprise', 'enterprise', 'university', 'university'],
      centre: ['ai', 'kunpeng', 'nanning', 'ai', undefined],
      city: ['南宁市', '南宁市', '柳州市', '桂林市', undefined],
    });
  });

  it('refuses entitlements beyond what an amount can hold, with a value not an exception', () => {
    const parameters = parametersOn(digitalSubsidyRegistry, DATE, [
      { path: 'digital_subsidy.resource_share', value: '1' },
      { path: 'digital_subsidy.resource_cap', value: '90000000000000' },
      { path: 'digital_subsidy.cash_cap_enterprise', value: '90000000000000' },
    ]);
    const big = valueOf(
      digitalSubsidyProgramme.readApplicants([
        { id: 'X', kind: 'enterprise', resource_requested: '50000000000000', cash_requested: '50000000000000' },
      ]),
    );
    expect(problemsOf(digitalSubsidyProgramme.evaluate(big, parameters, { budget: yuan(1), method: 'pro_rata' }))[0]?.code).toBe(
      'ENTITLEMENT.TOO_LARGE',
    );
  });

  it('for random applicants and budgets, every method: Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement, whatever the row order', () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 100_000_000_000 }));
    const applicant = fc.record({
      kind: fc.constantFrom('enterprise', 'university'),
      resource_requested: amount.map((f) => (f / 100).toFixed(2)),
      cash_requested: amount.map((f) => (f / 100).toFixed(2)),
    });
    const reform = fc.record({
      share: fc.integer({ min: 0, max: 100_000 }).map((n) => (n / 100_000).toString()),
      unit: fc.constantFrom(1, 100, 1_000_00),
    });
    fc.assert(
      fc.property(
        fc.array(applicant, { minLength: 1, maxLength: 25 }),
        reform,
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 2 ** 50 })),
        (applicants, { share, unit }, method, budget) => {
          const parameters = parametersOn(digitalSubsidyRegistry, DATE, [
            { path: 'digital_subsidy.resource_share', value: share },
            { path: 'digital_subsidy.rounding_unit', value: (unit / 100).toFixed(2) },
          ]);
          const read = valueOf(digitalSubsidyProgramme.readApplicants(applicants.map((a, i) => ({ id: `D${i}`, ...a }))));
          const outcome = valueOf(digitalSubsidyProgramme.evaluate(read, parameters, { budget: budget as Fen, method }));
          expectEnvelopeInvariants(outcome, unit as Fen);
          const reversed = valueOf(digitalSubsidyProgramme.evaluate([...read].reverse(), parameters, { budget: budget as Fen, method }));
          expect(awardsById(reversed)).toEqual(awardsById(outcome));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
