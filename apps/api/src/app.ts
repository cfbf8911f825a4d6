import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENGINE_VERSION } from '@bagui/core/version';
import type { Store } from '@bagui/store';
import cors from 'cors';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { Config } from './env.js';
import { authenticate, openUnless } from './http/auth.js';
import { bodyReaders, INPUT_SHA256_HEADER } from './http/bodies.js';
import { requireHost } from './http/client-error.js';
import { options, problemHandler, unmatched } from './http/errors.js';
import { HttpProblem, sendProblem } from './http/problem.js';
import { webApp } from './http/web-app.js';
import { engineVersion, ENGINE_VERSION_HEADER, PARAMETERS_VERSION_HEADER } from './http/versions.js';
import { OPERATIONS, openApiDocument } from './openapi.js';
import { computationApp } from './queue/computations.js';
import type { JobExecutor } from './queue/executor.js';
import { inProcessExecutor } from './queue/in-process.js';
import { JobQueue, jobQueueOptions } from './queue/queue.js';
import { jobRoutes } from './routes/jobs.js';
import { auditRoutes } from './routes/audit.js';
import { datasetRoutes } from './routes/datasets.js';
import { keyRoutes } from './routes/keys.js';
import { programmeAnalysisRoutes } from './routes/programme-analysis.js';
import { programmeRoutes } from './routes/programmes.js';
import { FILE_FIELD, rdIncentiveRoutes } from './routes/rd-incentive.js';
import { savedScenarioRoutes } from './routes/saved-scenarios.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { refuseCrossSite } from './http/origin.js';
import { limitConcurrentWork, refuseLargeBody } from './work/admission.js';
import { workJobExecutor } from './work/job-executor.js';
import { offload } from './work/offload.js';
import type { WorkExecutor } from './work/spec.js';

export interface AppDeps {
  readonly config: Config;
  /** The database: saved scenarios, data sets, the result cache, the audit log, API keys. `server.ts` opens it. */
  readonly store: Store;
  /** Default: JSON logs to stdout at config.LOG_LEVEL. */
  readonly logger?: Logger;
  /** The jobs queue, in the store. Default: one with the config's settings (`server.ts` makes it, to start and stop it). */
  readonly jobs?: JobQueue;
  /**
   * What computes a job from its spec, as the synchronous request would have been answered.
   * Default: on the pool's job threads when `work` is given (work/job-executor.ts), else in this process, by the same routes (queue/in-process.ts).
   */
  readonly executor?: JobExecutor;
  /** Today's date, YYYY-MM-DD: the default date of parameters. Default: the server's local date. */
  readonly today?: () => string;
  /** False while the server shuts down, so that /ready sends load balancers elsewhere. */
  readonly isReady?: () => boolean;
  /**
   * Where the computing routes run: worker threads (`server.ts` gives a `WorkPool`). Default: on
   * the main thread, as the routes are mounted here (tests, embedding).
   */
  readonly work?: { readonly run: WorkExecutor; readonly runJob: WorkExecutor };
}

/** A request id: the client's `X-Request-Id` when it is a sensible token, else a new UUID. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/u;

/** The whole API as an Express app; `server.ts` only reads the configuration and listens. */
export function createApp(deps: AppDeps): Express {
  const { config, store } = deps;
  const logger = deps.logger ?? pino({ level: config.LOG_LEVEL });
  const jobs = deps.jobs ?? new JobQueue({ ...jobQueueOptions(config, store, logger), requeueAtStart: false });
  const isReady = deps.isReady ?? (() => true);
  const startedAt = Date.now();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
    }),
  );
  app.use(requireHost);
  // TLS ends at the proxy in front; upgrading requests would break the docs page on plain http.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(engineVersion);
  if (config.CORS_ORIGINS.length > 0) {
    app.use(
      cors({
        origin: config.CORS_ORIGINS,
        exposedHeaders: [
          ENGINE_VERSION_HEADER,
          PARAMETERS_VERSION_HEADER,
          INPUT_SHA256_HEADER,
          'Content-Disposition',
          'X-Request-Id',
          'Location',
          'ETag',
          'WWW-Authenticate',
          'Bagui-Result-Cache',
          'Retry-After',
          'RateLimit',
          'RateLimit-Policy',
        ],
        maxAge: 600,
        methods: routeMethods(OPERATIONS),
      }),
    );
  }

  app.use(options(OPERATIONS));
  // A browser on another site may not make this server compute or change anything (the planner, same origin, may).
  app.use(refuseCrossSite(config.CORS_ORIGINS));
  // Before the key check, so that a flood of wrong keys is limited like any other.
  if (config.RATE_LIMIT_MAX > 0) {
    app.use(
      rateLimit({
        windowMs: config.RATE_LIMIT_WINDOW_MS,
        limit: config.RATE_LIMIT_MAX,
        standardHeaders: 'draft-8',
        // Probes are never limited.
        skip: (req) => req.path === '/health' || req.path === '/ready',
        legacyHeaders: false,
        handler: (_req, res) => {
          sendProblem(
            res,
            new HttpProblem(
              'RATE_LIMITED',
              `at most ${config.RATE_LIMIT_MAX} requests per ${config.RATE_LIMIT_WINDOW_MS / 1000} s from one client: ` +
                `retry after ${String(res.getHeader('Retry-After'))} s`,
            ),
          );
        },
      }),
    );
  }

  // From the headers alone, before a byte of a body too large is read.
  app.use(refuseLargeBody(config.BODY_LIMIT));
  // Every request's Authorization, on every route: a key that is not valid is refused, never ignored.
  app.use(authenticate(store));
  app.use(limitConcurrentWork(config.SYNC_CONCURRENCY_PER_CLIENT));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', engine_version: ENGINE_VERSION, uptime_seconds: (Date.now() - startedAt) / 1000 });
  });
  app.get('/ready', (_req, res) => {
    if (!isReady()) throw new HttpProblem('NOT_READY', 'the server is shutting down: send requests to another instance');
    res.json({ status: 'ready' });
  });

  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // The page's links are relative: they resolve only under /docs/.
  app.get('/docs', (req, res, next) => {
    if (req.originalUrl === '/docs') res.redirect(301, '/docs/');
    else next();
  });
  const docsOptions = { customSiteTitle: 'Bagui API', swaggerOptions: { validatorUrl: null } };
  // The page at /docs/ only, its assets beside it; anything else under /docs/ falls through to a 404 problem.
  app.use('/docs', swaggerUi.serveFiles(document, docsOptions));
  app.get(['/docs/', '/docs/index.html'], swaggerUi.setup(document, docsOptions));

  const today = deps.today ?? localToday;
  const bodies = bodyReaders(config.BODY_LIMIT, FILE_FIELD);
  const scenarioDeps = { config, jobs, bodies, store };
  // The routes that may answer as a job: a job's request is answered again by them (queue/computations.ts).
  const computations = [
    rdIncentiveRoutes({ config, jobs, today, bodies }),
    programmeAnalysisRoutes({ config, jobs, today, bodies }),
    savedScenarioRoutes(scenarioDeps),
    scenarioRoutes(scenarioDeps),
  ];
  // Jobs run where the computing routes run: on the pool's job threads when there is a pool.
  if (deps.executor !== undefined) jobs.useExecutor(deps.executor);
  else if (deps.work !== undefined) jobs.useExecutor(workJobExecutor(deps.work.runJob, store, today));
  else {
    const inProcess = inProcessExecutor(computationApp(computations, store, logger));
    jobs.useExecutor(inProcess.execute, inProcess.close);
  }
  app.use(
    '/v1',
    // The stateless computations are open unless AUTH_REQUIRED; what is kept needs its role (each route checks).
    openUnless(config.AUTH_REQUIRED),
    // With worker threads, the computing routes below are answered there (work/offload.ts).
    ...(deps.work === undefined
      ? []
      : [
          offload({
            bodyLimit: config.BODY_LIMIT,
            timeoutMs: config.WORK_TIMEOUT_MS,
            jobs,
            run: deps.work.run,
            today,
          }),
        ]),
    programmeRoutes({ today }),
    ...computations,
    datasetRoutes({ store, bodies }),
    auditRoutes(store),
    keyRoutes({ store, bodies }),
    jobRoutes(jobs),
  );

  // The scenario planner's files at `/`; unknown /v1 paths fall through to problem+json.
  app.use(webApp(config.WEB_DIR));
  app.use(unmatched(OPERATIONS));
  app.use(problemHandler);
  return app;
}

/** The methods some route answers (HEAD with GET): what a CORS preflight may be allowed, and nothing no route has. */
export function routeMethods(routes: readonly { readonly method: string }[]): string[] {
  const methods = routes.flatMap((route) => (route.method === 'get' ? ['GET', 'HEAD'] : [route.method.toUpperCase()]));
  return [...new Set(methods)];
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
