import type { ApiKey } from '@bagui/store';
import type { Response } from 'express';

/**
 * The seam between the HTTP front (the main thread: headers, admission, streaming) and the work
 * (parsing, evaluating, writing the answer, in a worker thread): a request as plain data, and
 * its answer as plain data. Both are structured-cloneable, so a job can keep its `WorkRequest`
 * and run it later, on another instance.
 */

/**
 * `admit`: answer a small request now; for one that must run as a job, answer 202 with
 * `WORK_JOB_HEADER` and the job's description (nothing is computed). `run`: compute whatever the size
 * (a job's own run).
 */
export type WorkMode = 'admit' | 'run';

export interface WorkRequest {
  /** The HTTP method and the request's path and query string, as the client sent them (`/v1/...?...`). */
  readonly method: string;
  readonly url: string;
  /** The client's headers (Content-Type, Content-Encoding, Accept, Accept-Language, Host…); hop-by-hop headers left out. */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** The body's bytes as sent (still compressed when Content-Encoding says so). */
  readonly body: Uint8Array;
  /** The date the request was made, YYYY-MM-DD: the default date of parameters, also when a job runs later. */
  readonly today: string;
  /** The request's id: the answer's problems quote it. */
  readonly requestId: string;
  /** The client's verified API key, if it sent one (the main thread checked it). */
  readonly key?: ApiKey | undefined;
  readonly mode: WorkMode;
}

/** What the synchronous request answers: status, headers (Content-Type among them) and the body's bytes. */
export interface WorkAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Uint8Array;
  /**
   * Set when the body is in memory the pool lends (pool.ts): call it once the body has been
   * written, and read the body no more; the memory goes back to the pool for another answer.
   */
  readonly release?: (() => void) | undefined;
}

/** A job's phases as the work reports them. */
export type WorkPhase = 'reading_enterprises' | 'evaluating';

export interface WorkControl {
  /** Aborting stops the work (its worker thread is ended); the promise rejects with an AbortError. */
  readonly signal?: AbortSignal | undefined;
  /** Called as each phase starts. */
  readonly enterPhase?: ((phase: WorkPhase) => void | Promise<void>) | undefined;
  /** Where to put the answer's body when it fits: memory shared with the main thread (pool.ts), else a buffer of its own. */
  readonly into?: Uint8Array | undefined;
}

/** What runs a `WorkRequest`: a pool of worker threads (`WorkPool.run`), or the main thread (`answerRequest`). */
export type WorkExecutor = (request: WorkRequest, control?: WorkControl) => Promise<WorkAnswer>;

/** Set on an `admit` answer that says "this is a job": its body is a `JobNeeded`. */
export const WORK_JOB_HEADER = 'bagui-work-job';

/** What the main thread needs to queue a job for a request the work found too large to answer now. */
export interface JobNeeded {
  readonly subject: { readonly programme: string } | { readonly scenario: string };
  readonly operation: 'evaluate' | 'compare' | 'sweep' | 'run';
  readonly enterprises: number;
  readonly parametersVersion: string;
}

/** Headers of the answer that the front sets itself or that do not cross a hop. */
const NOT_COPIED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length', WORK_JOB_HEADER]);

/** Writes a work's answer as the response; its lent memory goes back once the response is done (written, or its client gone). */
export function sendAnswer(res: Response, answer: WorkAnswer): void {
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!NOT_COPIED.has(name.toLowerCase())) res.setHeader(name, value);
  }
  if (answer.release !== undefined) res.once('close', answer.release);
  res.end(Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength));
}
