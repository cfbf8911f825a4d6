import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type StoreLocation } from '@bagui/store';
import { BACKENDS, emptyDatabase } from '@bagui/store/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { builtServer } from './server-process.js';
import { smallScenario } from './support.js';

/**
 * The built server (`node dist/server.js`, as `npm start` runs it) as real processes on one
 * database, SQLite and PostgreSQL: killed with SIGKILL in a burst of writes, it loses no write it
 * acknowledged; two instances see each other's writes and refuse a stale one with 412.
 */

const startServer = builtServer();

/** An analyst key made as `bagui keys create` makes it: another process's store, on the same database. */
async function analystKey(location: StoreLocation, role: 'analyst' | 'admin' = 'analyst'): Promise<string> {
  const store = await openStore(location);
  try {
    const created = await store.keys.create({ role, name: 'test' }, { actor: 'cli:test' });
    if (!created.ok) throw new Error('cannot make a key');
    return `Bearer ${created.value.secret}`;
  } finally {
    await store.close();
  }
}

const json = (key: string, extra: Record<string, string> = {}) => ({ Authorization: key, 'Content-Type': 'application/json', ...extra });
const titled = (title: string) => ({ ...smallScenario(), title });

describe.each(BACKENDS)('the built server on %s', (kind) => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  async function database(): Promise<StoreLocation> {
    const { location, drop } = await emptyDatabase(kind);
    drops.push(drop);
    return location;
  }

  it('killed with SIGKILL in a burst of concurrent writes, restarted: every acknowledged write is there, nothing is corrupt', async () => {
    const location = await database();
    const key = await analystKey(location);
    const server = await startServer(location);
    /** Acknowledged writes: scenario id → the highest revision answered 201/200, and its title. */
    const acked = new Map<string, { revision: number; title: string }>();
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        try {
          const title = `w${w}-${i}`;
          const created = await fetch(`${server.base}/v1/scenarios`, {
            method: 'POST',
            headers: json(key),
            body: JSON.stringify(titled(title)),
          });
          if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
          const { id, etag } = (await created.json()) as { id: string; etag: string };
          acked.set(id, { revision: 1, title });
          for (let r = 2; r <= 3 && !stop; r++) {
            const next = `${title}-r${r}`;
            const revised = await fetch(`${server.base}/v1/scenarios/${id}`, {
              method: 'PUT',
              headers: json(key, { 'If-Match': r === 2 ? etag : `"${id}.${r - 1}"` }),
              body: JSON.stringify(titled(next)),
            });
            if (revised.status !== 200) throw new Error(`revise answered ${revised.status}: ${await revised.text()}`);
            acked.set(id, { revision: r, title: next });
          }
        } catch (error) {
          if (stop) return; // the server was killed mid-request: that write was never acknowledged
          throw error;
        }
      }
    };
    let failed = false;
    const workers = Array.from({ length: 8 }, (_, w) =>
      worker(w).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
    // Kill mid-burst: once 40 scenarios have acknowledged writes, with writes of all eight workers in flight.
    while (acked.size < 40 && !failed) await sleep(20);
    server.child.kill('SIGKILL');
    stop = true;
    await server.exited;
    await Promise.all(workers);
    expect(server.child.signalCode).toBe('SIGKILL');

    if ('dataDir' in location) {
      const file = new Database(join(location.dataDir, 'bagui.sqlite'));
      try {
        expect(file.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(file.pragma('foreign_key_check')).toEqual([]);
      } finally {
        file.close();
      }
    }

    const restarted = await startServer(location);
    const admin = await analystKey(location, 'admin');
    for (const [id, { revision, title }] of acked) {
      const got = await fetch(`${restarted.base}/v1/scenarios/${id}`, { headers: { Authorization: key } });
      expect(got.status, id).toBe(200);
      const body = (await got.json()) as { revision: number; file: { title: string } };
      // A write in flight at the kill may have committed unacknowledged: the revision is at least the acknowledged one.
      expect(body.revision).toBeGreaterThanOrEqual(revision);
      const acknowledged = await fetch(`${restarted.base}/v1/scenarios/${id}/revisions/${revision}`, { headers: { Authorization: key } });
      expect(((await acknowledged.json()) as { file: { title: string } }).file.title).toBe(title);
      // Consistent: every revision is listed, and each has its audit entry.
      const revisions = (await (
        await fetch(`${restarted.base}/v1/scenarios/${id}/revisions`, { headers: { Authorization: key } })
      ).json()) as {
        revisions: { n: number }[];
      };
      expect(revisions.revisions.map((r) => r.n)).toEqual(Array.from({ length: body.revision }, (_, k) => body.revision - k));
      const audit = (await (await fetch(`${restarted.base}/v1/audit?resourceId=${id}`, { headers: { Authorization: admin } })).json()) as {
        entries: { action: string }[];
      };
      expect(audit.entries.map((e) => e.action)).toEqual([
        ...Array.from({ length: body.revision - 1 }, () => 'scenario.revise'),
        'scenario.create',
      ]);
    }
    // Writing goes on after the restart.
    const after = await fetch(`${restarted.base}/v1/scenarios`, {
      method: 'POST',
      headers: json(key),
      body: JSON.stringify(titled('after')),
    });
    expect(after.status).toBe(201);
  });

  it('two instances on one database: written through one, read through the other; a stale write through the other is 412; a key made meanwhile works at once', async () => {
    const location = await database();
    const key = await analystKey(location);
    const [one, two] = await Promise.all([startServer(location), startServer(location)]);
    const created = await fetch(`${one.base}/v1/scenarios`, { method: 'POST', headers: json(key), body: JSON.stringify(titled('one')) });
    expect(created.status).toBe(201);
    const saved = (await created.json()) as { id: string; etag: string };
    const read = await fetch(`${two.base}/v1/scenarios/${saved.id}`, { headers: { Authorization: key } });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(saved.etag);

    const revised = await fetch(`${one.base}/v1/scenarios/${saved.id}`, {
      method: 'PUT',
      headers: json(key, { 'If-Match': saved.etag }),
      body: JSON.stringify(titled('one, revised')),
    });
    expect(revised.status).toBe(200);
    const stale = await fetch(`${two.base}/v1/scenarios/${saved.id}`, {
      method: 'PUT',
      headers: json(key, { 'If-Match': saved.etag }),
      body: JSON.stringify(titled('two, stale')),
    });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { code: string }).code).toBe('PRECONDITION.FAILED');
    expect(stale.headers.get('etag')).toBe(`"${saved.id}.2"`);
    const now = (await (await fetch(`${two.base}/v1/scenarios/${saved.id}`, { headers: { Authorization: key } })).json()) as {
      file: { title: string };
    };
    expect(now.file.title).toBe('one, revised');

    // A key made by another process (as bagui keys create does) works on both at the next request, no restart.
    const fresh = await analystKey(location);
    for (const server of [one, two]) {
      expect((await fetch(`${server.base}/v1/scenarios/${saved.id}`, { headers: { Authorization: fresh } })).status).toBe(200);
    }
  });
});
