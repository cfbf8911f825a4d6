import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { HttpProblem, problemBody } from './http/problem.js';
import { setParametersVersion } from './http/versions.js';
import { absoluteUrl } from './http/urls.js';
import type { JOB_OPERATIONS, JOB_PHASES, JOB_STATES } from './schemas.js';
import { admitWork, runsAsJob, type WorkLimits } from './work/admission.js';
import { offloadedWork } from './work/context.js';
import { WORK_JOB_HEADER, type JobNeeded } from './work/spec.js';

export type JobState = (typeof JOB_STATES)[number];
export type JobOperation = (typeof JOB_OPERATIONS)[number];

/** What a finished job holds: its answer, written as the synchronous request would have been answered. */
export interface JobResult {
  send(res: Response): Promise<void> | void;
}
export type JobPhase = (typeof JOB_PHASES)[number];

/** Share of the work done when a phase starts: coarse, but it only ever grows. */
const PHASE_FRACTION: Record<JobPhase, number> = { queued: 0, reading_enterprises: 0.05, evaluating: 0.5, done: 1 };

/** A job's work: it reports each phase as it starts, and returns the result or throws an HttpProblem. */
export type JobTask<R> = (enter: (phase: Exclude<JobPhase, 'queued' | 'done'>) => Promise<void>) => Promise<R> | R;

/** What a job works on: one programme, or a scenario (a run or a comparison of several programmes). */
export type JobSubject =
  { readonly programme: string; readonly scenario?: never } | { readonly scenario: string; readonly programme?: never };

export type Job<R> = JobSubject & JobFields<R>;

interface JobFields<R> {
  readonly id: string;
  /** What is done with the programme or scenario. */
  readonly operation: JobOperation;
  /** Applicants in the request (enterprises for rd_incentive). */
  readonly enterprises: number;
  readonly createdAt: number;
  /** The request that created it, for logs and for the problem of a failed job. */
  readonly requestId: string;
  /** The version of the parameter set the job evaluates with. */
  readonly parametersVersion: string;
  state: JobState;
  phase: JobPhase;
  startedAt?: number;
  finishedAt?: number;
  result?: R;
  problem?: HttpProblem;
}

export interface JobStoreOptions {
  /** Jobs kept at once: queued, running, or finished and not yet expired. */
  readonly max: number;
  /** How long a finished job is kept, in milliseconds. */
  readonly ttlMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * Jobs in memory, run one at a time in the order they came, so that a burst of large
 * evaluations queues instead of competing for the one CPU the event loop has. Finished jobs
 * are forgotten `ttlMs` after they finish; the store refuses new jobs while it holds `max`.
 * A restart forgets every job: clients resubmit.
 */
export class JobStore<R> {
  readonly #jobs = new Map<string, Job<R>>();
  readonly #queue: { job: Job<R>; task: JobTask<R> }[] = [];
  readonly #options: JobStoreOptions;
  readonly #now: () => number;
  #running: Promise<void> | undefined;

  constructor(options: JobStoreOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Queues a task, or throws JOBS.FULL (503, with Retry-After) when the store is at capacity. */
  submit(
    task: JobTask<R>,
    about: JobSubject & Pick<JobFields<R>, 'operation' | 'enterprises' | 'requestId' | 'parametersVersion'>,
  ): Job<R> {
    this.#sweep();
    if (this.#jobs.size >= this.#options.max) {
      throw new HttpProblem(
        'JOBS.FULL',
        `the server holds ${this.#options.max} jobs, its limit: retry after the time in Retry-After, or fetch and let finished jobs expire`,
        [],
        { 'Retry-After': String(this.#retryAfterSeconds()) },
      );
    }
    const job: Job<R> = { ...about, id: randomUUID(), createdAt: this.#now(), state: 'queued', phase: 'queued' };
    this.#jobs.set(job.id, job);
    this.#queue.push({ job, task });
    this.#running ??= this.#drain();
    return job;
  }

  get(id: string): Job<R> | undefined {
    this.#sweep();
    return this.#jobs.get(id);
  }

  fraction(job: Job<R>): number {
    return PHASE_FRACTION[job.phase];
  }

  expiresAt(job: Job<R>): number | undefined {
    return job.finishedAt === undefined ? undefined : job.finishedAt + this.#options.ttlMs;
  }

  /** Jobs queued or running: what a shutdown now would lose. */
  unfinished(): number {
    let count = 0;
    for (const job of this.#jobs.values()) if (job.finishedAt === undefined) count++;
    return count;
  }

  /** Resolves when every queued job has run (for tests). */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
        // Let the request that queued the job get its 202 before the work starts.
        await nextTurn();
        await this.#run(next.job, next.task);
      }
    } finally {
      this.#running = undefined;
    }
  }

  async #run(job: Job<R>, task: JobTask<R>): Promise<void> {
    const log = this.#options.logger.child({ job: job.id, reqId: job.requestId });
    job.state = 'running';
    job.startedAt = this.#now();
    try {
      job.result = await task(async (phase) => {
        job.phase = phase;
        // Each phase is synchronous work: between two, the server answers other requests.
        await nextTurn();
      });
      job.state = 'succeeded';
    } catch (error) {
      job.state = 'failed';
      if (error instanceof HttpProblem) {
        job.problem = error;
      } else {
        log.error({ err: error }, 'job failed unexpectedly');
        job.problem = new HttpProblem('INTERNAL', `the job failed on an internal error; quote request id ${job.requestId}`);
      }
    }
    job.phase = 'done';
    job.finishedAt = this.#now();
    log.info({ state: job.state, ms: job.finishedAt - (job.startedAt ?? job.finishedAt), enterprises: job.enterprises }, 'job finished');
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, job] of this.#jobs) {
      const expires = this.expiresAt(job);
      if (expires !== undefined && expires <= now) this.#jobs.delete(id);
    }
  }

  /** Seconds until the first finished job expires, or a short wait when every job is still to run. */
  #retryAfterSeconds(): number {
    const soonest = Math.min(...[...this.#jobs.values()].map((job) => this.expiresAt(job) ?? Number.POSITIVE_INFINITY));
    return Number.isFinite(soonest) ? Math.max(1, Math.ceil((soonest - this.#now()) / 1000)) : 30;
  }
}

export const jobPath = (id: string): string => `/v1/jobs/${id}`;
export const jobResultPath = (id: string): string => `${jobPath(id)}/result`;

/** A job as the API shows it (schema `Job`). */
export function jobView<R>(job: Job<R>, store: JobStore<R>) {
  const times: Record<string, string> = {};
  const stamp = (name: string, ms: number | undefined): void => {
    if (ms !== undefined) times[name] = new Date(ms).toISOString();
  };
  stamp('started_at', job.startedAt);
  stamp('finished_at', job.finishedAt);
  stamp('expires_at', store.expiresAt(job));
  return {
    id: job.id,
    ...(job.programme === undefined ? { scenario: job.scenario } : { programme: job.programme }),
    operation: job.operation,
    status: job.state,
    progress: { phase: job.phase, fraction: store.fraction(job) },
    enterprises: job.enterprises,
    created_at: new Date(job.createdAt).toISOString(),
    ...times,
    ...(job.state === 'succeeded' ? { result: jobResultPath(job.id) } : {}),
    ...(job.problem === undefined ? {} : { error: problemBody(job.problem, jobResultPath(job.id), job.requestId) }),
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

/**
 * Answers now, or queues the work as a job and answers 202 with where to poll; refuses work beyond
 * the server's limits (work/admission.ts). In a worker thread (work/compute.ts), a job is not queued
 * here: the answer says a job is needed, and the main thread queues it.
 */
export async function answerOrQueue(
  req: Request,
  res: Response,
  jobs: JobStore<JobResult>,
  limits: WorkLimits,
  work: Work,
  task: JobTask<JobResult>,
): Promise<void> {
  admitWork(work, limits);
  const offloaded = offloadedWork(req);
  if (offloaded?.mode === 'run' || !runsAsJob(work, limits)) {
    const result = await task(offloaded?.enter ?? (async () => undefined));
    await result.send(res);
    return;
  }
  if (offloaded !== undefined) {
    const needed: JobNeeded = {
      subject: work.subject,
      operation: work.operation,
      enterprises: work.applicants,
      parametersVersion: work.parametersVersion,
    };
    res.status(202).setHeader(WORK_JOB_HEADER, 'true');
    res.json(needed);
    return;
  }
  const job = jobs.submit(task, {
    ...work.subject,
    operation: work.operation,
    enterprises: work.applicants,
    requestId: String(req.id),
    parametersVersion: work.parametersVersion,
  });
  setParametersVersion(res, work.parametersVersion);
  res
    .status(202)
    .location(absoluteUrl(req, jobPath(job.id)))
    .setHeader('Retry-After', '1');
  res.json(jobView(job, jobs));
}
