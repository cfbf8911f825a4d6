import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@bagui/core/errors';
import { checkGenerateRequest, generateCsv } from '@bagui/core/generate';
import { parseCsv } from '@bagui/core/tabular';
import { openStore, type Role, type Store } from '@bagui/store';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import { pino } from 'pino';
import type { Response } from 'supertest';
import { afterAll, expect } from 'vitest';
import { createApp, type AppDeps } from '../src/app.js';
import { defaultConfig, type Config } from '../src/env.js';
import { JobQueue, type JobQueueOptions } from '../src/queue/queue.js';
import { openApiDocument, OPERATIONS, type OperationSpec } from '../src/openapi.js';

export const silent = pino({ level: 'silent' });

export const EVALUATE = '/v1/programmes/rd_incentive/evaluate';
export const PARAMETERS = '/v1/programmes/rd_incentive/parameters';

/**
 * The store of this test file's apps: an embedded SQLite database in a temporary folder, removed
 * after the file (tests of the stored routes on PostgreSQL too open their own: see stored.test.ts).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'bagui-api-test-'));
export const testStore: Store = await openStore({ dataDir });
afterAll(async () => {
  await testStore.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** An app with test defaults (no rate limit, a fixed today, the file's store) and whatever the test overrides. */
export function testApp(config: Partial<Config> = {}, deps: Partial<Omit<AppDeps, 'config'>> = {}): Express {
  return createApp({
    // No planner unless a test gives one: the API's answers must not depend on whether apps/web is built.
    config: defaultConfig({ RATE_LIMIT_MAX: 0, JOBS_PER_CLIENT: 1000, LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent/bagui-web', ...config }),
    logger: silent,
    today: () => '2021-06-30',
    store: testStore,
    ...deps,
  });
}

/** A key of each role in the store, and one revoked: `Authorization` header values. */
export async function keysIn(store: Store): Promise<Record<Role | 'revoked', string>> {
  const make = async (role: Role, name: string): Promise<{ id: string; secret: string }> => {
    const created = await store.keys.create({ role, name }, { actor: 'cli:test' });
    if (!created.ok) throw new Error('cannot make a key');
    return { id: created.value.key.id, secret: created.value.secret };
  };
  const [viewer, analyst, admin, revoked] = await Promise.all([
    make('viewer', 'viewer'),
    make('analyst', 'analyst'),
    make('admin', 'admin'),
    make('admin', 'revoked'),
  ]);
  await store.keys.revoke(revoked.id, { actor: 'cli:test' });
  const bearer = (key: { secret: string }): string => `Bearer ${key.secret}`;
  return { viewer: bearer(viewer), analyst: bearer(analyst), admin: bearer(admin), revoked: bearer(revoked) };
}

/** A jobs queue on the file's store (or another), with test settings: results kept a minute, a quick poll, generous quotas. */
export function testJobs(options: Partial<JobQueueOptions> = {}): JobQueue {
  return new JobQueue({
    store: testStore,
    logger: silent,
    keepMs: 60_000,
    leaseMs: 30_000,
    concurrency: 1,
    perScope: 100,
    total: 1000,
    maxAttempts: 3,
    pollMs: 20,
    ...options,
  });
}

/** The rule's conformance vectors, stored once, beside the core rule (docs/rd-incentive.md). */
const vector = (name: string): string =>
  readFileSync(new URL(`../../../packages/core/src/programmes/rd-incentive/fixtures/vectors/${name}`, import.meta.url), 'utf8');

export const VECTORS_CSV = vector('rd-enterprises-67.csv');

interface Expected {
  readonly totals: Record<string, unknown>;
  readonly enterprises: readonly { id: string; entitlement: string; award: string }[];
}
export const expected = (method: string): Expected => JSON.parse(vector(`rd-expected-${method}-20000000.json`)) as Expected;

/** The conformance CSV as JSON records, every cell a string as in the file. */
export function vectorRecords(): Record<string, string>[] {
  const [header = '', ...lines] = VECTORS_CSV.trimEnd().split(/\r?\n/u);
  const names = header.split(',');
  return lines.map((line) =>
    Object.fromEntries(
      line
        .split(',')
        .map((cell, i) => [names[i] ?? '', cell])
        .filter(([, cell]) => cell !== ''),
    ),
  );
}

/** The path of an absolute `Location` (each supertest request to an app listens on a port of its own). */
export const pathOf = (location: unknown): string => new URL(String(location)).pathname;

// --- the documented contract ------------------------------------------------------------------

const document = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, Documented> }>> };

interface Documented {
  readonly content?: Record<string, unknown>;
  readonly headers?: Record<string, { $ref: string }>;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...keys: string[]): string => keys.map((k) => `/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

export function operation(operationId: string): OperationSpec {
  const op = OPERATIONS.find((o) => o.operationId === operationId);
  if (op === undefined) throw new Error(`no operation ${operationId}`);
  return op;
}

/**
 * Asserts that a response is one the OpenAPI document promises for the operation: a documented
 * status, a documented content type whose schema the body satisfies, and the required headers.
 */
export function expectDocumented(res: Response, operationId: string): void {
  const op = operation(operationId);
  const responses = document.paths[op.path]?.[op.method]?.responses ?? {};
  const documented = responses[String(res.status)];
  expect(documented, `${operationId} does not document status ${res.status}`).toBeDefined();
  if (documented === undefined) return;
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const component = header.$ref.split('/').at(-1) ?? '';
    const required = (openApiDocument() as { components: { headers: Record<string, { required: boolean }> } }).components.headers[component]
      ?.required;
    if (required === true) expect(res.headers[name.toLowerCase()], `${operationId} ${res.status} lacks header ${name}`).toBeDefined();
  }
  if (documented.content === undefined) return;
  const type =
    String(res.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim() ?? '';
  expect(Object.keys(documented.content), `${operationId} ${res.status} does not document ${type}`).toContain(type);
  // A workbook is bytes: the tests read it back with exceljs.
  if (type === 'text/html' || type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return;
  const validate = ajv.getSchema(
    `openapi.json#${pointer('paths', op.path, op.method, 'responses', String(res.status), 'content', type, 'schema')}`,
  );
  expect(validate).toBeDefined();
  const body: unknown = type.endsWith('json') ? JSON.parse(res.text) : res.text;
  const valid = validate?.(body);
  expect(validate?.errors ?? [], `${operationId} ${res.status}: the body does not match its schema`).toEqual([]);
  expect(valid).toBe(true);
}

/** Asserts an RFC 9457 problem with the given status and code, as documented for the operation. */
export function expectProblem(
  res: Response,
  status: number,
  code: string,
  operationId?: string,
): { errors?: Record<string, unknown>[] } & Record<string, unknown> {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/u);
  const body = JSON.parse(res.text) as { errors?: Record<string, unknown>[] } & Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:bagui:problem:${code}` });
  expect(body.request_id).toBe(res.headers['x-request-id']);
  expect(res.text).not.toMatch(/\bat .+\.(?:js|ts):\d+/u); // no stack trace
  if (operationId !== undefined) expectDocumented(res, operationId);
  return body;
}

/** Asserts that a value satisfies one of the document's component schemas. */
export function expectComponent(name: string, value: unknown): void {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  // Synchronous: the document has no $async schema, so errors are set when this returns.
  void validate?.(value);
  expect(validate?.errors ?? [], `not a ${name}`).toEqual([]);
}

// --- scenarios --------------------------------------------------------------------------------

export const SCENARIOS = '/v1/scenarios';
export const RUN = '/v1/scenarios/run';

/** A small scenario with inline applicants: two programmes, one funded from two sources. */
export function smallScenario(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'small',
    title: 'A small scenario',
    date: '2021-06-30',
    sources: [
      { key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'letter 一(一)四' },
      { key: 'talent_fund', label: { zh: '人才项目资金', en: 'Talent fund' }, citation: 'letter 一(五)' },
    ],
    programmes: [
      {
        programme: 'rd_incentive',
        envelope: '2000万',
        citation: '⚠ assumption: a test',
        method: 'pro_rata',
        funding: { innovation_fund: '1500万', talent_fund: 5000000 },
        applicants: {
          records: [
            { id: 'E1', scale: 'above', revenue: '300000000', rd_expense: '12000000', rd_expense_prev: '9000000' },
            { id: 'E2', scale: 'below', revenue: '20000000', rd_expense: '2000000', rd_expense_prev: '1000000' },
          ],
        },
      },
      {
        programme: 'talent',
        envelope: '1000万',
        citation: '⚠ assumption: a test',
        funding: { talent_fund: '1000万' },
        applicants: { generate: { count: 20, seed: 7 } },
      },
    ],
  };
}

// --- every programme --------------------------------------------------------------------------

/** A date on which every programme has parameters (hitech_zones has none before 2021-08-04). */
export const ALL_PROGRAMMES_DATE = '2021-12-31';

export const programmePath = (key: string, operation: 'evaluate' | 'compare' | 'sweep'): string => `/v1/programmes/${key}/${operation}`;

/** A generated population of a programme as CSV (its own header), as `bagui generate` writes it. */
export function sampleCsv(key: string, count = 8, seed = 1): string {
  return generateCsv(unwrap(checkGenerateRequest(key, count, seed)));
}

/** The same population as JSON records, every cell a string, empty cells left out. */
export function sampleRecords(key: string, count = 8, seed = 1): Record<string, string>[] {
  const table = unwrap(parseCsv(sampleCsv(key, count, seed)));
  return table.records.map((r) =>
    Object.fromEntries(r.cells.map((cell, i) => [table.header[i] ?? '', cell]).filter(([, cell]) => cell !== '')),
  );
}

/** The field of a programme's records: `enterprises` for rd_incentive (the contract), `applicants` for the others. */
export const recordsOf = (key: string): string => (key === 'rd_incentive' ? 'enterprises' : 'applicants');

/** A valid JSON request of each operation, for any programme. */
export function sampleRequest(key: string, operation: 'evaluate' | 'compare' | 'sweep', count = 8): Record<string, unknown> {
  const base = { budget: '1000万', date: ALL_PROGRAMMES_DATE, [recordsOf(key)]: sampleRecords(key, count) };
  if (operation === 'compare') return { ...base, methods: ['pro_rata', 'ranked'] };
  if (operation === 'sweep') return { ...base, path: 'budget', from: '100万', to: '300万', step: '100万' };
  return base;
}

/** Stores of their own, for apps whose queue must hold what no other test's queue runs. */
const ownStores: { store: Store; dir: string }[] = [];
afterAll(async () => {
  for (const { store, dir } of ownStores.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * An app with one job queued that nothing runs (its queue starts only with a job it accepts), on
 * a store of its own: for a result asked too early, a cancellation, or (`total: 1`) a full queue.
 */
export async function pendingJob(options: Partial<JobQueueOptions> = {}): Promise<{ app: Express; id: string; store: Store }> {
  const dir = mkdtempSync(join(tmpdir(), 'bagui-api-jobs-'));
  const store = await openStore({ dataDir: dir });
  ownStores.push({ store, dir });
  const id = `00000000-0000-4000-8000-${String(ownStores.length).padStart(12, '0')}`;
  const created = await store.jobs.create(
    {
      id,
      scope: 'client:test',
      ownerKey: null,
      idempotencyKey: null,
      requestHash: 'h',
      operation: 'evaluate',
      subjectKind: 'programme',
      subject: 'rd_incentive',
      enterprises: 1,
      parametersVersion: 'v',
      requestId: 'r',
      spec: '{}',
      body: new Uint8Array(),
    },
    { perScope: 10, total: 10 },
  );
  if (created.kind !== 'created') throw new Error('cannot queue a test job');
  return { app: testApp({}, { store, jobs: testJobs({ store, ...options }) }), id, store };
}
