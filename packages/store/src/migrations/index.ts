import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import type { Database } from '../database/schema.js';
import * as initial from './0001-initial.js';
import * as jobs from './0002-jobs.js';

interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Every migration, in the order they run; a name is never reused or reordered. */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-initial', up: initial.up },
  { name: '0002-jobs', up: jobs.up },
];

/** Any key of our own, so that our lock never blocks another application's advisory locks. */
const MIGRATION_LOCK = 0x6261677569; // "bagui"

/**
 * Runs the migrations that have not run yet, in order, in one transaction that holds a lock
 * for its whole length: on PostgreSQL a transaction-level advisory lock, on SQLite the write
 * lock (`BEGIN IMMEDIATE`). Two processes opening an empty database at once take turns: the
 * second finds the work done. Kysely's own Migrator runs SQLite migrations without a
 * transaction or a lock, which is why the store has this runner.
 *
 * A database migrated by a newer version of Bagui (a migration this code does not know) is
 * refused: running older code on it could write what the newer schema forbids.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect, now: () => string): Promise<readonly string[]> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await trx.schema
      .createTable('bagui_migration')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const applied = new Set((await trx.selectFrom('bagui_migration').select('name').execute()).map((row) => row.name));
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = [...applied].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `the database was migrated by a newer version of Bagui (${unknown.join(', ')}); run that version, or a newer one, against it`,
      );
    }
    const ran: string[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.name)) continue;
      await migration.up(trx as unknown as Kysely<unknown>, dialect);
      await trx.insertInto('bagui_migration').values({ name: migration.name, applied_at: now() }).execute();
      ran.push(migration.name);
    }
    return ran;
  });
}
