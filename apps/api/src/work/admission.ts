import type { Request, RequestHandler } from 'express';
import type { Config } from '../env.js';
import { keyOf } from '../http/auth.js';
import { HttpProblem, type ProblemDetail } from '../http/problem.js';

/**
 * Admission by cost: what a request asks for is counted before it is computed — applicants ×
 * evaluations, generated applicants included — and refused whole when it passes the server's
 * limits; what is larger than a synchronous answer should be becomes a job whatever `async` says;
 * and one client has at most SYNC_CONCURRENCY_PER_CLIENT computations running at once.
 */

export type WorkLimits = Pick<Config, 'ASYNC_THRESHOLD' | 'SYNC_WORK_MAX' | 'WORK_MAX' | 'REFORMS_MAX' | 'SWEEP_POINTS_MAX'>;

/** A request's work, as the route counts it once the settings are read (before any applicant is). */
export interface WorkSize {
  /** Applicants in the request (rows of the file, records, generated counts). */
  readonly applicants: number;
  /** Evaluations of them (1 + reforms, × methods; a sweep's points). */
  readonly evaluations: number;
  /** A comparison's reforms. */
  readonly reforms?: number | undefined;
  /** A sweep's points. */
  readonly points?: number | undefined;
  /** The request's `async`. */
  readonly async: 'true' | 'false' | undefined;
}

/**
 * A request with more evaluations than one runs as a job when applicants × evaluations passes
 * this many times ASYNC_THRESHOLD (one evaluation of ASYNC_THRESHOLD applicants already does): a
 * sweep's points after the first cost a fraction of the first, whose reading of the applicants dominates.
 */
const WORK_FACTOR = 20;

const units = (work: WorkSize): number => work.applicants * Math.max(1, work.evaluations);

/** Throws WORK.TOO_LARGE (422), every limit passed named with its value, when the request asks for too much. */
export function admitWork(work: WorkSize, limits: WorkLimits): void {
  const problems: ProblemDetail[] = [];
  if (work.reforms !== undefined && work.reforms > limits.REFORMS_MAX) {
    problems.push({
      code: 'LIMIT.REFORMS',
      message: `${work.reforms} reforms, more than this server's limit of ${limits.REFORMS_MAX} per comparison (REFORMS_MAX): split them over several requests`,
      value: String(work.reforms),
    });
  }
  if (work.points !== undefined && work.points > limits.SWEEP_POINTS_MAX) {
    problems.push({
      code: 'LIMIT.SWEEP_POINTS',
      message: `${work.points} sweep points, more than this server's limit of ${limits.SWEEP_POINTS_MAX} per sweep (SWEEP_POINTS_MAX): take a larger step or split the range`,
      value: String(work.points),
    });
  }
  if (units(work) > limits.WORK_MAX) {
    problems.push({
      code: 'LIMIT.WORK',
      message:
        `${work.applicants} applicants × ${work.evaluations} evaluations = ${units(work)}, more than this server's limit of ` +
        `${limits.WORK_MAX} per request (WORK_MAX): send fewer applicants, reforms or points per request`,
      value: String(units(work)),
    });
  }
  if (problems.length > 0) {
    throw new HttpProblem('WORK.TOO_LARGE', 'the request asks for more work than this server allows; nothing was computed', problems);
  }
}

/**
 * Whether the work runs as a job: always beyond SYNC_WORK_MAX (`async=false` cannot keep it
 * synchronous); else as `async` says; else when it is large (ASYNC_THRESHOLD).
 */
export function runsAsJob(work: WorkSize, limits: WorkLimits): boolean {
  if (units(work) > limits.SYNC_WORK_MAX) return true;
  if (work.async !== undefined) return work.async === 'true';
  return work.applicants > limits.ASYNC_THRESHOLD || units(work) > limits.ASYNC_THRESHOLD * WORK_FACTOR;
}

/** The computing routes, under /v1: evaluate, compare, sweep of a programme; run and compare of scenarios. */
const COMPUTING =
  /^\/v1\/(?:programmes\/[^/]+\/(?:evaluate|compare|sweep)|scenarios\/(?:run|compare|[^/]+\/run|[^/]+\/revisions\/[^/]+\/run))\/?$/u;

/** Whether a request is one of the computing routes (which run in the worker threads). */
export const isComputing = (req: Request): boolean => req.method === 'POST' && COMPUTING.test(req.baseUrl + req.path);

/**
 * An upload form carries, besides its file of at most BODY_LIMIT, up to 32 text fields of 64 KiB
 * (http/bodies.ts) and its boundaries: what its whole body may add to the limit.
 */
const FORM_ALLOWANCE_BYTES = 3 * 1024 * 1024;

/** The most bytes a request's body may have: BODY_LIMIT, and for an upload form its fields besides. */
export function bodyBytesAllowed(req: Request, limitBytes: number): number {
  return typeof req.is('multipart/form-data') === 'string' ? limitBytes + FORM_ALLOWANCE_BYTES : limitBytes;
}

/** 413 from the headers alone, before any of the body is read, when Content-Length passes BODY_LIMIT. */
export function refuseLargeBody(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > bodyBytesAllowed(req, limitBytes)) {
      next(
        new HttpProblem(
          'PAYLOAD_TOO_LARGE',
          `the body is ${length} bytes (Content-Length), larger than this server's limit of ${limitBytes} bytes (BODY_LIMIT): ` +
            'send fewer applicants per request, or compress the body (Content-Encoding: gzip)',
        ),
      );
      return;
    }
    next();
  };
}

/** Who a computation counts against: the API key, else the client's address. */
const clientOf = (req: Request): string => {
  const key = keyOf(req);
  return key === undefined ? `ip:${req.ip ?? 'unknown'}` : `key:${key.id}`;
};

/**
 * At most `limit` computing requests running at once per client (from the first byte read to the
 * answer's end); the next gets 429 WORK.BUSY with Retry-After. A request that becomes a job counts
 * only until its 202.
 */
export function limitConcurrentWork(limit: number, retryAfterSeconds = 1): RequestHandler {
  const running = new Map<string, number>();
  return (req, res, next) => {
    if (!isComputing(req)) {
      next();
      return;
    }
    const client = clientOf(req);
    const now = running.get(client) ?? 0;
    if (now >= limit) {
      next(
        new HttpProblem(
          'WORK.BUSY',
          `this client already has ${now} computations running, the limit (SYNC_CONCURRENCY_PER_CLIENT=${limit}): ` +
            `wait for one to finish, retry after ${retryAfterSeconds} s, or send large ones with async=true`,
          [],
          { 'Retry-After': String(retryAfterSeconds) },
        ),
      );
      return;
    }
    running.set(client, now + 1);
    res.once('close', () => {
      const left = (running.get(client) ?? 1) - 1;
      if (left > 0) running.set(client, left);
      else running.delete(client);
    });
    next();
  };
}
