import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The scenario planner (apps/web), served as static files from a directory (config WEB_DIR) at `/`:
 * no import of the web app's code, only its built files. Paths of the API itself (`/v1/…`, `/docs`,
 * `/openapi.json`, `/health`, `/ready`) are never the planner's: an unknown `/v1/…` path still gets
 * problem+json. Any other GET is the planner's own route (`/programme/rd_incentive`) and gets its
 * page, except a missing file under `/assets/`, which is a 404 problem rather than a page. Without a
 * built planner in WEB_DIR, nothing changes: every unknown path is the API's 404.
 */

const API_PATHS = /^\/(?:v1|docs|openapi\.json|health|ready)(?:\/|$)/u;

/**
 * The planner's content policy: its own scripts and its Web Worker only; inline style attributes
 * (React's and the charts'); data: and blob: images (chart PNGs, downloads); calls to this origin only.
 */
const PLANNER_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  upgradeInsecureRequests: null,
};

export function webApp(dir: string): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  const policy = helmet.contentSecurityPolicy({ directives: PLANNER_CSP });
  const files = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      // Vite names built assets by content hash: they never change under the same name.
      if (path.includes(`${join(dir, 'assets')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const planner: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) {
      next();
      return;
    }
    policy(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(error);
        return;
      }
      files(req, res, () => {
        if (req.path.startsWith('/assets/')) {
          next();
          return;
        }
        // Not built (e.g. only the API was built): the API answers as it would without a planner.
        if (!existsSync(index)) {
          next();
          return;
        }
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(index);
      });
    });
  };
  router.use(planner);
  return router;
}
