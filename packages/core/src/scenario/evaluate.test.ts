import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../money/index.js';
import { applicantFiles, evaluateScenario, runScenario, type ScenarioResult } from './evaluate.js';
import { scenarioResultToJson } from './output.js';
import { parseScenario } from './parse.js';
import { expectAttributionBalances, expectLedgerBalances, smallScenario } from './test-support/index.js';

function valueOf<T>(r: { ok: true; value: T } | { ok: false; problems: readonly unknown[] }): T {
  if (!r.ok) throw new Error(`expected success: ${JSON.stringify(r.problems, null, 1)}`);
  return r.value;
}

const source = (key: string) => ({ key, label: { zh: key, en: key }, citation: 'test' });

/**
 * Two programmes, three sources (fund_a, fund_b, fund_c: A, B, C below), worked by hand.
 * - talent (the talent README's lines: entitlements 9,000,000) with an envelope of 10,000,000 from
 *   A 7,000,000 and B 3,000,000: paid in full, 1,000,000 unallocated. Attributed pro rata:
 *   A awards 6,300,000 and keeps 700,000; B awards 2,700,000 and keeps 300,000.
 * - guidance_fund (its README's projects: entitlements 12,500,000), ranked, with a funding line
 *   (partial_marginal = false), an envelope of 10,000,000 from B 3,333,333.33 and C 6,666,666.67:
 *   awards A 4,000,000 and B 5,000,000, 1,000,000 unallocated. B's share of the 9,000,000 award is
 *   2,999,999.997 and C's 6,000,000.003: floors 2,999,999.99 and 6,000,000.00, and the one fen
 *   left goes to B, the larger remainder: B awards 3,000,000.00 and keeps 333,333.33, C awards
 *   6,000,000.00 and keeps 666,666.67.
 * Sources: A 7,000,000 / 6,300,000 / 700,000; B 6,333,333.33 / 5,700,000 / 633,333.33;
 * C 6,666,666.67 / 6,000,000 / 666,666.67.
 */
const HAND_WORKED = {
  schemaVersion: 1,
  name: 'hand-worked',
  title: 'Two programmes, three sources',
  date: '2021-06-30',
  sources: [source('fund_a'), source('fund_b'), source('fund_c')],
  programmes: [
    {
      programme: 'talent',
      envelope: '1000万',
      citation: 'test',
      funding: { fund_a: '700万', fund_b: '300万' },
      applicants: {
        records: [
          { id: 'T1', programme: 'bagui_scholar', head_count: 3 },
          { id: 'T2', programme: 'academician_reserve', head_count: 4 },
          { id: 'T3', programme: 'agri_tech_service', head_count: 150 },
          { id: 'T4', programme: 'distinguished_expert', head_count: 5 },
          { id: 'T5', programme: 'agri_tech_service', head_count: 0 },
        ],
      },
    },
    {
      programme: 'guidance_fund',
      envelope: 10_000_000,
      citation: 'test',
      method: 'ranked',
      reform: [{ path: 'guidance_fund.partial_marginal', value: false }],
      funding: { fund_b: '3333333.33', fund_c: '6,666,666.67' },
      applicants: { file: 'projects.csv' },
    },
  ],
};
const PROJECTS = '项目编号,申请金额,评审得分\nA,400万,90\nB,500万,85\nC,300万,80\nE,50万,80\nD,100万,55\n';

describe('a hand-worked scenario: two programmes, three sources', () => {
  const read: string[] = [];
  const result = valueOf(
    runScenario(HAND_WORKED, {
      readFile: (path) => {
        read.push(path);
        return PROJECTS;
      },
    }),
  );
  const json = scenarioResultToJson(result, { recipients: true });

  it('reads the applicants file it names, through the injected reader', () => {
    expect(read).toEqual(['projects.csv']);
    expect(applicantFiles(valueOf(parseScenario(HAND_WORKED)))).toEqual([
      { path: 'projects.csv', at: ['programmes', 1, 'applicants', 'file'] },
    ]);
  });

  it('per programme: envelope, totals and the funding lines', () => {
    expect(json.programmes.map(({ id, envelope, method, totals, funding }) => ({ id, envelope, method, totals, funding }))).toEqual([
      {
        id: 'talent',
        envelope: '10000000.00',
        method: 'ranked',
        // Five lines applied; four were paid (T5 supports nobody).
        totals: { entitlement: '9000000.00', awarded: '9000000.00', unallocated: '1000000.00', recipients: 5, applicants: 5, paid: 4 },
        funding: [
          { source: 'fund_a', allocated: '7000000.00', awarded: '6300000.00', unallocated: '700000.00' },
          { source: 'fund_b', allocated: '3000000.00', awarded: '2700000.00', unallocated: '300000.00' },
        ],
      },
      {
        id: 'guidance_fund',
        envelope: '10000000.00',
        method: 'ranked',
        // Five projects applied; A and B were paid (C is the marginal one of a funding line, E after it, D below the pass mark).
        totals: { entitlement: '12500000.00', awarded: '9000000.00', unallocated: '1000000.00', recipients: 5, applicants: 5, paid: 2 },
        funding: [
          { source: 'fund_b', allocated: '3333333.33', awarded: '3000000.00', unallocated: '333333.33' },
          { source: 'fund_c', allocated: '6666666.67', awarded: '6000000.00', unallocated: '666666.67' },
        ],
      },
    ]);
  });

  it('per source, and in all', () => {
    expect(json.sources.map(({ key, allocated, awarded, unallocated }) => ({ key, allocated, awarded, unallocated }))).toEqual([
      { key: 'fund_a', allocated: '7000000.00', awarded: '6300000.00', unallocated: '700000.00' },
      { key: 'fund_b', allocated: '6333333.33', awarded: '5700000.00', unallocated: '633333.33' },
      { key: 'fund_c', allocated: '6666666.67', awarded: '6000000.00', unallocated: '666666.67' },
    ]);
    expect(json.sources[1]?.programmes.map((p) => p.programme)).toEqual(['talent', 'guidance_fund']);
    expect(json.totals).toEqual({
      envelope: '20000000.00',
      entitlement: '21500000.00',
      awarded: '18000000.00',
      unallocated: '2000000.00',
      recipients: 10,
      applicants: 10,
      paid: 6,
      // "test" cites neither the letter nor a ⚠ assumption: a public figure.
      basis: { letter: '0.00', public: '20000000.00', assumption: '0.00' },
    });
  });

  it('per recipient: each award split by source, exactly', () => {
    // B's 3,000,000.00 over awards of 4,000,000 and 5,000,000: 1,333,333.33 and 1,666,666.66 (+ the leftover fen).
    expect(json.programmes[1]?.recipients?.slice(0, 3)).toEqual([
      { id: 'A', entitlement: '4000000.00', award: '4000000.00', sources: { fund_b: '1333333.33', fund_c: '2666666.67' } },
      { id: 'B', entitlement: '5000000.00', award: '5000000.00', sources: { fund_b: '1666666.67', fund_c: '3333333.33' } },
      { id: 'C', entitlement: '3000000.00', award: '0.00', sources: { fund_b: '0.00', fund_c: '0.00' } },
    ]);
    expect(json.programmes[0]?.recipients?.[0]).toEqual({
      id: 'T1',
      entitlement: '3000000.00',
      award: '3000000.00',
      sources: { fund_a: '2100000.00', fund_b: '900000.00' },
    });
  });

  it('leaves the recipients out unless asked', () => {
    expect(scenarioResultToJson(result).programmes.every((p) => p.recipients === undefined)).toBe(true);
  });
});

describe('applicants files', () => {
  it('a file with invalid rows: every problem, with its line and column and the JSON path of the file', () => {
    const r = runScenario(HAND_WORKED, { readFile: () => '项目编号,申请金额,评审得分\nA,-1,90\nB,500万,101\n' });
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.location?.line, p.location?.column, p.location?.path?.join('.')])).toEqual([
      ['AMOUNT.NEGATIVE', 2, '申请金额', 'programmes.1.applicants.file'],
      ['APPLICANT.OUT_OF_RANGE', 3, '评审得分', 'programmes.1.applicants.file'],
    ]);
  });

  it('a file that cannot be read, and no reader at all', () => {
    const unreadable = runScenario(HAND_WORKED, {
      readFile: () => {
        throw new Error('projects.csv: no such file or directory');
      },
    });
    expect(unreadable.ok ? [] : unreadable.problems).toEqual([
      {
        code: 'APPLICANTS.FILE_UNREADABLE',
        message: 'cannot read the applicants file: projects.csv: no such file or directory',
        location: { path: ['programmes', 1, 'applicants', 'file'], value: 'projects.csv' },
      },
    ]);
    const none = runScenario(HAND_WORKED);
    expect(none.ok ? '' : none.problems[0]?.code).toBe('APPLICANTS.NO_FILES');
  });

  it('records with a problem are located by JSON path', () => {
    const r = runScenario(
      smallScenario(
        (f) => void (f.programmes[0] = { ...f.programmes[0], applicants: { records: [{ id: 'T1', programme: 'poets', head_count: 1 }] } }),
      ),
    );
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.location?.path?.join('.')])).toEqual([
      ['APPLICANT.CHOICE_INVALID', 'programmes.0.applicants.records.0.programme'],
    ]);
  });
});

describe('a multi-year scenario: each programme takes the parameters of its own date', () => {
  // A firm whose increment award is 3500万 × 20% = 700万: the cap_above of 500万 binds in 2019;
  // the reform raises it to 800万 from 2020-01-01, so in 2021 the firm is entitled to 700万.
  const firm = { id: 'X', scale: 'above', revenue: '10亿', rd_expense: '8500万', rd_expense_prev: '5000万' };
  const rd = (id: string, date: string) => ({
    id,
    programme: 'rd_incentive',
    date,
    envelope: '1000万',
    citation: 'test',
    funding: { a: '1000万' },
    applicants: { records: [firm] },
  });
  const file = {
    schemaVersion: 1,
    name: 'two-years',
    title: 'Two years',
    date: '2021-06-30',
    reform: [{ path: 'rd_incentive.increment.cap_above', value: '800万', from: '2020-01-01' }],
    sources: [source('a')],
    programmes: [rd('rd_2019', '2019-12-31'), rd('rd_2021', '2021-06-30')],
  };

  it("2019-12-31 uses the 500万 cap, 2021-06-30 the reform's 800万", () => {
    const result = valueOf(runScenario(file));
    const [y2019, y2021] = result.programmes;
    expect(y2019?.entry.parameters.get('rd_incentive.increment.cap_above', 'amount').value).toBe(500_000_000);
    expect(y2021?.entry.parameters.get('rd_incentive.increment.cap_above', 'amount').value).toBe(800_000_000);
    expect([y2019?.outcome.awards[0], y2021?.outcome.awards[0]]).toEqual([500_000_000, 700_000_000]);
    expect(y2019?.outcome.trace(0).find((s) => s.step === 'increment_award')?.bound).toBe('rd_incentive.increment.cap_above');
  });

  it("a programme's own override wins over the scenario's for the same date", () => {
    const own = {
      ...rd('rd_2021', '2021-06-30'),
      reform: [{ path: 'rd_incentive.increment.cap_above', value: '600万', from: '2020-01-01' }],
    };
    const result = valueOf(runScenario({ ...file, programmes: [own] }));
    expect(result.programmes[0]?.outcome.awards[0]).toBe(600_000_000);
  });

  it('overrides apply by date whatever their order in the list', () => {
    const later = { ...file, reform: [{ path: 'rd_incentive.increment.cap_above', value: '650万', from: '2021-01-01' }, ...file.reform] };
    const result = valueOf(runScenario(later));
    expect(result.programmes.map((p) => p.outcome.awards[0])).toEqual([500_000_000, 650_000_000]);
  });
});

describe('the ledger balances for random scenarios (property)', () => {
  const SOURCES = ['s0', 's1', 's2', 's3'];
  const amount = (max: number) => fc.integer({ min: 0, max }).map((n) => formatJson(n));
  const applicants = {
    talent: fc.array(
      fc.record({
        programme: fc.constantFrom('bagui_scholar', 'academician_reserve', 'agri_tech_service', 'distinguished_expert'),
        head_count: fc.integer({ min: 0, max: 40 }),
      }),
      { maxLength: 8 },
    ),
    nev_support: fc.array(fc.record({ requested: amount(200_000_000_000) }), { maxLength: 8 }),
    guidance_fund: fc.array(fc.record({ requested: amount(1_000_000_000), score: fc.integer({ min: 0, max: 100 }).map(String) }), {
      maxLength: 8,
    }),
  } as const;
  const programmeArb = fc.constantFrom('talent', 'nev_support', 'guidance_fund').chain((key) =>
    fc.record({
      programme: fc.constant(key),
      envelope: fc.integer({ min: 0, max: 100_000_000_000 }),
      sources: fc.shuffledSubarray(SOURCES, { minLength: 1 }),
      weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: SOURCES.length, maxLength: SOURCES.length }),
      method: fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
      records: applicants[key],
    }),
  );

  it('sources, programmes and recipients add up to the fen (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(programmeArb, { minLength: 1, maxLength: 3 }), (programmes) => {
        const file = {
          schemaVersion: 1,
          name: 'random',
          title: 'Random',
          date: '2021-09-23',
          sources: SOURCES.map(source),
          programmes: programmes.map((p, i) => {
            // A random split of the envelope over the chosen sources, in whole fen, adding up exactly:
            // source k gives the difference of two cumulative points of the weights.
            const weights = p.sources.map((_, k) => p.weights[k] ?? 0);
            const total = weights.reduce((a, b) => a + b, 0) || 1;
            let cumulative = 0;
            const points = [
              0,
              ...weights.map((w, k) => (k === weights.length - 1 ? p.envelope : Math.floor((p.envelope * (cumulative += w)) / total))),
            ];
            const funding = Object.fromEntries(p.sources.map((s, k) => [s, formatJson((points[k + 1] ?? 0) - (points[k] ?? 0))]));
            return {
              id: `p${i}`,
              programme: p.programme,
              envelope: formatJson(p.envelope),
              citation: 'random',
              method: p.method,
              funding,
              applicants: { records: (p.records as readonly object[]).map((r, k) => ({ id: `r${k}`, ...r })) },
            };
          }),
        };
        const result = valueOf(runScenario(file));
        expectBalanced(result);
      }),
      { numRuns: 1000 },
    );
  });
});

function expectBalanced(result: ScenarioResult): void {
  const inputs = result.programmes.map((p) => ({ id: p.entry.id, funding: p.entry.funding, awarded: p.outcome.totals.awarded }));
  expectLedgerBalances(result.ledger, inputs);
  for (const p of result.programmes) {
    expect(p.ledger.envelope).toBe(p.entry.envelope);
    expect(p.ledger.unallocated).toBe(p.outcome.totals.unallocated);
    const { bySource } = p.recipients();
    expectAttributionBalances(
      p.outcome.awards,
      bySource,
      p.ledger.lines.map((l) => l.awarded),
    );
  }
  expect(result.totals.awarded + result.totals.unallocated).toBe(result.totals.envelope);
}

describe('evaluateScenario on a parsed scenario', () => {
  it('is what runScenario does in one step', () => {
    const parsed = valueOf(parseScenario(smallScenario()));
    expect(scenarioResultToJson(valueOf(evaluateScenario(parsed)))).toEqual(scenarioResultToJson(valueOf(runScenario(smallScenario()))));
  });
});

describe('README.md', () => {
  it('its example scenario runs: 300万 of entitlement, awarded 70 : 30 from the two funds', () => {
    const readme = readFileSync(new URL('README.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/u.exec(readme)?.[1] ?? '';
    const json = scenarioResultToJson(valueOf(runScenario(JSON.parse(example))));
    expect(json.sources.map((s) => [s.key, s.allocated, s.awarded])).toEqual([
      ['talent_fund', '7000000.00', '2100000.00'],
      ['innovation_fund', '3000000.00', '900000.00'],
    ]);
  });
});
