import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import { openStore } from '../open.js';
import { MIGRATIONS } from './index.js';

describe.each(BACKENDS)('migrations on %s', (kind) => {
  const stores = storeFixture(kind);

  it('run once, in order, when a store opens an empty database; not again', async () => {
    const location = await stores.database();
    const first = await stores.openAt(location);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.name));
    await first.close();
    const second = await stores.openAt(location);
    expect(second.migrated).toEqual([]);
  });

  it('refuse a database that a newer version of Bagui has migrated', async () => {
    const location = await stores.database();
    const store = await stores.openAt(location);
    await store.db.insertInto('bagui_migration').values({ name: '9999-from-the-future', applied_at: '2030-01-01T00:00:00.000Z' }).execute();
    await expect(openStore(location)).rejects.toThrow(
      'the database was migrated by a newer version of Bagui (9999-from-the-future); run that version, or a newer one, against it',
    );
  });

  if (kind === 'postgres') {
    it('take turns under an advisory lock when several pools open an empty database at once', async () => {
      const location = await stores.database();
      const opened = await Promise.all(Array.from({ length: 4 }, () => stores.openAt(location)));
      expect(opened.flatMap((store) => store.migrated)).toEqual(MIGRATIONS.map((m) => m.name));
    });
  }

  if (kind === 'sqlite') {
    it('open SQLite in WAL mode, with full synchronous commits and foreign keys', async () => {
      const store = await stores.open();
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2); // FULL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    });
  }
});
