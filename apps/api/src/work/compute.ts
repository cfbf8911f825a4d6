import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { Socket } from 'node:net';
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
 * request is handed, in memory, to an Express app that has only the computing routes (no
 * authentication, rate limit or CORS: the main thread did those), as a Node `IncomingMessage`
 * carrying the body's bytes and a `ServerResponse` that keeps what the route writes instead of
 * sending it (`KeptResponse`): the same routes, middleware and bytes as over HTTP, without a
 * socket, an HTTP parser or a copy of the answer through the kernel.
 */

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

/** The computing routes, as the main app mounts them, for the requests `requestAnswerer` hands them. */
function computeApp(deps: ComputeDeps, tickets: WeakMap<http.IncomingMessage, Ticket>): Express {
  const { config, store, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.use((req, res, next) => {
    const ticket = tickets.get(req);
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

/** The request headers not to replay: the hop's own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'expect', 'content-length']);

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
  const tickets = new WeakMap<http.IncomingMessage, Ticket>();
  const app = computeApp(deps, tickets);

  function answer(request: WorkRequest, control: WorkControl = {}): Promise<WorkAnswer> {
    const { signal } = control;
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    const req = incoming(request);
    tickets.set(req, { request, control });
    const kept = keptResponse(req);
    const { res } = kept;
    return new Promise<WorkAnswer>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal?.reason as Error);
        // As a client that goes away: the route sees its request aborted and its response destroyed.
        req.destroy();
        res.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      res.once('finish', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(kept.answer(control.into));
      });
      app(req as express.Request, res as unknown as express.Response);
    });
  }

  return { answer, close: async () => undefined };
}

/** The peer a handed request appears to come from, as it did over the loopback interface. */
const LOCAL_PEER = '127.0.0.1';

/** The request as Node's HTTP server would have parsed it: HTTP/1.1, the headers as sent, the body's bytes then its end. */
function incoming(request: WorkRequest): http.IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: LOCAL_PEER });
  const req = new http.IncomingMessage(socket);
  req.method = request.method;
  req.url = request.url;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  const headers: http.IncomingHttpHeaders = { ...request.headers, 'content-length': String(request.body.byteLength) };
  req.headers = headers;
  req.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    Array.isArray(value) ? value.flatMap((v: string) => [name, v]) : [name, String(value)],
  );
  if (request.body.byteLength > 0) req.push(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
  req.push(null);
  req.complete = true;
  return req;
}

type Callback = (error?: Error | null) => void;

interface Kept {
  readonly res: http.ServerResponse;
  /** The answer kept: status, headers (names in lower case, values as text) and the body in one buffer of its own, or in `into` when it fits. */
  answer(into?: Uint8Array): WorkAnswer;
}

/**
 * A response that keeps its status, headers and body's bytes instead of sending them: what a route
 * writes (`write`, `end`, a stream piped in) is kept as it comes, then copied once into a buffer of
 * its own (`answer`). Headers are "sent" with the first write, as over a socket, so `headersSent`
 * reads as it would. `write` and `end` are the response's own properties, not a subclass's methods:
 * Express gives the response its own prototype when it takes it.
 */
function keptResponse(req: http.IncomingMessage): Kept {
  const res = new http.ServerResponse(req);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const keep = (chunk: unknown, encoding: BufferEncoding | undefined): void => {
    if (!res.headersSent) res.writeHead(res.statusCode);
    if (chunk === undefined || chunk === null) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : (chunk as Uint8Array);
    chunks.push(bytes);
    size += bytes.byteLength;
  };
  const write = (chunk: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): boolean => {
    const [enc, done] = typeof encoding === 'function' ? [undefined, encoding] : [encoding, callback];
    if (res.writableEnded || res.destroyed) {
      if (done !== undefined) process.nextTick(done, new Error('write after end'));
      return false;
    }
    keep(chunk, enc);
    if (done !== undefined) process.nextTick(done);
    return true;
  };
  const end = (chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback): http.ServerResponse => {
    if (typeof chunk === 'function') return end(undefined, undefined, chunk as Callback);
    const [enc, done] = typeof encoding === 'function' ? [undefined, encoding] : [encoding, callback];
    if (res.writableEnded) return res;
    keep(chunk, enc);
    res.finished = true;
    if (done !== undefined) res.once('finish', done);
    process.nextTick(() => {
      res.emit('prefinish');
      res.emit('finish');
      res.emit('close');
    });
    return res;
  };
  Object.assign(res, { write, end });
  return {
    res,
    answer: (into) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String) : String(value);
      }
      return { status: res.statusCode, headers, body: ownedBytes(chunks, size, into) };
    },
  };
}

/**
 * The chunks copied once into a buffer of their own (never a slice of Node's shared pool), so that
 * the worker can hand its `ArrayBuffer` to the main thread instead of having it cloned (worker.ts);
 * or into the start of `into` (memory the main thread lends, pool.ts) when they fit there.
 */
function ownedBytes(chunks: readonly Uint8Array[], size: number, into?: Uint8Array): Uint8Array {
  const body = into !== undefined && size <= into.length ? into.subarray(0, size) : new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}
