import { describe, expect, it } from 'vitest';
import { valueOf } from '../programmes/common/test-support/index.js';
import { runScenario } from './evaluate.js';
import { scenarioResultToJson } from './output.js';
import { parseScenario } from './parse.js';
import { problems } from './test-support/index.js';

const A = '91450100MA0000001E'; // 南宁
const B = '91450200MA0000002N'; // 柳州, on the exclusion list in 2021
const C = '91450300MA0000003Y'; // 桂林
const D = '91450100MA0000004P'; // 南宁
const U = '124501004980000012'; // a university in 南宁 (事业单位: 12…)

/**
 * Two years of one fund, worked by hand (every figure in yuan):
 *
 * 2021, in the order guidance_2021, upgrade_2021 (the cap's order), talent_2021:
 * - guidance_2021 (1000万, ranked): A 400万, B excluded (公示 objection: entitlement 0), C 300万 → 700万 paid;
 *   300万 unallocated, carried over to guidance_2022.
 * - upgrade_2021 (200万, pro rata, co-financed 50 : 50): P1 (A) 10% × 2000万 = 200万, P2 (C) 100万; 300万 > 200万:
 *   P1 1,333,333.33, P2 666,666.67 (the fen left to the larger remainder). The cap (500万 a year): A has 400万 from
 *   guidance_2021, so P1 is cut to 100万 (333,333.33 capped); C has 300万, P2 fits. Paid 1,666,666.67; the cities
 *   add as much again (南宁 100万, 桂林 666,666.67). 333,333.33 unallocated: no later upgrade entry, carried beyond.
 * - talent_2021 (300万, ranked, a three-year commitment): T1 2 八桂学者 200万 (U), T2 3 特聘专家 60万 → 260万;
 *   40万 carried over to talent_2022; each award owed again in 2022 and 2023: 260万 × 2 = 520万 committed later.
 *
 * 2022:
 * - guidance_2022 (500万 + 300万 carried in = 800万, ranked): D 500万, E (A) marginal, 300万. Nothing left.
 * - talent_2022 (250万 + 40万 = 290万): commitments first: T1 200万 paid; T2's lapses (on the exclusion list from
 *   2022-01-01); 90万 left for T3 (60 农业科技人才, 120万): 45 whole stipends, 90万. Nothing left.
 *
 * 2023: no entry for talent: T1's 200万 and T2's 60万 are outstanding.
 */
const DEPTH = {
  schemaVersion: 1,
  name: 'depth',
  title: 'Two years, worked by hand',
  date: '2021-06-30',
  unallocated: 'carry_over',
  sources: [{ key: 'fund', label: { zh: '专项资金', en: 'Fund' }, citation: 'test' }],
  exclusions: [
    { creditCode: B, kind: 'objection', reason: '公示期间收到实名异议，经核实属实', programmes: ['guidance_fund'], until: '2021-12-31' },
    { id: 'T2', kind: 'other', reason: '聘期内解除聘用', programmes: ['talent'], from: '2022-01-01' },
    { creditCode: D, kind: 'blacklist', reason: '列入严重失信主体名单', until: '2020-12-31' },
  ],
  enterpriseCap: { amount: '500万', order: ['guidance_2021', 'upgrade_2021'], citation: '⚠ test' },
  programmes: [
    {
      id: 'talent_2021',
      programme: 'talent',
      envelope: '300万',
      citation: 'test',
      method: 'ranked',
      commitment: { years: 3, citation: 'test: stipends for a three-year term' },
      funding: { fund: '300万' },
      applicants: {
        records: [
          { id: 'T1', programme: 'bagui_scholar', head_count: 2, city: '南宁', credit_code: U },
          { id: 'T2', programme: 'distinguished_expert', head_count: 3, city: '桂林' },
        ],
      },
    },
    {
      id: 'upgrade_2021',
      programme: 'tech_upgrade',
      envelope: '200万',
      citation: 'test',
      method: 'pro_rata',
      cofinancing: { regional: '0.5', citation: 'test: 区本级与市县各半' },
      funding: { fund: '200万' },
      applicants: {
        records: [
          { id: 'P1', equipment_investment: '2000万', city: '南宁', credit_code: A },
          { id: 'P2', equipment_investment: '1000万', city: '桂林', credit_code: C },
        ],
      },
    },
    {
      id: 'guidance_2021',
      programme: 'guidance_fund',
      envelope: '1000万',
      citation: 'test',
      year: 2021,
      funding: { fund: '1000万' },
      applicants: {
        records: [
          { id: 'GA', requested: '400万', score: 90, city: '南宁', credit_code: A },
          { id: 'GB', requested: '500万', score: 85, city: '柳州', credit_code: B },
          { id: 'GC', requested: '300万', score: 80, city: '桂林', credit_code: C },
        ],
      },
    },
    {
      id: 'guidance_2022',
      programme: 'guidance_fund',
      envelope: '500万',
      citation: 'test',
      date: '2022-06-30',
      funding: { fund: '500万' },
      applicants: {
        records: [
          { id: 'GD', requested: '500万', score: 88, city: '南宁', credit_code: D },
          { id: 'GE', requested: '400万', score: 70, city: '南宁', credit_code: A },
        ],
      },
    },
    {
      id: 'talent_2022',
      programme: 'talent',
      envelope: '250万',
      citation: 'test',
      date: '2022-06-30',
      funding: { fund: '250万' },
      applicants: { records: [{ id: 'T3', programme: 'agri_tech_service', head_count: 60, city: '百色' }] },
    },
  ],
};

const result = valueOf(runScenario(DEPTH));
const json = scenarioResultToJson(result, { recipients: true });
const entry = (id: string) => json.programmes.find((p) => p.id === id);
const awards = (id: string) => Object.fromEntries((entry(id)?.recipients ?? []).map((r) => [r.id, r.award]));

describe('a scenario over two years, worked by hand', () => {
  it('evaluates in the order money flows: year, batch, the cap’s order, the file’s', () => {
    expect(result.order).toEqual(['guidance_2021', 'upgrade_2021', 'talent_2021', 'guidance_2022', 'talent_2022']);
  });

  it('exclusions: an excluded applicant gets 0 and says why; an exclusion out of its dates or programmes excludes no one', () => {
    expect(awards('guidance_2021')).toEqual({ GA: '4000000.00', GB: '0.00', GC: '3000000.00' });
    expect(entry('guidance_2021')?.excluded).toEqual([
      { id: 'GB', creditCode: B, kind: 'objection', reason: '公示期间收到实名异议，经核实属实' },
    ]);
    expect(entry('guidance_2021')?.recipients?.find((r) => r.id === 'GB')).toMatchObject({
      entitlement: '0.00',
      excluded: { kind: 'objection', reason: '公示期间收到实名异议，经核实属实' },
    });
    const trace = result.programmes.find((p) => p.entry.id === 'guidance_2021')?.outcome.trace(1);
    expect(trace?.[0]).toMatchObject({ step: 'eligibility', branch: 'excluded: 公示期间收到实名异议，经核实属实', result: '0.00' });
    // D was blacklisted until 2020-12-31: paid in 2022.
    expect(awards('guidance_2022')).toEqual({ GD: '5000000.00', GE: '3000000.00' });
    expect(json.exclusions?.map((e) => e.matched)).toEqual([
      [{ programme: 'guidance_2021', applicant: 'GB' }],
      [{ programme: 'talent_2022', applicant: 'T2', commitment: true }],
      [],
    ]);
    expect(json.totals).toMatchObject({ applicants: 10, paid: 9, excluded: 1 });
  });

  it('the enterprise cap: A’s 400万 from guidance_2021 leaves 100万 for its tech-upgrade project; the cut stays unallocated', () => {
    expect(awards('upgrade_2021')).toEqual({ P1: '1000000.00', P2: '666666.67' });
    expect(entry('upgrade_2021')?.recipients?.find((r) => r.id === 'P1')?.capped).toBe('333333.33');
    const trace = result.programmes.find((p) => p.entry.id === 'upgrade_2021')?.outcome.trace(0);
    expect(trace?.at(-1)).toMatchObject({
      step: 'enterprise_cap',
      inputs: { credit_code: A, award: '1333333.33', already_paid_this_year: '4000000.00', cap: '5000000.00' },
      branch: 'cut by 333333.33',
      result: '1000000.00',
    });
    const a2021 = json.enterprises?.list as { creditCode: string; year: number; total: string; capped: string }[];
    expect(a2021.filter((e) => e.creditCode === A).map(({ year, total, capped }) => [year, total, capped])).toEqual([
      [2021, '5000000.00', '333333.33'],
      [2022, '3000000.00', '0.00'],
    ]);
  });

  it('co-financing 50 : 50: each city adds as much as the region paid, with a ledger per level', () => {
    expect(entry('upgrade_2021')?.recipients?.map((r) => r.cityShare)).toEqual(['1000000.00', '666666.67']);
    expect(json.levels).toEqual({
      regional: '22166666.67',
      cities: '1666666.67',
      total: '23833333.34',
      byCity: [
        { city: '南宁', amount: '1000000.00' },
        { city: '桂林', amount: '666666.67' },
      ],
      programmes: [
        { id: 'talent_2021', regional: '2600000.00', cities: '0.00' },
        { id: 'upgrade_2021', regional: '1666666.67', cities: '1666666.67' },
        { id: 'guidance_2021', regional: '7000000.00', cities: '0.00' },
        { id: 'guidance_2022', regional: '8000000.00', cities: '0.00' },
        { id: 'talent_2022', regional: '2900000.00', cities: '0.00' },
      ],
    });
  });

  it('carry-over and commitments: talent_2022 pays T1’s 200万 first, T2’s lapses, T3 gets 45 whole stipends of the 90万 left', () => {
    expect(entry('talent_2022')?.commitments).toEqual([
      {
        from: 'talent_2021',
        id: 'T1',
        creditCode: U,
        city: '南宁',
        due: '2000000.00',
        paid: '2000000.00',
        sources: { fund: '2000000.00' },
      },
      {
        from: 'talent_2021',
        id: 'T2',
        city: '桂林',
        due: '600000.00',
        paid: '0.00',
        lapsed: { kind: 'other', reason: '聘期内解除聘用' },
        sources: { fund: '0.00' },
      },
    ]);
    expect(awards('talent_2022')).toEqual({ T3: '900000.00' });
    expect(entry('talent_2022')?.flow).toEqual({
      envelope: '2500000.00',
      carriedIn: '400000.00',
      carriedFrom: 'talent_2021',
      available: '2900000.00',
      commitmentsDue: '2600000.00',
      commitmentsPaid: '2000000.00',
      commitmentsLapsed: '600000.00',
      budget: '900000.00',
      awarded: '900000.00',
      capped: '0.00',
      unallocated: '0.00',
      carriedOut: '0.00',
      returned: '0.00',
      committedLater: '0.00',
      cofinanced: '0.00',
    });
  });

  it('a ledger per year that balances: envelope + carried in = commitments paid + awarded + unallocated', () => {
    expect(json.years).toEqual([
      {
        year: 2021,
        programmes: ['guidance_2021', 'upgrade_2021', 'talent_2021'],
        envelope: '15000000.00',
        carriedIn: '0.00',
        commitmentsDue: '0.00',
        commitmentsPaid: '0.00',
        commitmentsLapsed: '0.00',
        awarded: '11266666.67',
        capped: '333333.33',
        unallocated: '3733333.33',
        carriedOut: '3733333.33',
        returned: '0.00',
        committedLater: '5200000.00',
        cofinanced: '1666666.67',
        outstanding: '0.00',
      },
      {
        year: 2022,
        programmes: ['guidance_2022', 'talent_2022'],
        envelope: '7500000.00',
        carriedIn: '3400000.00',
        commitmentsDue: '2600000.00',
        commitmentsPaid: '2000000.00',
        commitmentsLapsed: '600000.00',
        awarded: '8900000.00',
        capped: '0.00',
        unallocated: '0.00',
        carriedOut: '0.00',
        returned: '0.00',
        committedLater: '0.00',
        cofinanced: '0.00',
        outstanding: '0.00',
      },
      {
        year: 2023,
        programmes: [],
        envelope: '0.00',
        carriedIn: '0.00',
        commitmentsDue: '0.00',
        commitmentsPaid: '0.00',
        commitmentsLapsed: '0.00',
        awarded: '0.00',
        capped: '0.00',
        unallocated: '0.00',
        carriedOut: '0.00',
        returned: '0.00',
        committedLater: '0.00',
        cofinanced: '0.00',
        outstanding: '2600000.00',
      },
    ]);
    expect(json.outstanding?.map((o) => [o.year, o.id, o.amount])).toEqual([
      [2023, 'T1', '2000000.00'],
      [2023, 'T2', '600000.00'],
    ]);
  });

  it('the source ledger: 2250万 given, 2216万6666.67 paid, 33万3333.33 carried beyond the last upgrade entry', () => {
    expect(json.sources[0]).toMatchObject({
      key: 'fund',
      allocated: '22500000.00',
      awarded: '22166666.67',
      unallocated: '333333.33',
      returned: '0.00',
      carriedBeyond: '333333.33',
    });
    expect(json.totals).toMatchObject({ envelope: '22500000.00', awarded: '22166666.67', unallocated: '333333.33' });
    expect(entry('guidance_2022')?.funding).toEqual([
      {
        source: 'fund',
        allocated: '5000000.00',
        carriedIn: '3000000.00',
        awarded: '8000000.00',
        unallocated: '0.00',
        carriedOut: '0.00',
        returned: '0.00',
      },
    ]);
  });

  it('per city, every programme', () => {
    expect(json.cities.map((c) => [c.city, c.applicants, c.paid, c.awarded, c.cofinanced])).toEqual([
      // T1 200万 (2021) and its commitment 200万 (2022), P1 100万, GA 400万, GD 500万, GE 300万.
      ['南宁', 5, 5, '17000000.00', '1000000.00'],
      ['柳州', 1, 0, '0.00', '0.00'],
      ['桂林', 3, 3, '4266666.67', '666666.67'],
      ['百色', 1, 1, '900000.00', '0.00'],
    ]);
  });

  it('returning instead of carrying over: the 2021 rest goes back, and 2022 has only its own envelopes', () => {
    const returned = valueOf(runScenario({ ...DEPTH, unallocated: 'return' }));
    const years = scenarioResultToJson(returned).years ?? [];
    expect(years.map((y) => [y.year, y.carriedIn, y.returned, y.unallocated])).toEqual([
      [2021, '0.00', '3733333.33', '3733333.33'],
      // guidance_2022: D 500万 of 500万, E 0; talent_2022: 250万 − 200万 = 50万 for T3: 25 stipends.
      [2022, '0.00', '0.00', '0.00'],
      [2023, '0.00', '0.00', '0.00'],
    ]);
  });
});

describe('the new scenario fields are checked before anything runs', () => {
  it('a mistyped credit code, an exclusion naming no one, an unknown programme, a period that ends before it starts', () => {
    const bad = {
      ...DEPTH,
      exclusions: [
        { creditCode: '91450200MA0000002M', kind: 'blacklist', reason: 'x' },
        { kind: 'other', reason: 'y' },
        { id: 'Z', kind: 'other', reason: 'z', programmes: ['roads'], from: '2022-01-01', until: '2021-01-01' },
      ],
    };
    expect(problems(parseScenario(bad))).toEqual([
      {
        code: 'CREDIT_CODE.CHECK_CHARACTER',
        message: 'creditCode: the check character is "M", but the first 17 characters give "N" (GB 32100-2015): a character is mistyped',
        path: 'exclusions.0.creditCode',
      },
      {
        code: 'EXCLUSION.NO_KEY',
        message: 'an exclusion names whom it excludes: give "creditCode" (统一社会信用代码) or the applicant "id"',
        path: 'exclusions.1',
      },
      {
        code: 'EXCLUSION.UNKNOWN_PROGRAMME',
        message: 'the scenario has no programme "roads": give programme keys or entry ids, e.g. talent_2021, talent, upgrade_2021',
        path: 'exclusions.2.programmes.0',
      },
      {
        code: 'DATE.RANGE',
        message: 'the exclusion runs from 2022-01-01 until 2021-01-01, which ends before it starts: swap them',
        path: 'exclusions.2.until',
      },
    ]);
  });

  it('a cap order naming no entry, a regional share of 0, two entries with the same batch, unknown fields', () => {
    const bad = {
      ...DEPTH,
      enterpriseCap: { amount: '500万', order: ['guidance_2021', 'roads', 'guidance_2021'], citation: 'x' },
      programmes: DEPTH.programmes.map((p) =>
        p.id === 'upgrade_2021'
          ? { ...p, cofinancing: { regional: '0', citation: 'x' } }
          : p.id.startsWith('guidance')
            ? { ...p, batch: 1, year: 2021, comitment: 3 }
            : p,
      ),
    };
    expect(problems(parseScenario(bad)).map((p) => [p.code, p.path])).toEqual([
      ['CAP.UNKNOWN_PROGRAMME', 'enterpriseCap.order.1'],
      ['CAP.DUPLICATE', 'enterpriseCap.order.2'],
      ['COFINANCING.SHARE_INVALID', 'programmes.1.cofinancing.regional'],
      ['SCENARIO.UNKNOWN_FIELD', 'programmes.2.comitment'],
      ['SCENARIO.UNKNOWN_FIELD', 'programmes.3.comitment'],
    ]);
  });

  it('two batches of one year given the same number', () => {
    const twice = {
      ...DEPTH,
      programmes: DEPTH.programmes.map((p) => (p.id.startsWith('guidance') ? { ...p, batch: 2, year: 2021 } : p)),
    };
    expect(problems(parseScenario(twice))).toEqual([
      {
        code: 'SCENARIO.DUPLICATE_BATCH',
        message: 'guidance_2022 and guidance_2021 are both batch 2 of guidance_fund in 2021: number the batches of a year 1, 2, …',
        path: 'programmes.3.batch',
      },
    ]);
  });

  it('a co-financed programme whose paid recipient has no city', () => {
    const nowhere = {
      ...DEPTH,
      programmes: DEPTH.programmes.map((p) =>
        p.id === 'upgrade_2021' ? { ...p, applicants: { records: [{ id: 'P1', equipment_investment: '2000万' }] } } : p,
      ),
    };
    expect(problems(runScenario(nowhere))).toEqual([
      {
        code: 'COFINANCING.NO_CITY',
        message:
          "upgrade_2021 is co-financed by the recipients' cities, but 1 paid recipient has no city: P1; give every applicant's city (所属城市)",
        path: 'programmes.1.cofinancing',
      },
    ]);
  });
});
