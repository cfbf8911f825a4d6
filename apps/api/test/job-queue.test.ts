import { openStore, type Store } from '@bagui/store';
import { BACKENDS, emptyDatabase } from '@bagui/store/testing';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobAnswer, JobContext, JobExecutor, JobSpec } from '../src/queue/executor.js';
import type { JobQueue } from '../src/queue/queue.js';
import { EVALUATE, expectDocumented, expectProblem, keysIn, pathOf, testApp, testJobs, vectorRecords } from './support.js';

/**
 * The jobs queue's rules, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: quotas, idempotency,
 * cancellation, ownership, retention, and two instances sharing one queue. The computations are
 * stood in for by executors the tests hold (the in-process one is tested in jobs.test.ts).
 */

const body = (budget = '20000000') => ({ budget, method: 'uniform_cap', enterprises: vectorRecords().slice(0, 3) });

const answer = (text: string): JobAnswer => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'bagui-parameters-version': 'v-test' },
  body: [Buffer.from(text)],
});

/** An executor whose jobs finish when the test says, and which records what it was given. */
function heldExecutor() {
  const started: { spec: JobSpec; context: JobContext; finish: (text?: string) => void; fail: (error: Error) => void }[] = [];
  const waiters: (() => void)[] = [];
  const execute: JobExecutor = (spec, context) =>
    new Promise<JobAnswer>((resolve, reject) => {
      context.signal.addEventListener('abort', () => reject(context.signal.reason as Error));
      started.push({ spec, context, finish: (text = '{"ok":true}') => resolve(answer(text)), fail: reject });
      waiters.splice(0).forEach((wake) => wake());
    });
  const nth = async (n: number) => {
    while (started.length <= n) await new Promise<void>((resolve) => waiters.push(resolve));
    const run = started[n];
    if (run === undefined) throw new Error('no such run');
    return run;
  };
  return { execute, started, nth };
}

const until = async (check: () => Promise<boolean>, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.each(BACKENDS)('the jobs queue on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  let keys: Awaited<ReturnType<typeof keysIn>>;
  let clock: number | undefined;
  const queues: JobQueue[] = [];

  beforeAll(async () => {
    const database = await emptyDatabase(kind);
    drop = database.drop;
    store = await openStore({ ...database.location, now: () => new Date(clock ?? Date.now()).toISOString() });
    keys = await keysIn(store);
  });
  afterEach(async () => {
    clock = undefined;
    await Promise.all(queues.splice(0).map((queue) => queue.stop(0)));
    await store.db.deleteFrom('job_result_chunk').execute();
    await store.db.deleteFrom('job').execute();
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const setup = (options: Parameters<typeof testJobs>[0] = {}, config: Parameters<typeof testApp>[0] = {}) => {
    const held = heldExecutor();
    const jobs = testJobs({ store, ...options });
    queues.push(jobs);
    const app = testApp({ ASYNC_THRESHOLD: 1, ...config }, { store, jobs, executor: held.execute });
    return { app, jobs, held };
  };

  it('a job is the spec of its request, run by the executor; its answer is streamed back from the store', async () => {
    const { app, held } = setup();
    const accepted = await request(app).post(EVALUATE).set('Accept-Language', 'en').send(body());
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, 'rdIncentiveEvaluate');
    const run = await held.nth(0);
    expect(run.spec).toMatchObject({
      method: 'POST',
      url: EVALUATE,
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      caller: { key: null },
    });
    expect(JSON.parse(Buffer.from(run.spec.body).toString())).toEqual(body());
    const big = JSON.stringify({ rows: Array.from({ length: 200_000 }, (_, i) => `row ${i}`) });
    run.finish(big);
    const path = pathOf(accepted.headers.location);
    await until(async () => (await request(app).get(path)).body.status === 'succeeded', 'the job to succeed');
    const result = await request(app).get(`${path}/result`);
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(result.headers['bagui-parameters-version']).toBe('v-test');
    expect(result.text).toBe(big);
    // Compressed, in chunks of at most 1 MiB.
    const chunks = await store.db.selectFrom('job_result_chunk').select(['n', 'data']).execute();
    expect(chunks.reduce((sum, chunk) => sum + chunk.data.length, 0)).toBeLessThan(big.length / 3);
  });

  it('reports phases as the executor enters them', async () => {
    const { app, held } = setup();
    const accepted = await request(app).post(EVALUATE).send(body());
    const path = pathOf(accepted.headers.location);
    const run = await held.nth(0);
    expect((await request(app).get(path)).body).toMatchObject({
      status: 'running',
      progress: { phase: 'queued', fraction: 0 },
      attempts: 1,
    });
    await run.context.enterPhase('reading_enterprises');
    expect((await request(app).get(path)).body.progress).toEqual({ phase: 'reading_enterprises', fraction: 0.05 });
    await run.context.enterPhase('evaluating');
    expect((await request(app).get(path)).body.progress).toEqual({ phase: 'evaluating', fraction: 0.5 });
    run.finish();
    await until(async () => (await request(app).get(path)).body.status === 'succeeded', 'the job to succeed');
    expect((await request(app).get(path)).body.progress).toEqual({ phase: 'done', fraction: 1 });
  });

  it('runs jobs one at a time per instance, in the order they came', async () => {
    const { app, held } = setup();
    const a = await request(app).post(EVALUATE).send(body('1'));
    await request(app).post(EVALUATE).send(body('2'));
    const first = await held.nth(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.started).toHaveLength(1);
    expect(JSON.parse(Buffer.from(first.spec.body).toString()).budget).toBe('1');
    first.finish();
    const second = await held.nth(1);
    expect(JSON.parse(Buffer.from(second.spec.body).toString()).budget).toBe('2');
    expect((await request(app).get(pathOf(a.headers.location))).body.status).toBe('succeeded');
    second.finish();
  });

  it('an executor that throws fails the job with a 500 problem that keeps the cause to the logs', async () => {
    const { app, held } = setup();
    const accepted = await request(app).post(EVALUATE).send(body());
    (await held.nth(0)).fail(new Error('secret detail'));
    const path = pathOf(accepted.headers.location);
    await until(async () => (await request(app).get(path)).body.status === 'failed', 'the job to fail');
    const res = await request(app).get(`${path}/result`);
    expectProblem(res, 500, 'INTERNAL', 'getJobResult');
    expect(res.text).not.toContain('secret');
  });

  it('a result asked for too early is 409 with Retry-After and the status Location', async () => {
    const { app, held } = setup();
    const accepted = await request(app).post(EVALUATE).send(body());
    await held.nth(0);
    const path = pathOf(accepted.headers.location);
    const res = await request(app).get(`${path}/result`);
    expectProblem(res, 409, 'JOB.NOT_FINISHED', 'getJobResult');
    expect(res.headers['retry-after']).toBe('1');
    expect(pathOf(res.headers.location)).toBe(path);
  });

  it('keeps a finished job and its result for the time set, shows when it goes, then deletes it', async () => {
    clock = Date.parse('2026-12-03T10:00:00.000Z');
    const { app, held, jobs } = setup({ keepMs: 60_000 });
    const accepted = await request(app).post(EVALUATE).send(body());
    (await held.nth(0)).finish();
    const path = pathOf(accepted.headers.location);
    await jobs.idle();
    expect((await request(app).get(path)).body.expires_at).toBe('2026-12-03T10:01:00.000Z');
    clock += 59_999;
    expect((await request(app).get(`${path}/result`)).status).toBe(200);
    clock += 1;
    expectProblem(await request(app).get(path), 404, 'JOB.NOT_FOUND', 'getJob');
    expect(await store.jobs.purge()).toBe(1);
    expect(await store.db.selectFrom('job_result_chunk').selectAll().execute()).toEqual([]);
  });

  it('quota: at most JOBS_PER_CLIENT queued or running per key (per client without one), 429 with Retry-After', async () => {
    const { app, held } = setup({ perScope: 2 });
    expect((await request(app).post(EVALUATE).send(body('1'))).status).toBe(202);
    expect((await request(app).post(EVALUATE).send(body('2'))).status).toBe(202);
    const refused = await request(app).post(EVALUATE).send(body('3'));
    expectProblem(refused, 429, 'JOBS.QUOTA', 'rdIncentiveEvaluate');
    expect(refused.headers['retry-after']).toBe('5');
    // A key has a quota of its own.
    expect((await request(app).post(EVALUATE).set('Authorization', keys.analyst).send(body('3'))).status).toBe(202);
    // A finished job no longer counts.
    (await held.nth(0)).finish();
    await until(async () => (await store.jobs.active()) === 2, 'a job to finish');
    expect((await request(app).post(EVALUATE).send(body('4'))).status).toBe(202);
  });

  it('the whole queue has a limit too: 503 JOBS.FULL with Retry-After', async () => {
    const { app } = setup({ total: 1 });
    expect((await request(app).post(EVALUATE).send(body('1'))).status).toBe(202);
    const full = await request(app).post(EVALUATE).set('Authorization', keys.viewer).send(body('2'));
    expectProblem(full, 503, 'JOBS.FULL', 'rdIncentiveEvaluate');
    expect(full.headers['retry-after']).toBe('30');
  });

  it('Idempotency-Key: the same request again is the same job (202, then 200 once finished); another request is 422', async () => {
    const { app, held } = setup({}, { ASYNC_THRESHOLD: 50_000 });
    const first = await request(app).post(EVALUATE).set('Idempotency-Key', 'k-1').send(body());
    // A key makes a job even of a small request.
    expect(first.status).toBe(202);
    const again = await request(app).post(EVALUATE).set('Idempotency-Key', 'k-1').send(body());
    expect(again.status).toBe(202);
    expect(pathOf(again.headers.location)).toBe(pathOf(first.headers.location));
    expect(again.body.id).toBe(first.body.id);
    (await held.nth(0)).finish();
    await until(async () => (await request(app).get(pathOf(first.headers.location))).body.status === 'succeeded', 'the job');
    const done = await request(app).post(EVALUATE).set('Idempotency-Key', 'k-1').send(body());
    expect(done.status).toBe(200);
    expect(pathOf(done.headers.location)).toBe(pathOf(first.headers.location));
    expect(done.body.status).toBe('succeeded');
    const other = await request(app).post(EVALUATE).set('Idempotency-Key', 'k-1').send(body('1'));
    expectProblem(other, 422, 'IDEMPOTENCY_KEY.REUSED', 'rdIncentiveEvaluate');
    expect(pathOf(other.headers.location)).toBe(pathOf(first.headers.location));
    // Scoped to the caller: a key's Idempotency-Key is its own.
    const keyed = await request(app).post(EVALUATE).set('Idempotency-Key', 'k-1').set('Authorization', keys.analyst).send(body('1'));
    expect(keyed.status).toBe(202);
    expect(keyed.body.id).not.toBe(first.body.id);
    expect((await held.nth(1)).spec.caller.key).toMatch(/^k_/u);
    expectProblem(
      await request(app).post(`${EVALUATE}?async=false`).set('Idempotency-Key', 'k-2').send(body()),
      422,
      'REQUEST.INVALID',
      'rdIncentiveEvaluate',
    );
    expectProblem(
      await request(app).post(EVALUATE).set('Idempotency-Key', 'a b').send(body()),
      422,
      'REQUEST.INVALID',
      'rdIncentiveEvaluate',
    );
  });

  it('DELETE cancels a queued job and a running one (its signal aborts); a finished one is 409', async () => {
    const { app, held } = setup();
    const running = await request(app).post(EVALUATE).send(body('1'));
    const queued = await request(app).post(EVALUATE).send(body('2'));
    const run = await held.nth(0);
    const cancelQueued = await request(app).delete(pathOf(queued.headers.location));
    expect(cancelQueued.status).toBe(200);
    expectDocumented(cancelQueued, 'cancelJob');
    expect(cancelQueued.body).toMatchObject({ status: 'cancelled', progress: { phase: 'queued' } });
    expect(cancelQueued.body.expires_at).toBeDefined();
    const cancelRunning = await request(app).delete(pathOf(running.headers.location));
    expect(cancelRunning.body.status).toBe('cancelled');
    expect(run.context.signal.aborted).toBe(true);
    expectProblem(await request(app).get(`${pathOf(running.headers.location)}/result`), 409, 'JOB.CANCELLED', 'getJobResult');
    expectProblem(await request(app).delete(pathOf(running.headers.location)), 409, 'JOB.FINISHED', 'cancelJob');
    // The cancelled queued job never runs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held.started).toHaveLength(1);
    expect((await request(app).get(pathOf(running.headers.location))).body.status).toBe('cancelled');
  });

  it('a job made with a key is that key’s: another key, or none, gets 404; a job made without a key is its id-holder’s', async () => {
    const { app, held } = setup();
    const mine = await request(app).post(EVALUATE).set('Authorization', keys.analyst).send(body());
    const path = pathOf(mine.headers.location);
    expect((await request(app).get(path).set('Authorization', keys.analyst)).status).toBe(200);
    for (const other of [keys.viewer, undefined]) {
      const as = (req: request.Test) => (other === undefined ? req : req.set('Authorization', other));
      expectProblem(await as(request(app).get(path)), 404, 'JOB.NOT_FOUND', 'getJob');
      expectProblem(await as(request(app).get(`${path}/result`)), 404, 'JOB.NOT_FOUND', 'getJobResult');
      expectProblem(await as(request(app).delete(path)), 404, 'JOB.NOT_FOUND', 'cancelJob');
    }
    expect((await held.nth(0)).spec.caller.key).toMatch(/^k_/u);
    const open = await request(app).post(EVALUATE).send(body('1'));
    expect((await request(app).get(pathOf(open.headers.location)).set('Authorization', keys.viewer)).status).toBe(200);
    expect((await request(app).get(pathOf(open.headers.location))).status).toBe(200);
  });

  it('GET /v1/jobs lists the key’s own jobs, newest first, in pages; it needs a key', async () => {
    const { app } = setup();
    const made: string[] = [];
    for (const budget of ['1', '2', '3'])
      made.push((await request(app).post(EVALUATE).set('Authorization', keys.admin).send(body(budget))).body.id as string);
    await request(app).post(EVALUATE).set('Authorization', keys.viewer).send(body());
    const first = await request(app).get('/v1/jobs?limit=2').set('Authorization', keys.admin);
    expect(first.status).toBe(200);
    expectDocumented(first, 'listJobs');
    expect(first.body.jobs.map((job: { id: string }) => job.id)).toEqual([made[2], made[1]]);
    const second = await request(app)
      .get(`/v1/jobs?limit=2&cursor=${String(first.body.next)}`)
      .set('Authorization', keys.admin);
    expect(second.body).toMatchObject({ jobs: [{ id: made[0] }], next: null });
    expectProblem(await request(app).get('/v1/jobs'), 401, 'AUTH.REQUIRED', 'listJobs');
    expectProblem(await request(app).get('/v1/jobs?cursor=zzz').set('Authorization', keys.admin), 400, 'REQUEST.MALFORMED', 'listJobs');
  });

  it('two instances share the queue: a job whose instance died (its lease ran out) is finished by another', async () => {
    const { app, held, jobs } = setup({ leaseMs: 300 });
    const dead = setup();
    await dead.jobs.stop(0);
    const accepted = await request(dead.app).post(EVALUATE).send(body());
    const path = pathOf(accepted.headers.location);
    // The dead instance took the job and never renewed its lease.
    const taken = await store.jobs.claim('dead-instance', 300);
    expect(taken?.attempt).toBe(1);
    expect((await request(app).get(path)).body.status).toBe('running');
    await jobs.start();
    const run = await held.nth(0);
    expect(run.spec.url).toBe(EVALUATE);
    run.finish();
    await until(async () => (await request(app).get(path)).body.status === 'succeeded', 'the other instance to finish it');
    expect((await request(app).get(path)).body.attempts).toBe(2);
    // The dead instance's late answer counts for nothing.
    expect(await store.jobs.succeed(accepted.body.id as string, 'dead-instance', 1, { status: 200, headers: {}, size: 0 }, 1000)).toBe(
      false,
    );
    expect((await request(app).get(`${path}/result`)).text).toBe('{"ok":true}');
  });

  it('stop puts a running job back in the queue when it does not finish in time; another instance runs it', async () => {
    const one = setup();
    const accepted = await request(one.app).post(EVALUATE).send(body());
    const run = await one.held.nth(0);
    await one.jobs.stop(50);
    expect(run.context.signal.aborted).toBe(true);
    const path = pathOf(accepted.headers.location);
    expect((await request(one.app).get(path)).body.status).toBe('queued');
    const two = setup();
    await two.jobs.start();
    (await two.held.nth(0)).finish();
    await until(async () => (await request(two.app).get(path)).body.status === 'succeeded', 'the job to run again');
    expect((await request(two.app).get(path)).body.attempts).toBe(2);
  });

  it('a job started too many times is failed rather than run again', async () => {
    const { app, jobs } = setup({ maxAttempts: 1 });
    await jobs.stop(0);
    const accepted = await request(app).post(EVALUATE).send(body());
    await store.jobs.claim('dead', 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const next = setup({ maxAttempts: 1 });
    await next.jobs.start();
    const path = pathOf(accepted.headers.location);
    await until(async () => (await request(next.app).get(path)).body.status === 'failed', 'the job to fail');
    expect((await request(next.app).get(`${path}/result`)).body.detail).toMatch(/started 1 times/u);
    expect(next.held.started).toHaveLength(0);
  });
});

describe('the in-process executor', () => {
  it('aborts at the next phase when the job is cancelled', async () => {
    const jobs = testJobs();
    const app = testApp({ ASYNC_THRESHOLD: 1 }, { jobs });
    const accepted = await request(app).post(EVALUATE).send({ budget: '20000000', method: 'uniform_cap', enterprises: vectorRecords() });
    await request(app).delete(pathOf(accepted.headers.location));
    await jobs.idle();
    expect((await request(app).get(pathOf(accepted.headers.location))).body.status).toBe('cancelled');
    await jobs.stop(0);
  });
});
