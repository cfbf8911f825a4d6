import http from 'node:http';
import request, { type Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerClientError, SERVER_OPTIONS } from '../src/http/client-error.js';
import { OPERATIONS } from '../src/openapi.js';
import { PROGRAMME_KEYS } from '@bagui/core/programmes';
import {
  EVALUATE,
  expectDocumented,
  PARAMETERS,
  programmePath,
  RUN,
  sampleCsv,
  sampleRequest,
  SCENARIOS,
  smallScenario,
  testApp,
  testJobs,
  VECTORS_CSV,
} from './support.js';

/**
 * Every operation, every status it documents (500 aside: see errors.test.ts), one request that
 * gets it; each response must match the schema and headers the OpenAPI document gives it. A
 * documented status with no case here fails, so the document cannot promise what is untested.
 */

/** The document as served, so that what is checked is what clients read. */
const SERVED = (await request(testApp()).get('/openapi.json')).body as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

function openApiResponses(path: string, method: string): Record<string, unknown> {
  return SERVED.paths[path]?.[method]?.responses ?? {};
}

const small = {
  budget: '20000000',
  enterprises: [{ id: 'E1', scale: 'above', revenue: '300000000', rd_expense: '12000000', rd_expense_prev: '9000000' }],
};

const never = (): Promise<never> => new Promise<never>(() => undefined);

async function finishedJob(fail: boolean): Promise<{ app: ReturnType<typeof testApp>; location: string }> {
  const jobs = testJobs();
  const app = testApp({}, { jobs });
  const body = fail ? { ...small, enterprises: [{ id: 'E1' }] } : small;
  const accepted = await request(app).post(`${EVALUATE}?async=true`).send(body).expect(202);
  await jobs.idle();
  return { app, location: accepted.headers.location as string };
}

/** A request to an app whose job store is full: 503 JOBS.FULL. */
function fullStore(send: (app: ReturnType<typeof testApp>) => Promise<Response>): Promise<Response> {
  const jobs = testJobs({ max: 1 });
  jobs.submit(never, { scenario: 'small', operation: 'run', enterprises: 0, requestId: 'r', parametersVersion: 'v' });
  return send(testApp({}, { jobs }));
}

const OPERATIONS_OF = ['evaluate', 'compare', 'sweep'] as const;

/** Evaluate (but rd_incentive's own), compare and sweep of every programme: one case per documented status. */
function programmeCases(): Record<string, () => Promise<Response>> {
  const cases: Record<string, () => Promise<Response>> = {};
  for (const key of PROGRAMME_KEYS) {
    const camel = key.replace(/_(\w)/gu, (_m, c: string) => c.toUpperCase());
    for (const operation of OPERATIONS_OF) {
      if (key === 'rd_incentive' && operation === 'evaluate') continue;
      const id = `${camel}${operation[0]?.toUpperCase() ?? ''}${operation.slice(1)}`;
      const url = programmePath(key, operation);
      const body = sampleRequest(key, operation);
      cases[`${id} 200`] = () => request(testApp()).post(url).send(body);
      cases[`${id} 202`] = () => request(testApp()).post(`${url}?async=true`).send(body);
      cases[`${id} 400`] = () => request(testApp()).post(url).type('json').send('{"budget": ');
      cases[`${id} 413`] = () =>
        request(testApp({ BODY_LIMIT: 100 }))
          .post(`${url}?budget=1`)
          .type('text/csv')
          .send(sampleCsv(key));
      cases[`${id} 415`] = () => request(testApp()).post(url).type('text/plain').send('budget=1');
      cases[`${id} 406`] = () => request(testApp()).post(url).set('Accept', 'application/xml').send(body);
      cases[`${id} 422`] = () =>
        request(testApp())
          .post(url)
          .send({ ...body, overides: {} });
      cases[`${id} 503`] = () => {
        const jobs = testJobs({ max: 1 });
        jobs.submit(never, { programme: key, operation, enterprises: 0, requestId: 'r', parametersVersion: 'v' });
        return request(testApp({}, { jobs })).post(`${url}?async=true`).send(body);
      };
    }
  }
  return cases;
}

const CASES: Record<string, () => Promise<Response>> = {
  ...programmeCases(),
  'health 200': () => request(testApp()).get('/health'),
  'ready 200': () => request(testApp()).get('/ready'),
  'ready 503': () => request(testApp({}, { isReady: () => false })).get('/ready'),
  'openapi 200': () => request(testApp()).get('/openapi.json'),
  'docs 200': () => request(testApp()).get('/docs/'),
  'docs 301': () => request(testApp()).get('/docs'),
  'listProgrammes 200': () => request(testApp()).get('/v1/programmes'),
  'listProgrammes 422': () => request(testApp()).get('/v1/programmes?key=talent'),
  'programmeParameters 200': () => request(testApp()).get(`${PARAMETERS}?date=2021-06-30`),
  'programmeParameters 422': () => request(testApp()).get(`${PARAMETERS}?date=2019-06-30`),
  'programmeParameters 404': () => request(testApp()).get('/v1/programmes/no_such_programme/parameters'),
  'listScenarios 200': () => request(testApp()).get(SCENARIOS),
  'listScenarios 422': () => request(testApp()).get(`${SCENARIOS}?name=small`),
  'getScenario 422': () => request(testApp()).get(`${SCENARIOS}/guangxi-2021?format=csv`),
  'runScenario 202': () => request(testApp()).post(`${RUN}?async=true`).send(smallScenario()),
  'runScenario 503': () => fullStore((app) => request(app).post(`${RUN}?async=true`).send(smallScenario())),
  'compareScenario 202': () =>
    request(testApp())
      .post(`${SCENARIOS}/compare?async=true`)
      .send({ baseline: smallScenario(), reforms: [{ name: 'cap', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] }] }),
  'compareScenario 503': () =>
    fullStore((app) =>
      request(app)
        .post(`${SCENARIOS}/compare?async=true`)
        .send({ baseline: 'guangxi-2021', reforms: [{ name: 'cap', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] }] }),
    ),
  'runBuiltinScenario 202': () => request(testApp()).post(`${SCENARIOS}/guangxi-2021/run?async=true`),
  'runBuiltinScenario 503': () => fullStore((app) => request(app).post(`${SCENARIOS}/guangxi-2021/run?async=true`)),
  'getScenario 200': () => request(testApp()).get(`${SCENARIOS}/guangxi-2021`),
  'getScenario 404': () => request(testApp()).get(`${SCENARIOS}/no-such-scenario`),
  'runScenario 200': () => request(testApp()).post(`${RUN}?recipients=true`).send(smallScenario()),
  'runScenario 400': () => request(testApp()).post(RUN).type('json').send('{"schemaVersion": '),
  'runScenario 413': () =>
    request(testApp({ BODY_LIMIT: 100 }))
      .post(RUN)
      .send(smallScenario()),
  'runScenario 415': () => request(testApp()).post(RUN).type('text/csv').send('id\nE1\n'),
  'runScenario 406': () => request(testApp()).post(RUN).set('Accept', 'text/csv').send(smallScenario()),
  'runBuiltinScenario 406': () => request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`).set('Accept', 'text/csv'),
  'compareScenario 406': () =>
    request(testApp()).post(`${SCENARIOS}/compare`).set('Accept', 'text/csv').send({ baseline: 'guangxi-2021', reforms: [] }),
  'rdIncentiveEvaluate 406': () => request(testApp()).post(EVALUATE).set('Accept', 'application/xml').send(small),
  'runScenario 422': () =>
    request(testApp())
      .post(RUN)
      .send({ ...smallScenario(), programs: [] }),
  'compareScenario 200': () =>
    request(testApp())
      .post(`${SCENARIOS}/compare?recipients=true`)
      .send({ baseline: smallScenario(), reforms: [{ name: 'cap', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] }] }),
  'compareScenario 400': () => request(testApp()).post(`${SCENARIOS}/compare`).type('json').send('{"baseline": '),
  'compareScenario 413': () =>
    request(testApp({ BODY_LIMIT: 100 }))
      .post(`${SCENARIOS}/compare`)
      .send({ baseline: smallScenario(), reforms: [] }),
  'compareScenario 415': () => request(testApp()).post(`${SCENARIOS}/compare`).type('text/csv').send('id\nE1\n'),
  'compareScenario 422': () => request(testApp()).post(`${SCENARIOS}/compare`).send({ baseline: 'guangxi-2021', reforms: [] }),
  'runBuiltinScenario 200': () => request(testApp()).post(`${SCENARIOS}/guangxi-2021/run`),
  'runBuiltinScenario 404': () => request(testApp()).post(`${SCENARIOS}/no-such-scenario/run`),
  'runBuiltinScenario 422': () => request(testApp()).post(`${SCENARIOS}/guangxi-2021/run?recipients=yes`),
  'rdIncentiveEvaluate 200': () => request(testApp()).post(EVALUATE).send(small),
  'rdIncentiveEvaluate 202': () => request(testApp()).post(`${EVALUATE}?async=true`).send(small),
  'rdIncentiveEvaluate 400': () => request(testApp()).post(EVALUATE).type('json').send('{"budget": '),
  'rdIncentiveEvaluate 413': () =>
    request(testApp({ BODY_LIMIT: 100 }))
      .post(`${EVALUATE}?budget=1`)
      .type('text/csv')
      .send(VECTORS_CSV),
  'rdIncentiveEvaluate 415': () => request(testApp()).post(EVALUATE).type('text/plain').send('budget=1'),
  'rdIncentiveEvaluate 422': () =>
    request(testApp())
      .post(EVALUATE)
      .send({ ...small, overides: {} }),
  'rdIncentiveEvaluate 503': () => {
    const jobs = testJobs({ max: 1 });
    jobs.submit(never, { programme: 'rd_incentive', operation: 'evaluate', enterprises: 0, requestId: 'r', parametersVersion: 'v' });
    return request(testApp({}, { jobs })).post(`${EVALUATE}?async=true`).send(small);
  },
  'getJob 200': async () => {
    const { app, location } = await finishedJob(false);
    return request(app).get(location);
  },
  'getJob 404': () => request(testApp()).get('/v1/jobs/no-such-job'),
  'getJob 422': async () => {
    const { app, location } = await finishedJob(false);
    return request(app).get(`${location}?wait=10`);
  },
  'getJobResult 200': async () => {
    const { app, location } = await finishedJob(false);
    return request(app).get(`${location}/result`);
  },
  'getJobResult 404': () => request(testApp()).get('/v1/jobs/no-such-job/result'),
  'getJobResult 409': () => {
    const jobs = testJobs();
    const job = jobs.submit(never, {
      programme: 'rd_incentive',
      operation: 'evaluate',
      enterprises: 0,
      requestId: 'r',
      parametersVersion: 'v',
    });
    return request(testApp({}, { jobs })).get(`/v1/jobs/${job.id}/result`);
  },
  'getJobResult 422': async () => {
    const { app, location } = await finishedJob(true);
    return request(app).get(`${location}/result`);
  },
};

/** The second request of a client allowed one: 429 on every rate-limited operation. */
function rateLimited(path: string, method: 'get' | 'post'): () => Promise<Response> {
  return async () => {
    const app = testApp({ RATE_LIMIT_MAX: 1 });
    const url = path.replace('{id}', 'no-such-job').replace('{key}', 'rd_incentive').replace('{name}', 'no-such-scenario');
    await request(app)[method](url).send(small);
    return request(app)[method](url).send(small);
  };
}

/** Another method on the path of the operation: 405, whatever the path. */
function otherMethod(path: string): () => Promise<Response> {
  const used = new Set<string>(OPERATIONS.filter((op) => op.path === path).map((op) => op.method));
  const method = (['patch', 'delete', 'put', 'post', 'get'] as const).find((m) => !used.has(m)) ?? 'patch';
  return () => request(testApp())[method](concrete(path));
}

/** Headers over Node's limit, to the server as it is created: 431 problem, from its `clientError` handler. */
function hugeHeaders(path: string, method: 'get' | 'post'): () => Promise<Response> {
  return () => {
    const server = http.createServer(SERVER_OPTIONS, testApp()).on('clientError', answerClientError);
    return request(server)[method](concrete(path)).set('X-Big', 'a'.repeat(20_000));
  };
}

/** The same GET twice, the second with the first's ETag: 304. */
function notModified(path: string): () => Promise<Response> {
  return async () => {
    const app = testApp();
    const url = path === '/docs' ? '/docs/' : concrete(path); // /docs redirects to the page
    const first = await request(app).get(url);
    return request(app).get(url).set('If-None-Match', String(first.headers.etag));
  };
}

const concrete = (path: string): string =>
  path.replace('{id}', 'no-such-job').replace('{key}', 'rd_incentive').replace('{name}', 'guangxi-2021');

/** Responses every operation (of its kind) has, made the same way for each. */
function generic(op: (typeof OPERATIONS)[number], status: string): (() => Promise<Response>) | undefined {
  if (status === '429') return rateLimited(op.path, op.method);
  if (status === '405') return otherMethod(op.path);
  if (status === '431') return hugeHeaders(op.path, op.method);
  if (status === '304') return notModified(op.path);
  return undefined;
}

describe('every documented response', () => {
  for (const op of OPERATIONS) {
    const statuses = Object.keys(openApiResponses(op.path, op.method)).filter((status) => status !== '500');
    for (const status of statuses) {
      it(`${op.method.toUpperCase()} ${op.path} → ${status}`, async () => {
        const make = generic(op, status) ?? CASES[`${op.operationId} ${status}`];
        expect(make, `no case for ${op.operationId} ${status}`).toBeDefined();
        const res = await make?.();
        expect(res?.status, res?.text).toBe(Number(status));
        if (res !== undefined) expectDocumented(res, op.operationId);
      });
    }
  }

  it('has no case for a response the document does not promise', () => {
    const documented = new Set(
      OPERATIONS.flatMap((op) => Object.keys(openApiResponses(op.path, op.method)).map((s) => `${op.operationId} ${s}`)),
    );
    expect(Object.keys(CASES).filter((key) => !documented.has(key))).toEqual([]);
  });
});
