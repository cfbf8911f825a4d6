import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compareScenario, parseReform, scenarioComparisonToJson } from '@bagui/core/compare';
import { parameterRegistry } from '@bagui/core/programmes';
import { BUILTIN_SCENARIOS, GUANGXI_2020_2022, GUANGXI_2021, parseScenario, runScenario, scenarioResultToJson } from '@bagui/core/scenario';
import { unwrap } from '@bagui/core/errors';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectDocumented, expectProblem, RUN, SCENARIOS, smallScenario, testApp, testJobs, pathOf } from './support.js';

describe('GET /v1/scenarios', () => {
  it('lists the built-in scenarios with their title, date and number of programmes', async () => {
    const res = await request(testApp()).get(SCENARIOS);
    expectDocumented(res, 'listScenarios');
    expect(res.body.scenarios).toHaveLength(BUILTIN_SCENARIOS.length);
    expect(res.body.scenarios[0]).toEqual({
      name: 'guangxi-2021',
      title: GUANGXI_2021.title,
      date: '2021-09-23',
      programmes: 7,
      links: { self: `${SCENARIOS}/guangxi-2021`, run: `${SCENARIOS}/guangxi-2021/run` },
    });
  });
});

describe('GET /v1/scenarios/{name}', () => {
  it('gives the scenario file as the CLI shows it', async () => {
    const res = await request(testApp()).get(`${SCENARIOS}/guangxi-2021`);
    expectDocumented(res, 'getScenario');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(GUANGXI_2021)));
    const run = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`);
    expect(res.headers['bagui-parameters-version']).toBe(run.headers['bagui-parameters-version']);
  });

  it('refuses an unknown name with a 404 naming the built-in ones', async () => {
    const res = await request(testApp()).get(`${SCENARIOS}/guangxi-2022`);
    expect(expectProblem(res, 404, 'SCENARIO.NOT_FOUND', 'getScenario').detail).toContain('guangxi-2021');
  });

  it('refuses query parameters, which it has none of', async () => {
    const res = await request(testApp()).get(`${SCENARIOS}/guangxi-2021?format=csv`);
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'getScenario').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.UNKNOWN_FIELD', parameter: 'format' }),
    ]);
    expectProblem(await request(testApp()).get(`${SCENARIOS}?name=small`), 422, 'REQUEST.INVALID', 'listScenarios');
  });
});

describe('POST /v1/scenarios/{name}/run', () => {
  it('runs a built-in scenario: the letter’s envelopes, paid out in full, as the core computes them', async () => {
    const res = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`);
    expectDocumented(res, 'runBuiltinScenario');
    expect(res.body).toEqual(scenarioResultToJson(unwrap(runScenario(GUANGXI_2021))));
    expect(res.body.totals).toMatchObject({ envelope: '2473000000.00', awarded: '2473000000.00', unallocated: '0.00' });
    expect(res.body.programmes[0]).not.toHaveProperty('recipients');
    expect(res.headers['bagui-parameters-version']).toMatch(/^[0-9a-f]{16}$/u);
  });

  it('gives every recipient’s split by source with recipients=true', async () => {
    const res = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run?recipients=true`);
    expectDocumented(res, 'runBuiltinScenario');
    const nev = (res.body.programmes as { programme: string; recipients: { sources: Record<string, string> }[] }[]).find(
      (p) => p.programme === 'nev_support',
    );
    expect(Object.keys(nev?.recipients[0]?.sources ?? {})).toHaveLength(3);
  });

  it('runs guangxi-2020-2022: batches, commitments, exclusions, the enterprise cap and co-financing, all in the documented schema', async () => {
    const res = await request(testApp()).post(`${SCENARIOS}/guangxi-2020-2022/run?recipients=true`);
    expectDocumented(res, 'runBuiltinScenario');
    expect(res.body).toEqual(scenarioResultToJson(unwrap(runScenario(GUANGXI_2020_2022)), { recipients: true }));
    expect((res.body.years as { year: number }[]).map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(res.body.levels).toMatchObject({ regional: '591905331.44', cities: '9152930.38' });
    expect((res.body.exclusions as unknown[]).length).toBe(3);
  });

  it('runs a posted scenario with an exclusion list and credit codes: the excluded applicant listed with why', async () => {
    const code = '91350100M000100Y43';
    const res = await request(testApp())
      .post(`${SCENARIOS}/run`)
      .send({
        schemaVersion: 1,
        name: 'excluded',
        title: 'Excluded',
        date: '2021-09-23',
        sources: [{ key: 'fund', label: { zh: '资金', en: 'Fund' }, citation: 'test' }],
        exclusions: [{ creditCode: code, kind: 'blacklist', reason: '列入严重失信主体名单' }],
        programmes: [
          {
            programme: 'nev_support',
            envelope: '100万',
            citation: 'test',
            funding: { fund: '100万' },
            applicants: {
              records: [
                { id: 'N1', requested: '60万', credit_code: code },
                { id: 'N2', requested: '30万' },
              ],
            },
          },
        ],
      });
    expectDocumented(res, 'runScenario');
    expect(res.body.programmes[0].excluded).toEqual([{ id: 'N1', creditCode: code, kind: 'blacklist', reason: '列入严重失信主体名单' }]);
    expect(res.body.totals).toMatchObject({ awarded: '300000.00', applicants: 2, paid: 1, excluded: 1 });
  });

  it('refuses a posted scenario whose exclusion has a mistyped credit code, at its pointer', async () => {
    const res = await request(testApp())
      .post(`${SCENARIOS}/run`)
      .send({
        schemaVersion: 1,
        name: 'bad',
        title: 'Bad',
        date: '2021-09-23',
        sources: [{ key: 'fund', label: { zh: '资金', en: 'Fund' }, citation: 'test' }],
        exclusions: [{ creditCode: '91350100M000100Y44', kind: 'blacklist', reason: 'x' }],
        programmes: [
          { programme: 'nev_support', envelope: '100万', citation: 'test', funding: { fund: '100万' }, applicants: { records: [] } },
        ],
      });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'runScenario').errors).toEqual([
      expect.objectContaining({ code: 'CREDIT_CODE.CHECK_CHARACTER', pointer: '#/exclusions/0/creditCode' }),
    ]);
  });

  it('answers the bytes bagui run NAME --format json prints', async () => {
    const res = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`);
    expect(res.text).toBe(`${JSON.stringify(scenarioResultToJson(unwrap(runScenario(GUANGXI_2021))), null, 2)}\n`);
  });

  it('refuses a body: the built-in scenario runs as it is', async () => {
    const res = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`).send({ programmes: [] });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'runBuiltinScenario').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.UNEXPECTED_BODY', pointer: '#', message: expect.stringContaining('/v1/scenarios/run') }),
    ]);
    // A chunked body (no Content-Length), over the body limit too: refused as a body all the same.
    const server = http.createServer(testApp({ BODY_LIMIT: 10 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: `${SCENARIOS}/guangxi-2021/run`, headers: { 'Content-Type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"programmes": ');
      req.end('[]}');
    });
    server.close();
    expect(chunked.status).toBe(422);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ code: 'REQUEST.UNEXPECTED_BODY' }] });
    // Some clients send a bodiless POST chunked: an empty body is no body.
    expect((await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`).set('Transfer-Encoding', 'chunked')).status).toBe(200);
  });

  it('runs as a job with async=true, or above the threshold: the same bytes from the job’s result', async () => {
    const jobs = testJobs();
    const app = testApp({ ASYNC_THRESHOLD: 100 }, { jobs });
    const accepted = await request(app).post(`${SCENARIOS}/guangxi-2021/run`);
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, 'runBuiltinScenario');
    expect(accepted.body).toMatchObject({ scenario: 'guangxi-2021', operation: 'run', status: 'queued' });
    expect(accepted.body).not.toHaveProperty('programme');
    expect(accepted.body.enterprises).toBeGreaterThan(100);
    await jobs.idle();
    const status = await request(app).get(pathOf(accepted.headers.location));
    expectDocumented(status, 'getJob');
    expect(status.body).toMatchObject({ scenario: 'guangxi-2021', status: 'succeeded' });
    const result = await request(app).get(status.body.result as string);
    expectDocumented(result, 'getJobResult');
    const now = await request(app).post(`${SCENARIOS}/guangxi-2021/run?async=false`);
    expect(now.status).toBe(200);
    expect(result.text).toBe(now.text);
    expect(result.headers['bagui-parameters-version']).toBe(now.headers['bagui-parameters-version']);
    expect(accepted.headers['bagui-parameters-version']).toBe(now.headers['bagui-parameters-version']);
    expect((await request(testApp({}, { jobs })).post(`${SCENARIOS}/guangxi-2021/run?async=true`)).status).toBe(202);
  });

  it('refuses an unknown name and a bad flag', async () => {
    expectProblem(await request(testApp()).post(`${SCENARIOS}/nope/run`), 404, 'SCENARIO.NOT_FOUND', 'runBuiltinScenario');
    const flag = await request(testApp()).post(`${SCENARIOS}/guangxi-2021/run?recipient=true`);
    expect(expectProblem(flag, 422, 'REQUEST.INVALID', 'runBuiltinScenario').errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      parameter: 'recipient',
      message: expect.stringContaining('did you mean recipients?'),
    });
  });
});

describe('POST /v1/scenarios/run', () => {
  it('runs a scenario file sent as JSON, with its ledger balanced and its versions', async () => {
    const res = await request(testApp()).post(`${RUN}?recipients=true`).send(smallScenario());
    expectDocumented(res, 'runScenario');
    expect(res.body).toEqual(scenarioResultToJson(unwrap(runScenario(smallScenario())), { recipients: true }));
    const rd = res.body.programmes[0] as {
      funding: { source: string; allocated: string }[];
      recipients: { id: string; award: string; sources: Record<string, string> }[];
    };
    expect(rd.funding.map((f) => [f.source, f.allocated])).toEqual([
      ['innovation_fund', '15000000.00'],
      ['talent_fund', '5000000.00'],
    ]);
    for (const r of rd.recipients) {
      const sum = Object.values(r.sources).reduce((a, b) => a + Math.round(Number(b) * 100), 0);
      expect(sum).toBe(Math.round(Number(r.award) * 100));
    }
    expect(res.headers['bagui-engine-version']).toBeDefined();
    expect(res.headers['bagui-parameters-version']).toMatch(/^[0-9a-f]{16}$/u);
  });

  it('names the parameter set itself when the scenario has one programme', async () => {
    const one = smallScenario();
    one.programmes = (one.programmes as Record<string, unknown>[]).slice(0, 1);
    const res = await request(testApp()).post(RUN).send(one);
    expectDocumented(res, 'runScenario');
    expect(res.headers['bagui-parameters-version']).toBe(res.body.programmes[0].parametersVersion);
  });

  it('refuses a scenario with problems, every one at its JSON pointer', async () => {
    const bad = smallScenario();
    const [rd, talent] = bad.programmes as Record<string, unknown>[];
    bad.programmes = [
      { ...rd, funding: { innovation_fund: '1500万', talent_fund: '499万' } },
      { ...talent, envelop: '1000万' },
    ];
    const res = await request(testApp()).post(RUN).send(bad);
    const errors = expectProblem(res, 422, 'REQUEST.INVALID', 'runScenario').errors ?? [];
    expect(errors).toContainEqual(expect.objectContaining({ code: 'FUNDING.SPLIT_MISMATCH', pointer: '#/programmes/0/funding' }));
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'SCENARIO.UNKNOWN_FIELD',
        pointer: '#/programmes/1/envelop',
        message: expect.stringContaining('envelope'),
      }),
    );
  });

  it('locates a bad applicant record inside the scenario', async () => {
    const bad = smallScenario();
    const [rd] = bad.programmes as Record<string, unknown>[];
    bad.programmes = [
      { ...rd, applicants: { records: [{ id: 'E1', scale: 'above', revenue: 'lots', rd_expense: '1', rd_expense_prev: '1' }] } },
    ];
    const res = await request(testApp()).post(RUN).send(bad);
    const errors = expectProblem(res, 422, 'REQUEST.INVALID', 'runScenario').errors ?? [];
    expect(errors[0]?.pointer).toMatch(/^#\/programmes\/0\/applicants\/records\/0\/revenue/u);
  });

  it('answers the bytes bagui run FILE --format json prints', async () => {
    const res = await request(testApp()).post(RUN).send(smallScenario());
    expect(res.text).toBe(`${JSON.stringify(scenarioResultToJson(unwrap(runScenario(smallScenario()))), null, 2)}\n`);
  });

  it('counts every programme’s records and generated applicants to decide on a job', async () => {
    const jobs = testJobs();
    expect(
      (
        await request(testApp({ ASYNC_THRESHOLD: 22 }, { jobs }))
          .post(RUN)
          .send(smallScenario())
      ).status,
    ).toBe(200);
    const accepted = await request(testApp({ ASYNC_THRESHOLD: 21 }, { jobs }))
      .post(RUN)
      .send(smallScenario());
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, 'runScenario');
    expect(accepted.body).toMatchObject({ scenario: 'small', operation: 'run', enterprises: 22 });
  });

  it('a generated population above the server’s threshold runs as a job, not on the request', async () => {
    const big = smallScenario();
    const [rd, talent] = big.programmes as Record<string, unknown>[];
    big.programmes = [rd, { ...talent, applicants: { generate: { count: 20_000, seed: 7 } } }];
    const jobs = testJobs();
    const app = testApp({ ASYNC_THRESHOLD: 10_000 }, { jobs });
    const accepted = await request(app).post(RUN).send(big);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ enterprises: 20_002, status: 'queued' });
    await jobs.idle();
    expect((await request(app).get(pathOf(accepted.headers.location))).body.status).toBe('succeeded');
  });

  it('a job whose applicants are refused fails with the problem, at its pointer', async () => {
    const bad = smallScenario();
    const [rd] = bad.programmes as Record<string, unknown>[];
    bad.programmes = [
      { ...rd, applicants: { records: [{ id: 'E1', scale: 'above', revenue: 'lots', rd_expense: '1', rd_expense_prev: '1' }] } },
    ];
    const jobs = testJobs();
    const app = testApp({}, { jobs });
    const accepted = await request(app).post(`${RUN}?async=true`).send(bad);
    expect(accepted.status).toBe(202);
    await jobs.idle();
    const result = await request(app).get(`${pathOf(accepted.headers.location)}/result`);
    const errors = expectProblem(result, 422, 'REQUEST.INVALID', 'getJobResult').errors ?? [];
    expect(errors[0]?.pointer).toMatch(/^#\/programmes\/0\/applicants\/records\/0\/revenue/u);
  });

  it('refuses applicants from a file: the server reads no files', async () => {
    const bad = smallScenario();
    const [rd, talent] = bad.programmes as Record<string, unknown>[];
    bad.programmes = [rd, { ...talent, applicants: { file: 'data/talent.csv' } }];
    const res = await request(testApp()).post(RUN).send(bad);
    const body = expectProblem(res, 422, 'REQUEST.INVALID', 'runScenario');
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: 'SCENARIO.APPLICANTS_FILE',
        pointer: '#/programmes/1/applicants/file',
        value: 'data/talent.csv',
        message: expect.stringMatching(/"records".*"generate"/u),
      }),
    ]);
  });

  it('refuses malformed JSON, other content types, bodies over the limit and unknown query parameters', async () => {
    const malformed = await request(testApp()).post(RUN).type('json').send('{"name": "x",');
    expectProblem(malformed, 400, 'REQUEST.MALFORMED', 'runScenario');
    expectProblem(await request(testApp()).post(RUN).type('text/csv').send('a\n1\n'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'runScenario');
    expectProblem(
      await request(testApp({ BODY_LIMIT: 100 }))
        .post(RUN)
        .send(smallScenario()),
      413,
      'PAYLOAD_TOO_LARGE',
      'runScenario',
    );
    const unknown = await request(testApp()).post(`${RUN}?totals_only=true`).send(smallScenario());
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', 'runScenario').errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      parameter: 'totals_only',
    });
  });

  it('answers 405 for a GET of the run routes', async () => {
    expectProblem(await request(testApp()).get(`${SCENARIOS}/guangxi-2021/run`), 405, 'METHOD_NOT_ALLOWED');
    const run = await request(testApp()).get(RUN);
    expectProblem(run, 405, 'METHOD_NOT_ALLOWED');
    expect(run.headers.allow).toBe('POST');
  });
});

describe('POST /v1/scenarios/compare', () => {
  const COMPARE = `${SCENARIOS}/compare`;
  const cap = { name: 'firm-cap-300', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] };
  const stipend = { name: 'scholar-stipend', overrides: [{ path: 'talent.stipend.bagui_scholar', value: '0' }] };

  /** What `bagui compare --baseline FILE --reform … --format json` prints: the same functions, in process. */
  function cliCompare(file: unknown, reforms: unknown[], recipients = false): string {
    const scenario = unwrap(parseScenario(file));
    const checked = reforms.map((r) => unwrap(parseReform(r, parameterRegistry)));
    const c = unwrap(compareScenario(scenario, checked));
    return `${JSON.stringify(scenarioComparisonToJson(c, { recipients }), null, 2)}\n`;
  }

  it('answers what bagui compare --baseline prints: cost by programme and by source, the ledger still balanced', async () => {
    const res = await request(testApp())
      .post(COMPARE)
      .send({ baseline: smallScenario(), reforms: [cap, stipend] });
    expect(res.status, res.text).toBe(200);
    expectDocumented(res, 'compareScenario');
    expect(res.text).toBe(cliCompare(smallScenario(), [cap, stipend]));
    const body = JSON.parse(res.text) as {
      reforms: {
        name: string;
        totals: { change: { awarded: string } };
        sources: { change: { awarded: string } }[];
        programmes: { id: string; totals: { change: { awarded: string } } }[];
      }[];
    };
    for (const r of body.reforms) {
      const fen = (x: string): number => Math.round(Number(x) * 100);
      expect(r.sources.reduce((s, x) => s + fen(x.change.awarded), 0)).toBe(fen(r.totals.change.awarded));
      expect(r.programmes.reduce((s, x) => s + fen(x.totals.change.awarded), 0)).toBe(fen(r.totals.change.awarded));
    }
  });

  it('compares on a built-in scenario by name', async () => {
    const res = await request(testApp())
      .post(`${COMPARE}?recipients=true`)
      .send({ baseline: 'guangxi-2021', reforms: [stipend] });
    expect(res.status, res.text).toBe(200);
    expect(res.text).toBe(cliCompare(GUANGXI_2021, [stipend], true));
  });

  it('refuses a bad baseline and bad reforms, each at its pointer', async () => {
    const unknown = await request(testApp())
      .post(COMPARE)
      .send({ baseline: 'no-such', reforms: [cap] });
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', 'compareScenario').errors).toEqual([
      expect.objectContaining({ code: 'SCENARIO.NOT_FOUND', pointer: '#/baseline' }),
    ]);
    const bad = await request(testApp())
      .post(COMPARE)
      .send({
        baseline: { ...smallScenario(), programs: [] },
        reforms: [{ name: 'x', overrides: [{ path: 'rd_incentive.nope', value: '1' }] }, cap, cap],
      });
    const pointers = (expectProblem(bad, 422, 'REQUEST.INVALID').errors ?? []).map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['#/baseline/programs', '#/reforms/0/overrides/0/path', '#/reforms/2/name']));
    const unfunded = await request(testApp())
      .post(COMPARE)
      .send({ baseline: smallScenario(), reforms: [{ name: 'nev', overrides: [{ path: 'nev_support.project_cap', value: '1' }] }] });
    expect(expectProblem(unfunded, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REFORM.NOT_IN_SCENARIO', pointer: '#/reforms/0' }),
    ]);
    const missing = await request(testApp())
      .post(COMPARE)
      .send({ reforms: [cap] });
    expect(expectProblem(missing, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.REQUIRED', pointer: '#/baseline' }),
    ]);
    expect((await request(testApp()).get(COMPARE)).status).toBe(405);
  });

  it('runs a large comparison as a job, with every reform checked first', async () => {
    const jobs = testJobs();
    const app = testApp({ ASYNC_THRESHOLD: 1 }, { jobs });
    const refused = await request(app)
      .post(COMPARE)
      .send({ baseline: smallScenario(), reforms: [cap, { name: 'nev', overrides: [{ path: 'nev_support.project_cap', value: '1' }] }] });
    expect(expectProblem(refused, 422, 'REQUEST.INVALID', 'compareScenario').errors).toEqual([
      expect.objectContaining({ code: 'REFORM.NOT_IN_SCENARIO', pointer: '#/reforms/1' }),
    ]);
    const accepted = await request(app)
      .post(COMPARE)
      .send({ baseline: smallScenario(), reforms: [cap, stipend] });
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, 'compareScenario');
    expect(accepted.body).toMatchObject({ scenario: 'small', operation: 'compare', enterprises: 22 });
    await jobs.idle();
    const result = await request(app).get(`${pathOf(accepted.headers.location)}/result`);
    expect(result.status).toBe(200);
    expectDocumented(result, 'getJobResult');
    expect(result.text).toBe(cliCompare(smallScenario(), [cap, stipend]));
  });

  it('locates what only a reformed scenario fails on at the reform', async () => {
    const file = smallScenario();
    const [, talent] = file.programmes as Record<string, unknown>[];
    file.programmes = [{ ...talent, applicants: { records: [{ id: 'T1', programme: 'bagui_scholar', head_count: 100_000 }] } }];
    file.sources = (file.sources as { key: string }[]).filter((s) => s.key === 'talent_fund');
    const huge = { name: 'huge', overrides: [{ path: 'talent.stipend.bagui_scholar', value: '1000000000000' }] };
    const res = await request(testApp())
      .post(COMPARE)
      .send({ baseline: file, reforms: [stipend, huge] });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'compareScenario').errors).toEqual([
      expect.objectContaining({
        code: 'ENTITLEMENT.TOO_LARGE',
        pointer: '#/reforms/1',
        message: expect.stringMatching(/^reform "huge": /u),
      }),
    ]);
  });
});
