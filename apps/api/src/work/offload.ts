import type { Request, RequestHandler, Response } from 'express';
import { keyOf } from '../http/auth.js';
import { collectBytes } from '../http/bodies.js';
import { HttpProblem, requestIdOf } from '../http/problem.js';
import { submitJob } from '../jobs.js';
import type { JobQueue } from '../queue/queue.js';
import { jobSpecOf } from './job-executor.js';
import { bodyBytesAllowed, isComputing } from './admission.js';
import { replayedHeaders } from './compute.js';
import { sendAnswer, WORK_JOB_HEADER, type JobNeeded, type WorkAnswer, type WorkExecutor, type WorkRequest } from './spec.js';

/**
 * The main thread's half of a computing request when the server has worker threads: read the
 * body's bytes (BODY_LIMIT bounds them; nothing is parsed here), hand the request to the pool, and
 * write the answer. The pool answers a small request at once; for a large one it says so (after
 * checking its settings, so a wrong request is still refused at once) and the request is queued
 * as a job, whose run is the same request on the job threads.
 */

export interface OffloadDeps {
  readonly bodyLimit: number;
  /** Longest a synchronous answer may take; 0: no limit. */
  readonly timeoutMs: number;
  readonly jobs: JobQueue;
  /** The synchronous threads. */
  readonly run: WorkExecutor;
  readonly today: () => string;
}

export function offload(deps: OffloadDeps): RequestHandler {
  return async (req, res, next) => {
    if (!isComputing(req)) {
      next();
      return;
    }
    const request: WorkRequest = {
      method: req.method,
      url: req.originalUrl,
      headers: replayedHeaders(req.headers),
      body: await readRaw(req, bodyBytesAllowed(req, deps.bodyLimit)),
      today: deps.today(),
      requestId: requestIdOf(req),
      key: keyOf(req),
      mode: 'admit',
    };
    let answer: WorkAnswer;
    try {
      answer = await withTimeLimit(req, res, deps.timeoutMs, (signal) => deps.run(request, { signal }));
    } catch (error) {
      // The client went away and its work was stopped: no one to answer, nothing wrong to log.
      if (res.destroyed && !res.writableFinished) return;
      throw error;
    }
    if (answer.headers[WORK_JOB_HEADER] === undefined) {
      sendAnswer(res, answer);
      return;
    }
    const needed = JSON.parse(Buffer.from(answer.body).toString('utf8')) as JobNeeded;
    answer.release?.();
    await queueJob(req, res, deps, request, needed);
  };
}

/** Queues the request as a job in the store; the job threads run it later (`workJobExecutor`). */
async function queueJob(req: Request, res: Response, deps: OffloadDeps, request: WorkRequest, needed: JobNeeded): Promise<void> {
  await submitJob(req, res, deps.jobs, jobSpecOf(request, { key: request.key?.id ?? null, client: req.ip ?? 'unknown' }), needed);
}

/** Runs the work, stopped when it passes the time limit (503 WORK.TIMED_OUT) or when the client goes away. */
async function withTimeLimit<T>(req: Request, res: Response, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const gone = new AbortController();
  const onClose = (): void => {
    if (!res.writableFinished) gone.abort();
  };
  res.once('close', onClose);
  const signals = [gone.signal, ...(timeoutMs > 0 ? [AbortSignal.timeout(timeoutMs)] : [])];
  const signal = AbortSignal.any(signals);
  try {
    return await work(signal);
  } catch (error) {
    if (signal.aborted && !gone.signal.aborted) {
      throw new HttpProblem(
        'WORK.TIMED_OUT',
        `the computation took longer than this server's limit of ${timeoutMs / 1000} s (WORK_TIMEOUT_MS) and was stopped: ` +
          'send it with async=true to run it as a job',
      );
    }
    throw error;
  } finally {
    res.off('close', onClose);
    void req;
  }
}

/** The body's bytes as sent, at most `limitBytes` (413 beyond, the rest not read). */
async function readRaw(req: Request, limitBytes: number): Promise<Uint8Array> {
  const tooLarge = (): HttpProblem =>
    new HttpProblem(
      'PAYLOAD_TOO_LARGE',
      `the body is larger than this server's limit of ${limitBytes} bytes (BODY_LIMIT): send fewer applicants per request`,
    );
  return new Uint8Array(await collectBytes(req, limitBytes, tooLarge));
}
