import type { Store } from '@bagui/store';
import express, { type Router } from 'express';
import { authorize } from '../http/auth.js';
import { storeProblem } from '../http/store-problems.js';
import { inParameters, parseWith } from '../http/validation.js';
import { auditQuerySchema } from '../schemas/audit.js';

/** The audit log, newest first, filtered and paged: for admins. Nothing can change or delete an entry. */
export function auditRoutes(store: Store): Router {
  const router = express.Router();
  router.get('/audit', async (req, res) => {
    authorize(req, 'admin');
    const filter = parseWith(auditQuerySchema, req.query, inParameters, 'query string');
    const page = await store.audit.list(filter);
    if (!page.ok) throw storeProblem(page, inParameters, 'nothing was listed');
    res.json({ entries: page.value.items, next: page.value.next });
  });
  return router;
}
