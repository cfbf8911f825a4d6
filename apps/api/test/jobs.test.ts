import { setImmediate as nextTurn } from 'node:timers/promises';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../src/http/problem.js';
import { EVALUATE, expectDocumented, expectProblem, testApp, testJobs, vectorRecords, VECTORS_CSV, pathOf } from './support.js';

const body = () => ({ budget: '20000000', method: 'uniform_cap', enterprises: vectorRecords() });
const about = { programme: 'rd_incentive', operation: 'evaluate', enterprises: 0, requestId: 'test', parametersVersion: 'v' } as const;

describe('long evaluations run as jobs', () => {
  it('async=true: 202 with Location, then a status with progress, then the same result as a synchronous call', async () => {
    const jobs = testJobs();
    const app = testApp({}, { jobs });
    const accepted = await request(app).post(`${EVALUATE}?async=true`).send(body());
    expect(accepted.status).toBe(202);
    expectDocumented(accepted, 'rdIncentiveEvaluate');
    // Absolute, built from the request: the scheme and the Host the client used.
    expect(accepted.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/jobs\/[0-9a-f-]{36}$/u);
    expect(accepted.headers['retry-after']).toBe('1');
    expect(accepted.body).toMatchObject({ status: 'queued', progress: { phase: 'queued', fraction: 0 }, enterprises: 67 });

    await jobs.idle();
    const status = await request(app).get(pathOf(accepted.headers.location));
    expectDocumented(status, 'getJob');
    expect(status.body).toMatchObject({
      status: 'succeeded',
      progress: { phase: 'done', fraction: 1 },
      result: `${pathOf(accepted.headers.location)}/result`,
    });
    expect(status.headers['bagui-parameters-version']).toBe(accepted.headers['bagui-parameters-version']);
    expect(status.headers['retry-after']).toBeUndefined();

    const result = await request(app).get(status.body.result as string);
    const now = await request(app).post(`${EVALUATE}?async=false`).send(body());
    expectDocumented(result, 'getJobResult');
    expect(result.text).toBe(now.text);
    expect(result.headers['bagui-parameters-version']).toBe(now.headers['bagui-parameters-version']);
  });

  it('runs a request above the threshold as a job unless async=false', async () => {
    const app = testApp({ ASYNC_THRESHOLD: 66 });
    expect((await request(app).post(EVALUATE).send(body())).status).toBe(202);
    expect((await request(app).post(`${EVALUATE}?async=false`).send(body())).status).toBe(200);
    expect((await request(app).post(EVALUATE).type('text/csv').query({ budget: '1' }).send(VECTORS_CSV)).status).toBe(202);
    expect(
      (
        await request(testApp({ ASYNC_THRESHOLD: 67 }))
          .post(EVALUATE)
          .send(body())
      ).status,
    ).toBe(200);
  });

  it('reports each phase as the job moves through it', async () => {
    const jobs = testJobs();
    const seen: string[] = [];
    const job = jobs.submit(async (enter) => {
      seen.push(job.phase);
      await enter('reading_enterprises');
      seen.push(`${job.phase} ${jobs.fraction(job)}`);
      await enter('evaluating');
      seen.push(`${job.phase} ${jobs.fraction(job)}`);
      return undefined as never;
    }, about);
    expect(job.state).toBe('queued');
    expect(jobs.unfinished()).toBe(1);
    await jobs.idle();
    expect(jobs.unfinished()).toBe(0);
    expect(seen).toEqual(['queued', 'reading_enterprises 0.05', 'evaluating 0.5']);
    expect([job.state, job.phase, jobs.fraction(job)]).toEqual(['succeeded', 'done', 1]);
  });

  it('runs jobs one at a time, in the order they came', async () => {
    const jobs = testJobs();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} starts`);
      await nextTurn();
      log.push(`${name} ends`);
      return undefined as never;
    };
    jobs.submit(task('a'), about);
    jobs.submit(task('b'), about);
    await jobs.idle();
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });

  it('a job with invalid enterprises fails, and its result is the problem, located', async () => {
    const jobs = testJobs();
    const app = testApp({}, { jobs });
    const accepted = await request(app)
      .post(`${EVALUATE}?async=true`)
      .send({ budget: '1', enterprises: [{ id: 'E1', scale: 'large' }] });
    expect(accepted.status).toBe(202);
    await jobs.idle();
    const status = await request(app).get(pathOf(accepted.headers.location));
    expectDocumented(status, 'getJob');
    expect(status.body).toMatchObject({ status: 'failed', error: { code: 'REQUEST.INVALID', status: 422 } });
    const result = await request(app).get(`${pathOf(accepted.headers.location)}/result`);
    const problem = expectProblem(result, 422, 'REQUEST.INVALID', 'getJobResult');
    expect(problem.errors?.map((e) => e.pointer)).toEqual([
      '#/enterprises/0/scale',
      '#/enterprises/0/revenue',
      '#/enterprises/0/rd_expense',
      '#/enterprises/0/rd_expense_prev',
    ]);
  });

  it('settings are checked before a job is accepted', async () => {
    const res = await request(testApp()).post(`${EVALUATE}?async=true`).send({ budget: '-1', enterprises: [] });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', 'rdIncentiveEvaluate').errors?.[0]).toMatchObject({
      code: 'AMOUNT.NEGATIVE',
      pointer: '#/budget',
    });
  });

  it('a job that fails on an internal error answers 500 and keeps the cause to the logs', async () => {
    const jobs = testJobs();
    const job = jobs.submit(() => {
      throw new Error('secret detail');
    }, about);
    await jobs.idle();
    const res = await request(testApp({}, { jobs })).get(`/v1/jobs/${job.id}/result`);
    expectProblem(res, 500, 'INTERNAL', 'getJobResult');
    expect(res.text).not.toContain('secret');
  });

  it('a result asked for too early is 409 with Retry-After and the status Location', async () => {
    const jobs = testJobs();
    const job = jobs.submit(() => new Promise<never>(() => undefined), about);
    const res = await request(testApp({}, { jobs })).get(`/v1/jobs/${job.id}/result`);
    expectProblem(res, 409, 'JOB.NOT_FINISHED', 'getJobResult');
    expect(res.headers['retry-after']).toBe('1');
    expect(pathOf(res.headers.location)).toBe(`/v1/jobs/${job.id}`);
    const status = await request(testApp({}, { jobs })).get(`/v1/jobs/${job.id}`);
    expect(status.body).toMatchObject({ status: 'running', progress: { phase: 'queued' } });
    expect(status.headers['retry-after']).toBe('1');
  });

  it('forgets a finished job after its time to live', async () => {
    let now = 1_000_000;
    const jobs = testJobs({ ttlMs: 60_000, now: () => now });
    const job = jobs.submit(() => undefined as never, about);
    await jobs.idle();
    const app = testApp({}, { jobs });
    expect((await request(app).get(`/v1/jobs/${job.id}`)).body.expires_at).toBe(new Date(now + 60_000).toISOString());
    now += 59_999;
    expect((await request(app).get(`/v1/jobs/${job.id}`)).status).toBe(200);
    now += 1;
    expectProblem(await request(app).get(`/v1/jobs/${job.id}`), 404, 'JOB.NOT_FOUND', 'getJob');
  });

  it('refuses new jobs at capacity with 503 and Retry-After until a finished one expires', async () => {
    let now = 0;
    const jobs = testJobs({ max: 2, ttlMs: 30_000, now: () => now });
    jobs.submit(() => undefined as never, about);
    await jobs.idle();
    now = 10_000;
    jobs.submit(() => new Promise<never>(() => undefined), about);
    const full = await request(testApp({}, { jobs })).post(`${EVALUATE}?async=true`).send(body());
    expectProblem(full, 503, 'JOBS.FULL', 'rdIncentiveEvaluate');
    expect(full.headers['retry-after']).toBe('20');
    now = 30_000;
    expect((await request(testApp({}, { jobs })).post(`${EVALUATE}?async=true`).send(body())).status).toBe(202);
    expect(() => jobs.submit(() => undefined as never, about)).toThrow(HttpProblem);
  });

  it('an unknown job is 404; a query parameter on a job is refused', async () => {
    expectProblem(await request(testApp()).get('/v1/jobs/0000'), 404, 'JOB.NOT_FOUND', 'getJob');
    const jobs = testJobs();
    const app = testApp({}, { jobs });
    const accepted = await request(app).post(`${EVALUATE}?async=true`).send(body());
    await jobs.idle();
    const unknown = await request(app).get(`${pathOf(accepted.headers.location)}?wait=10`);
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', 'getJob').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.UNKNOWN_FIELD', parameter: 'wait' }),
    ]);
    expectProblem(await request(app).get(`${pathOf(accepted.headers.location)}/result?format=csv`), 422, 'REQUEST.INVALID', 'getJobResult');
  });
});
