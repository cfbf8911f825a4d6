import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { StoredJob } from '@bagui/store';
import express, { type Request, type Router } from 'express';
import { authorize, keyOf } from '../http/auth.js';
import { HttpProblem, requestIdOf } from '../http/problem.js';
import { storeProblem } from '../http/store-problems.js';
import { inParameters, parseWith, refuseQuery } from '../http/validation.js';
import { absoluteUrl } from '../http/urls.js';
import { setParametersVersion } from '../http/versions.js';
import { answerJob, jobPath, jobProblem, jobView } from '../jobs.js';
import type { JobQueue } from '../queue/queue.js';
import { jobIdParamsSchema } from '../schemas/jobs.js';
import { jobListQuerySchema } from '../schemas/jobs.js';

/**
 * The jobs that long evaluations, comparisons and sweeps run as: a job made with a key is that
 * key's (another key, or none, gets 404 as if it did not exist); a job made without a key is
 * anyone's who holds its id. A key lists its jobs; a queued or running job can be cancelled.
 */
export function jobRoutes(jobs: JobQueue): Router {
  const router = express.Router();

  const find = async (req: Request): Promise<StoredJob> => {
    const { id } = parseWith(jobIdParamsSchema, req.params, inParameters, 'path');
    const job = await jobs.store.jobs.get(id);
    if (job === undefined || (job.ownerKey !== null && keyOf(req)?.id !== job.ownerKey)) {
      throw new HttpProblem(
        'JOB.NOT_FOUND',
        `there is no job ${id}: it never existed, or it finished and its result expired (see its expires_at), or it belongs to another key; submit it again`,
      );
    }
    return job;
  };

  router.get('/jobs', async (req, res) => {
    const query = parseWith(jobListQuerySchema, req.query, inParameters, 'query string');
    const key = authorize(req, 'viewer');
    const page = await jobs.store.jobs.list(`key:${key.id}`, { cursor: query.cursor, limit: query.limit });
    if (!page.ok) throw storeProblem(page, inParameters, 'nothing was listed');
    res.json({ jobs: page.value.items.map(jobView), next: page.value.next });
  });

  router.get('/jobs/:id', async (req, res) => {
    const job = await find(req);
    refuseQuery(req);
    setParametersVersion(res, job.parametersVersion);
    if (job.status === 'queued' || job.status === 'running') res.setHeader('Retry-After', '1');
    res.json(jobView(job));
  });

  router.delete('/jobs/:id', async (req, res) => {
    const found = await find(req);
    refuseQuery(req);
    const cancelled = await jobs.store.jobs.cancel(found.id, jobs.keepMs);
    if (cancelled === undefined) throw new HttpProblem('JOB.NOT_FOUND', `there is no job ${found.id}: it expired meanwhile`);
    if (cancelled.kind === 'finished') {
      throw new HttpProblem(
        'JOB.FINISHED',
        `job ${found.id} has already ${cancelled.job.status === 'cancelled' ? 'been cancelled' : cancelled.job.status}: there is nothing to cancel`,
        [],
        { Location: absoluteUrl(req, jobPath(found.id)) },
      );
    }
    jobs.abort(found.id);
    answerJob(req, res, cancelled.job, 200);
  });

  router.get('/jobs/:id/result', async (req, res) => {
    const job = await find(req);
    refuseQuery(req);
    const problem = jobProblem(job, req.originalUrl, requestIdOf(req));
    if (problem !== undefined) {
      res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
      return;
    }
    if (job.status === 'cancelled') {
      throw new HttpProblem('JOB.CANCELLED', `job ${job.id} was cancelled before it finished: it has no result; submit it again`);
    }
    if (job.result === null || job.status !== 'succeeded') {
      throw new HttpProblem('JOB.NOT_FINISHED', `job ${job.id} is ${job.status}: poll ${jobPath(job.id)} until it has succeeded`, [], {
        'Retry-After': '1',
        Location: absoluteUrl(req, jobPath(job.id)),
      });
    }
    const { status, headers, size } = job.result;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status).setHeader('Content-Length', String(size));
    // The result as it was stored, one chunk at a time: a large result never sits whole in memory.
    await pipeline(Readable.from(jobs.store.jobs.resultChunks(job.id, job.resultAttempt ?? job.attempts)), createGunzip(), res);
  });

  return router;
}
