import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpProblem, PROBLEMS, sendProblem, type ProblemCode } from './problem.js';

/** Statuses that libraries (body parsing, routing) signal, as our problem codes. */
const BY_STATUS: Readonly<Record<number, ProblemCode>> = {
  400: 'REQUEST.MALFORMED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'REQUEST.INVALID',
};

/** Any error as a problem. What is not an expected one is INTERNAL, and says nothing of its cause. */
function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    const code = BY_STATUS[error.status] ?? (error.status >= 400 && error.status < 500 ? 'REQUEST.MALFORMED' : undefined);
    if (code !== undefined) {
      const exposed = 'expose' in error && error.expose === true && error instanceof Error;
      return new HttpProblem(code, exposed ? error.message : PROBLEMS[code].title);
    }
  }
  return new HttpProblem('INTERNAL', 'the server failed on an internal error: quote the request_id when you report it');
}

/** The last handler: every error leaves as problem+json, and no stack trace ever leaves the server. */
export const problemHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.code === 'INTERNAL') {
    req.log.error({ err: error }, 'internal error');
  }
  if (res.headersSent) {
    // A streamed answer failed midway: cutting the connection is the only honest signal left.
    res.destroy();
    return;
  }
  if (!req.complete) {
    // Do not read the rest of a body that is too large; otherwise drain it to keep the connection usable.
    if (problem.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
    else req.resume();
  }
  sendProblem(res, problem);
};

type Routes = readonly { readonly method: string; readonly path: string }[];

/** The methods the routes answer at a request path (HEAD with GET), none for an unknown path. */
function allowedMethods(routes: Routes): (path: string) => string[] {
  const templates = routes.map((route) => ({
    method: route.method.toUpperCase(),
    literal: !route.path.includes('{'),
    pattern: new RegExp(`^${route.path.replace(/[.]/gu, '\\.').replace(/\{[^}]+\}/gu, '[^/]+')}/?$`, 'u'),
  }));
  return (path) => {
    const matching = templates.filter((t) => t.pattern.test(path));
    // A literal path wins over a template it also fits: /v1/scenarios/run is not the scenario "run".
    const exact = matching.some((t) => t.literal) ? matching.filter((t) => t.literal) : matching;
    const allowed = [...new Set(exact.map((t) => t.method))];
    return allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
  };
}

/**
 * OPTIONS on a known path: 204 with `Allow`, the same on every path (Express would answer some
 * itself, in text, and leave others to a 405). A CORS preflight is answered before, by cors.
 */
export function options(routes: Routes): RequestHandler {
  const allowedAt = allowedMethods(routes);
  return (req, res, next) => {
    const allowed = req.method === 'OPTIONS' ? allowedAt(req.path) : [];
    if (allowed.length === 0) {
      next();
      return;
    }
    res.setHeader('Allow', [...allowed, 'OPTIONS'].join(', '));
    res.status(204).end();
  };
}

/** After every route: a known path with another method is 405 (with Allow), anything else 404. */
export function unmatched(routes: Routes): RequestHandler {
  const allowedAt = allowedMethods(routes);
  return (req, _res, next) => {
    const allow = allowedAt(req.path);
    if (allow.length > 0) {
      next(
        new HttpProblem('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}: use ${allow.join(' or ')}`, [], {
          Allow: allow.join(', '),
        }),
      );
      return;
    }
    next(new HttpProblem('NOT_FOUND', `there is nothing at ${req.path}: the routes are listed in /openapi.json and at /docs`));
  };
}
