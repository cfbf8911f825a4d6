import type { ApiKey, Role, Store, WriteContext } from '@bagui/store';
import { hasRole } from '@bagui/store/roles';
import type { Request, RequestHandler } from 'express';
import { HttpProblem, requestIdOf } from './problem.js';

/**
 * API keys: `Authorization: Bearer KEY`, looked up in the store on every request (no cache, so a
 * key made or revoked by `bagui keys` or another instance counts at the next request). A header
 * that is present but not a valid, unrevoked key is refused with 401 on every route, whether the
 * route needs a key or not: a typo in a key must never pass unnoticed as an anonymous request.
 */

const CHALLENGE = 'Bearer realm="bagui"';

/** RFC 6750's b64token, after `Bearer` and one or more spaces. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/iu;

const verified = new WeakMap<Request, ApiKey>();

function invalidKey(detail: string, description: string): HttpProblem {
  return new HttpProblem('AUTH.INVALID_KEY', detail, [], {
    'WWW-Authenticate': `${CHALLENGE}, error="invalid_token", error_description="${description}"`,
  });
}

/** Checks the Authorization header of every request; the key, if valid, is what `keyOf` answers. */
export function authenticate(store: Store): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      next();
      return;
    }
    const secret = BEARER.exec(header)?.[1];
    if (secret === undefined) {
      next(
        invalidKey(
          'the Authorization header must be `Bearer KEY`, with the key `bagui keys create` printed: nothing was done',
          'not a Bearer key',
        ),
      );
      return;
    }
    store.keys.verify(secret).then(
      (result) => {
        if (result.ok) {
          verified.set(req, result.key);
          next();
        } else if (result.kind === 'revoked') {
          next(
            invalidKey(
              `the API key ${result.key.id} (${result.key.prefix}…) was revoked at ${result.key.revokedAt ?? 'an earlier time'}: ask an admin for a new one`,
              'the key was revoked',
            ),
          );
        } else {
          next(
            invalidKey(
              'no API key has this secret: check that it was copied whole (bagui keys list shows each key’s first characters)',
              'unknown key',
            ),
          );
        }
      },
      (error: unknown) => next(error),
    );
  };
}

/**
 * A replayed request acts as the key that made it: a job's (queue/computations.ts) or one handed to a
 * worker thread (work/compute.ts). A revoked key no longer counts.
 */
export function actAs(req: Request, key: ApiKey): void {
  if (key.revokedAt === null) verified.set(req, key);
}

/** The request's verified key, if it sent one. */
export const keyOf = (req: Request): ApiKey | undefined => verified.get(req);

const needs = (role: Role): string => (role === 'admin' ? 'an admin key' : `a key with the ${role} role or a stronger one`);

/** The request's key if its role includes `role`; else 401 (no key) or 403 (a weaker one). */
export function authorize(req: Request, role: Role): ApiKey {
  const key = verified.get(req);
  const what = `${req.method} ${req.baseUrl}${req.path}`;
  if (key === undefined) {
    throw new HttpProblem(
      'AUTH.REQUIRED',
      `${what} needs ${needs(role)}: send Authorization: Bearer KEY (an admin makes keys with bagui keys create)`,
      [],
      { 'WWW-Authenticate': CHALLENGE },
    );
  }
  if (!hasRole(key.role, role)) {
    throw new HttpProblem(
      'AUTH.FORBIDDEN',
      `${what} needs the ${role} role or a stronger one; the key ${key.id} is a ${key.role} key`,
      [],
      {
        'WWW-Authenticate': `${CHALLENGE}, error="insufficient_scope", scope="${role}"`,
      },
    );
  }
  return key;
}

/** Who writes (the key's id) and in answer to which request: what the audit entry records. */
export function writer(req: Request, role: Role): WriteContext {
  return { actor: authorize(req, role).id, requestId: requestIdOf(req) };
}

/** Before the stateless computations: open, unless AUTH_REQUIRED asks for a key (any role). */
export function openUnless(required: boolean): RequestHandler {
  return (req, _res, next) => {
    if (required) authorize(req, 'viewer');
    next();
  };
}
