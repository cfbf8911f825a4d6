import { PROGRAMMES, programmeRegistry } from '@bagui/core/programmes';
import { rdIncentiveRegistry } from '@bagui/core/programmes/rd-incentive';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectDocumented, expectProblem, PARAMETERS, testApp } from './support.js';

describe('GET /v1/programmes', () => {
  it('lists the R&D incentive with its letter citation and every source its parameters cite', async () => {
    const res = await request(testApp()).get('/v1/programmes');
    expectDocumented(res, 'listProgrammes');
    const [programme] = res.body.programmes as Record<string, unknown>[];
    expect(programme).toMatchObject({
      id: 'rd_incentive',
      name: { zh: '企业研发投入财政奖补', en: expect.stringMatching(/^R&D investment incentive/u) },
      letter_citations: ['letter 一(一)三'],
      methods: ['pro_rata', 'uniform_cap', 'ranked'],
      links: { parameters: PARAMETERS, evaluate: '/v1/programmes/rd_incentive/evaluate' },
    });
    expect(programme?.sources).toContainEqual(
      expect.objectContaining({
        citation: 'letter 一(一)三',
        assumption: false,
        parameters: ['rd_incentive.increment.cap_above', 'rd_incentive.increment.cap_below'],
      }),
    );
    const cited = (programme?.sources as { parameters: string[] }[]).flatMap((s) => s.parameters).sort();
    expect(cited).toEqual(
      rdIncentiveRegistry
        .definitions()
        .map((d) => d.path)
        .sort(),
    );
  });
});

describe('GET /v1/programmes: no query parameters', () => {
  it('refuses one, naming it: a filter the server does not know must not look applied', async () => {
    const res = await request(testApp()).get('/v1/programmes?key=talent');
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'listProgrammes').errors).toEqual([
      { code: 'REQUEST.UNKNOWN_FIELD', message: 'unknown query parameter "key": this request takes none', parameter: 'key' },
    ]);
  });
});

describe('GET /v1/programmes: every programme', () => {
  it('lists all seven programmes, the R&D incentive first, each with every parameter under a source', async () => {
    const res = await request(testApp()).get('/v1/programmes');
    expectDocumented(res, 'listProgrammes');
    const listed = res.body.programmes as {
      id: string;
      links: Record<string, string>;
      sources: { parameters: string[] }[];
      methods: string[];
      applicant_fields: { name: string }[];
    }[];
    expect(listed.map((p) => p.id)).toEqual(['rd_incentive', ...PROGRAMMES.map((p) => p.key).filter((key) => key !== 'rd_incentive')]);
    expect(listed).toHaveLength(7);
    for (const programme of listed) {
      const core = PROGRAMMES.find((p) => p.key === programme.id);
      expect(programme.sources.flatMap((s) => s.parameters).sort()).toEqual(core?.parameters.map((d) => d.path).sort());
      expect(programme.methods).toEqual(core?.methods);
      expect(programme.links.parameters).toBe(`/v1/programmes/${programme.id}/parameters`);
      expect(programme.links).toEqual({
        parameters: `/v1/programmes/${programme.id}/parameters`,
        evaluate: `/v1/programmes/${programme.id}/evaluate`,
        compare: `/v1/programmes/${programme.id}/compare`,
        sweep: `/v1/programmes/${programme.id}/sweep`,
      });
      expect(programme.applicant_fields.map((f) => f.name)).toEqual(core?.applicantFields.map((f) => f.name));
    }
  });
});

describe('GET /v1/programmes/{key}/parameters', () => {
  for (const programme of PROGRAMMES) {
    it(`gives ${programme.key}’s parameters on a date, with the set’s version`, async () => {
      const res = await request(testApp()).get(`/v1/programmes/${programme.key}/parameters?date=2021-09-23`);
      expectDocumented(res, 'programmeParameters');
      const set = programmeRegistry(programme.key).resolve('2021-09-23');
      expect(set.ok).toBe(true);
      if (!set.ok) return;
      expect(res.headers['bagui-parameters-version']).toBe(set.value.version);
      expect(res.body).toMatchObject({ program: programme.key, date: '2021-09-23', version: set.value.version });
      expect((res.body.parameters as { path: string }[]).map((p) => p.path).sort()).toEqual(programme.parameters.map((d) => d.path).sort());
    });
  }

  it('refuses an unknown programme with a 404 naming the known ones', async () => {
    const res = await request(testApp()).get('/v1/programmes/rd_incentives/parameters');
    const body = expectProblem(res, 404, 'PROGRAMME.NOT_FOUND', 'programmeParameters');
    expect(body.detail).toContain('"rd_incentives"');
    expect(body.detail).toContain('digital_subsidy');
  });

  it('refuses a date before a programme’s first values', async () => {
    const res = await request(testApp()).get('/v1/programmes/hitech_zones/parameters?date=2020-01-01');
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'programmeParameters').errors?.[0]).toMatchObject({
      code: 'PARAMETER.NO_VALUE_ON_DATE',
      parameter: 'date',
    });
  });
});

describe('GET /v1/programmes/rd_incentive/parameters', () => {
  it('gives the parameters in force on a date, with sources, assumption flags and the set’s version', async () => {
    const res = await request(testApp()).get(`${PARAMETERS}?date=2021-06-30`);
    expectDocumented(res, 'programmeParameters');
    const set = rdIncentiveRegistry.resolve('2021-06-30');
    expect(set.ok && res.headers['bagui-parameters-version']).toBe(set.ok && set.value.version);
    expect(res.body).toMatchObject({ program: 'rd_incentive', date: '2021-06-30', version: res.headers['bagui-parameters-version'] });
    expect(res.body.parameters).toContainEqual({
      path: 'rd_incentive.increment.cap_above',
      kind: 'amount',
      unit: 'CNY',
      label: { zh: '规上企业增量奖励上限', en: 'Increment award cap, above-scale firms' },
      value: '5000000.00',
      from: '2019-07-01',
      source: { citation: 'letter 一(一)三', title: '广西科技厅对自治区政协十二届四次会议第20210124号提案的答复' },
      assumption: false,
    });
    expect(res.body.parameters).toContainEqual(
      expect.objectContaining({
        path: 'rd_incentive.increment.tiers_above',
        value: [
          { min_intensity: expect.stringMatching(/^0(\.00?)?$/u), rate: expect.stringMatching(/^0\.10?$/u) },
          { min_intensity: '0.03', rate: '0.15' },
          { min_intensity: '0.05', rate: expect.stringMatching(/^0\.20?$/u) },
        ],
        assumption: true,
      }),
    );
  });

  it('defaults the date to today', async () => {
    const res = await request(testApp({}, { today: () => '2024-01-02' })).get(PARAMETERS);
    expect(res.body.date).toBe('2024-01-02');
  });

  it('refuses a date before the rule, an impossible date and unknown parameters', async () => {
    const early = await request(testApp()).get(`${PARAMETERS}?date=2019-06-30`);
    expect(expectProblem(early, 422, 'REQUEST.INVALID', 'programmeParameters').errors?.[0]).toMatchObject({
      code: 'PARAMETER.NO_VALUE_ON_DATE',
      parameter: 'date',
      message: expect.stringContaining('2019-07-01'),
    });
    const impossible = await request(testApp()).get(`${PARAMETERS}?date=2021-13-01`);
    expect(expectProblem(impossible, 422, 'REQUEST.INVALID', 'programmeParameters').errors?.[0]).toMatchObject({
      code: 'REQUEST.INVALID_VALUE',
      parameter: 'date',
      value: '2021-13-01',
    });
    const unknown = await request(testApp()).get(`${PARAMETERS}?day=2021-06-30`);
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', 'programmeParameters').errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      parameter: 'day',
    });
  });
});

describe('probes', () => {
  it('/health is alive; /ready is 503 while shutting down', async () => {
    const health = await request(testApp()).get('/health');
    expectDocumented(health, 'health');
    expect(health.body).toMatchObject({ status: 'ok' });
    expectDocumented(await request(testApp()).get('/ready'), 'ready');
    expectProblem(await request(testApp({}, { isReady: () => false })).get('/ready'), 503, 'NOT_READY', 'ready');
  });
});
