import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fen } from '../../money/index.js';
import { awardsById, expectEnvelopeInvariants, parametersOn, problemsOf, valueOf } from '../common/test-support/index.js';
import { NEV_SUPPORT_EARMARK_2021, nevSupportProgramme, nevSupportRegistry } from './index.js';

const DATE = '2021-06-30';
const EARMARK = NEV_SUPPORT_EARMARK_2021.amount;

/** The README's worked example: three projects, one asking for the whole earmark, one a fen more. */
const EXAMPLE_CSV = [
  '项目编号,项目名称,承担企业,申请金额,所属城市',
  'N1,智慧新能源整车工厂研发,吉利汽车,15亿,南宁市',
  'N2,动力电池配套研发,某电池公司,3亿,柳州市',
  'N3,整车平台研发,某汽车公司,1500000000.01,柳州市',
].join('\n');
const example = valueOf(nevSupportProgramme.readApplicantsCsv(EXAMPLE_CSV));
const CAP_10YI = [{ path: 'nev_support.project_cap', value: '10亿' }];
const run = (method: string, reform = CAP_10YI) =>
  valueOf(nevSupportProgramme.evaluate(example, parametersOn(nevSupportRegistry, DATE, reform), { budget: EARMARK, method }));

describe('nevSupportProgramme', () => {
  it('describes itself', () => {
    expect([
      nevSupportProgramme.key,
      nevSupportProgramme.label.zh,
      nevSupportProgramme.citation,
      nevSupportProgramme.defaultMethod,
    ]).toEqual(['nev_support', '新能源汽车产业发展扶持', 'letter 一(一)四', 'pro_rata']);
    expect(nevSupportProgramme.methods).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
  });

  it('the earmark alone funds the Geely project in full', () => {
    const geely = valueOf(nevSupportProgramme.readApplicants([{ id: 'N1', enterprise: '吉利汽车', requested: '15亿' }]));
    const outcome = valueOf(
      nevSupportProgramme.evaluate(geely, parametersOn(nevSupportRegistry, DATE), { budget: EARMARK, method: 'pro_rata' }),
    );
    expect(outcome.totals).toEqual({ entitlement: EARMARK, awarded: EARMARK, unallocated: 0, recipients: 1 });
  });

  it('pro_rata under the default cap: 15亿 of 33亿; the two leftover fens go to N1 and N3', () => {
    // 15亿 × 15/33 = 681,818,181.8181…; 3亿 × 15/33 = 136,363,636.3636…
    const outcome = run('pro_rata', []);
    expect(awardsById(outcome)).toEqual({ N1: '681818181.82', N2: '136363636.36', N3: '681818181.82' });
    expect(outcome.trace(2)[0]?.bound).toBe('nev_support.project_cap');
  });

  it('pro_rata with project_cap 10亿: 15亿 of 23亿; the one leftover fen goes to N1 (tied with N3, first by id)', () => {
    // 10亿 × 15/23 = 652,173,913.0434…; 3亿 × 15/23 = 195,652,173.9130…
    const outcome = run('pro_rata');
    expect(awardsById(outcome)).toEqual({ N1: '652173913.05', N2: '195652173.91', N3: '652173913.04' });
    expect(outcome.totals).toEqual({ entitlement: 230_000_000_000, awarded: EARMARK, unallocated: 0, recipients: 3 });
  });

  it('uniform_cap with project_cap 10亿: 3亿 + 2c = 15亿, c = 6亿', () => {
    expect(awardsById(run('uniform_cap'))).toEqual({ N1: '600000000.00', N2: '300000000.00', N3: '600000000.00' });
  });

  it('ranked with project_cap 10亿: largest first, ties by id; N3 takes the 5亿 left', () => {
    const outcome = run('ranked');
    expect(awardsById(outcome)).toEqual({ N1: '1000000000.00', N2: '0.00', N3: '500000000.00' });
    expect([0, 2, 1].map((i) => outcome.trace(i).at(-1)?.branch)).toEqual([
      'in full',
      'marginal: received what was left, rounded down to the unit',
      'after the cut-off: 0',
    ]);
    expect(outcome.trace(0).at(-1)?.rule).toContain('entitlement (largest first, ties by id)');
  });

  it('groups by city and enterprise', () => {
    expect(run('pro_rata').groups).toEqual({
      city: ['南宁市', '柳州市', '柳州市'],
      enterprise: ['吉利汽车', '某电池公司', '某汽车公司'],
    });
  });

  it('refuses an unknown method', () => {
    expect(
      problemsOf(
        nevSupportProgramme.evaluate(example, parametersOn(nevSupportRegistry, DATE), { budget: EARMARK, method: 'first_come' }),
      )[0]?.code,
    ).toBe('METHOD.UNKNOWN');
  });

  it('for random projects and budgets, every method: Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement, whatever the row order', () => {
    const requested = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 300_000_000_000 }));
    fc.assert(
      fc.property(
        fc.array(requested, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 200_000_000_000 }),
        fc.constantFrom(1, 100, 1_000_000),
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        fc.oneof(fc.integer({ min: 0, max: 200_000_000_000 }), fc.integer({ min: 0, max: 2 ** 50 })),
        (amounts, cap, unit, method, budget) => {
          const parameters = parametersOn(nevSupportRegistry, DATE, [
            { path: 'nev_support.project_cap', value: (cap / 100).toFixed(2) },
            { path: 'nev_support.rounding_unit', value: (unit / 100).toFixed(2) },
          ]);
          const projects = valueOf(
            nevSupportProgramme.readApplicants(amounts.map((f, i) => ({ id: `N${i}`, requested: (f / 100).toFixed(2) }))),
          );
          const outcome = valueOf(nevSupportProgramme.evaluate(projects, parameters, { budget: budget as Fen, method }));
          expectEnvelopeInvariants(outcome, unit as Fen);
          const reversed = valueOf(nevSupportProgramme.evaluate([...projects].reverse(), parameters, { budget: budget as Fen, method }));
          expect(awardsById(reversed)).toEqual(awardsById(outcome));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
