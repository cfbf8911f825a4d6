import type { JOB_PHASES } from '../schemas/jobs.js';

/**
 * The seam between the jobs queue and what computes a job: the queue stores a job as a
 * `JobSpec` — the request as it came, which can be answered again after a restart, by any
 * instance — and hands it to a `JobExecutor`, which answers it as the synchronous request would
 * have been answered. The default executor (`inProcessExecutor`) computes in this process; an
 * executor on worker threads has the same type and is given as `AppDeps.executor`.
 */

/** A phase a job reports as it starts it. */
export type WorkPhase = Exclude<(typeof JOB_PHASES)[number], 'queued' | 'done'>;

/** Who made the job: its key's id (null without a key) and the client's address. */
export interface JobCaller {
  readonly key: string | null;
  readonly client: string;
}

/** The headers a computation's answer depends on, kept in the job's spec. */
export const SPEC_HEADERS = ['content-type', 'content-encoding', 'accept', 'accept-language'] as const;

/** A job's work, serializable: the request that made it, minus `async` and Idempotency-Key. */
export interface JobSpec {
  readonly method: 'POST';
  /** The path and query string, as the client sent them (`/v1/programmes/rd_incentive/evaluate?budget=…`). */
  readonly url: string;
  /** The headers the answer depends on: Content-Type, Content-Encoding, Accept, Accept-Language. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body's bytes (inflated when it came compressed, then without Content-Encoding). */
  readonly body: Uint8Array;
  readonly caller: JobCaller;
  /** The request that made the job: the request id of the computation's logs and problems. */
  readonly requestId: string;
}

/** What the synchronous request would have sent. */
export interface JobAnswer {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, as it is produced (a stream: a large answer is never held whole), or its bytes. */
  readonly body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export interface JobContext {
  /** Aborted when the job is cancelled, when its lease is lost, or when the server stops before it finishes. */
  readonly signal: AbortSignal;
  /** Records that the job starts `phase`; rejects when the signal is aborted (the computation then stops). */
  enterPhase(phase: WorkPhase): Promise<void>;
}

/** Computes a job: the one type every executor has. */
export type JobExecutor = (spec: JobSpec, context: JobContext) => Promise<JobAnswer>;
