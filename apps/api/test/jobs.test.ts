import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { EVALUATE, expectDocumented, expectProblem, testApp, testJobs, vectorRecords, VECTORS_CSV, pathOf } from './support.js';

const body = () => ({ budget: '20000000', method: 'uniform_cap', enterprises: vectorRecords() });

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
