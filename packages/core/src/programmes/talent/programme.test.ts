import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yuan, type Fen } from '../../money/index.js';
import { awardsById, expectEnvelopeInvariants, parametersOn, problemsOf, valueOf } from '../common/test-support/index.js';
import { TALENT_BUDGET_2021, TALENT_PROGRAMMES, talentProgramme, talentRegistry } from './index.js';

const DATE = '2021-06-30';
const defaults = parametersOn(talentRegistry, DATE);

/** The README's worked example: entitlements 3,000,000 + 2,000,000 + 3,000,000 + 1,000,000 + 0 = 9,000,000. */
const EXAMPLE_CSV = [
  '编号,人才项目,人数,所属城市,依托单位',
  'T1,八桂学者,3,南宁市,广西大学',
  'T2,院士后备人选工程,4,桂林市,广西师范大学',
  'T3,农业科技人才服务,150,南宁市,广西农业科学院',
  'T4,特聘专家,5,柳州市,柳州工学院',
  'T5,农业科技人才服务,0,百色市,',
].join('\n');
const example = valueOf(talentProgramme.readApplicantsCsv(EXAMPLE_CSV));

function run(budget: string, method: string, parameters = defaults) {
  return valueOf(talentProgramme.evaluate(example, parameters, { budget: yuan(Number(budget)), method }));
}

/** The step of a line's trace with this name. */
const stepOf = (outcome: ReturnType<typeof run>, i: number, name: string) => outcome.trace(i).find((s) => s.step === name);

describe('talentProgramme', () => {
  it('describes itself: key, labels, citation, methods', () => {
    expect([talentProgramme.key, talentProgramme.label.zh, talentProgramme.citation, talentProgramme.defaultMethod]).toEqual([
      'talent',
      '自治区重大人才项目',
      'letter 一(五)',
      'ranked',
    ]);
    expect(talentProgramme.methods).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
    expect(TALENT_BUDGET_2021.amount).toBe(15_600_000_000);
    expect(TALENT_PROGRAMMES.map((p) => p.key)).toEqual([
      'bagui_scholar',
      'academician_reserve',
      'agri_tech_service',
      'distinguished_expert',
    ]);
  });

  it('the 2021 money (1.56亿) covers the example in full, the rest unallocated', () => {
    const outcome = valueOf(talentProgramme.evaluate(example, defaults, { budget: TALENT_BUDGET_2021.amount, method: 'pro_rata' }));
    expect(awardsById(outcome)).toEqual({ T1: '3000000.00', T2: '2000000.00', T3: '3000000.00', T4: '1000000.00', T5: '0.00' });
    expect(outcome.totals).toEqual({ entitlement: 900_000_000, awarded: 900_000_000, unallocated: 14_700_000_000, recipients: 5 });
    expect(stepOf(outcome, 0, 'envelope')).toMatchObject({ branch: 'in full', result: '3000000.00' });
    expect(outcome.trace(0).at(-1)).toMatchObject({
      step: 'whole_stipends',
      branch: '3 whole stipends: nothing to round',
      result: '3000000.00',
    });
  });

  it('ranked (the default): programmes in the letter’s order; the marginal line is paid the whole stipends that fit', () => {
    // B = 6,010,000. T1 (八桂学者) 3,000,000, T2 (院士后备) 2,000,000 → 1,010,000 left; T3 (农业, 150 × 20,000) does not fit:
    // 1,010,000 / 20,000 = 50.5 → 50 whole stipends, 1,000,000; the 10,000 left stays unallocated; T5, T4 after the cut-off.
    const outcome = run('6010000', 'ranked');
    expect(awardsById(outcome)).toEqual({ T1: '3000000.00', T2: '2000000.00', T3: '1000000.00', T4: '0.00', T5: '0.00' });
    expect(outcome.totals.unallocated).toBe(yuan(10_000));
    expect([2, 4, 3].map((i) => [stepOf(outcome, i, 'envelope')?.inputs?.rank, stepOf(outcome, i, 'envelope')?.branch])).toEqual([
      ['3', 'marginal: received what was left, rounded down to the unit'],
      ['4', 'after the cut-off: 0'],
      ['5', 'after the cut-off: 0'],
    ]);
    expect(outcome.trace(2).at(-1)).toEqual({
      step: 'whole_stipends',
      rule: 'a stipend is paid in full or not at all: the award is rounded down to a whole number of stipends; what that frees stays unallocated',
      inputs: { share: '1010000.00', stipend: '20000.00' },
      parameters: [expect.objectContaining({ path: 'talent.whole_stipends', value: 'true', assumption: true })],
      branch: '50 whole stipends: 10000.00 unallocated',
      result: '1000000.00',
    });
    expect(stepOf(outcome, 0, 'envelope')?.rule).toContain(
      'programme in the letter’s order (八桂学者, 院士后备人选工程, 农业科技人才服务, 特聘专家), ties by id',
    );
  });

  it('pro_rata with whole stipends: each two-thirds share rounded down to whole stipends, the rest unallocated', () => {
    // Shares of 6,000,000 / 9,000,000: T1 2,000,000 = 2 × 1,000,000; T2 1,333,333.33 → 2 × 500,000 = 1,000,000;
    // T3 2,000,000 = 100 × 20,000; T4 666,666.67 → 3 × 200,000 = 600,000. Paid 5,600,000; 400,000 unallocated.
    const outcome = run('6000000', 'pro_rata');
    expect(awardsById(outcome)).toEqual({ T1: '2000000.00', T2: '1000000.00', T3: '2000000.00', T4: '600000.00', T5: '0.00' });
    expect(outcome.totals.unallocated).toBe(yuan(400_000));
  });

  it('uniform_cap with whole stipends: c = 5,000,000 / 3, each share rounded down to whole stipends', () => {
    // T1 1,666,666.67 → 1 × 1,000,000; T2 1,666,666.67 → 3 × 500,000; T3 1,666,666.66 → 83 × 20,000 = 1,660,000;
    // T4 1,000,000 = 5 × 200,000 (below the cap). Paid 5,160,000; 840,000 unallocated.
    const outcome = run('6000000', 'uniform_cap');
    expect(awardsById(outcome)).toEqual({ T1: '1000000.00', T2: '1500000.00', T3: '1660000.00', T4: '1000000.00', T5: '0.00' });
    expect(outcome.totals.unallocated).toBe(yuan(840_000));
  });

  describe('whole_stipends = false (a reform): stipends are shared like any entitlement', () => {
    const shared = parametersOn(talentRegistry, DATE, [{ path: 'talent.whole_stipends', value: false }]);

    it('pro_rata: 6,000,000 of 9,000,000 is two thirds each; the one leftover fen goes to the largest remainder', () => {
      // T2: 2,000,000 × 2/3 = 1,333,333.333… → .33 (remainder 1/3 fen); T4: 666,666.666… → .66 (2/3 fen) + 0.01.
      const outcome = run('6000000', 'pro_rata', shared);
      expect(awardsById(outcome)).toEqual({ T1: '2000000.00', T2: '1333333.33', T3: '2000000.00', T4: '666666.67', T5: '0.00' });
      expect(outcome.totals.unallocated).toBe(0);
      expect(outcome.trace(3).at(-1)?.branch).toBe('share ≈666666.666666; one more rounding unit from the largest-remainder step');
    });

    it('uniform_cap: c = 5,000,000 / 3; two of the three equal remainders take a fen, by id', () => {
      // 0 + 1,000,000 + 3c = 6,000,000 → c = 1,666,666.666…; floors leave 0.02: T1 and T2 (ids first) get 0.01.
      const outcome = run('6000000', 'uniform_cap', shared);
      expect(awardsById(outcome)).toEqual({ T1: '1666666.67', T2: '1666666.67', T3: '1666666.66', T4: '1000000.00', T5: '0.00' });
      expect(outcome.trace(3).at(-1)).toMatchObject({ branch: 'below the cap: in full', inputs: { uniform_cap: '≈1666666.666666' } });
    });

    it('ranked: the first that does not fit takes what is left, to the fen', () => {
      // T1 3,000,000, T2 2,000,000, T3 takes the 1,010,000 left.
      const outcome = run('6010000', 'ranked', shared);
      expect(awardsById(outcome)).toEqual({ T1: '3000000.00', T2: '2000000.00', T3: '1010000.00', T4: '0.00', T5: '0.00' });
    });
  });

  it('groups by programme, city and institution', () => {
    const outcome = run('6000000', 'pro_rata');
    expect(outcome.groups).toEqual({
      programme: ['bagui_scholar', 'academician_reserve', 'agri_tech_service', 'distinguished_expert', 'agri_tech_service'],
      city: ['南宁市', '桂林市', '南宁市', '柳州市', '百色市'],
      institution: ['广西大学', '广西师范大学', '广西农业科学院', '柳州工学院', undefined],
    });
  });

  it('refuses an unknown method, and entitlements (one, or their total) beyond what an amount can hold', () => {
    expect(problemsOf(talentProgramme.evaluate(example, defaults, { budget: yuan(1), method: 'lottery' }))[0]?.code).toBe('METHOD.UNKNOWN');
    const huge = valueOf(talentProgramme.readApplicants([{ id: 'H', programme: 'bagui_scholar', head_count: 1_000_000_000 }]));
    const [found] = problemsOf(talentProgramme.evaluate(huge, defaults, { budget: yuan(1), method: 'pro_rata' }));
    expect(found).toEqual({
      code: 'ENTITLEMENT.TOO_LARGE',
      message:
        'the entitlement of H would be 1000000000000000.00 yuan, beyond the largest amount an award can hold (about 90 trillion yuan): check its inputs and the parameters a reform set',
      location: { value: 'H' },
    });
    // 50,000,000 × 1,000,000 = 50 trillion yuan each: each fits, the total (100 trillion) does not.
    const two = valueOf(
      talentProgramme.readApplicants([
        { id: 'A', programme: 'bagui_scholar', head_count: 50_000_000 },
        { id: 'B', programme: 'bagui_scholar', head_count: 50_000_000 },
      ]),
    );
    expect(problemsOf(talentProgramme.evaluate(two, defaults, { budget: yuan(1), method: 'pro_rata' })).map((p) => p.code)).toEqual([
      'ENTITLEMENT.TOO_LARGE',
    ]);
  });

  it('for random lines and budgets, every method: Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement, whatever the row order', () => {
    const line = fc.record({
      programme: fc.constantFrom(...TALENT_PROGRAMMES.map((p) => p.key)),
      head_count: fc.integer({ min: 0, max: 500 }),
    });
    const reform = fc.record({
      stipend: fc.integer({ min: 0, max: 200_000_000 }),
      unit: fc.constantFrom(1, 100, 1_000_00),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 25 }),
        reform,
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        fc.oneof(fc.integer({ min: 0, max: 40_000_000_000 }), fc.integer({ min: 0, max: 2 ** 50 })),
        (lines, { stipend, unit }, method, budget) => {
          const parameters = parametersOn(talentRegistry, DATE, [
            { path: 'talent.stipend.agri_tech_service', value: (stipend / 100).toFixed(2) },
            { path: 'talent.rounding_unit', value: (unit / 100).toFixed(2) },
          ]);
          const read = valueOf(talentProgramme.readApplicants(lines.map((l, i) => ({ id: `L${i}`, ...l }))));
          const outcome = valueOf(talentProgramme.evaluate(read, parameters, { budget: budget as Fen, method }));
          expectEnvelopeInvariants(outcome, unit as Fen);
          // Whole stipends (the default): every award a whole number of its line's stipend, rounded to the unit.
          const stipends: Record<string, number> = {
            ...Object.fromEntries(TALENT_PROGRAMMES.map((p) => [p.key, Number(p.stipend.value) * 100])),
            agri_tech_service: stipend,
          };
          read.forEach((l, i) => {
            const each = (stipends[l.programme] ?? 0) - ((stipends[l.programme] ?? 0) % unit);
            if (each > 0) expect((outcome.awards[i] ?? 0) % each).toBe(0);
          });
          const reversed = valueOf(talentProgramme.evaluate([...read].reverse(), parameters, { budget: budget as Fen, method }));
          expect(awardsById(reversed)).toEqual(awardsById(outcome));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
