import {
  compare,
  comparisonToJson,
  parseReform,
  programmeEvaluator,
  rdIncentiveEvaluator,
  sweep,
  sweepAxis,
  sweepToJson,
} from '@bagui/core/compare';
import { unwrap } from '@bagui/core/errors';
import { parseAmount } from '@bagui/core/money';
import { findProgramme, outcomeJsonChunks, PROGRAMME_KEYS, programmeRegistry } from '@bagui/core/programmes';
import { parseEnterprisesCsv, rdIncentiveProgramme, rdIncentiveRegistry } from '@bagui/core/programmes/rd-incentive';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  ALL_PROGRAMMES_DATE,
  expectComponent,
  expectDocumented,
  expectProblem,
  programmePath,
  recordsOf,
  sampleCsv,
  sampleRecords,
  testApp,
  testJobs,
  vectorRecords,
  VECTORS_CSV,
  pathOf,
} from './support.js';

const app = testApp();
const COMPARE = programmePath('rd_incentive', 'compare');
const SWEEP = programmePath('rd_incentive', 'sweep');

const CAP_800 = {
  name: 'cap-above-800',
  description: 'What if the 规上 increment cap were 800万?',
  overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }],
};
const HIGH_TECH_15 = { name: 'high-tech-15', overrides: [{ path: 'rd_incentive.high_tech.rate', value: '15%' }] };

/** What `bagui compare rd_incentive --enterprises <vectors> --budget 2000万 --date 2021-06-30 … --format json` prints: the same functions, in process. */
function cliCompare(reforms: readonly unknown[], options: { methods?: string[]; recipients?: boolean } = {}): string {
  const table = unwrap(parseEnterprisesCsv(VECTORS_CSV));
  const parameters = unwrap(rdIncentiveRegistry.resolve('2021-06-30'));
  const checked = reforms.map((r) => unwrap(parseReform(r, rdIncentiveRegistry)));
  const c = unwrap(
    compare(
      {
        programme: rdIncentiveProgramme,
        registry: rdIncentiveRegistry,
        parameters,
        budget: unwrap(parseAmount('2000万')),
        method: 'pro_rata',
      },
      checked,
      table,
      {
        ...(options.methods === undefined ? {} : { methods: options.methods }),
      },
    ),
  );
  return `${JSON.stringify(comparisonToJson(c, { count: 'enterprises', recipients: options.recipients === true }), null, 2)}\n`;
}

/** What `bagui sweep rd_incentive … --path P --from X --to Y --step S --format json` prints. */
function cliSweep(path: string, range: { from: string; to: string; step: string }, metrics = false): string {
  const table = unwrap(parseEnterprisesCsv(VECTORS_CSV));
  const parameters = unwrap(rdIncentiveRegistry.resolve('2021-06-30'));
  const axis = unwrap(sweepAxis(rdIncentiveRegistry, path, range));
  const s = unwrap(
    sweep(
      rdIncentiveEvaluator(table),
      { registry: rdIncentiveRegistry, parameters, budget: unwrap(parseAmount('2000万')), method: 'pro_rata' },
      [axis],
      metrics ? { groups: true } : {},
    ),
  );
  return `${JSON.stringify(sweepToJson(s, { count: 'enterprises', metrics }), null, 2)}\n`;
}

const compareBody = (extra: Record<string, unknown> = {}) => ({
  budget: '2000万',
  date: '2021-06-30',
  reforms: [CAP_800, HIGH_TECH_15],
  enterprises: vectorRecords(),
  ...extra,
});

describe('POST /v1/programmes/rd_incentive/compare', () => {
  it('answers exactly what bagui compare --format json prints, by JSON, CSV and upload alike', async () => {
    const want = cliCompare([CAP_800, HIGH_TECH_15]);
    const json = await request(app).post(COMPARE).send(compareBody());
    expect(json.status, json.text).toBe(200);
    expectDocumented(json, 'rdIncentiveCompare');
    expect(json.text).toBe(want);
    expect(json.headers['bagui-parameters-version']).toBe(unwrap(rdIncentiveRegistry.resolve('2021-06-30')).version);

    const reform = (r: unknown) => `reform=${encodeURIComponent(JSON.stringify(r))}`;
    const csv = await request(app)
      .post(`${COMPARE}?budget=${encodeURIComponent('2000万')}&date=2021-06-30&${reform(CAP_800)}&${reform(HIGH_TECH_15)}`)
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toBe(want);

    const form = await request(app)
      .post(COMPARE)
      .field('budget', '2000万')
      .field('date', '2021-06-30')
      .field('reform', JSON.stringify(CAP_800))
      .field('reform', JSON.stringify(HIGH_TECH_15))
      .attach('enterprises', Buffer.from(VECTORS_CSV), 'enterprises.csv');
    expect(form.status, form.text).toBe(200);
    expect(form.text).toBe(want);
  });

  it('takes set=PATH=VALUE as bagui compare --set does: one more reform, named --set, after the reform files', async () => {
    const setReform = { name: '--set', layers: [{ name: '--set', overrides: [CAP_800.overrides[0], HIGH_TECH_15.overrides[0]] }] };
    const want = cliCompare([CAP_800, setReform]);
    const query = [
      `budget=${encodeURIComponent('2000万')}`,
      'date=2021-06-30',
      `reform=${encodeURIComponent(JSON.stringify(CAP_800))}`,
      `set=${encodeURIComponent('rd_incentive.increment.cap_above=800万')}`,
      `set=${encodeURIComponent('rd_incentive.high_tech.rate=15%')}`,
    ].join('&');
    const csv = await request(app).post(`${COMPARE}?${query}`).type('text/csv').send(VECTORS_CSV);
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toBe(want);
    const body = JSON.parse(csv.text) as { baseline: { key: string }; reforms: { name: string; key: string }[] };
    expect(body.reforms.map((r) => r.name)).toEqual(['cap-above-800', '--set']);
    // The baseline is the date's parameters, not changed by set.
    expect(body.baseline.key).toBe((JSON.parse(cliCompare([CAP_800])) as { baseline: { key: string } }).baseline.key);

    const form = await request(app)
      .post(COMPARE)
      .field('budget', '2000万')
      .field('date', '2021-06-30')
      .field('reform', JSON.stringify(CAP_800))
      .field('set', 'rd_incentive.increment.cap_above=800万')
      .field('set', 'rd_incentive.high_tech.rate=15%')
      .attach('enterprises', Buffer.from(VECTORS_CSV), 'enterprises.csv');
    expect(form.status, form.text).toBe(200);
    expect(form.text).toBe(want);

    const alone = await request(app)
      .post(`${COMPARE}?budget=1000&set=${encodeURIComponent('rd_incentive.firm_cap=800万')}`)
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(alone.status, alone.text).toBe(200);
    expect((JSON.parse(alone.text) as { reforms: { name: string }[] }).reforms.map((r) => r.name)).toEqual(['--set']);
  });

  it('locates the problems of the set reform at the set parameter, by path', async () => {
    const sets = ['rd_incentive.increment.cap_abov=800万', 'rd_incentive.high_tech.rate=150%']
      .map((s) => `set=${encodeURIComponent(s)}`)
      .join('&');
    const res = await request(app).post(`${COMPARE}?budget=1000&${sets}`).type('text/csv').send(VECTORS_CSV);
    const errors = expectProblem(res, 422, 'REQUEST.INVALID').errors ?? [];
    expect(errors).toEqual([
      expect.objectContaining({ code: 'PARAMETER.UNKNOWN', parameter: 'set', path: ['rd_incentive.increment.cap_abov'] }),
      expect.objectContaining({ code: 'RATE.OUT_OF_RANGE', parameter: 'set', path: ['rd_incentive.high_tech.rate'] }),
    ]);
    const named = await request(app)
      .post(
        `${COMPARE}?budget=1000&reform=${encodeURIComponent(JSON.stringify({ ...CAP_800, name: '--set' }))}&set=${encodeURIComponent('rd_incentive.firm_cap=800万')}`,
      )
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(expectProblem(named, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REFORM.DUPLICATE_NAME', parameter: 'set' }),
    ]);
  });

  it('tells what each reform changes: the cap reform raises the cost, the rate cut lowers entitlements', async () => {
    const res = await request(app)
      .post(COMPARE)
      .send(compareBody({ budget: '100亿' }));
    const body = JSON.parse(res.text) as {
      reforms: { name: string; totals: { change: { entitlement: string; awarded: string } }; summary: { zh: string[]; en: string[] } }[];
    };
    const [cap, rate] = body.reforms;
    expect(cap?.name).toBe('cap-above-800');
    expect(Number(cap?.totals.change.entitlement)).toBeGreaterThan(0);
    expect(cap?.totals.change.awarded).toBe(cap?.totals.change.entitlement); // 100亿 funds every entitlement in full
    expect(Number(rate?.totals.change.entitlement)).toBeLessThan(0);
    expect(cap?.summary.en.join('\n')).toMatch(/5,000,000\.00.*8,000,000\.00/u);
    expect(cap?.summary.zh.join('\n')).toMatch(/500万.*800万/u);
  });

  it('gives every enterprise’s change with recipients=true, adding up to the change of totals', async () => {
    const res = await request(app).post(`${COMPARE}?recipients=true`).send(compareBody());
    expect(res.text).toBe(cliCompare([CAP_800, HIGH_TECH_15], { recipients: true }));
    const body = JSON.parse(res.text) as { reforms: { totals: { change: { awarded: string } }; enterprises: { awardChange: string }[] }[] };
    for (const r of body.reforms) {
      expect(r.enterprises).toHaveLength(vectorRecords().length);
      const fen = r.enterprises.reduce((sum, e) => sum + Math.round(Number(e.awardChange) * 100), 0);
      expect(fen).toBe(Math.round(Number(r.totals.change.awarded) * 100));
    }
  });

  it('compares envelope methods without a reform', async () => {
    const res = await request(app)
      .post(COMPARE)
      .send({ budget: '2000万', date: '2021-06-30', methods: ['pro_rata', 'uniform_cap', 'ranked'], enterprises: vectorRecords() });
    expect(res.status, res.text).toBe(200);
    expect(res.text).toBe(cliCompare([], { methods: ['pro_rata', 'uniform_cap', 'ranked'] }));
    const body = JSON.parse(res.text) as { methods: { variant: string; methods: { method: string; totals: { awarded: string } }[] }[] };
    expect(body.methods.map((m) => m.variant)).toEqual(['baseline']);
    expect(body.methods[0]?.methods.map((m) => m.method)).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
  });

  it('refuses a bad reform before anything runs, each problem at its JSON pointer', async () => {
    const res = await request(app)
      .post(COMPARE)
      .send(
        compareBody({
          reforms: [
            { name: 'typo', overrides: [{ path: 'rd_incentive.increment.cap_abov', value: '800万' }] },
            { name: 'negative', overrides: [{ path: 'rd_incentive.firm_cap', value: '-1' }] },
            {
              name: 'conflict',
              layers: [
                { name: 'a', overrides: [{ path: 'rd_incentive.firm_cap', value: '800万' }] },
                { name: 'b', overrides: [{ path: 'rd_incentive.firm_cap', value: '900万' }] },
              ],
            },
            { name: 'typo', overides: [] },
          ],
        }),
      );
    const body = expectProblem(res, 422, 'REQUEST.INVALID', 'rdIncentiveCompare');
    const where = (body.errors ?? []).map((e) => `${String(e.code)} ${String(e.pointer)}`);
    expect(where).toContain('PARAMETER.UNKNOWN #/reforms/0/overrides/0/path');
    expect(where).toContain('AMOUNT.NEGATIVE #/reforms/1/overrides/0/value');
    expect(where).toContain('REFORM.CONFLICT #/reforms/2/layers/1/overrides/0/path');
    expect(where).toContain('REFORM.UNKNOWN_FIELD #/reforms/3/overides');
    expect(JSON.stringify(body.errors)).toMatch(/did you mean \\"overrides\\"/u);
  });

  it('refuses two reforms with one name, a reform of another programme, and nothing to compare', async () => {
    const twice = await request(app)
      .post(COMPARE)
      .send(compareBody({ reforms: [CAP_800, { ...HIGH_TECH_15, name: CAP_800.name }] }));
    expect(expectProblem(twice, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REFORM.DUPLICATE_NAME', pointer: '#/reforms/1/name' }),
    ]);
    const foreign = await request(app)
      .post(COMPARE)
      .send(compareBody({ reforms: [{ name: 'talent', overrides: [{ path: 'talent.stipend.bagui_scholar', value: '1' }] }] }));
    expect(expectProblem(foreign, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'PARAMETER.UNKNOWN', pointer: '#/reforms/0/overrides/0/path' }),
    ]);
    const nothing = await request(app)
      .post(COMPARE)
      .send(compareBody({ reforms: [] }));
    expect(expectProblem(nothing, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.REQUIRED', pointer: '#/reforms' }),
    ]);
  });

  it('checks threshold and bands: amounts, ascending', async () => {
    const res = await request(app)
      .post(COMPARE)
      .send(compareBody({ threshold: '1.001', bands: ['10万', '1万'] }));
    const errors = expectProblem(res, 422, 'REQUEST.INVALID').errors ?? [];
    expect(errors.map((e) => e.pointer)).toEqual(['#/threshold', '#/bands']);
    const ok = await request(app)
      .post(COMPARE)
      .send(compareBody({ threshold: '100', bands: ['1万', '5万'] }));
    expect(ok.status, ok.text).toBe(200);
    const body = JSON.parse(ok.text) as { reforms: { threshold: string; bands: unknown[] }[] };
    expect(body.reforms[0]?.threshold).toBe('100.00');
    // Two edges on each side of no change: < −5万, −5万…−1万, −1万…0, unchanged, 0…1万, 1万…5万, ≥ 5万.
    expect(body.reforms[0]?.bands).toHaveLength(7);
  });

  it('locates problems of CSV-borne settings by parameter, and of rows by line and column', async () => {
    const badReform = await request(app)
      .post(`${COMPARE}?budget=1000&reform=${encodeURIComponent('{"name": ')}`)
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(expectProblem(badReform, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({
        code: 'JSON.SYNTAX',
        parameter: 'reform',
        path: [0],
        line: 1,
        column: 10,
        message: expect.stringMatching(/^reform 0 is not valid JSON: expected .* at line 1, column 10, found the end of the text;/u),
      }),
    ]);
    const twice = await request(app)
      .post(COMPARE)
      .query({ budget: '1000', reform: '{"name": "a", "name": "b", "overrides": []}' })
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(expectProblem(twice, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'JSON.DUPLICATE_KEY', parameter: 'reform', path: [0, 'name'], line: 1, column: 15 }),
    ]);
    const nested = await request(app)
      .post(COMPARE)
      .query({
        budget: '1000',
        reform: [
          '{"name": "a", "overrides": []}',
          '{"name": "b", "overrides": [{"path": "rd_incentive.firm_cap", "value": "1", "value": "2"}]}',
        ],
      })
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(expectProblem(nested, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'JSON.DUPLICATE_KEY', parameter: 'reform', path: [1, 'overrides', 0, 'value'] }),
    ]);
    const exponent = await request(app)
      .post(COMPARE)
      .query({ budget: '1000', reform: '{"name": "cap", "overrides": [{"path": "rd_incentive.firm_cap", "value": 5e6}]}' })
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(JSON.stringify(expectProblem(exponent, 422, 'REQUEST.INVALID').errors)).toContain('"value":"5e6"');
    const unknown = await request(app).post(`${COMPARE}?budget=1000&metods=ranked`).type('text/csv').send(VECTORS_CSV);
    expect(JSON.stringify(expectProblem(unknown, 422, 'REQUEST.INVALID').errors)).toMatch(
      /unknown field \\"metods\\" in the query string \(did you mean method/u,
    );
    const override = await request(app)
      .post(`${COMPARE}?budget=1000&methods=ranked&set=rd_incentive.firm_cap=abc`)
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(expectProblem(override, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ parameter: 'set', path: ['rd_incentive.firm_cap'] }),
    ]);
    const rows = await request(app)
      .post(`${COMPARE}?budget=1000&methods=ranked`)
      .type('text/csv')
      .send('id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,12x,1,1\n');
    expect(expectProblem(rows, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ line: 2, column: 'revenue', value: '12x' }),
    ]);
  });

  it('refuses settings in the query string of a JSON request, and a body without enterprises', async () => {
    const misplaced = await request(app).post(`${COMPARE}?budget=1000`).send(compareBody());
    expect(expectProblem(misplaced, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.MISPLACED', parameter: 'budget' }),
    ]);
    const none = await request(app)
      .post(COMPARE)
      .send({ budget: '1000', methods: ['ranked'] });
    expect(expectProblem(none, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.REQUIRED', pointer: '#/enterprises' }),
    ]);
    const row = await request(app)
      .post(COMPARE)
      .send(compareBody({ enterprises: [{ id: 'E1', scale: 'above', revenue: 'x', rd_expense: '1', rd_expense_prev: '1' }] }));
    expect(expectProblem(row, 422, 'REQUEST.INVALID').errors).toEqual([expect.objectContaining({ pointer: '#/enterprises/0/revenue' })]);
  });

  it('runs a large comparison as a job whose result is the synchronous answer', async () => {
    const jobs = testJobs();
    const small = testApp({ ASYNC_THRESHOLD: 10 }, { jobs });
    const accepted = await request(small).post(COMPARE).send(compareBody());
    expect(accepted.status, accepted.text).toBe(202);
    expectDocumented(accepted, 'rdIncentiveCompare');
    expect(accepted.body).toMatchObject({ programme: 'rd_incentive', operation: 'compare', enterprises: vectorRecords().length });
    await jobs.idle();
    const status = await request(small).get(pathOf(accepted.headers.location));
    expect(status.body).toMatchObject({ status: 'succeeded', operation: 'compare' });
    const result = await request(small).get(`${pathOf(accepted.headers.location)}/result`);
    expectDocumented(result, 'getJobResult');
    expect(result.text).toBe(cliCompare([CAP_800, HIGH_TECH_15]));
    const now = await request(small).post(`${COMPARE}?async=false`).send(compareBody());
    expect(now.status).toBe(200);
  });
});

describe('POST /v1/programmes/rd_incentive/sweep', () => {
  const range = { from: '300万', to: '800万', step: '100万' };
  const sweepBody = (extra: Record<string, unknown> = {}) => ({
    budget: '2000万',
    date: '2021-06-30',
    path: 'rd_incentive.increment.cap_above',
    ...range,
    enterprises: vectorRecords(),
    ...extra,
  });

  it('answers exactly what bagui sweep --format json prints, by JSON and by CSV', async () => {
    const want = cliSweep('rd_incentive.increment.cap_above', range);
    const json = await request(app).post(SWEEP).send(sweepBody());
    expect(json.status, json.text).toBe(200);
    expectDocumented(json, 'rdIncentiveSweep');
    expect(json.text).toBe(want);
    const csv = await request(app)
      .post(
        `${SWEEP}?budget=${encodeURIComponent('2000万')}&date=2021-06-30&path=rd_incentive.increment.cap_above&from=${encodeURIComponent('300万')}&to=${encodeURIComponent('800万')}&step=${encodeURIComponent('100万')}`,
      )
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(csv.text).toBe(want);
    const points = (JSON.parse(want) as { points: { value: string }[] }).points.map((p) => p.value);
    expect(points).toEqual(['3000000.00', '4000000.00', '5000000.00', '6000000.00', '7000000.00', '8000000.00']);
  });

  it('names the fields of the object where an unknown field is, not the top level’s', async () => {
    const res = await request(app)
      .post(SWEEP)
      .send(sweepBody({ grid: { path: 'rd_incentive.high_tech.rate', form: '0.10', to: '0.20', step: '0.05' } }));
    expect(expectProblem(res, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({
        code: 'REQUEST.UNKNOWN_FIELD',
        pointer: '#/grid/form',
        message: 'unknown field "form" in grid (did you mean from?): the accepted fields are path, from, to, step, values',
      }),
    ]);
  });

  it('sweeps the envelope, a list of values, a grid, and gives metrics by group', async () => {
    const budget = await request(app)
      .post(SWEEP)
      .send(sweepBody({ path: 'budget', from: '1000万', to: '3000万', step: '1000万' }));
    const totals = (JSON.parse(budget.text) as { points: { value: string; totals: { awarded: string; unallocated: string } }[] }).points;
    for (const p of totals)
      expect(Math.round((Number(p.totals.awarded) + Number(p.totals.unallocated)) * 100)).toBe(Math.round(Number(p.value) * 100));

    const grid = await request(app)
      .post(SWEEP)
      .send(
        sweepBody({
          from: undefined,
          to: undefined,
          step: undefined,
          values: ['500万', 8000000],
          grid: { path: 'rd_incentive.high_tech.rate', from: '0.10', to: '0.20', step: '0.05' },
          metrics: true,
        }),
      );
    expect(grid.status, grid.text).toBe(200);
    expectDocumented(grid, 'rdIncentiveSweep');
    const g = JSON.parse(grid.text) as {
      grid: string;
      points: { value: string; grid: string; metrics: { groups: Record<string, unknown[]> } }[];
    };
    expect(g.grid).toBe('rd_incentive.high_tech.rate');
    expect(g.points.map((p) => `${p.value}×${p.grid}`)).toEqual([
      '5000000.00×0.10',
      '5000000.00×0.15',
      '5000000.00×0.20',
      '8000000.00×0.10',
      '8000000.00×0.15',
      '8000000.00×0.20',
    ]);
    expect(Object.keys(g.points[0]?.metrics.groups ?? {})).toContain('scale');

    const gridCsv = await request(app)
      .post(
        `${SWEEP}?budget=2000&path=budget&value=1000&value=2000&grid=${encodeURIComponent('rd_incentive.firm_cap=100万:200万:100万')}&metrics=true`,
      )
      .type('text/csv')
      .send(VECTORS_CSV);
    expect(gridCsv.status, gridCsv.text).toBe(200);
    expect((JSON.parse(gridCsv.text) as { points: unknown[] }).points).toHaveLength(4);
  });

  it('refuses a bad axis, each problem where it was written', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ path: 'rd_incentive.no_such' }, 'SWEEP.UNKNOWN_PATH', '#/path'],
      [{ path: 'rd_incentive.increment.tiers_above' }, 'SWEEP.NOT_STEPPABLE', '#/path'],
      [{ step: undefined }, 'REQUEST.REQUIRED', '#/step'],
      [{ values: ['1'] }, 'SWEEP.VALUES_AND_RANGE', '#/values'],
      [{ step: '0' }, 'SWEEP.STEP_NOT_POSITIVE', '#/step'],
      [{ to: '100万' }, 'SWEEP.EMPTY_RANGE', '#/to'],
      [{ step: '1' }, 'SWEEP.TOO_MANY_POINTS', '#/step'],
      [{ overrides: { 'rd_incentive.increment.cap_above': '1' } }, 'SWEEP.OVERRIDDEN', '#/overrides/rd_incentive.increment.cap_above'],
      [{ grid: { path: 'rd_incentive.increment.cap_above', values: ['1'] } }, 'SWEEP.SAME_PATH', '#/grid'],
      [{ grid: { path: 'rd_incentive.high_tech.rate', from: '0', to: '1', step: 'x' } }, 'RATE.INVALID', '#/grid/step'],
    ];
    for (const [extra, code, pointer] of cases) {
      const res = await request(app).post(SWEEP).send(sweepBody(extra));
      const errors = expectProblem(res, 422, 'REQUEST.INVALID', 'rdIncentiveSweep').errors ?? [];
      expect(
        errors.map((e) => `${String(e.code)} ${String(e.pointer)}`),
        JSON.stringify(extra),
      ).toContain(`${code} ${pointer}`);
    }
    const gridShape = await request(app).post(`${SWEEP}?budget=1&path=budget&value=1&grid=oops`).type('text/csv').send(VECTORS_CSV);
    expect(expectProblem(gridShape, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'SWEEP.GRID_SHAPE', parameter: 'grid' }),
    ]);
  });
});

describe('a switch parameter (guidance_fund.partial_marginal)', () => {
  it('takes a JSON boolean as the documented OverrideValue allows, the same as its text', async () => {
    expectComponent('OverrideValue', false);
    const body = (value: unknown) => ({
      budget: '1000万',
      date: ALL_PROGRAMMES_DATE,
      overrides: { 'guidance_fund.partial_marginal': value },
      applicants: sampleRecords('guidance_fund', 12),
    });
    const asBoolean = await request(app).post(programmePath('guidance_fund', 'evaluate')).send(body(false));
    expect(asBoolean.status, asBoolean.text).toBe(200);
    expect(asBoolean.text).toBe((await request(app).post(programmePath('guidance_fund', 'evaluate')).send(body('false'))).text);
    expect(asBoolean.headers['bagui-parameters-version']).not.toBe(
      (await request(app).post(programmePath('guidance_fund', 'evaluate')).send(body(true))).headers['bagui-parameters-version'],
    );
    const wrong = await request(app).post(programmePath('guidance_fund', 'evaluate')).send(body('yes'));
    expect(expectProblem(wrong, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'PARAMETER.WRONG_TYPE', pointer: '#/overrides/guidance_fund.partial_marginal' }),
    ]);
  });
});

describe('every other programme: evaluate, compare, sweep', () => {
  for (const key of PROGRAMME_KEYS.filter((k) => k !== 'rd_incentive')) {
    const programme = findProgramme(key);
    if (programme === undefined) throw new Error(key);
    const camel = key.replace(/_(\w)/gu, (_m, c: string) => c.toUpperCase());

    it(`${key}: evaluate gives the core’s outcome, by JSON and by CSV, Σ awards + unallocated = envelope`, async () => {
      const applicants = unwrap(programme.readApplicantsCsv(sampleCsv(key, 12)));
      const parameters = unwrap(programmeRegistry(key).resolve(ALL_PROGRAMMES_DATE));
      // The programme's own default method (ranked for guidance_fund and hitech_zones), as the API defaults to it.
      const outcome = unwrap(
        programme.evaluate(applicants, parameters, { budget: unwrap(parseAmount('1000万')), method: programme.defaultMethod }),
      );
      const want = [...outcomeJsonChunks(outcome)].join('');
      const json = await request(app)
        .post(programmePath(key, 'evaluate'))
        .send({ budget: '1000万', date: ALL_PROGRAMMES_DATE, applicants: sampleRecords(key, 12) });
      expect(json.status, json.text).toBe(200);
      expectDocumented(json, `${camel}Evaluate`);
      expect(json.text).toBe(want);
      expect(json.headers['bagui-parameters-version']).toBe(parameters.version);
      const csv = await request(app)
        .post(`${programmePath(key, 'evaluate')}?budget=${encodeURIComponent('1000万')}&date=${ALL_PROGRAMMES_DATE}`)
        .type('text/csv')
        .send(sampleCsv(key, 12));
      expect(csv.text).toBe(want);
      const body = JSON.parse(want) as {
        budget: string;
        totals: { unallocated: string };
        recipients: { award: string; trace: unknown[] }[];
      };
      const awarded = body.recipients.reduce((s, r) => s + Math.round(Number(r.award) * 100), 0);
      expect(awarded + Math.round(Number(body.totals.unallocated) * 100)).toBe(Math.round(Number(body.budget) * 100));
      expect(body.recipients.every((r) => r.trace.length > 0)).toBe(true);
      const totals = await request(app)
        .post(`${programmePath(key, 'evaluate')}?totals_only=true`)
        .send({ budget: '1000万', date: ALL_PROGRAMMES_DATE, applicants: sampleRecords(key, 12) });
      expect(Object.keys(JSON.parse(totals.text) as object)).toEqual(['program', 'programme', 'budget', 'method', 'totals']);
    });

    it(`${key}: compare a reform of its first amount parameter, and sweep the envelope`, async () => {
      const amount = programme.parameters.find((d) => d.kind === 'amount');
      if (amount === undefined) throw new Error(`${key} has no amount parameter`);
      const reform = { name: 'double', overrides: [{ path: amount.path, value: '0' }] };
      const res = await request(app)
        .post(programmePath(key, 'compare'))
        .send({ budget: '1000万', date: ALL_PROGRAMMES_DATE, reforms: [reform], applicants: sampleRecords(key, 12) });
      expect(res.status, res.text).toBe(200);
      expectDocumented(res, `${camel}Compare`);
      const body = JSON.parse(res.text) as {
        programme: string;
        reforms: { changes: { path: string; reform: string }[]; totals: { baseline: { recipients: number } } }[];
      };
      expect(body.programme).toBe(key);
      expect(body.reforms[0]?.changes).toEqual([expect.objectContaining({ path: amount.path, reform: '0.00' })]);
      expect(body.reforms[0]?.totals.baseline.recipients).toBe(12);

      const applicants = unwrap(programme.readApplicants(sampleRecords(key, 12)));
      const parameters = unwrap(programmeRegistry(key).resolve(ALL_PROGRAMMES_DATE));
      const axis = unwrap(sweepAxis(programmeRegistry(key), 'budget', { from: '100万', to: '500万', step: '200万' }));
      const s = unwrap(
        sweep(
          programmeEvaluator(programme, applicants),
          { registry: programmeRegistry(key), parameters, budget: unwrap(parseAmount('1000万')), method: programme.defaultMethod },
          [axis],
        ),
      );
      const swept = await request(app)
        .post(programmePath(key, 'sweep'))
        .send({
          budget: '1000万',
          date: ALL_PROGRAMMES_DATE,
          path: 'budget',
          from: '100万',
          to: '500万',
          step: '200万',
          applicants: sampleRecords(key, 12),
        });
      expect(swept.status, swept.text).toBe(200);
      expectDocumented(swept, `${camel}Sweep`);
      expect(swept.text).toBe(`${JSON.stringify(sweepToJson(s, { count: 'recipients' }), null, 2)}\n`);
    });
  }

  it('locates an invalid applicant by pointer, and refuses an unknown programme with 404', async () => {
    const records = sampleRecords('talent', 3);
    const bad = await request(app)
      .post(programmePath('talent', 'evaluate'))
      .send({
        budget: '100万',
        date: ALL_PROGRAMMES_DATE,
        applicants: [records[0], { ...records[1], head_count: 'many' }, { ...records[2], headcount: 1 }],
      });
    const errors = expectProblem(bad, 422, 'REQUEST.INVALID', 'talentEvaluate').errors ?? [];
    expect(errors.map((e) => e.pointer)).toEqual(['#/applicants/1/head_count', '#/applicants/2/headcount']);
    const upload = await request(app)
      .post(programmePath('talent', 'evaluate'))
      .field('budget', '100万')
      .field('date', ALL_PROGRAMMES_DATE)
      .attach('applicants', Buffer.from('id,programme,head_count\nL1,bagui_scholar,x\n'), 'talent.csv');
    expect(expectProblem(upload, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ parameter: 'applicants', line: 2, column: 'head_count' }),
    ]);
    const wrongField = await request(app).post(programmePath('talent', 'evaluate')).send({ budget: '100万', enterprises: records });
    expect(JSON.stringify(expectProblem(wrongField, 422, 'REQUEST.INVALID').errors)).toMatch(/applicants is required/u);
    for (const operation of ['evaluate', 'compare', 'sweep'] as const) {
      expectProblem(await request(app).post(programmePath('no_such', operation)).send({}), 404, 'PROGRAMME.NOT_FOUND');
    }
  });

  it('refuses a date before a programme’s first values, naming the date', async () => {
    const res = await request(app)
      .post(programmePath('hitech_zones', 'evaluate'))
      .send({ budget: '100万', date: '2021-06-30', applicants: sampleRecords('hitech_zones', 2) });
    expect(expectProblem(res, 422, 'REQUEST.INVALID').errors?.[0]).toMatchObject({ pointer: '#/date' });
  });

  it('runs a large evaluation of another programme as a job', async () => {
    const jobs = testJobs();
    const small = testApp({ ASYNC_THRESHOLD: 5 }, { jobs });
    const body = { budget: '100万', date: ALL_PROGRAMMES_DATE, applicants: sampleRecords('talent', 12) };
    const accepted = await request(small).post(programmePath('talent', 'evaluate')).send(body);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ programme: 'talent', operation: 'evaluate', enterprises: 12 });
    await jobs.idle();
    const result = await request(small).get(`${pathOf(accepted.headers.location)}/result`);
    expectDocumented(result, 'getJobResult');
    const now = await request(small)
      .post(`${programmePath('talent', 'evaluate')}?async=false`)
      .send(body);
    expect(result.text).toBe(now.text);
  });

  it('uses the records field of the programme: enterprises for rd_incentive, applicants for the others', () => {
    expect(PROGRAMME_KEYS.map(recordsOf).filter((f) => f === 'enterprises')).toEqual(['enterprises']);
  });
});
