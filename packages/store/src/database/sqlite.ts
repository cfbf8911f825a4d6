import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';

/** The database file inside the data directory. */
export const SQLITE_FILE = 'bagui.sqlite';

/**
 * Kysely's SQLite driver opens a transaction with a plain `BEGIN`, which takes the write lock
 * only at the first write: two processes that both read first can then deadlock, and SQLite
 * answers one of them SQLITE_BUSY at once, whatever the busy timeout. `BEGIN IMMEDIATE` takes
 * the write lock at the start, waiting up to the busy timeout for another process's write to
 * finish, so every transaction of ours either waits its turn or fails for a stated reason.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * SQLite in `dataDir` (created if missing): WAL, so that readers never wait for the writer and
 * a CLI process can write while the server runs; a busy timeout, so that a writer waits for the
 * other's commit instead of failing; `synchronous = FULL`, so that a write acknowledged after
 * its commit survives a power cut as well as a killed process.
 */
export async function sqliteDialect(dataDir: string, busyTimeoutMs: number): Promise<{ dialect: SqliteDialect; file: string }> {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, SQLITE_FILE);
  // Loaded here, not at the top, so that a PostgreSQL deployment never loads the native module.
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(file, { timeout: busyTimeoutMs });
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return { dialect: new ImmediateSqliteDialect({ database }), file };
}
