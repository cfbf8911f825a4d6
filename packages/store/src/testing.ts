/**
 * Databases for tests, SQLite always and PostgreSQL when TEST_DATABASE_URL is set: each test
 * (or file) gets an empty database of its own, so that parallel runs never meet. Exported as
 * `@bagui/store/testing` for the tests of the apps built on the store.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreLocation } from './open.js';

export type BackendKind = 'sqlite' | 'postgres';

/** The PostgreSQL server the tests may use: TEST_DATABASE_URL (CI sets it), or none. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() ?? '';

/** SQLite always; PostgreSQL as well when TEST_DATABASE_URL is set. */
export const BACKENDS: readonly BackendKind[] = TEST_DATABASE_URL === '' ? ['sqlite'] : ['sqlite', 'postgres'];

/** The connection string with its search path set to `schema`. */
export function urlWithSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A new, empty database of the kind, dropped by `drop`: a temporary folder for SQLite, a schema
 * of its own on the test server for PostgreSQL, so that test files running in parallel never meet.
 */
export async function emptyDatabase(kind: BackendKind): Promise<{ location: StoreLocation; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'bagui-store-'));
    return { location: { dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const schema = `test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  return {
    location: { databaseUrl: urlWithSchema(TEST_DATABASE_URL, schema) },
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
