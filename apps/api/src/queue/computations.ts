import type { Store } from '@bagui/store';
import express, { type Express, type Router } from 'express';
import type { Logger } from 'pino';
import { actAs } from '../http/auth.js';
import { problemHandler } from '../http/errors.js';
import { HttpProblem } from '../http/problem.js';
import { replayOf } from './in-process.js';

/**
 * The app that answers a job's replayed request (see in-process.ts): the computation routes
 * alone, as the key that made the job (checked again: a key revoked meanwhile no longer counts),
 * with the job's request id in their logs and problems.
 */
export function computationApp(routers: readonly Router[], store: Store, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => {
    const replay = replayOf(req);
    if (replay === undefined) {
      next(new HttpProblem('NOT_FOUND', 'only a job is answered here'));
      return;
    }
    const { spec } = replay;
    req.id = spec.requestId;
    req.log = logger.child({ reqId: spec.requestId, job: true });
    if (spec.caller.key === null) {
      next();
      return;
    }
    store.keys.get(spec.caller.key).then((key) => {
      if (key === undefined || key.revokedAt !== null) {
        next(new HttpProblem('AUTH.INVALID_KEY', `the API key ${spec.caller.key ?? ''} that made this job was revoked before it ran`));
        return;
      }
      actAs(req, key);
      next();
    }, next);
  });
  app.use('/v1', ...routers);
  app.use((_req, _res, next) => {
    next(new HttpProblem('NOT_FOUND', 'the job’s request matches no computation'));
  });
  app.use(problemHandler);
  return app;
}
