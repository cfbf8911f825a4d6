import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';

/**
 * Every error the API answers is an RFC 9457 problem (`application/problem+json`) with a stable
 * `code`. This table is the one place where codes meet HTTP statuses: the domain's own codes
 * (`AMOUNT.TOO_MANY_DECIMALS`, `CSV.FIELD_COUNT`, …) appear in `errors[]`, each with where it
 * was found, under one of these.
 */
export const PROBLEMS = {
  'REQUEST.MALFORMED': { status: 400, title: 'The request cannot be read' },
  'REQUEST.INVALID': { status: 422, title: 'The request is invalid' },
  'AUTH.REQUIRED': { status: 401, title: 'An API key is required' },
  'AUTH.INVALID_KEY': { status: 401, title: 'The API key is not valid' },
  'AUTH.FORBIDDEN': { status: 403, title: 'The API key’s role does not allow this' },
  'ORIGIN.FORBIDDEN': { status: 403, title: 'Cross-site requests are not allowed from this origin' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  'JOB.NOT_FOUND': { status: 404, title: 'No such job' },
  'PROGRAMME.NOT_FOUND': { status: 404, title: 'No such programme' },
  'SCENARIO.NOT_FOUND': { status: 404, title: 'No such scenario' },
  'SCENARIO.REVISION_NOT_FOUND': { status: 404, title: 'No such revision' },
  'DATASET.NOT_FOUND': { status: 404, title: 'No such data set' },
  'KEY.NOT_FOUND': { status: 404, title: 'No such API key' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this resource' },
  NOT_ACCEPTABLE: { status: 406, title: 'No answer in an accepted format' },
  'SCENARIO.READ_ONLY': { status: 405, title: 'Built-in scenarios are read-only' },
  'JOB.NOT_FINISHED': { status: 409, title: 'The job has not finished' },
  'JOB.FINISHED': { status: 409, title: 'The job has finished' },
  'JOB.CANCELLED': { status: 409, title: 'The job was cancelled' },
  'IDEMPOTENCY_KEY.REUSED': { status: 422, title: 'The Idempotency-Key was used for another request' },
  'SCENARIO.ARCHIVED': { status: 409, title: 'The scenario is archived' },
  'PRECONDITION.FAILED': { status: 412, title: 'The scenario has changed since the ETag given' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  'REQUEST.HEADERS_TOO_LARGE': { status: 431, title: 'The request headers are too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  'PRECONDITION.REQUIRED': { status: 428, title: 'If-Match is required' },
  'WORK.TOO_LARGE': { status: 422, title: 'The request asks for more work than this server allows' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  'WORK.BUSY': { status: 429, title: 'Too many computations at once from this client' },
  'JOBS.QUOTA': { status: 429, title: 'Too many jobs queued or running' },
  INTERNAL: { status: 500, title: 'Internal error' },
  NOT_READY: { status: 503, title: 'The service is not ready' },
  'JOBS.FULL': { status: 503, title: 'The job queue is full' },
  'WORK.TIMED_OUT': { status: 503, title: 'The computation took longer than the server allows' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** One thing wrong with the input, and where: a JSON pointer, a query or form parameter, or a line and column. */
export interface ProblemDetail {
  readonly code: string;
  readonly message: string;
  /** RFC 6901 JSON pointer into the request body, as a URI fragment: `#/enterprises/3/revenue`. */
  readonly pointer?: string;
  /** A query parameter or form field: `budget`, `set`. */
  readonly parameter?: string;
  /** Within a parameter: the override's path and any index, e.g. `["rd_incentive.increment.tiers_above", 0, "rate"]`. */
  readonly path?: readonly (string | number)[];
  /** 1-based line in a CSV file (the header is line 1) or in a JSON body; in an XLSX sheet, the row. */
  readonly line?: number;
  /** CSV: the column's header; JSON: the 1-based column. */
  readonly column?: string | number;
  /** The offending value as written. */
  readonly value?: string;
  /** XLSX: the sheet read. */
  readonly sheet?: string;
  /** XLSX: the cell, with its sheet: `Sheet1!D7`. */
  readonly cell?: string;
}

/** An answer that is a problem: thrown by handlers, turned into a response by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors: readonly ProblemDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  get status(): number {
    return PROBLEMS[this.code].status;
  }
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request's path; absent when the request could not be parsed. */
  readonly instance?: string;
  readonly code: ProblemCode;
  readonly request_id: string;
  readonly errors?: readonly ProblemDetail[];
}

function problemType(code: ProblemCode): string {
  return `urn:bagui:problem:${code}`;
}

export function problemBody(problem: HttpProblem, instance: string | undefined, requestId: string): ProblemBody {
  const { status, title } = PROBLEMS[problem.code];
  return {
    type: problemType(problem.code),
    title,
    status,
    detail: problem.detail,
    ...(instance === undefined ? {} : { instance }),
    code: problem.code,
    request_id: requestId,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
  };
}

/**
 * The request's id as a string. app.ts's genReqId makes every id a string (the client's X-Request-Id or a
 * UUID); pino-http types it `number | string | object`, so it is printed as JavaScript prints it.
 */
export function requestIdOf(req: IncomingMessage): string {
  const id: unknown = req.id;
  return String(id);
}

export function sendProblem(res: Response, problem: HttpProblem): void {
  const req = res.req;
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(problem, req.originalUrl, requestIdOf(req))));
}

/** `["enterprises", 3, "revenue"]` → `#/enterprises/3/revenue` (RFC 6901, as a URI fragment). */
export function jsonPointer(path: readonly (string | number)[]): string {
  const escaped = path.map((key) => encodeURIComponent(String(key).replaceAll('~', '~0').replaceAll('/', '~1')));
  return `#${escaped.map((key) => `/${key}`).join('')}`;
}
