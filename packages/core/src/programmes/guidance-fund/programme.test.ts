import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, yuan } from '../../money/index.js';
import type { Override } from '../../parameters/index.js';
import {
  awardsById,
  evaluateChecked,
  evaluateRecords,
  expectEnvelopeInvariants,
  parametersOn,
  problemsOf,
  valueOf,
} from '../common/test-support/index.js';
import { GUIDANCE_FUND_BUDGET_2021, guidanceFundProgramme, guidanceFundRegistry } from './index.js';

const DATE = '2021-06-30';

// Entitlements: A 4,000,000; B 5,000,000; C 3,000,000; D 0 (score 55 < 60); E 500,000.
// Σ = 12,500,000. Ranked order: A (90), B (85), C (80), E (80, after C by id), D (55).
const PROJECTS = [
  { id: 'D', requested: '100万', score: '55' },
  { id: 'E', requested: '50万', score: '80' },
  { id: 'C', requested: '300万', score: '80', city: '柳州' },
  { id: 'B', requested: '500万', score: '85', city: '南宁' },
  { id: 'A', requested: '400万', score: '90', city: '南宁', enterprise: '甲公司' },
];

function evaluate(method: string, budget: number, reform: Override[] = []) {
  return evaluateRecords(guidanceFundProgramme, guidanceFundRegistry, PROJECTS, { date: DATE, reform, budget: yuan(budget), method });
}

describe('guidanceFundProgramme', () => {
  it('describes itself: key, labels, citation, methods, ranked by default', () => {
    expect(guidanceFundProgramme.key).toBe('guidance_fund');
    expect(guidanceFundProgramme.label).toEqual({ zh: '广西技术创新引导专项', en: 'Technology-innovation guidance fund' });
    expect(guidanceFundProgramme.citation).toBe('letter 一(一)二');
    expect(guidanceFundProgramme.methods).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
    expect(guidanceFundProgramme.defaultMethod).toBe('ranked');
    expect(guidanceFundProgramme.parameters.map((p) => p.path)).toEqual([
      'guidance_fund.max_per_project',
      'guidance_fund.min_score',
      'guidance_fund.partial_marginal',
      'guidance_fund.rounding_unit',
    ]);
    expect(GUIDANCE_FUND_BUDGET_2021.amount).toBe(yuan(150_000_000));
  });

  it('gives every entitlement in full when the envelope fits', () => {
    const outcome = valueOf(evaluate('ranked', 15_000_000));
    expect(awardsById(outcome)).toEqual({ D: '0.00', E: '500000.00', C: '3000000.00', B: '5000000.00', A: '4000000.00' });
    expect(outcome.totals).toEqual({
      entitlement: yuan(12_500_000),
      awarded: yuan(12_500_000),
      unallocated: yuan(2_500_000),
      recipients: 5,
    });
    expect(outcome.groups).toEqual({
      city: [undefined, undefined, '柳州', '南宁', '南宁'],
      enterprise: [undefined, undefined, undefined, undefined, '甲公司'],
    });
  });

  it('ranked, partial_marginal true (default): the marginal project gets what is left, later ones 0', () => {
    // A 4,000,000 (6,000,000 left), B 5,000,000 (1,000,000 left), C marginal: 1,000,000; E, D 0.
    const outcome = valueOf(evaluate('ranked', 10_000_000));
    expect(awardsById(outcome)).toEqual({ A: '4000000.00', B: '5000000.00', C: '1000000.00', E: '0.00', D: '0.00' });
    expect(outcome.totals.unallocated).toBe(0);
    const c = outcome.trace(outcome.ids.indexOf('C')).at(-1);
    expect(c).toEqual({
      step: 'envelope',
      inputs: { entitlement: '3000000.00', budget: '10000000.00', total_entitlement: '12500000.00', rank: '3' },
      parameters: [
        {
          path: 'guidance_fund.partial_marginal',
          value: 'true',
          source: '⚠ assumption: no public rule for the project on which the money runs out',
          assumption: true,
        },
      ],
      rule:
        'ranked (择优排序): in order of review score (descending, ties by id), each takes its full entitlement while it fits; ' +
        'the first that does not fit receives what is left, rounded down to the unit; all after it 0',
      branch: 'marginal: received what was left, rounded down to the unit',
      result: '1000000.00',
    });
    expect(outcome.trace(outcome.ids.indexOf('E')).at(-1)).toMatchObject({ branch: 'after the cut-off: 0', inputs: { rank: '4' } });
  });

  it('ranked, partial_marginal false: the funding line falls above the marginal project, and the rest stays unallocated', () => {
    // E (500,000) would fit in the 1,000,000 left, but is ranked below C: it is not funded either.
    const outcome = valueOf(evaluate('ranked', 10_000_000, [{ path: 'guidance_fund.partial_marginal', value: false }]));
    expect(awardsById(outcome)).toEqual({ A: '4000000.00', B: '5000000.00', C: '0.00', E: '0.00', D: '0.00' });
    expect(outcome.totals).toMatchObject({ awarded: yuan(9_000_000), unallocated: yuan(1_000_000) });
    expect(outcome.trace(outcome.ids.indexOf('C')).at(-1)).toMatchObject({
      rule: expect.stringContaining('the first that does not fit and all after it receive 0'),
      branch: 'marginal: did not fit in full and partial_marginal is false: 0, what was left stays unallocated',
      result: '0.00',
    });
    expectEnvelopeInvariants(outcome, fen(1));
  });

  it('partial_marginal false changes nothing when a project fills the budget exactly', () => {
    const outcome = valueOf(evaluate('ranked', 9_000_000, [{ path: 'guidance_fund.partial_marginal', value: false }]));
    expect(awardsById(outcome)).toEqual({ A: '4000000.00', B: '5000000.00', C: '0.00', E: '0.00', D: '0.00' });
    expect(outcome.totals.unallocated).toBe(0);
  });

  it('pro_rata: every entitlement × 10,000,000 / 12,500,000 = 0.8', () => {
    const outcome = valueOf(evaluate('pro_rata', 10_000_000));
    expect(awardsById(outcome)).toEqual({ A: '3200000.00', B: '4000000.00', C: '2400000.00', E: '400000.00', D: '0.00' });
    expect(outcome.trace(outcome.ids.indexOf('A')).at(-1)).toMatchObject({ branch: 'share 3200000' });
  });

  it('uniform_cap: c = (10,000,000 − 500,000 − 3,000,000) / 2 = 3,250,000 cuts only A and B', () => {
    const outcome = valueOf(evaluate('uniform_cap', 10_000_000));
    expect(awardsById(outcome)).toEqual({ A: '3250000.00', B: '3250000.00', C: '3000000.00', E: '500000.00', D: '0.00' });
    expect(outcome.trace(outcome.ids.indexOf('C')).at(-1)).toMatchObject({
      inputs: { uniform_cap: '3250000' },
      branch: 'below the cap: in full',
    });
  });

  it('traces a project from its score to its award', () => {
    const outcome = valueOf(evaluate('ranked', 10_000_000));
    expect(outcome.trace(outcome.ids.indexOf('B')).map((s) => [s.step, s.branch, s.result])).toEqual([
      ['eligibility', 'eligible: score ≥ min_score', 'eligible'],
      ['project_cap', 'requested is within the maximum', '5000000.00'],
      ['rounding', 'already a whole unit', '5000000.00'],
      ['envelope', 'in full', '5000000.00'],
    ]);
  });

  it('runs the example of README.md', () => {
    const projects = valueOf(
      guidanceFundProgramme.readApplicantsCsv('项目编号,申请金额,评审得分\nA,400万,90\nB,500万,85\nC,300万,80\nE,50万,80\nD,100万,55\n'),
    );
    const outcome = valueOf(
      guidanceFundProgramme.evaluate(projects, parametersOn(guidanceFundRegistry, DATE), { budget: yuan(10_000_000), method: 'ranked' }),
    );
    expect(Array.from(outcome.awards)).toEqual([400_000_000, 500_000_000, 100_000_000, 0, 0]);
    expect(outcome.trace(2).at(-1)?.branch).toBe('marginal: received what was left, rounded down to the unit');
  });

  it('refuses an unknown method', () => {
    expect(problemsOf(evaluate('lottery', 1))).toEqual([
      {
        code: 'METHOD.UNKNOWN',
        message: 'unknown envelope method lottery; use one of pro_rata, uniform_cap, ranked',
        location: { value: 'lottery' },
      },
    ]);
  });
});

describe('guidance_fund envelope invariants (properties)', () => {
  const project = fc.record({
    requested: fc.integer({ min: 0, max: 2_000_000_000 }),
    score: fc.integer({ min: 0, max: 10_000 }),
  });
  const scenario = fc.record({
    projects: fc.array(project, { minLength: 1, maxLength: 30 }),
    budget: fc.integer({ min: 0, max: 20_000_000_000 }),
    method: fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
    partialMarginal: fc.boolean(),
    unit: fc.constantFrom('0.01', '1', '100', '1万'),
  });

  it('Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement ≤ min(requested, max), 0 below min_score', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const records = s.projects.map((p, i) => ({
          id: `P${i}`,
          requested: (p.requested / 100).toFixed(2),
          score: (p.score / 100).toFixed(2),
        }));
        const reform = [
          { path: 'guidance_fund.partial_marginal', value: s.partialMarginal },
          { path: 'guidance_fund.rounding_unit', value: s.unit },
        ];
        const outcome = evaluateChecked(guidanceFundProgramme, guidanceFundRegistry, records, {
          date: DATE,
          reform,
          budget: fen(s.budget),
          method: s.method,
        });
        s.projects.forEach((p, i) => {
          const entitlement = outcome.entitlements[i] ?? -1;
          expect(entitlement).toBeLessThanOrEqual(Math.min(p.requested, 500_000_000));
          if (p.score < 6_000) expect(entitlement).toBe(0);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('the order of the rows changes no award, ties in score included', () => {
    const tiedScores = fc.array(
      fc.record({ requested: fc.integer({ min: 0, max: 800_000_000 }), score: fc.constantFrom('60', '75.5', '90') }),
      {
        minLength: 1,
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(
        tiedScores.chain((ps) =>
          fc.tuple(
            fc.constant(ps),
            fc.shuffledSubarray(
              ps.map((_, i) => i),
              { minLength: ps.length },
            ),
          ),
        ),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        ([ps, order], budget, method) => {
          const records = ps.map((p, i) => ({ id: `P${i}`, requested: (p.requested / 100).toFixed(2), score: p.score }));
          const parameters = parametersOn(guidanceFundRegistry, DATE);
          const run = (rows: typeof records) =>
            awardsById(
              valueOf(
                guidanceFundProgramme.evaluate(valueOf(guidanceFundProgramme.readApplicants(rows)), parameters, {
                  budget: fen(budget),
                  method,
                }),
              ),
            );
          expect(run(order.map((i) => records[i]).filter((r) => r !== undefined))).toEqual(run(records));
        },
      ),
      { numRuns: 500 },
    );
  });
});
