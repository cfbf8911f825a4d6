import type { Request, RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

/**
 * Cross-site requests: a browser on another site must not make this server compute or change
 * anything with its visitor's network position or key. A request that changes or computes
 * (anything but GET, HEAD and OPTIONS) is refused with 403 ORIGIN.FORBIDDEN when its `Origin` is
 * neither the server's own origin (the planner it serves) nor one of `allowed` (CORS_ORIGINS), or
 * when it has no `Origin` but the browser says `Sec-Fetch-Site: cross-site`. A request without
 * either (curl, another system's client) is not a browser's, and passes.
 */

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin the request was sent to, as a browser on the same site would write it. */
const ownOrigin = (req: Request): string => `${req.protocol}://${req.host}`;

export function refuseCrossSite(allowed: readonly string[]): RequestHandler {
  const origins = new Set(allowed);
  return (req, _res, next) => {
    if (SAFE.has(req.method)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (origin === undefined ? site !== 'cross-site' : origins.has(origin) || origin === ownOrigin(req)) {
      next();
      return;
    }
    const from = origin === undefined ? 'another site (Sec-Fetch-Site: cross-site)' : `the origin ${origin}`;
    next(
      new HttpProblem(
        'ORIGIN.FORBIDDEN',
        `a ${req.method} from ${from} is refused: only the server's own pages and the origins in CORS_ORIGINS ` +
          `(${allowed.length === 0 ? 'none' : allowed.join(', ')}) may send one from a browser`,
      ),
    );
  };
}
