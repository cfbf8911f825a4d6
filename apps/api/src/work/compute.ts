import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '@bagui/store';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../env.js';
import { actAs } from '../http/auth.js';
import { bodyReaders } from '../http/bodies.js';
import { problemHandler, unmatched } from '../http/errors.js';
import { JobQueue, jobQueueOptions } from '../queue/queue.js';
import { OPERATIONS } from '../openapi.js';
import { programmeAnalysisRoutes } from '../routes/programme-analysis.js';
import { FILE_FIELD, rdIncentiveRoutes } from '../routes/rd-incentive.js';
import { savedScenarioRoutes } from '../routes/saved-scenarios.js';
import { scenarioRoutes } from '../routes/scenarios.js';
import { markOffloaded } from './context.js';
import type { WorkAnswer, WorkControl, WorkRequest } from './spec.js';

/**
 * The work side of the seam: a `WorkRequest` answered by the very routes the API has, so that an
 * answer made in a worker thread is byte for byte the one the main thread would have made. The
 * request is replayed over HTTP on the loopback interface to an Express app that has only the
 * computing routes (no authentication, rate limit or CORS: the main thread did those), listening
 * on a port of its own in the thread that runs this module. A request reaches it only with the
 * one-time ticket `answerRequest` gave it.
 */

const TICKET_HEADER = 'bagui-work-ticket';

interface Ticket {
  readonly request: WorkRequest;
  readonly control: WorkControl;
}

/** The request's date (its `today`), for routes built once with a `today()`. */
const requestToday = new AsyncLocalStorage<string>();

export interface ComputeDeps {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
}

/** The computing routes, as the main app mounts them, for requests that carry a ticket. */
function computeApp(deps: ComputeDeps, tickets: Map<string, Ticket>): Express {
  const { config, store, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use((req, res, next) => {
    const ticket = tickets.get(String(req.headers[TICKET_HEADER]));
    if (ticket === undefined) {
      res.status(403).end();
      return;
    }
    const { request, control } = ticket;
    Object.assign(req, { id: request.requestId, log: logger.child({ reqId: request.requestId }) });
    if (request.key !== undefined) actAs(req, request.key);
    markOffloaded(req, {
      mode: request.mode,
      enter: async (phase) => {
        await control.enterPhase?.(phase);
      },
    });
    requestToday.run(request.today, next);
  });
  const today = (): string => {
    const day = requestToday.getStore();
    if (day === undefined) throw new Error('a replayed request lost its date');
    return day;
  };
  // Never started and never given a job here: in a worker, a request that must be a job is answered
  // "job needed" (jobs.ts) and the main thread queues it.
  const jobs = new JobQueue({ ...jobQueueOptions(config, store, logger), requeueAtStart: false });
  const bodies = bodyReaders(config.BODY_LIMIT, FILE_FIELD);
  const scenarioDeps = { config, jobs, bodies, store };
  app.use(
    '/v1',
    rdIncentiveRoutes({ config, jobs, today, bodies }),
    programmeAnalysisRoutes({ config, jobs, today, bodies }),
    savedScenarioRoutes(scenarioDeps),
    scenarioRoutes(scenarioDeps),
  );
  app.use(unmatched(OPERATIONS));
  app.use(problemHandler);
  return app;
}

/** The request headers not to replay: the hop's own, and the ticket (only `answerRequest` sets it). */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'expect', 'content-length', TICKET_HEADER]);

/** A request's headers as a `WorkRequest` carries them. */
export function replayedHeaders(headers: http.IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_HEADERS.has(name)) kept[name] = value;
  return kept;
}

export interface Answerer {
  readonly answer: (request: WorkRequest, control?: WorkControl) => Promise<WorkAnswer>;
  readonly close: () => Promise<void>;
}

/**
 * Answers `WorkRequest`s in this thread: the worker's task, and on the main thread an executor for
 * tests and for a server run without worker threads (WORK_THREADS=0).
 */
export function requestAnswerer(deps: ComputeDeps): Answerer {
  const tickets = new Map<string, Ticket>();
  const server = http.createServer(computeApp(deps, tickets));
  // The work is bounded by its caller's AbortSignal, not by the loopback server; and the one client's
  // idle connection is never closed under it (a close racing a reuse would fail the next request).
  server.requestTimeout = 0;
  server.keepAliveTimeout = 0;
  const agent = new http.Agent({ keepAlive: true });
  let listening: Promise<number> | undefined;
  const port = (): Promise<number> =>
    (listening ??= new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    }));

  async function answer(request: WorkRequest, control: WorkControl = {}): Promise<WorkAnswer> {
    const ticket = randomUUID();
    tickets.set(ticket, { request, control });
    try {
      const at = await port();
      return await new Promise<WorkAnswer>((resolve, reject) => {
        const out = http.request(
          {
            host: '127.0.0.1',
            port: at,
            method: request.method,
            path: request.url,
            agent,
            headers: { ...request.headers, [TICKET_HEADER]: ticket, 'content-length': String(request.body.byteLength) },
            ...(control.signal === undefined ? {} : { signal: control.signal }),
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              size += chunk.length;
            });
            res.once('error', reject);
            res.once('end', () => {
              const headers: Record<string, string | string[]> = {};
              for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = value;
              resolve({ status: res.statusCode ?? 500, headers, body: ownedBytes(chunks, size) });
            });
          },
        );
        out.once('error', reject);
        out.end(request.body);
      });
    } finally {
      tickets.delete(ticket);
    }
  }

  return {
    answer,
    close: async () => {
      agent.destroy();
      if (listening !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The chunks copied once into a buffer of their own (never a slice of Node's shared pool), so that
 * the worker can hand its `ArrayBuffer` to the main thread instead of having it cloned (worker.ts).
 */
function ownedBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
