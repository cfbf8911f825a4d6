import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext, JobExecutor, JobSpec } from './executor.js';

/**
 * The default executor: a job is answered in this process by the same routes that answer the
 * synchronous request, so a job's answer is, byte for byte, the one the request would have had.
 * The spec is replayed as an HTTP request over a Unix socket in a private folder (mode 0700) to
 * `computations` — the computation routes alone, without the public app's limits — so that the
 * answer streams out as it is written, never held whole. The phase reports and the abort signal
 * travel beside it, by a one-use token.
 */

const RUN_HEADER = 'bagui-job-run';

/** The spec and context of the replayed request being answered, for the routes (see `replayOf`). */
export interface Replay {
  readonly spec: JobSpec;
  readonly context: JobContext;
}

const replays = new WeakMap<IncomingMessage, Replay>();

/** The job a request replays, when it is one: its route then answers at once, reporting phases. */
export const replayOf = (req: IncomingMessage): Replay | undefined => replays.get(req);

export interface InProcessExecutor {
  readonly execute: JobExecutor;
  /** Stops listening and removes the socket's folder. */
  close(): Promise<void>;
}

export function inProcessExecutor(computations: RequestListener): InProcessExecutor {
  const pending = new Map<string, Replay>();
  let listening: Promise<string> | undefined;
  let folder: string | undefined;
  const server = http.createServer((req, res) => {
    const token = req.headers[RUN_HEADER];
    const replay = typeof token === 'string' ? pending.get(token) : undefined;
    if (replay === undefined) {
      res.writeHead(403).end();
      return;
    }
    pending.delete(String(token));
    replays.set(req, replay);
    computations(req, res);
  });
  server.unref();

  const socket = (): Promise<string> => {
    listening ??= new Promise<string>((resolve, reject) => {
      folder = mkdtempSync(join(tmpdir(), 'bagui-jobs-'));
      const path = join(folder, 'run.sock');
      server.once('error', reject);
      server.listen(path, () => resolve(path));
    });
    return listening;
  };

  const execute: JobExecutor = async (spec, context) => {
    const socketPath = await socket();
    const token = randomBytes(24).toString('base64url');
    pending.set(token, { spec, context });
    try {
      return await new Promise((resolve, reject) => {
        const request = http.request(
          {
            socketPath,
            method: spec.method,
            path: spec.url,
            headers: { ...spec.headers, 'content-length': String(spec.body.byteLength), [RUN_HEADER]: token },
            agent: false,
            signal: context.signal,
          },
          (response) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({ status: response.statusCode ?? 500, headers, body: response });
          },
        );
        request.once('error', reject);
        request.end(spec.body);
      });
    } finally {
      pending.delete(token);
    }
  };

  return {
    execute,
    async close() {
      if (listening !== undefined) {
        await listening.catch(() => undefined);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    },
  };
}
