import { Kysely, type Dialect as KyselyDialect } from 'kysely';
import { auditLog, type AuditLog } from './audit/audit.js';
import type { StoreContext } from './context.js';
import { datasets, type Datasets } from './datasets/datasets.js';
import type { Dialect } from './database/dialect.js';
import { postgresDialect } from './database/postgres.js';
import type { Database } from './database/schema.js';
import { sqliteDialect } from './database/sqlite.js';
import { cryptoRandom, type RandomBytes } from './ids.js';
import { apiKeys, type ApiKeys } from './keys/keys.js';
import { jobs, type Jobs } from './jobs/jobs.js';
import { migrate } from './migrations/index.js';
import { DEFAULT_RESULT_CACHE_LIMITS, resultCache, type ResultCache, type ResultCacheLimits } from './results/result-cache.js';
import { scenarios, type Scenarios } from './scenarios/scenarios.js';

/** Where the data lives: a folder for the embedded SQLite database, or a PostgreSQL server. */
export type StoreLocation = { readonly dataDir: string } | { readonly databaseUrl: string };

export type StoreOptions = StoreLocation & {
  /** Bounds of the result cache. */
  readonly resultCache?: Partial<ResultCacheLimits> | undefined;
  /** SQLite: how long a write waits for another process's write to commit; default 5 s. */
  readonly busyTimeoutMs?: number | undefined;
  /** PostgreSQL: connections in the pool; default 10. */
  readonly poolSize?: number | undefined;
  /** The clock, as ISO-8601 strings; for tests. */
  readonly now?: (() => string) | undefined;
  /** The source of random bytes (ids, secrets); for tests. */
  readonly random?: RandomBytes | undefined;
};

export interface Store {
  readonly dialect: Dialect;
  /** The SQLite file, or the PostgreSQL server's host and database (never its password). */
  readonly location: string;
  readonly scenarios: Scenarios;
  readonly datasets: Datasets;
  readonly results: ResultCache;
  readonly audit: AuditLog;
  readonly keys: ApiKeys;
  /** The jobs queue and the jobs' results. */
  readonly jobs: Jobs;
  /** The migrations this open ran (none when the database was up to date). */
  readonly migrated: readonly string[];
  /** Closes the connections; pending calls finish first. */
  close(): Promise<void>;
  /** The query builder, for this package's tests and tools only. */
  readonly db: Kysely<Database>;
}

/** `host:port/database` of a connection string: enough to say which server, nothing secret. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `postgresql://${url.host}${url.pathname}`;
  } catch {
    return 'postgresql://(unparsable URL)';
  }
}

/**
 * Opens the store and brings its schema up to date (migrations run in order, under a lock, so
 * that several processes may open one database at once). Every write is acknowledged only
 * after its transaction, audit entry included, has committed.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  let dialect: Dialect;
  let kyselyDialect: KyselyDialect;
  let location: string;
  if ('databaseUrl' in options) {
    dialect = 'postgres';
    kyselyDialect = await postgresDialect(options.databaseUrl, options.poolSize ?? 10);
    location = describeUrl(options.databaseUrl);
  } else {
    dialect = 'sqlite';
    const sqlite = await sqliteDialect(options.dataDir, options.busyTimeoutMs ?? 5000);
    kyselyDialect = sqlite.dialect;
    location = sqlite.file;
  }
  const db = new Kysely<Database>({ dialect: kyselyDialect });
  const context: StoreContext = {
    db,
    dialect,
    now: options.now ?? (() => new Date().toISOString()),
    random: options.random ?? cryptoRandom,
  };
  let migrated: readonly string[];
  try {
    migrated = await migrate(db, dialect, context.now);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dialect,
    location,
    scenarios: scenarios(context),
    datasets: datasets(context),
    results: resultCache(context, { ...DEFAULT_RESULT_CACHE_LIMITS, ...options.resultCache }),
    audit: auditLog(context),
    keys: apiKeys(context),
    jobs: jobs(context),
    migrated,
    close: () => db.destroy(),
    db,
  };
}
