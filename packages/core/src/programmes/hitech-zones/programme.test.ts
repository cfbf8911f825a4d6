import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, yuan } from '../../money/index.js';
import { awardsById, evaluateChecked, evaluateRecords, valueOf } from '../common/test-support/index.js';
import { hitechZonesProgramme, hitechZonesRegistry } from './index.js';

const DATE = '2021-09-23';

// Entitlements: N1 10,000,000; R1 5,000,000; R2 5,000,000; I1 3,000,000; M1 20% of 20,000,000 = 4,000,000.
// Σ = 27,000,000. Merit order: N1 (92), R1 (88), I1 (80), R2 (75), M1 (no score: last).
const APPLICANTS = [
  { id: 'M1', kind: 'major_project', requested: '2000万', city: '南宁' },
  { id: 'R2', kind: 'regional_zone', score: 75, city: '玉林' },
  { id: 'I1', kind: 'rd_institution', score: '80', requested: '300万', city: '南宁' },
  { id: 'R1', kind: 'regional_zone', score: 88, city: '北海' },
  { id: 'N1', kind: 'national_zone', score: 92, city: '柳州' },
];

function evaluate(method: string, budget: number) {
  return evaluateRecords(hitechZonesProgramme, hitechZonesRegistry, APPLICANTS, { date: DATE, budget: yuan(budget), method });
}

describe('hitechZonesProgramme', () => {
  it('describes itself: key, labels, citation, methods, ranked by default', () => {
    expect([hitechZonesProgramme.key, hitechZonesProgramme.citation, hitechZonesProgramme.defaultMethod]).toEqual([
      'hitech_zones',
      'letter 一(一)一',
      'ranked',
    ]);
    expect(hitechZonesProgramme.label).toEqual({ zh: '高新区建设', en: 'High-tech zone rewards' });
    expect(hitechZonesProgramme.methods).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
  });

  it('gives every entitlement when the envelope fits, grouped by kind and city', () => {
    const outcome = valueOf(evaluate('ranked', 30_000_000));
    expect(awardsById(outcome)).toEqual({ M1: '4000000.00', R2: '5000000.00', I1: '3000000.00', R1: '5000000.00', N1: '10000000.00' });
    expect(outcome.totals).toEqual({
      entitlement: yuan(27_000_000),
      awarded: yuan(27_000_000),
      unallocated: yuan(3_000_000),
      recipients: 5,
    });
    expect(outcome.groups).toEqual({
      kind: ['major_project', 'regional_zone', 'rd_institution', 'regional_zone', 'national_zone'],
      city: ['南宁', '玉林', '南宁', '北海', '柳州'],
    });
  });

  it('ranked (择优): the national zone first (措施(一), its own priority class), then merit order, unscored last; R2 is marginal', () => {
    // N1 (class 0) 10,000,000 → 10,000,000 left; then on merit: R1 5,000,000 → 5,000,000; I1 3,000,000 → 2,000,000;
    // R2 gets the 2,000,000 left; M1 0
    const outcome = valueOf(evaluate('ranked', 20_000_000));
    expect(awardsById(outcome)).toEqual({ M1: '0.00', R2: '2000000.00', I1: '3000000.00', R1: '5000000.00', N1: '10000000.00' });
    expect(outcome.ids.map((_, i) => outcome.trace(i).at(-1)?.inputs?.rank)).toEqual(['5', '4', '3', '2', '1']);
    expect(outcome.trace(1).at(-1)).toMatchObject({
      rule: expect.stringContaining('in order of review score (descending, unscored last, ties by id)'),
      branch:
        'priority class 1 (chosen on merit (择优)), the class the budget ran out in, shared: marginal: received what was left, rounded down to the unit',
    });
    expect(outcome.trace(4).at(-1)).toMatchObject({
      inputs: { priority_class: '0: 新获批国家高新区, 措施(一): granted outright' },
      parameters: [{ path: 'hitech_zones.national_zone_first', value: 'true', assumption: false }],
      branch: 'priority class 0 (新获批国家高新区, 措施(一): granted outright): paid in full before the later classes',
    });
  });

  it('a national zone with the lowest score is still paid in full: its award is granted outright, not ranked', () => {
    // N1 scores 50 (below everyone). B = 12,000,000: N1 10,000,000 first, then R1 (88) takes the 2,000,000 left.
    const low = APPLICANTS.map((a) => (a.id === 'N1' ? { ...a, score: 50 } : a));
    const outcome = valueOf(
      evaluateRecords(hitechZonesProgramme, hitechZonesRegistry, low, { date: DATE, budget: yuan(12_000_000), method: 'ranked' }),
    );
    expect(awardsById(outcome)).toEqual({ M1: '0.00', R2: '0.00', I1: '0.00', R1: '2000000.00', N1: '10000000.00' });
    // Without the priority class (a reform), N1 ranks last of the scored and receives nothing:
    // R1 5,000,000 → 7,000,000 left; I1 3,000,000 → 4,000,000; R2 is marginal and takes the 4,000,000.
    const off = valueOf(
      evaluateRecords(hitechZonesProgramme, hitechZonesRegistry, low, {
        date: DATE,
        budget: yuan(12_000_000),
        method: 'ranked',
        reform: [{ path: 'hitech_zones.national_zone_first', value: false }],
      }),
    );
    expect(awardsById(off)).toEqual({ M1: '0.00', R2: '4000000.00', I1: '3000000.00', R1: '5000000.00', N1: '0.00' });
  });

  it('an envelope smaller than the national zones alone is shared among them by the method; no one else is paid', () => {
    // Two national zones (20,000,000) and B = 15,000,000: each gets 7,500,000 pro rata; the others 0.
    const two = [...APPLICANTS, { id: 'N2', kind: 'national_zone', score: 60 }];
    const outcome = valueOf(
      evaluateRecords(hitechZonesProgramme, hitechZonesRegistry, two, { date: DATE, budget: yuan(15_000_000), method: 'pro_rata' }),
    );
    expect(awardsById(outcome)).toEqual({ M1: '0.00', R2: '0.00', I1: '0.00', R1: '0.00', N1: '7500000.00', N2: '7500000.00' });
    expect(outcome.trace(0).at(-1)?.branch).toBe('priority class 1 (chosen on merit (择优)): the budget ran out in class 0: 0');
  });

  it('pro_rata: N1 in full, then the others × (18,500,000 − 10,000,000) / 17,000,000 = 0.5', () => {
    const outcome = valueOf(evaluate('pro_rata', 18_500_000));
    expect(awardsById(outcome)).toEqual({ M1: '2000000.00', R2: '2500000.00', I1: '1500000.00', R1: '2500000.00', N1: '10000000.00' });
    expect(outcome.trace(0).at(-1)).toMatchObject({
      inputs: { class_budget: '8500000.00', class_entitlement: '17000000.00' },
      branch: 'priority class 1 (chosen on merit (择优)), the class the budget ran out in, shared: share 2000000',
    });
  });

  it('uniform_cap: N1 in full, then c = (20,000,000 − 10,000,000) / 4 = 2,500,000 for the others', () => {
    const outcome = valueOf(evaluate('uniform_cap', 20_000_000));
    expect(awardsById(outcome)).toEqual({ M1: '2500000.00', R2: '2500000.00', I1: '2500000.00', R1: '2500000.00', N1: '10000000.00' });
    expect(outcome.totals.unallocated).toBe(0);
  });

  it('without the priority class (national_zone_first = false), the zones are shared like everyone else', () => {
    // pro_rata: every entitlement × 13,500,000 / 27,000,000 = 0.5
    const off = [{ path: 'hitech_zones.national_zone_first', value: false }];
    const at = (method: string, budget: number) =>
      valueOf(
        evaluateRecords(hitechZonesProgramme, hitechZonesRegistry, APPLICANTS, { date: DATE, budget: yuan(budget), method, reform: off }),
      );
    expect(awardsById(at('pro_rata', 13_500_000))).toEqual({
      M1: '2000000.00',
      R2: '2500000.00',
      I1: '1500000.00',
      R1: '2500000.00',
      N1: '5000000.00',
    });
    // uniform_cap: c = (20,000,000 − 3,000,000 − 4,000,000) / 3; the fen left goes to the smallest id of three equal remainders
    const uniform = at('uniform_cap', 20_000_000);
    expect(awardsById(uniform)).toEqual({ M1: '4000000.00', R2: '4333333.33', I1: '3000000.00', R1: '4333333.33', N1: '4333333.34' });
    expect(uniform.trace(4).at(-1)).toMatchObject({
      inputs: { uniform_cap: '≈4333333.333333' },
      branch: 'cut to the uniform cap; one more rounding unit from the largest-remainder step',
    });
  });
});

describe('hitech_zones envelope invariants (properties)', () => {
  const applicant = fc.record({
    kind: fc.constantFrom('national_zone', 'regional_zone', 'rd_institution', 'major_project'),
    score: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    requested: fc.integer({ min: 0, max: 10_000_000_000 }),
  });
  const scenario = fc.record({
    applicants: fc.array(applicant, { minLength: 1, maxLength: 30 }),
    budget: fc.integer({ min: 0, max: 30_000_000_000 }),
    method: fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
  });

  it('Σ awards + unallocated = budget, 0 ≤ award ≤ entitlement ≤ the award or cap of the kind', () => {
    const ceiling = { national_zone: 1_000_000_000, regional_zone: 500_000_000, rd_institution: 500_000_000, major_project: 500_000_000 };
    fc.assert(
      fc.property(scenario, (s) => {
        const records = s.applicants.map((a, i) => ({
          id: `Z${i}`,
          kind: a.kind,
          requested: (a.requested / 100).toFixed(2),
          ...(a.score === undefined ? {} : { score: (a.score / 100).toFixed(2) }),
        }));
        const outcome = evaluateChecked(hitechZonesProgramme, hitechZonesRegistry, records, {
          date: DATE,
          budget: fen(s.budget),
          method: s.method,
        });
        s.applicants.forEach((a, i) => expect(outcome.entitlements[i]).toBeLessThanOrEqual(ceiling[a.kind]));
      }),
      { numRuns: 1000 },
    );
  });
});
