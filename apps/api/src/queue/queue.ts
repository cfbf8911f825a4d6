import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import type { Store, StoredJob } from '@bagui/store';
import type { Logger } from 'pino';
import type { Config } from '../env.js';
import { HttpProblem, problemBody, type ProblemBody } from '../http/problem.js';
import type { JobAnswer, JobExecutor, JobSpec, WorkPhase } from './executor.js';

/**
 * The jobs of this instance: it submits them to the store's queue, and runs them — taking one at
 * a time (or `concurrency`) from the queue, which other instances on the same PostgreSQL share —
 * through the executor, renewing each one's lease while it runs and writing its answer into the
 * store as it streams out, compressed, in chunks. On `stop` it takes no more work, lets what runs
 * finish for a while, then aborts it and puts it back in the queue for the next instance.
 */

export interface JobQueueOptions {
  readonly store: Store;
  readonly logger: Logger;
  /** How long a finished job and its result are kept. */
  readonly keepMs: number;
  /** How long a running job is this instance's without a renewal: past it, another instance takes it again. */
  readonly leaseMs: number;
  /** Jobs this instance runs at once. */
  readonly concurrency: number;
  /** Queued and running jobs per key (per client address without one). */
  readonly perScope: number;
  /** Queued and running jobs in the whole queue. */
  readonly total: number;
  /** Attempts before a job that keeps dying with its process is failed. */
  readonly maxAttempts: number;
  /** SQLite: the only instance; jobs left running by a killed process are put back at start. */
  readonly requeueAtStart?: boolean;
  /** How often an idle instance looks for work another instance queued; default 1 s. */
  readonly pollMs?: number;
}

/** The queue's settings from the configuration. */
export function jobQueueOptions(config: Config, store: Store, logger: Logger): JobQueueOptions {
  return {
    store,
    logger,
    keepMs: config.JOB_TTL_SECONDS * 1000,
    leaseMs: config.JOB_LEASE_SECONDS * 1000,
    concurrency: config.JOB_CONCURRENCY,
    perScope: config.JOBS_PER_CLIENT,
    total: config.JOBS_MAX,
    maxAttempts: config.JOB_MAX_ATTEMPTS,
    // One SQLite file is one instance's: what it left running when it was killed is queued again at its start.
    requeueAtStart: store.dialect === 'sqlite',
  };
}

/** What a submission needs beside the spec. */
export interface JobAbout {
  readonly subject: { readonly kind: 'programme' | 'scenario'; readonly name: string };
  readonly operation: string;
  readonly enterprises: number;
  readonly parametersVersion: string;
  readonly idempotencyKey: string | undefined;
}

export type Submitted =
  | { readonly kind: 'created' | 'existing'; readonly job: StoredJob }
  | { readonly kind: 'mismatch'; readonly job: StoredJob }
  | { readonly kind: 'quota'; readonly active: number; readonly limit: number }
  | { readonly kind: 'full'; readonly active: number; readonly limit: number };

/** What a job is bound to: the key that made it, else the client's address. */
const scopeOf = (caller: JobSpec['caller']): string => (caller.key === null ? `client:${caller.client}` : `key:${caller.key}`);

/** The hash of what a job computes: the same Idempotency-Key with another request is refused. */
function requestHash(spec: JobSpec): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ method: spec.method, url: spec.url, headers: spec.headers }));
  hash.update('\n');
  hash.update(spec.body);
  return hash.digest('hex');
}

/** Result chunks of at most this many compressed bytes: a row of the database each. */
const CHUNK_BYTES = 1024 * 1024;

/** Headers of an answer that a job's result keeps (the rest belong to the connection or are set again). */
const KEPT_HEADERS = new Set([
  'content-type',
  'content-disposition',
  'content-language',
  'bagui-parameters-version',
  'bagui-input-sha256',
  'bagui-result-cache',
]);

export class JobQueue {
  readonly #options: JobQueueOptions;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #started = false;
  #stopping = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #purge: NodeJS.Timeout | undefined;
  #executor: { readonly execute: JobExecutor; readonly close?: (() => Promise<void>) | undefined } | undefined;

  constructor(options: JobQueueOptions) {
    this.#options = options;
  }

  /** What runs the jobs (`createApp` gives its `executor` dep, else the in-process one); the first one given stays. */
  useExecutor(execute: JobExecutor, close?: () => Promise<void>): void {
    this.#executor ??= { execute, close };
  }

  get keepMs(): number {
    return this.#options.keepMs;
  }

  get store(): Store {
    return this.#options.store;
  }

  /** Starts running jobs (put back first, on SQLite, what a killed process left running). */
  async start(): Promise<void> {
    if (this.#started || this.#stopping) return;
    this.#started = true;
    if (this.#options.requeueAtStart === true) {
      const requeued = await this.#options.store.jobs.requeueRunning();
      if (requeued > 0) this.#options.logger.warn({ requeued }, 'jobs left running by a stopped process are queued again');
    }
    this.#purge = setInterval(() => {
      this.#options.store.jobs.purge().catch((error: unknown) => this.#options.logger.error({ err: error }, 'cannot purge expired jobs'));
    }, 60_000);
    this.#purge.unref();
    this.#loop = this.#work();
  }

  async submit(spec: JobSpec, about: JobAbout): Promise<Submitted> {
    const { body, ...rest } = spec;
    const hash = requestHash(spec);
    const created = await this.#options.store.jobs.create(
      {
        id: randomUUID(),
        scope: scopeOf(spec.caller),
        ownerKey: spec.caller.key,
        idempotencyKey: about.idempotencyKey ?? null,
        requestHash: hash,
        operation: about.operation,
        subjectKind: about.subject.kind,
        subject: about.subject.name,
        enterprises: about.enterprises,
        parametersVersion: about.parametersVersion,
        requestId: spec.requestId,
        spec: JSON.stringify(rest),
        body,
      },
      { perScope: this.#options.perScope, total: this.#options.total },
    );
    switch (created.kind) {
      case 'created':
        if (this.#started) this.#wake?.();
        else void this.start();
        return created;
      case 'existing':
        return created.job.requestHash === hash ? created : { kind: 'mismatch', job: created.job };
      case 'quota':
        return { ...created, limit: this.#options.perScope };
      case 'full':
        return { ...created, limit: this.#options.total };
    }
  }

  /** Aborts the job if this instance runs it (a cancellation; another instance finds out at its next renewal). */
  abort(id: string): void {
    this.#running.get(id)?.controller.abort(new Error('the job was cancelled'));
  }

  /** Jobs this instance runs now. */
  get running(): number {
    return this.#running.size;
  }

  /**
   * Takes no more work; waits up to `graceMs` for running jobs to finish, then aborts them and
   * puts them back in the queue: nothing accepted is lost.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#purge);
    this.#wake?.();
    await this.#loop;
    const all = Promise.all([...this.#running.values()].map((run) => run.done));
    const timer = sleep(graceMs, 'late' as const, { ref: false });
    if ((await Promise.race([all.then(() => 'done' as const), timer])) === 'late') {
      for (const run of this.#running.values()) run.controller.abort(new Error('the server is stopping'));
      await all;
    }
    await this.#executor?.close?.();
  }

  /** Resolves when the queue holds nothing queued or running (for tests and the bench). */
  async idle(): Promise<void> {
    while ((await this.#options.store.jobs.active()) > 0 || this.#running.size > 0) await sleep(20);
  }

  async #work(): Promise<void> {
    const { store, concurrency, pollMs = 1000, leaseMs, logger } = this.#options;
    while (!this.#stopping) {
      if (this.#running.size < concurrency && this.#executor !== undefined) {
        let claimed;
        try {
          claimed = await store.jobs.claim(this.#owner, leaseMs);
        } catch (error) {
          logger.error({ err: error }, 'cannot take a job from the queue');
        }
        if (claimed !== undefined && !this.#stopping) {
          const controller = new AbortController();
          const { job } = claimed;
          const done = this.#run(claimed.job, claimed.body, claimed.attempt, controller).finally(() => {
            this.#running.delete(job.id);
            this.#wake?.();
          });
          this.#running.set(job.id, { controller, done });
          continue;
        }
        if (claimed !== undefined) await store.jobs.release(claimed.job.id, this.#owner);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        // An idle queue never keeps the process alive.
        timer.unref();
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #run(job: StoredJob, body: Uint8Array, attempt: number, controller: AbortController): Promise<void> {
    const { store, leaseMs, keepMs, logger, maxAttempts } = this.#options;
    const executor = this.#executor?.execute;
    if (executor === undefined) throw new Error('a job was taken by a queue without an executor');
    const log = logger.child({ job: job.id, reqId: job.requestId, attempt });
    const owner = this.#owner;
    const { signal } = controller;
    if (attempt > maxAttempts) {
      log.error('job abandoned: its process stopped during each attempt');
      await store.jobs.fail(job.id, owner, JSON.stringify(abandoned(job, maxAttempts)), keepMs);
      return;
    }
    const renew = setInterval(
      () => {
        store.jobs.renew(job.id, owner, leaseMs).then(
          (mine) => {
            if (!mine) controller.abort(new Error('the job was cancelled, or another instance took it'));
          },
          (error: unknown) => log.error({ err: error }, 'cannot renew the lease of a job'),
        );
      },
      Math.max(50, Math.min(2000, leaseMs / 3)),
    );
    renew.unref();
    const started = Date.now();
    try {
      const spec = { ...(JSON.parse(job.spec) as Omit<JobSpec, 'body'>), body };
      const answer = await executor(spec, {
        signal,
        enterPhase: async (phase: WorkPhase) => {
          signal.throwIfAborted();
          if (!(await store.jobs.setPhase(job.id, owner, phase))) {
            controller.abort(new Error('the job was cancelled, or another instance took it'));
          }
          signal.throwIfAborted();
        },
      });
      if (answer.status >= 400) {
        const text = await collect(answer.body);
        await store.jobs.fail(job.id, owner, problemText(text, answer.status, job), keepMs);
        log.info({ state: 'failed', status: answer.status, ms: Date.now() - started }, 'job finished');
        return;
      }
      const size = await this.#saveResult(job.id, attempt, answer.body, signal);
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => KEPT_HEADERS.has(name)));
      const ok = await store.jobs.succeed(job.id, owner, attempt, { status: answer.status, headers, size }, keepMs);
      log.info(
        { state: ok ? 'succeeded' : 'dropped', bytes: size, ms: Date.now() - started, enterprises: job.enterprises },
        'job finished',
      );
    } catch (error) {
      if (signal.aborted) {
        if (this.#stopping && (await store.jobs.release(job.id, owner))) log.warn('job put back in the queue: the server is stopping');
        else log.info({ reason: String(signal.reason) }, 'job stopped');
        return;
      }
      log.error({ err: error }, 'job failed unexpectedly');
      await store.jobs.fail(job.id, owner, JSON.stringify(internal(job)), keepMs);
    } finally {
      clearInterval(renew);
    }
  }

  /** The answer's body, gzip-compressed, into the store in chunks; answers its size before compression. */
  async #saveResult(id: string, attempt: number, body: JobAnswer['body'], signal: AbortSignal): Promise<number> {
    const { store } = this.#options;
    let size = 0;
    let n = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await store.jobs.writeChunk(id, attempt, n++, data);
    };
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of body) {
          size += chunk.byteLength;
          yield chunk;
        }
      })(),
    );
    await pipeline(
      counted,
      createGzip(),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes < CHUNK_BYTES) callback();
          else flush().then(() => callback(), callback);
        },
        final(callback) {
          flush().then(() => callback(), callback);
        },
      }),
      { signal },
    );
    return size;
  }
}

async function collect(body: JobAnswer['body']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** The problem the computation answered, as stored with the failed job. */
function problemText(text: string, status: number, job: StoredJob): string {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'code' in parsed) return text;
  } catch {
    // not a problem body: described below
  }
  return JSON.stringify({
    ...internal(job),
    status,
    detail: `the job's computation answered ${status} without a problem; quote request id ${job.requestId}`,
  });
}

function internal(job: StoredJob): ProblemBody {
  return problemBody(
    new HttpProblem('INTERNAL', `the job failed on an internal error; quote request id ${job.requestId}`),
    undefined,
    job.requestId,
  );
}

function abandoned(job: StoredJob, attempts: number): ProblemBody {
  const detail = `the job was started ${attempts} times and its server stopped each time before it finished; it is not tried again: quote request id ${job.requestId}`;
  return problemBody(new HttpProblem('INTERNAL', detail), undefined, job.requestId);
}
