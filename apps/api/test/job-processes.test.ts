import { setTimeout as sleep } from 'node:timers/promises';
import { openStore, type Store, type StoreLocation } from '@bagui/store';
import { BACKENDS, emptyDatabase, TEST_DATABASE_URL } from '@bagui/store/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { builtServer, type Server } from './server-process.js';
import { smallScenario } from './support.js';

/**
 * Jobs across real processes (`node dist/server.js`), on SQLite and PostgreSQL: a job accepted
 * before SIGKILL runs after the restart, one running at SIGKILL is run again, SIGTERM loses none,
 * and on PostgreSQL another instance finishes the job of one killed mid-job once its lease runs out.
 */

/** The lease the servers run with: a killed instance's job is taken again after it. */
const LEASE_SECONDS = 2;
const startBuilt = builtServer();
const startServer = (location: StoreLocation, env: Record<string, string> = {}): Promise<Server> =>
  startBuilt(location, { JOB_LEASE_SECONDS: String(LEASE_SECONDS), ...env });

/** A scenario whose run takes the server a while: many generated applicants. */
const heavyScenario = (name: string, count = 400_000) => {
  const scenario = smallScenario() as { programmes: Record<string, unknown>[] };
  return {
    ...scenario,
    name,
    programmes: [{ ...scenario.programmes[1], applicants: { generate: { count, seed: 3 } } }],
  };
};

async function submit(server: Server, name: string, count?: number): Promise<string> {
  const res = await fetch(`${server.base}/v1/scenarios/run?async=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(heavyScenario(name, count)),
  });
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** The job's row, read from the database itself: a server computing in its event loop answers nothing meanwhile. */
async function statusOf(store: Store, id: string): Promise<{ status: string; attempts: number; owner: string | null }> {
  const row = await store.db.selectFrom('job').select(['status', 'attempts', 'lease_owner']).where('id', '=', id).executeTakeFirstOrThrow();
  return { status: row.status, attempts: Number(row.attempts), owner: row.lease_owner };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

describe.each(BACKENDS)('jobs across processes on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  async function database(): Promise<{ location: StoreLocation; store: Store }> {
    const { location, drop } = await emptyDatabase(kind);
    const store = await openStore(location);
    cleanups.push(async () => {
      await store.close();
      await drop();
    });
    return { location, store };
  }

  it('SIGKILL: the job running is run again and the job queued runs, after the restart', async () => {
    const { location, store } = await database();
    const first = await startServer(location);
    // Sent together: a server computing in its event loop would not read the second before the first is done.
    const [running, queued] = await Promise.all([submit(first, 'running'), submit(first, 'queued', 20)]);
    await until(
      () => statusOf(store, running),
      (s) => s.status === 'running',
      'the first job to start',
    );
    expect((await statusOf(store, queued)).status).toBe('queued');
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startServer(location);
    for (const id of [running, queued]) {
      await until(
        () => statusOf(store, id),
        (s) => s.status === 'succeeded',
        `job ${id} to succeed after the restart`,
      );
    }
    expect((await statusOf(store, running)).attempts).toBe(2);
    const result = await fetch(`${second.base}/v1/jobs/${running}/result`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/u);
    expect(await result.text()).toContain('"running"');
  }, 180_000);

  it('SIGTERM: the server stops taking jobs, the running one finishes or goes back to the queue; none is lost', async () => {
    const { location, store } = await database();
    const server = await startServer(location, { SHUTDOWN_TIMEOUT_MS: '3000' });
    const ids = await Promise.all([submit(server, 'a'), submit(server, 'b', 20)]);
    await until(
      () => statusOf(store, ids[0] ?? ''),
      (s) => s.status === 'running',
      'the first job to start',
    );
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    for (const id of ids) expect(['queued', 'succeeded']).toContain((await statusOf(store, id)).status);
    await startServer(location);
    for (const id of ids) {
      await until(
        () => statusOf(store, id),
        (s) => s.status === 'succeeded',
        `job ${id} to succeed`,
      );
    }
  }, 180_000);
});

describe.runIf(TEST_DATABASE_URL !== '')('two instances on one PostgreSQL', () => {
  it('share the queue: an instance killed mid-job, the other finishes the job once the lease has run out', async () => {
    const { location, drop } = await emptyDatabase('postgres');
    const store = await openStore(location);
    try {
      const one = await startServer(location);
      const two = await startServer(location);
      const id = await submit(one, 'shared');
      const taken = await until(
        () => statusOf(store, id),
        (s) => s.status === 'running',
        'an instance to take the job',
      );
      const owner = taken.owner ?? '';
      const [killed, other] = owner.includes(`:${one.child.pid}:`) ? [one, two] : [two, one];
      killed.child.kill('SIGKILL');
      const started = Date.now();
      const done = await until(
        () => statusOf(store, id),
        (s) => s.status === 'succeeded',
        'the other instance to finish it',
      );
      expect(done.attempts).toBe(2);
      expect(done.owner).toBeNull();
      // Not before the lease ran out.
      expect(Date.now() - started).toBeGreaterThan(LEASE_SECONDS * 1000 - 1000);
      expect((await fetch(`${other.base}/v1/jobs/${id}/result`)).status).toBe(200);
    } finally {
      await store.close();
      await drop();
    }
  }, 180_000);
});
