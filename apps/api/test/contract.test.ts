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
  pendingJob,
  testJobs,
  testStore,
  keysIn,
  VECTORS_CSV,
  pathOf,
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

// --- what is kept: keys of each role, a saved scenario, an archived one, a data set ------------

const KEY = await keysIn(testStore);
const WHO = { actor: 'cli:test' };
async function saved(): Promise<string> {
  const created = await testStore.scenarios.create({ file: smallScenario() }, WHO);
  if (!created.ok) throw new Error('cannot save');
  return created.value.scenario.id;
}
const SAVED = await saved();
const ARCHIVED = await saved();
await testStore.scenarios.archive(ARCHIVED, WHO);
const NO_SUCH_ID = 's_0000000000000000';
const TALENT_CSV = sampleCsv('talent', 8, 1);
const DATASET = await testStore.datasets.put(Buffer.from(TALENT_CSV), { mediaType: 'text/csv; charset=utf-8' }, WHO);
const DATASET_HASH = DATASET.ok ? DATASET.value.dataset.hash : '';
let uploads = 100;

const as = (role: keyof typeof KEY) => ({ Authorization: KEY[role] });

/** The cases of what is kept: saved scenarios, revisions, data sets, the audit log, keys. */
function storedCases(): Record<string, () => Promise<Response>> {
  const app = testApp();
  const saved404 = `${SCENARIOS}/${NO_SUCH_ID}`;
  const url = `${SCENARIOS}/${SAVED}`;
  return {
    'listScenarios 400': () => request(app).get(`${SCENARIOS}?cursor=nonsense`).set(as('viewer')),
    'createScenario 201': () => request(app).post(SCENARIOS).set(as('analyst')).send(smallScenario()),
    'createScenario 400': () => request(app).post(SCENARIOS).set(as('analyst')).type('json').send('{"schemaVersion": '),
    'createScenario 413': () =>
      request(testApp({ BODY_LIMIT: 100 }))
        .post(SCENARIOS)
        .set(as('analyst'))
        .send(smallScenario()),
    'createScenario 415': () => request(app).post(SCENARIOS).set(as('analyst')).type('text/csv').send('id\nE1\n'),
    'createScenario 422': () =>
      request(app)
        .post(SCENARIOS)
        .set(as('analyst'))
        .send({ ...smallScenario(), programs: [] }),
    'reviseScenario 200': async () =>
      request(app)
        .put(`${SCENARIOS}/${await saved()}`)
        .set(as('analyst'))
        .set('If-Match', '*')
        .send({ ...smallScenario(), title: 'Revised' }),
    'reviseScenario 400': () => request(app).put(url).set(as('analyst')).set('If-Match', '*').type('json').send('{"a": '),
    'reviseScenario 404': () => request(app).put(saved404).set(as('analyst')).set('If-Match', '*').send(smallScenario()),
    'reviseScenario 405': () => request(app).put(`${SCENARIOS}/guangxi-2021`).set(as('analyst')).set('If-Match', '*').send(smallScenario()),
    'reviseScenario 409': () => request(app).put(`${SCENARIOS}/${ARCHIVED}`).set(as('analyst')).set('If-Match', '*').send(smallScenario()),
    'reviseScenario 412': () => request(app).put(url).set(as('analyst')).set('If-Match', `"${SAVED}.99"`).send(smallScenario()),
    'reviseScenario 413': () =>
      request(testApp({ BODY_LIMIT: 100 }))
        .put(url)
        .set(as('analyst'))
        .set('If-Match', '*')
        .send(smallScenario()),
    'reviseScenario 415': () => request(app).put(url).set(as('analyst')).set('If-Match', '*').type('text/csv').send('id\nE1\n'),
    'reviseScenario 422': () =>
      request(app)
        .put(url)
        .set(as('analyst'))
        .set('If-Match', '*')
        .send({ ...smallScenario(), programs: [] }),
    'reviseScenario 428': () => request(app).put(url).set(as('analyst')).send(smallScenario()),
    'describeScenario 200': async () =>
      request(app)
        .patch(`${SCENARIOS}/${await saved()}`)
        .set(as('analyst'))
        .send({ name: 'Renamed' }),
    'describeScenario 400': () => request(app).patch(url).set(as('analyst')).type('json').send('{"name": '),
    'describeScenario 404': () => request(app).patch(saved404).set(as('analyst')).send({ name: 'x' }),
    'describeScenario 405': () => request(app).patch(`${SCENARIOS}/guangxi-2021`).set(as('analyst')).send({ name: 'x' }),
    'describeScenario 409': () => request(app).patch(`${SCENARIOS}/${ARCHIVED}`).set(as('analyst')).send({ name: 'x' }),
    'describeScenario 413': () =>
      request(testApp({ BODY_LIMIT: 100 }))
        .patch(url)
        .set(as('analyst'))
        .send({ name: 'x'.repeat(200) }),
    'describeScenario 415': () => request(app).patch(url).set(as('analyst')).type('text/plain').send('x'),
    'describeScenario 422': () => request(app).patch(url).set(as('analyst')).send({ name: ' ' }),
    'downloadScenario 200': () => request(app).get(`${url}/file`).set(as('viewer')),
    'downloadScenario 404': () => request(app).get(`${saved404}/file`).set(as('viewer')),
    'downloadScenario 422': () => request(app).get(`${url}/file?download=1`).set(as('viewer')),
    'listRevisions 200': () => request(app).get(`${url}/revisions`).set(as('viewer')),
    'listRevisions 400': () => request(app).get(`${url}/revisions?cursor=nonsense`).set(as('viewer')),
    'listRevisions 404': () => request(app).get(`${saved404}/revisions`).set(as('viewer')),
    'listRevisions 422': () => request(app).get(`${url}/revisions?limit=0`).set(as('viewer')),
    'getRevision 200': () => request(app).get(`${url}/revisions/1`).set(as('viewer')),
    'getRevision 404': () => request(app).get(`${url}/revisions/9`).set(as('viewer')),
    'getRevision 422': () => request(app).get(`${url}/revisions/first`).set(as('viewer')),
    'downloadRevision 200': () => request(app).get(`${url}/revisions/1/file`).set(as('viewer')),
    'downloadRevision 404': () => request(app).get(`${saved404}/revisions/1/file`).set(as('viewer')),
    'downloadRevision 422': () => request(app).get(`${url}/revisions/0/file`).set(as('viewer')),
    'runRevision 200': () => request(app).post(`${url}/revisions/1/run`).set(as('viewer')),
    'runRevision 202': () => request(app).post(`${url}/revisions/1/run?async=true`).set(as('viewer')),
    'runRevision 404': () => request(app).post(`${url}/revisions/9/run`).set(as('viewer')),
    'runRevision 422': () => request(app).post(`${url}/revisions/1/run?recipients=yes`).set(as('viewer')),
    'runRevision 503': () => fullStore((full) => request(full).post(`${url}/revisions/1/run?async=true`).set(as('viewer'))),
    ...Object.fromEntries(
      (['archive', 'restore'] as const).flatMap((action) => [
        [
          `${action}Scenario 200`,
          async () =>
            request(app)
              .post(`${SCENARIOS}/${await saved()}/${action}`)
              .set(as('admin')),
        ],
        [`${action}Scenario 404`, () => request(app).post(`${saved404}/${action}`).set(as('admin'))],
        [`${action}Scenario 405`, () => request(app).post(`${SCENARIOS}/guangxi-2021/${action}`).set(as('admin'))],
        [`${action}Scenario 422`, () => request(app).post(`${url}/${action}?now=1`).set(as('admin'))],
      ]),
    ),
    'uploadDataset 200': () => request(app).post('/v1/datasets').set(as('analyst')).type('text/csv').send(TALENT_CSV),
    'uploadDataset 201': () =>
      request(app)
        .post('/v1/datasets?programme=talent')
        .set(as('analyst'))
        .type('text/csv')
        .send(sampleCsv('talent', 4, (uploads += 1))),
    'uploadDataset 413': () =>
      request(testApp({ BODY_LIMIT: 100 }))
        .post('/v1/datasets')
        .set(as('analyst'))
        .type('text/csv')
        .send(TALENT_CSV),
    'uploadDataset 415': () => request(app).post('/v1/datasets').set(as('analyst')).send({ a: 1 }),
    'uploadDataset 422': () => request(app).post('/v1/datasets?programme=talent').set(as('analyst')).type('text/csv').send('a,b\n1,2\n'),
    'getDataset 200': () => request(app).get(`/v1/datasets/${DATASET_HASH}`).set(as('viewer')),
    'getDataset 404': () =>
      request(app)
        .get(`/v1/datasets/${'0'.repeat(64)}`)
        .set(as('viewer')),
    'getDataset 422': () => request(app).get(`/v1/datasets/${DATASET_HASH}?format=csv`).set(as('viewer')),
    'listAudit 200': () => request(app).get(`/v1/audit?resourceType=scenario&limit=5`).set(as('admin')),
    'listAudit 400': () => request(app).get('/v1/audit?cursor=nonsense').set(as('admin')),
    'listAudit 422': () => request(app).get('/v1/audit?from=yesterday').set(as('admin')),
    'listKeys 200': () => request(app).get('/v1/keys?active=true').set(as('admin')),
    'listKeys 422': () => request(app).get('/v1/keys?active=maybe').set(as('admin')),
    'createKey 201': () => request(app).post('/v1/keys').set(as('admin')).send({ role: 'viewer', name: 'contract' }),
    'createKey 400': () => request(app).post('/v1/keys').set(as('admin')).type('json').send('{"role": '),
    'createKey 415': () => request(app).post('/v1/keys').set(as('admin')).type('text/plain').send('viewer'),
    'createKey 422': () => request(app).post('/v1/keys').set(as('admin')).send({ role: 'boss' }),
    'revokeKey 200': async () => {
      const made = await testStore.keys.create({ role: 'viewer' }, WHO);
      return request(app)
        .post(`/v1/keys/${made.ok ? made.value.key.id : ''}/revoke`)
        .set(as('admin'));
    },
    'revokeKey 404': () => request(app).post('/v1/keys/k_0000000000/revoke').set(as('admin')),
    'revokeKey 422': () => request(app).post('/v1/keys/k_0000000000/revoke?now=1').set(as('admin')),
  };
}

/** A concrete path of an operation: a saved scenario, its first revision, a stored data set. */
function concrete(path: string): string {
  return path
    .replace('/v1/keys/{id}', '/v1/keys/k_0000000000')
    .replace('{id}', SAVED)
    .replace('{n}', '1')
    .replace('{hash}', DATASET_HASH)
    .replace('{key}', 'rd_incentive');
}

/**
 * 401 on every operation for a header that is not a valid key; 403 on those that need more than
 * a viewer, for a viewer's key.
 */
function authCases(): Record<string, () => Promise<Response>> {
  const cases: Record<string, () => Promise<Response>> = {};
  for (const op of OPERATIONS) {
    const url = concrete(op.path);
    cases[`${op.operationId} 401`] = () => request(testApp())[op.method](url).set('Authorization', 'Bearer not-a-key');
    if (op.access === 'analyst' || op.access === 'admin') {
      cases[`${op.operationId} 403`] = () => request(testApp())[op.method](url).set(as('viewer'));
    }
  }
  return cases;
}

async function finishedJob(fail: boolean): Promise<{ app: ReturnType<typeof testApp>; location: string }> {
  const jobs = testJobs();
  const app = testApp({}, { jobs });
  const body = fail ? { ...small, enterprises: [{ id: 'E1' }] } : small;
  const accepted = await request(app).post(`${EVALUATE}?async=true`).send(body).expect(202);
  await jobs.idle();
  return { app, location: pathOf(accepted.headers.location) };
}

/** A request to an app whose jobs queue is full: 503 JOBS.FULL. */
function fullStore(send: (app: ReturnType<typeof testApp>) => Promise<Response>): Promise<Response> {
  // A limit of none: the file's store (its keys, its saved scenarios) with a queue that is always full.
  return send(testApp({}, { jobs: testJobs({ total: 0 }) }));
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
        return pendingJob({ total: 1 }).then(({ app }) => request(app).post(`${url}?async=true`).send(body));
      };
    }
  }
  return cases;
}

const CASES: Record<string, () => Promise<Response>> = {
  ...programmeCases(),
  ...authCases(),
  ...storedCases(),
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
    return pendingJob({ total: 1 }).then(({ app }) => request(app).post(`${EVALUATE}?async=true`).send(small));
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
  'getJobResult 409': async () => {
    const { app, id } = await pendingJob();
    return request(app).get(`/v1/jobs/${id}/result`);
  },
  'listJobs 200': () => request(testApp()).get('/v1/jobs?limit=5').set(as('viewer')),
  'listJobs 400': () => request(testApp()).get('/v1/jobs?cursor=nonsense').set(as('viewer')),
  'listJobs 422': () => request(testApp()).get('/v1/jobs?limit=none').set(as('viewer')),
  'cancelJob 200': async () => {
    const { app, id } = await pendingJob();
    return request(app).delete(`/v1/jobs/${id}`);
  },
  'cancelJob 404': () => request(testApp()).delete('/v1/jobs/no-such-job'),
  'cancelJob 409': async () => {
    const { app, location } = await finishedJob(false);
    return request(app).delete(location);
  },
  'cancelJob 422': async () => {
    const { app, id } = await pendingJob();
    return request(app).delete(`/v1/jobs/${id}?now=1`);
  },
  'getJobResult 422': async () => {
    const { app, location } = await finishedJob(true);
    return request(app).get(`${location}/result`);
  },
};

/** The second request of a client allowed one: 429 on every rate-limited operation. */
function rateLimited(path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete'): () => Promise<Response> {
  return async () => {
    const app = testApp({ RATE_LIMIT_MAX: 1 });
    const url = path.startsWith('/v1/jobs') ? path.replace('{id}', 'no-such-job') : concrete(path);
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
function hugeHeaders(path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete'): () => Promise<Response> {
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
    // A viewer's key: the open and public answers take one too, and a saved scenario needs it.
    const first = await request(app).get(url).set(as('viewer'));
    return request(app).get(url).set(as('viewer')).set('If-None-Match', String(first.headers.etag));
  };
}

/** A POST (PUT, PATCH, DELETE) from a page on another site: 403 ORIGIN.FORBIDDEN. */
function crossSite(path: string, method: 'post' | 'put' | 'patch' | 'delete'): () => Promise<Response> {
  return () => request(testApp())[method](concrete(path)).set('Origin', 'https://elsewhere.example').send(small);
}

/** Responses every operation (of its kind) has, made the same way for each. */
function generic(op: (typeof OPERATIONS)[number], status: string): (() => Promise<Response>) | undefined {
  if (status === '429') return rateLimited(op.path, op.method);
  // An analyst's or admin's operation is 403 for a weaker key too (authCases); every other write, for another origin.
  if (status === '403' && op.method !== 'get' && op.access !== 'analyst' && op.access !== 'admin') return crossSite(op.path, op.method);
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
