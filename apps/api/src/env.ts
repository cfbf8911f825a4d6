import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeLocationFromEnv, type StoreLocation } from '@bagui/store';
import { z } from 'zod';

/**
 * The server's whole configuration, read once from the environment and validated here; nothing
 * else reads `process.env`. Every variable has a default, so `npm start` needs none.
 */

const integer = (fallback: number, min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const SIZE = /^(?<n>\d+)\s*(?<unit>b|kb|mb|gb)?$/iu;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `64mb`, `512kb`, `1048576`: a size in bytes. */
const byteSize = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const m = SIZE.exec(text.trim());
      const n = m?.groups?.n;
      if (n === undefined) {
        ctx.addIssue({ code: 'custom', message: 'expected a size such as 64mb, 512kb or 1048576 (bytes)' });
        return z.NEVER;
      }
      return Number(n) * (SIZE_UNITS[(m?.groups?.unit ?? 'b').toLowerCase()] ?? 1);
    });

/** The planner's built files: apps/web/dist, found from this file (src/ or dist/), so it works from any working directory. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const envSchema = z
  .object({
    PORT: integer(8080, 0, 65_535),
    /** 127.0.0.1: the embedded default serves one machine; a deployment behind a load balancer sets 0.0.0.0. */
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Origins allowed to call the API from a browser, comma-separated; empty: no CORS headers. A POST
     * (PUT, PATCH, DELETE) from a browser on any other origin than these and the server's own is refused (403).
     */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((text) =>
        text
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin !== ''),
      )
      .pipe(
        z.array(
          z
            .url({ protocol: /^https?$/u, error: 'each CORS origin must be an http(s) URL, e.g. https://budget.example.gov.cn' })
            // A browser's Origin is scheme, host and port, lower case: anything else would never match.
            .refine((origin) => !URL.canParse(origin) || new URL(origin).origin === origin, {
              error: (issue) =>
                `${String(issue.input)} is not an origin: give scheme, host and port only, lower case, with no path or trailing slash (e.g. ${new URL(String(issue.input)).origin})`,
            }),
        ),
      ),
    /** Largest request body (JSON, CSV or an uploaded file); larger gets 413. */
    BODY_LIMIT: byteSize('64mb'),
    RATE_LIMIT_WINDOW_MS: integer(60_000, 1000),
    /** Requests per client IP per window; 0 turns rate limiting off. */
    RATE_LIMIT_MAX: integer(600, 0),
    /** Evaluations with more enterprises than this run as jobs (202 Accepted). */
    ASYNC_THRESHOLD: integer(50_000, 1),
    /** Worker threads for synchronous work (evaluate, compare, sweep, scenario runs); 0: on the main thread (embedding, tests). Default: the machine's cores less one, at least 1. */
    WORK_THREADS: integer(Math.max(1, availableParallelism() - 1), 0, 256),
    /** Largest work one request may ask, in applicants × evaluations (generated applicants included); more gets 422 WORK.TOO_LARGE. */
    WORK_MAX: integer(50_000_000, 1),
    /** Largest work answered synchronously, even with async=false; larger always becomes a job. */
    SYNC_WORK_MAX: integer(500_000, 1),
    /** Reforms one comparison may carry. */
    REFORMS_MAX: integer(50, 1),
    /** Points one sweep may evaluate (both axes of a grid together). */
    SWEEP_POINTS_MAX: integer(1000, 1),
    /** Synchronous computations one client (an API key, else an IP) may have running at once; more get 429. */
    SYNC_CONCURRENCY_PER_CLIENT: integer(4, 1),
    /** Longest a synchronous computation may run before it is stopped (503 WORK.TIMED_OUT); 0: no limit. */
    WORK_TIMEOUT_MS: integer(120_000, 0),
    /** Node's server.headersTimeout: the whole header block must arrive within this. */
    HEADERS_TIMEOUT_MS: integer(20_000, 1000),
    /** Node's server.requestTimeout: the whole request (headers and body) must arrive within this; 0: no limit. */
    REQUEST_TIMEOUT_MS: integer(300_000, 0),
    /** Node's server.keepAliveTimeout: how long an idle keep-alive connection is kept. */
    KEEP_ALIVE_TIMEOUT_MS: integer(5_000, 0),
    /** Node's server.maxConnections: connections beyond it are closed at once; 0: no limit. */
    MAX_CONNECTIONS: integer(1024, 0),
    /** Jobs queued or running at once in the whole queue (every instance on one database); beyond it 503 JOBS.FULL. */
    JOBS_MAX: integer(1000, 1),
    /** Jobs queued or running at once per API key (per client address without a key); beyond it 429 JOBS.QUOTA. */
    JOBS_PER_CLIENT: integer(4, 1, 10_000),
    /** How long a finished job and its result are kept in the database, then deleted (a day by default, at most 30). */
    JOB_TTL_SECONDS: integer(86_400, 1, 30 * 86_400),
    /** How long a running job stays this instance's without renewing its lease: past it, another instance (or this one, restarted) runs it again. */
    JOB_LEASE_SECONDS: integer(30, 2, 3600),
    /** Jobs one instance runs at once, each in a worker thread of its own apart from the synchronous ones (so a long job never delays a small answer). */
    JOB_CONCURRENCY: integer(1, 1, 64),
    /** Times a job is started before one whose server keeps stopping mid-job is failed. */
    JOB_MAX_ATTEMPTS: integer(3, 1, 100),
    /** How long SIGTERM waits for in-flight requests before closing connections. */
    SHUTDOWN_TIMEOUT_MS: integer(25_000, 0),
    /** Number of proxies in front of the server whose X-Forwarded-For is trusted (for client IPs). */
    TRUST_PROXY_HOPS: integer(0, 0, 10),
    /** The scenario planner's built files (index.html, assets/), served at `/`; relative to the working directory. */
    WEB_DIR: z
      .string()
      .default(DEFAULT_WEB_DIR)
      .transform((dir) => resolve(dir)),
    /**
     * `true`: the stateless computations (catalogue, parameters, evaluate, compare, sweep, run of a
     * body, jobs) need a key too (any role); `false`: they stay open, as the README's examples assume.
     * Saved scenarios, data sets, the audit log and keys always need a key.
     */
    AUTH_REQUIRED: z
      .enum(['true', 'false'], { error: 'expected true or false' })
      .default('false')
      .transform((flag) => flag === 'true'),
    /** PostgreSQL when set; else SQLite in BAGUI_DATA_DIR (default ./data). Read by the store's `storeLocationFromEnv`, as the CLI reads them. */
    DATABASE_URL: z.string().optional(),
    BAGUI_DATA_DIR: z.string().optional(),
  })
  .refine((env) => env.REQUEST_TIMEOUT_MS === 0 || env.HEADERS_TIMEOUT_MS <= env.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    error: 'must not be longer than REQUEST_TIMEOUT_MS: the headers are part of the request',
  });

export type Config = Omit<z.output<typeof envSchema>, 'DATABASE_URL' | 'BAGUI_DATA_DIR'> & {
  /** Where the data is kept: DATABASE_URL, else BAGUI_DATA_DIR, else ./data (the same rule as `bagui keys`). */
  readonly STORE: StoreLocation;
};

/** Thrown at start-up with every wrong variable named, so the operator can fix them at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  // An empty variable counts as unset, so `PORT=` keeps the default rather than meaning port 0.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(given);
  const store = storeLocationFromEnv(given);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map(
          (issue) => `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])] ?? '')}: ${issue.message}`,
        )),
    // Never echo DATABASE_URL: it may hold a password.
    ...(store.ok ? [] : store.problems.map((p) => `${p.location?.path?.join('.') ?? 'DATABASE_URL'}: ${p.message}`)),
  ];
  if (!parsed.success || !store.ok) throw new ConfigError(problems);
  const { DATABASE_URL: _url, BAGUI_DATA_DIR: _dir, ...config } = parsed.data;
  return { ...config, STORE: store.value };
}

/** The defaults, for tests and tools that build an app without an environment. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}
