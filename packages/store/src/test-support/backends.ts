import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { openStore, type Store, type StoreLocation, type StoreOptions } from '../open.js';

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

type Extra = Omit<StoreOptions, 'dataDir' | 'databaseUrl'>;

/**
 * Stores for one test file: `open()` opens a store on a new empty database; every store is
 * closed after its test, every database dropped after the file.
 */
export function storeFixture(kind: BackendKind): {
  open(extra?: Extra): Promise<Store>;
  database(): Promise<StoreLocation>;
  openAt(location: StoreLocation, extra?: Extra): Promise<Store>;
} {
  const stores: Store[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  const fixture = {
    async database(): Promise<StoreLocation> {
      const { location, drop } = await emptyDatabase(kind);
      drops.push(drop);
      return location;
    },
    async openAt(location: StoreLocation, extra: Extra = {}): Promise<Store> {
      const store = await openStore({ ...location, ...extra });
      stores.push(store);
      return store;
    },
    async open(extra: Extra = {}): Promise<Store> {
      return fixture.openAt(await fixture.database(), extra);
    },
  };
  return fixture;
}
