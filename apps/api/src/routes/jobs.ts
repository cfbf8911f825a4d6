import express, { type Router } from 'express';
import { HttpProblem } from '../http/problem.js';
import { inParameters, parseWith, refuseQuery } from '../http/validation.js';
import { absoluteUrl } from '../http/urls.js';
import { setParametersVersion } from '../http/versions.js';
import { jobPath, jobView, type Job, type JobResult, type JobStore } from '../jobs.js';
import { jobIdParamsSchema } from '../schemas.js';

/** Status and result of the jobs that long evaluations, comparisons and sweeps run as. */
export function jobRoutes(jobs: JobStore<JobResult>): Router {
  const router = express.Router();

  const find = (params: unknown): Job<JobResult> => {
    const { id } = parseWith(jobIdParamsSchema, params, inParameters, 'path');
    const job = jobs.get(id);
    if (job === undefined) {
      throw new HttpProblem(
        'JOB.NOT_FOUND',
        `there is no job ${id}: it never existed, or it finished and expired, or the server restarted; submit it again`,
      );
    }
    return job;
  };

  router.get('/jobs/:id', (req, res) => {
    const job = find(req.params);
    refuseQuery(req);
    setParametersVersion(res, job.parametersVersion);
    if (job.finishedAt === undefined) res.setHeader('Retry-After', '1');
    res.json(jobView(job, jobs));
  });

  router.get('/jobs/:id/result', async (req, res) => {
    const job = find(req.params);
    refuseQuery(req);
    if (job.problem !== undefined) throw job.problem;
    if (job.result === undefined) {
      throw new HttpProblem('JOB.NOT_FINISHED', `job ${job.id} is ${job.state}: poll ${jobPath(job.id)} until it has succeeded`, [], {
        'Retry-After': '1',
        Location: absoluteUrl(req, jobPath(job.id)),
      });
    }
    await job.result.send(res);
  });

  return router;
}
