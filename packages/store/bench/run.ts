/**
 * `npm run bench -w @bagui/store` (after `npm run build`): saved-scenario throughput on SQLite
 * and, when TEST_DATABASE_URL is set, on PostgreSQL (in a schema of its own, dropped after).
 *
 * For each database: create (a copy of the built-in guangxi-2021, 4 KB: checked by core's
 * parseScenario, hashed, written with its revision and audit entry, acknowledged after commit),
 * revise (the next revision, with If-Match), read (scenario and current revision), list (a page
 * of 50), verify an API key — one at a time, then 8 at once. The peer is the floor a durable write
 * costs: a bare INSERT of the same 4 KB in a transaction of its own, with the same durability
 * settings, through the same driver, without Kysely.
 *
 * Not a test: prints a table and writes bench/results/store.json. BENCH_OPS (default 400) sets
 * the operations per measurement; BENCH_PARTS=sqlite or postgres runs one database only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE } from '../src/database/sqlite.js';
import { openStore, type Store, type StoreLocation } from '../src/open.js';
import { BACKENDS, emptyDatabase, type BackendKind } from '../src/testing.js';

const OPS = Number(process.env.BENCH_OPS ?? 400);
const CONCURRENCY = 8;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'sqlite,postgres').split(','));
const WRITE = { actor: 'k_bench00000' };
const FILE = { ...GUANGXI_2021 };
const CONTENT = `${JSON.stringify(FILE, null, 2)}\n`;

interface Measure {
  readonly operation: string;
  readonly concurrency: number;
  readonly ops: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Runs `operation(i)` for i in 0..ops-1, `concurrency` at a time: throughput and latency quantiles. */
async function measure(operation: string, concurrency: number, ops: number, run: (i: number) => Promise<unknown>): Promise<Measure> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ops) {
        const i = next++;
        const t = performance.now();
        await run(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { operation, concurrency, ops, perSecond: ops / seconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

function ok<T>(outcome: { ok: true; value: T } | { ok: false; problems: readonly unknown[] }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value;
}

/** The peer: one bare INSERT of the same content per transaction, same driver and durability. */
async function bareInserts(location: StoreLocation, concurrency: number): Promise<Measure> {
  if ('dataDir' in location) {
    const db = new Database(join(location.dataDir, SQLITE_FILE), { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table if not exists bare (id integer primary key, content text not null)');
    const insert = db.prepare('insert into bare (content) values (?)');
    const inTransaction = db.transaction((content: string) => insert.run(content));
    try {
      return await measure('bare INSERT (peer)', concurrency, OPS, async () => inTransaction(CONTENT));
    } finally {
      db.close();
    }
  }
  const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10 });
  try {
    await pool.query('create table if not exists bare (id bigint generated always as identity primary key, content text not null)');
    return await measure('bare INSERT (peer)', concurrency, OPS, async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('insert into bare (content) values ($1)', [CONTENT]);
        await client.query('commit');
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}

async function benchmark(kind: BackendKind): Promise<Measure[]> {
  const { location, drop } = await emptyDatabase(kind);
  const store: Store = await openStore(location);
  const results: Measure[] = [];
  try {
    for (const concurrency of [1, CONCURRENCY]) {
      const ids: string[] = [];
      results.push(await bareInserts(location, concurrency));
      results.push(
        await measure('create', concurrency, OPS, async (i) => {
          ids.push(ok(await store.scenarios.create({ file: FILE, name: `bench ${i}` }, WRITE)).scenario.id);
        }),
      );
      const revision = new Map(ids.map((id) => [id, 1]));
      results.push(
        await measure('revise', concurrency, OPS, async (i) => {
          const id = ids[i % ids.length] ?? '';
          const n = revision.get(id) ?? 1;
          revision.set(id, n + 1);
          ok(await store.scenarios.revise(id, { file: { ...FILE, description: `revision ${n + 1}` } }, n, WRITE));
        }),
      );
      results.push(await measure('read', concurrency, OPS, async (i) => ok(await store.scenarios.get(ids[(i * 7919) % ids.length] ?? ''))));
      results.push(await measure('list 50', concurrency, Math.ceil(OPS / 4), async () => ok(await store.scenarios.list({ limit: 50 }))));
      const { secret } = ok(await store.keys.create({ role: 'viewer' }, WRITE));
      results.push(await measure('verify key', concurrency, OPS, async () => store.keys.verify(secret)));
    }
  } finally {
    await store.close();
    await drop();
  }
  return results;
}

const report: Record<string, Measure[]> = {};
for (const kind of BACKENDS.filter((k) => PARTS.has(k))) {
  report[kind] = await benchmark(kind);
  console.log(`\n${kind} (${OPS} operations each; create, revise and the peer are durable commits)`);
  console.log('operation            clients   ops/s    p50 ms   p99 ms   vs peer');
  for (const m of report[kind]) {
    const peer = report[kind].find((p) => p.operation === 'bare INSERT (peer)' && p.concurrency === m.concurrency);
    const ratio =
      m.operation === 'create' || m.operation === 'revise' ? `${((peer?.perSecond ?? 0) / m.perSecond).toFixed(2)}× slower` : '';
    console.log(
      `${m.operation.padEnd(20)} ${String(m.concurrency).padStart(7)} ${m.perSecond.toFixed(0).padStart(7)} ${m.p50Ms.toFixed(2).padStart(8)} ${m.p99Ms.toFixed(2).padStart(8)}   ${ratio}`,
    );
  }
}
if (!BACKENDS.includes('postgres')) console.log('\n(PostgreSQL skipped: set TEST_DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test)');

const out = fileURLToPath(new URL('results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'store.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ops: OPS, results: report }, null, 2)}\n`,
);
