import { openStore, ROLES, type Role, type Store } from '@bagui/store';
import { BACKENDS, emptyDatabase } from '@bagui/store/testing';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/openapi.js';
import { keysIn, RUN, sampleRequest, SCENARIOS, smallScenario, testApp } from './support.js';

/**
 * The authorization matrix: every route × every caller (no key, a revoked key, viewer, analyst,
 * admin). Roles are cumulative; what a route needs is in the table, and the table must name
 * every operation of the OpenAPI document, so that a new route cannot go unchecked.
 */

type Caller = 'none' | 'revoked' | Role;
type Needs = 'open' | Role;

interface Route {
  readonly operationId: string;
  readonly needs: Needs;
  /** The request, given the ids of the fixtures. */
  readonly send: (app: Express, ids: Fixtures) => request.Test;
}

interface Fixtures {
  readonly scenario: string;
  readonly dataset: string;
  readonly key: string;
}

const reforms = [{ name: 'cap', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] }];
const csv = (key: string) => sampleRequest(key, 'evaluate');

const ROUTES: readonly Route[] = [
  { operationId: 'health', needs: 'open', send: (app) => request(app).get('/health') },
  { operationId: 'ready', needs: 'open', send: (app) => request(app).get('/ready') },
  { operationId: 'openapi', needs: 'open', send: (app) => request(app).get('/openapi.json') },
  { operationId: 'docs', needs: 'open', send: (app) => request(app).get('/docs/') },
  { operationId: 'listProgrammes', needs: 'open', send: (app) => request(app).get('/v1/programmes') },
  {
    operationId: 'programmeParameters',
    needs: 'open',
    send: (app) => request(app).get('/v1/programmes/talent/parameters?date=2021-06-30'),
  },
  {
    operationId: 'rdIncentiveEvaluate',
    needs: 'open',
    send: (app) => request(app).post('/v1/programmes/rd_incentive/evaluate').send(csv('rd_incentive')),
  },
  ...OPERATIONS.filter(
    (op) => /^\/v1\/programmes\/\w+\/(evaluate|compare|sweep)$/u.test(op.path) && op.operationId !== 'rdIncentiveEvaluate',
  ).map((op): Route => {
    const [, , , key = '', operation = 'evaluate'] = op.path.split('/');
    return {
      operationId: op.operationId,
      needs: 'open',
      send: (app) =>
        request(app)
          .post(op.path)
          .send(sampleRequest(key, operation as 'evaluate')),
    };
  }),
  { operationId: 'listScenarios', needs: 'open', send: (app) => request(app).get(SCENARIOS) },
  { operationId: 'getScenario', needs: 'open', send: (app) => request(app).get(`${SCENARIOS}/guangxi-2021`) },
  { operationId: 'runScenario', needs: 'open', send: (app) => request(app).post(RUN).send(smallScenario()) },
  {
    operationId: 'compareScenario',
    needs: 'open',
    send: (app) => request(app).post(`${SCENARIOS}/compare`).send({ baseline: smallScenario(), reforms }),
  },
  { operationId: 'runBuiltinScenario', needs: 'open', send: (app) => request(app).post(`${SCENARIOS}/guangxi-2021/run`) },
  { operationId: 'getJob', needs: 'open', send: (app) => request(app).get('/v1/jobs/no-such-job') },
  { operationId: 'getJobResult', needs: 'open', send: (app) => request(app).get('/v1/jobs/no-such-job/result') },
  { operationId: 'cancelJob', needs: 'open', send: (app) => request(app).delete('/v1/jobs/no-such-job') },
  // A key's own jobs: any key.
  { operationId: 'listJobs', needs: 'viewer', send: (app) => request(app).get('/v1/jobs') },
  // What is kept.
  { operationId: 'getScenario', needs: 'viewer', send: (app, ids) => request(app).get(`${SCENARIOS}/${ids.scenario}`) },
  { operationId: 'runBuiltinScenario', needs: 'viewer', send: (app, ids) => request(app).post(`${SCENARIOS}/${ids.scenario}/run`) },
  {
    operationId: 'compareScenario',
    needs: 'viewer',
    send: (app, ids) => request(app).post(`${SCENARIOS}/compare`).send({ baseline: ids.scenario, reforms }),
  },
  { operationId: 'listScenarios', needs: 'viewer', send: (app) => request(app).get(`${SCENARIOS}?archived=include`) },
  { operationId: 'createScenario', needs: 'analyst', send: (app) => request(app).post(SCENARIOS).send(smallScenario()) },
  {
    operationId: 'reviseScenario',
    needs: 'analyst',
    send: (app, ids) =>
      request(app)
        .put(`${SCENARIOS}/${ids.scenario}`)
        .set('If-Match', '*')
        .send({ ...smallScenario(), title: `Revised ${Math.random()}` }),
  },
  {
    operationId: 'describeScenario',
    needs: 'analyst',
    send: (app, ids) =>
      request(app)
        .patch(`${SCENARIOS}/${ids.scenario}`)
        .send({ description: `Described ${Math.random()}` }),
  },
  { operationId: 'downloadScenario', needs: 'viewer', send: (app, ids) => request(app).get(`${SCENARIOS}/${ids.scenario}/file`) },
  { operationId: 'downloadScenario', needs: 'open', send: (app) => request(app).get(`${SCENARIOS}/guangxi-2021/file`) },
  { operationId: 'listRevisions', needs: 'viewer', send: (app, ids) => request(app).get(`${SCENARIOS}/${ids.scenario}/revisions`) },
  { operationId: 'getRevision', needs: 'viewer', send: (app, ids) => request(app).get(`${SCENARIOS}/${ids.scenario}/revisions/1`) },
  {
    operationId: 'downloadRevision',
    needs: 'viewer',
    send: (app, ids) => request(app).get(`${SCENARIOS}/${ids.scenario}/revisions/1/file`),
  },
  { operationId: 'runRevision', needs: 'viewer', send: (app, ids) => request(app).post(`${SCENARIOS}/${ids.scenario}/revisions/1/run`) },
  { operationId: 'archiveScenario', needs: 'admin', send: (app, ids) => request(app).post(`${SCENARIOS}/${ids.scenario}/archive`) },
  // Restored at once, so that the other routes find it changeable.
  { operationId: 'restoreScenario', needs: 'admin', send: (app, ids) => request(app).post(`${SCENARIOS}/${ids.scenario}/restore`) },
  {
    operationId: 'uploadDataset',
    needs: 'analyst',
    send: (app) => request(app).post('/v1/datasets').type('text/csv').send('id,name\nA,x\n'),
  },
  { operationId: 'getDataset', needs: 'viewer', send: (app, ids) => request(app).get(`/v1/datasets/${ids.dataset}`) },
  { operationId: 'listAudit', needs: 'admin', send: (app) => request(app).get('/v1/audit') },
  { operationId: 'listKeys', needs: 'admin', send: (app) => request(app).get('/v1/keys') },
  { operationId: 'createKey', needs: 'admin', send: (app) => request(app).post('/v1/keys').send({ role: 'viewer' }) },
  { operationId: 'revokeKey', needs: 'admin', send: (app, ids) => request(app).post(`/v1/keys/${ids.key}/revoke`) },
];

const CALLERS: readonly Caller[] = ['none', 'revoked', ...ROLES];

/** What a caller gets from a route that needs `needs`: refused (with which status and code), or let through. */
function expected(caller: Caller, needs: Needs): { status: number; code: string } | 'allowed' {
  if (caller === 'revoked') return { status: 401, code: 'AUTH.INVALID_KEY' };
  if (needs === 'open') return 'allowed';
  if (caller === 'none') return { status: 401, code: 'AUTH.REQUIRED' };
  return ROLES.indexOf(caller) >= ROLES.indexOf(needs) ? 'allowed' : { status: 403, code: 'AUTH.FORBIDDEN' };
}

function check(res: Response, outcome: ReturnType<typeof expected>, what: string): void {
  if (outcome === 'allowed') {
    expect(res.status, `${what}: ${res.text.slice(0, 300)}`).not.toBe(401);
    expect(res.status, what).not.toBe(403);
    expect(res.status, `${what}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    return;
  }
  expect([res.status, (res.body as { code?: string }).code], what).toEqual([outcome.status, outcome.code]);
  expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/u);
  expect(res.headers['www-authenticate'], what).toMatch(/^Bearer realm="bagui"/u);
}

it('the matrix names every operation of the document', () => {
  const named = new Set(ROUTES.map((r) => r.operationId));
  expect(OPERATIONS.map((op) => op.operationId).filter((id) => !named.has(id))).toEqual([]);
});

describe.each(BACKENDS)('authorization on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  let keys: Awaited<ReturnType<typeof keysIn>>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    const database = await emptyDatabase(kind);
    drop = database.drop;
    store = await openStore(database.location);
    keys = await keysIn(store);
    const saved = await store.scenarios.create({ file: smallScenario() }, { actor: 'cli:test' });
    const dataset = await store.datasets.put(Buffer.from('id,name\nB,y\n'), { mediaType: 'text/csv' }, { actor: 'cli:test' });
    const key = await store.keys.create({ role: 'viewer' }, { actor: 'cli:test' });
    if (!saved.ok || !dataset.ok || !key.ok) throw new Error('fixtures');
    fixtures = { scenario: saved.value.scenario.id, dataset: dataset.value.dataset.hash, key: key.value.key.id };
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  for (const authRequired of [false, true]) {
    describe(`AUTH_REQUIRED=${String(authRequired)}`, () => {
      for (const route of ROUTES) {
        const needs: Needs =
          authRequired && route.needs === 'open' && !['health', 'ready', 'openapi', 'docs'].includes(route.operationId)
            ? 'viewer'
            : route.needs;
        it(`${route.operationId} (${route.needs}${needs === route.needs ? '' : ' → viewer'})`, async () => {
          const app = testApp({ AUTH_REQUIRED: authRequired }, { store });
          for (const caller of CALLERS) {
            const req = route.send(app, fixtures);
            if (caller !== 'none') req.set('Authorization', keys[caller]);
            check(await req, expected(caller, needs), `${route.operationId} as ${caller}`);
          }
        });
      }
    });
  }
});
