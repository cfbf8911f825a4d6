import type { Store } from '@bagui/store';
import express, { type Router } from 'express';
import { authorize, writer } from '../http/auth.js';
import { JSON_TYPES, type BodyReaders } from '../http/bodies.js';
import { parseJsonExactly } from '../http/json.js';
import { HttpProblem } from '../http/problem.js';
import { storeProblem } from '../http/store-problems.js';
import { inBody, inParameters, parseWith, refuseBody, refuseQuery } from '../http/validation.js';
import { keyCreateRequestSchema, keyIdParamsSchema, keyListQuerySchema } from '../schemas/keys.js';

/** API keys, for admins: the same as `bagui keys list|create|revoke`, audited under the admin's key. */
export function keyRoutes(deps: { readonly store: Store; readonly bodies: BodyReaders }): Router {
  const router = express.Router();

  router.get('/keys', async (req, res) => {
    authorize(req, 'admin');
    const { active } = parseWith(keyListQuerySchema, req.query, inParameters, 'query string');
    res.json({ keys: await deps.store.keys.list({ active: active === 'true' }) });
  });

  router.post('/keys', async (req, res) => {
    const who = writer(req, 'admin');
    refuseQuery(req);
    if (!req.is(JSON_TYPES)) {
      throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'send {"role", "name"} as application/json');
    }
    const body = parseWith(keyCreateRequestSchema, parseJsonExactly(await deps.bodies.text(req)), inBody, 'request body');
    const created = await deps.store.keys.create({ role: body.role, ...(body.name === undefined ? {} : { name: body.name }) }, who);
    if (!created.ok) throw storeProblem(created, inBody, 'no key was made');
    res.status(201).setHeader('Cache-Control', 'no-store');
    res.json(created.value);
  });

  router.post('/keys/:id/revoke', async (req, res) => {
    const who = writer(req, 'admin');
    const { id } = parseWith(keyIdParamsSchema, req.params, inParameters, 'path');
    refuseQuery(req);
    await refuseBody(req, 'revoke takes no body', deps.bodies.text);
    const revoked = await deps.store.keys.revoke(id, who);
    if (!revoked.ok) throw storeProblem(revoked, inParameters, 'nothing was revoked');
    res.json(revoked.value);
  });

  return router;
}
