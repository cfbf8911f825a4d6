import type { StoredJob } from '@bagui/store';
import type { Request, Response } from 'express';
import { keyOf } from './http/auth.js';
import { sentBody } from './http/bodies.js';
import { HttpProblem, requestIdOf, type ProblemBody } from './http/problem.js';
import { absoluteUrl } from './http/urls.js';
import { setParametersVersion } from './http/versions.js';
import { SPEC_HEADERS, type JobSpec, type WorkPhase } from './queue/executor.js';
import { replayOf } from './queue/in-process.js';
import type { JobQueue } from './queue/queue.js';
import type { JOB_OPERATIONS } from './schemas/jobs.js';
import { admitWork, runsAsJob, type WorkLimits } from './work/admission.js';
import { offloadedWork } from './work/context.js';
import { WORK_JOB_HEADER, type JobNeeded } from './work/spec.js';

export type JobOperation = (typeof JOB_OPERATIONS)[number];

/** What a computation answers with: written as the synchronous request is answered. */
export interface JobResult {
  send(res: Response): Promise<void> | void;
}

/** A computation's work: it reports each phase as it starts, and returns the result or throws an HttpProblem. */
export type JobTask<R> = (enter: (phase: WorkPhase) => Promise<void>) => Promise<R> | R;

/** What a job works on: one programme, or a scenario (a run or a comparison of several programmes). */
type JobSubject = { readonly programme: string; readonly scenario?: never } | { readonly scenario: string; readonly programme?: never };

/** Share of the work done when a phase starts: coarse, but it only ever grows. */
const PHASE_FRACTION: Record<string, number> = { queued: 0, reading_enterprises: 0.05, evaluating: 0.5, done: 1 };

export const jobPath = (id: string): string => `/v1/jobs/${id}`;
const jobResultPath = (id: string): string => `${jobPath(id)}/result`;

/** The problem a failed job answered, as its view and its result show it. */
export function jobProblem(job: StoredJob, instance: string, requestId: string): ProblemBody | undefined {
  if (job.error === null) return undefined;
  return { ...(JSON.parse(job.error) as ProblemBody), instance, request_id: requestId };
}

/** A job as the API shows it (schema `Job`). */
export function jobView(job: StoredJob) {
  const finished = job.status === 'succeeded' || job.status === 'failed';
  const error = jobProblem(job, jobResultPath(job.id), job.requestId);
  return {
    id: job.id,
    ...(job.subjectKind === 'scenario' ? { scenario: job.subject } : { programme: job.subject }),
    operation: job.operation as JobOperation,
    status: job.status,
    progress: { phase: finished ? 'done' : job.phase, fraction: finished ? 1 : (PHASE_FRACTION[job.phase] ?? 0) },
    enterprises: job.enterprises,
    attempts: job.attempts,
    created_at: job.createdAt,
    ...(job.startedAt === null ? {} : { started_at: job.startedAt }),
    ...(job.finishedAt === null ? {} : { finished_at: job.finishedAt }),
    ...(job.expiresAt === null ? {} : { expires_at: job.expiresAt }),
    ...(job.status === 'succeeded' ? { result: jobResultPath(job.id) } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

export interface Work {
  readonly subject: JobSubject;
  readonly operation: JobOperation;
  /** Applicants in the request, counted before they are read. */
  readonly applicants: number;
  /** How many evaluations of them the work makes. */
  readonly evaluations: number;
  readonly parametersVersion: string;
  /** The request's `async`: `true` or `false` decide (below SYNC_WORK_MAX); absent, the size does. */
  readonly async: 'true' | 'false' | undefined;
  /** A comparison's reforms and a sweep's points, for their caps. */
  readonly reforms?: number;
  readonly points?: number;
}

/** RFC 9110 token characters and more: any visible ASCII, 1 to 255 of them (a UUID is the usual choice). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/u;

/** The request's Idempotency-Key, checked; undefined without one. */
function idempotencyKey(req: Request): string | undefined {
  const given = req.get('Idempotency-Key');
  if (given === undefined) return undefined;
  const key = given.trim();
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpProblem('REQUEST.INVALID', 'the Idempotency-Key header is not a key', [
      {
        code: 'IDEMPOTENCY_KEY.SHAPE',
        message: 'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID: the same key sends the same job again',
        parameter: 'Idempotency-Key',
      },
    ]);
  }
  return key;
}

/** The request as a job's spec: what is needed to answer it again, in this process or another, now or after a restart. */
function jobSpec(req: Request): JobSpec {
  const sent = sentBody(req);
  const headers: Record<string, string> = {};
  for (const name of SPEC_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string' && !(name === 'content-encoding' && sent?.inflated === true)) headers[name] = value;
  }
  return {
    method: 'POST',
    url: req.originalUrl,
    headers,
    body: sent?.bytes ?? Buffer.alloc(0),
    caller: { key: keyOf(req)?.id ?? null, client: req.ip ?? 'unknown' },
    requestId: requestIdOf(req),
  };
}

/** Answers a job's view with its Location: 202 while it is to run, 200 once it has finished. */
export function answerJob(req: Request, res: Response, job: StoredJob, status?: number): void {
  setParametersVersion(res, job.parametersVersion);
  const unfinished = job.status === 'queued' || job.status === 'running';
  res.status(status ?? (unfinished ? 202 : 200)).location(absoluteUrl(req, jobPath(job.id)));
  if (unfinished) res.setHeader('Retry-After', '1');
  res.json(jobView(job));
}

/**
 * Answers now, or queues the work as a job and answers 202 with where to poll; refuses work beyond
 * the server's limits (work/admission.ts). A job's own run — replayed in this process
 * (queue/in-process.ts) or in a worker thread (work/compute.ts, mode `run`) — is always answered
 * now, reporting its phases. In a worker thread, a job is not queued here: the answer says a job is
 * needed, and the main thread queues it (work/offload.ts). A request with an Idempotency-Key is
 * always a job: sent again with the same key and the same request, it gets the same job; with
 * another request, 422.
 */
export async function answerOrQueue(
  req: Request,
  res: Response,
  jobs: JobQueue,
  limits: WorkLimits,
  work: Work,
  task: JobTask<JobResult>,
): Promise<void> {
  admitWork(work, limits);
  const replay = replayOf(req);
  const offloaded = offloadedWork(req);
  if (replay !== undefined || offloaded?.mode === 'run') {
    const enter = replay === undefined ? offloaded?.enter : (phase: WorkPhase) => replay.context.enterPhase(phase);
    const result = await task(enter ?? (async () => undefined));
    await result.send(res);
    return;
  }
  const key = idempotencyKey(req);
  if (key !== undefined && work.async === 'false') {
    throw new HttpProblem('REQUEST.INVALID', 'a request with an Idempotency-Key runs as a job: it cannot ask for async=false', [
      {
        code: 'IDEMPOTENCY_KEY.SYNC',
        message: 'drop async=false to make a job that the key names, or drop the Idempotency-Key to be answered at once',
        parameter: 'async',
      },
    ]);
  }
  if (key === undefined && !runsAsJob(work, limits)) {
    const result = await task(offloaded?.enter ?? (async () => undefined));
    await result.send(res);
    return;
  }
  const about: JobAbout = {
    subject: work.subject,
    operation: work.operation,
    enterprises: work.applicants,
    parametersVersion: work.parametersVersion,
  };
  if (offloaded !== undefined) {
    res.status(202).setHeader(WORK_JOB_HEADER, 'true');
    res.json(about satisfies JobNeeded);
    return;
  }
  await submitJob(req, res, jobs, jobSpec(req), about);
}

/** What a job is about, as its view shows it. */
export type JobAbout = JobNeeded;

/**
 * Queues the request's spec as a job (the request's Idempotency-Key naming it) and answers 202 with
 * the job and where to poll; the same key and request again get the same job, another request 422.
 */
export async function submitJob(req: Request, res: Response, jobs: JobQueue, spec: JobSpec, about: JobAbout): Promise<void> {
  const key = idempotencyKey(req);
  const submitted = await jobs.submit(spec, {
    subject:
      'programme' in about.subject
        ? { kind: 'programme', name: about.subject.programme }
        : { kind: 'scenario', name: about.subject.scenario },
    operation: about.operation,
    enterprises: about.enterprises,
    parametersVersion: about.parametersVersion,
    idempotencyKey: key,
  });
  switch (submitted.kind) {
    case 'created':
      answerJob(req, res, submitted.job, 202);
      return;
    case 'existing':
      answerJob(req, res, submitted.job);
      return;
    case 'mismatch':
      throw new HttpProblem(
        'IDEMPOTENCY_KEY.REUSED',
        `the Idempotency-Key ${JSON.stringify(key)} was sent with another request (job ${submitted.job.id}): use a new key for a new request`,
        [],
        { Location: absoluteUrl(req, jobPath(submitted.job.id)) },
      );
    case 'quota':
      throw new HttpProblem(
        'JOBS.QUOTA',
        `you have ${submitted.active} jobs queued or running, your limit: wait for one to finish (or cancel one with DELETE /v1/jobs/{id}), then retry`,
        [],
        { 'Retry-After': '5' },
      );
    case 'full':
      throw new HttpProblem(
        'JOBS.FULL',
        `the server holds ${submitted.active} jobs queued or running, its limit: retry after the time in Retry-After`,
        [],
        { 'Retry-After': '30' },
      );
  }
}
