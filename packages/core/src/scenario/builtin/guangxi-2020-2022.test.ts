import { describe, expect, it } from 'vitest';
import { runScenario } from '../evaluate.js';
import { scenarioResultToJson } from '../output.js';
import { findBuiltinScenario, GUANGXI_2020_2022 } from './index.js';

const result = runScenario(GUANGXI_2020_2022);
if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
const json = scenarioResultToJson(result.value, { recipients: true });
const entry = (id: string) => json.programmes.find((p) => p.id === id);
const awards = (id: string) => Object.fromEntries((entry(id)?.recipients ?? []).map((r) => [r.id, r.award]));

describe('the built-in guangxi-2020-2022 scenario: batches, commitments, exclusions, one enterprise, cities', () => {
  it('is listed by name', () => {
    expect(findBuiltinScenario('guangxi-2020-2022')).toBe(GUANGXI_2020_2022);
  });

  it('the 2020 award year in two batches, the public figures: 4.07亿 (2020-10-28) and 162,619,434元 (paid 2022-03-25)', () => {
    expect(json.programmes.slice(0, 2).map((p) => [p.id, p.year, p.batch, p.paidOn, p.envelope, p.totals.awarded, p.basis])).toEqual([
      ['rd_2020_batch1', 2020, 1, '2020-10-28', '407000000.00', '407000000.00', 'public'],
      ['rd_2020_batch2', 2020, 2, '2022-03-25', '162619434.00', '162619434.00', 'public'],
    ]);
    expect(json.years?.[0]).toMatchObject({ year: 2020, envelope: '569619434.00', awarded: '569619434.00', unallocated: '0.00' });
    // The first batch is paid pro rata: nothing but less than a fen is left, so nothing is carried to the second.
    expect(entry('rd_2020_batch2')?.flow).toMatchObject({ carriedFrom: 'rd_2020_batch1', carriedIn: '0.00' });
  });

  it('the 公示 objection excludes RD-0042 from the first batch, and says why', () => {
    const excluded = entry('rd_2020_batch1')?.excluded;
    expect(excluded).toEqual([
      {
        id: 'RD-0042',
        kind: 'objection',
        reason: '公示期间收到实名异议，经核实研发费用归集不实',
        citation: expect.stringContaining('公示'),
      },
    ]);
    expect(entry('rd_2020_batch1')?.totals).toMatchObject({ applicants: 1287, paid: 1286, excluded: 1 });
  });

  it('瞪羚 awards of 2021, by hand: 20% of R&D up to 50万, or the increment award when the recognition has lapsed', () => {
    // G1 20% × 300万 = 60万 → the 50万 cap; G2 40万; G3 30万; G5 20万.
    // G4's recognition ended 2021-06-30: increment (250万 − 200万) × 20% (intensity 250万 / 5000万 = 5%) = 10万.
    // G6: an objection upheld in the 公示 → 0.
    expect(awards('gazelle_2021')).toEqual({
      G1: '500000.00',
      G2: '400000.00',
      G3: '300000.00',
      G4: '100000.00',
      G5: '200000.00',
      G6: '0.00',
    });
    expect(entry('gazelle_2021')?.eligibilityNotes).toEqual([
      { id: 'G4', note: 'gazelle recognition expired after 2021-06-30: not a gazelle on 2021-09-23' },
    ]);
    expect(entry('gazelle_2021')?.flow).toMatchObject({
      awarded: '1500000.00',
      unallocated: '500000.00',
      carriedTo: 'gazelle_2022',
      committedLater: '3000000.00',
    });
  });

  it('the enterprise cap: G1’s 50万 gazelle award counts first, so its upgrade project U1 is cut from 881.41万 to 750万', () => {
    // upgrade_2021, pro rata 2000万 / 2496万: U1 1100万 → 8,814,102.56; capped at 800万 − 50万 = 750万.
    expect(awards('upgrade_2021')).toEqual({
      U1: '7500000.00',
      U2: '4807692.31',
      U3: '3173076.92',
      U4: '2003205.13',
      U5: '1201923.08',
    });
    expect(entry('upgrade_2021')?.recipients?.[0]?.capped).toBe('1314102.56');
    const list = json.enterprises?.list as { creditCode: string; year: number; total: string; capped: string }[];
    expect(list[0]).toMatchObject({ creditCode: '91450100MA5N0GL01B', year: 2021, total: '8000000.00', capped: '1314102.56' });
  });

  it('co-financing: 区本级 70%, so a city adds 3/7 of each award (柳州 60%: 2/3), with a ledger per level', () => {
    // U1 7,500,000 × 0.3 / 0.7 = 3,214,285.714… → 3,214,285.71; U2 (柳州) 4,807,692.31 × 0.4 / 0.6 = 3,205,128.206… → 3,205,128.20.
    expect(entry('upgrade_2021')?.recipients?.map((r) => [r.id, r.cityShare])).toEqual([
      ['U1', '3214285.71'],
      ['U2', '3205128.20'],
      ['U3', '1359890.10'],
      ['U4', '858516.48'],
      ['U5', '515109.89'],
    ]);
    expect(json.levels).toMatchObject({ regional: '591905331.44', cities: '9152930.38', total: '601058261.82' });
  });

  it('2022: the 2021 commitments come first (G2’s lapses: blacklisted from 2022), then the new gazelles', () => {
    expect(entry('gazelle_2022')?.commitments?.map((c) => [c.id, c.due, c.paid, c.lapsed?.kind])).toEqual([
      ['G1', '500000.00', '500000.00', undefined],
      ['G2', '400000.00', '0.00', 'blacklist'],
      ['G3', '300000.00', '300000.00', undefined],
      ['G4', '100000.00', '100000.00', undefined],
      ['G5', '200000.00', '200000.00', undefined],
    ]);
    // 200万 + 50万 carried in = 250万; 110万 of commitments; 140万 left for G7 and G8, 50万 each; 40万 carried beyond.
    expect(entry('gazelle_2022')?.flow).toMatchObject({
      available: '2500000.00',
      commitmentsPaid: '1100000.00',
      commitmentsLapsed: '400000.00',
      budget: '1400000.00',
      awarded: '1000000.00',
      unallocated: '400000.00',
    });
    // Owed later: 2023 the 2021 awards' third year (150万) and the 2022 awards' second (100万); 2024 the 2022 awards' third.
    expect(json.years?.slice(3).map((y) => [y.year, y.outstanding])).toEqual([
      [2023, '2500000.00'],
      [2024, '1000000.00'],
    ]);
  });

  it('every exclusion lists whom it excluded', () => {
    expect(json.exclusions?.map((e) => e.matched)).toEqual([
      [{ programme: 'rd_2020_batch1', applicant: 'RD-0042' }],
      [{ programme: 'gazelle_2021', applicant: 'G6' }],
      [{ programme: 'gazelle_2022', applicant: 'G2', commitment: true }],
    ]);
  });

  it('the source ledger balances: given = paid + what was carried beyond the last entries', () => {
    expect(json.sources.map((s) => [s.key, s.allocated, s.awarded, s.unallocated, s.returned, s.carriedBeyond])).toEqual([
      ['innovation_fund', '573619434.00', '573219434.00', '400000.00', '0.00', '400000.00'],
      ['tech_upgrade_fund', '20000000.00', '18685897.44', '1314102.56', '0.00', '1314102.56'],
    ]);
    expect(json.totals).toMatchObject({ envelope: '593619434.00', awarded: '591905331.44', unallocated: '1714102.56' });
  });
});
