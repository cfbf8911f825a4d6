/**
 * `npm run bench:stored -w @bagui/api` (after `npm run build`; part of `npm run bench`): saved
 * scenarios through the API, as another system sees them, on SQLite and, when TEST_DATABASE_URL
 * is set, on PostgreSQL (in a schema of its own, dropped after).
 *
 * Against `node dist/server.js` (production settings, logs on, rate limit off), one client at a
 * time and then 8 at once: create (POST /v1/scenarios, a copy of the built-in guangxi-2021, 4 KB:
 * key lookup, exact JSON reading, core's check, hash, the scenario, revision and audit entry in
 * one transaction, 201 after the commit), revise (PUT with the current ETag as If-Match), read
 * (GET, the summary and the file). The peer is the same operation in process, through the store
 * the server uses, side by side: the ratio is what HTTP, the key check and JSON add.
 *
 * Not a test: prints a table and writes bench/results/stored.json. BENCH_OPS (default 200) sets
 * the operations per measurement; BENCH_PARTS=sqlite or postgres runs one database only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { openStore, type Store, type StoreLocation } from '@bagui/store';
import { BACKENDS, emptyDatabase, type BackendKind } from '@bagui/store/testing';

const OPS = Number(process.env.BENCH_OPS ?? 200);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'sqlite,postgres').split(','));
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = new URL('./results/', import.meta.url);
const FILE = JSON.parse(JSON.stringify(GUANGXI_2021)) as Record<string, unknown>;
const WRITE = { actor: 'k_bench00000' };

interface Measure {
  readonly operation: string;
  readonly via: 'api' | 'in process';
  readonly concurrency: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function measure(
  operation: string,
  via: Measure['via'],
  concurrency: number,
  run: (i: number, worker: number) => Promise<unknown>,
): Promise<Measure> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < OPS) {
        const i = next++;
        const t = performance.now();
        await run(i, worker);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { operation, via, concurrency, perSecond: OPS / seconds, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

async function startServer(location: StoreLocation, log: string): Promise<{ base: string; child: ChildProcess }> {
  mkdirSync(RESULTS, { recursive: true });
  const where = 'dataDir' in location ? { BAGUI_DATA_DIR: location.dataDir } : { DATABASE_URL: location.databaseUrl };
  const out = openSync(new URL(log, RESULTS), 'w');
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_MAX: '0', LOG_LEVEL: 'info', ...where },
    stdio: ['ignore', 'pipe', out],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let waited = 0; waited < 30_000; waited += 50) {
    const line = output.split('\n').find((l) => l.includes('listening'));
    if (line !== undefined) {
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      return { base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, child };
    }
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error('the server did not start: run `npm run build` first');
}

async function expectStatus(res: Response, status: number): Promise<Response> {
  if (res.status !== status) throw new Error(`answered ${res.status}, not ${status}: ${await res.text()}`);
  return res;
}

function ok<T>(outcome: { ok: true; value: T } | { ok: false; problems: readonly unknown[] }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value;
}

async function benchmark(kind: BackendKind): Promise<Measure[]> {
  const { location, drop } = await emptyDatabase(kind);
  const store: Store = await openStore(location);
  const { secret } = ok(await store.keys.create({ role: 'analyst', name: 'bench' }, WRITE));
  const server = await startServer(location, `stored-${kind}.log`);
  const headers = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
  const results: Measure[] = [];
  try {
    for (const concurrency of [1, 8]) {
      // The API and its peer side by side, one after the other, on the same database.
      const apiIds: string[] = [];
      const localIds: string[] = [];
      results.push(
        await measure('create', 'in process', concurrency, async (i) => {
          localIds.push(ok(await store.scenarios.create({ file: FILE, name: `bench ${i}` }, WRITE)).scenario.id);
        }),
        await measure('create', 'api', concurrency, async () => {
          const res = await expectStatus(
            await fetch(`${server.base}/v1/scenarios`, { method: 'POST', headers, body: JSON.stringify(FILE) }),
            201,
          );
          apiIds.push(((await res.json()) as { id: string }).id);
        }),
      );
      // Each worker revises scenarios of its own, so that no If-Match goes stale.
      const revision = new Map<string, number>();
      const pick = (ids: readonly string[], i: number): string => ids[i % ids.length] ?? '';
      results.push(
        await measure('revise', 'in process', concurrency, async (i) => {
          const id = pick(localIds, i);
          const n = revision.get(id) ?? 1;
          revision.set(id, n + 1);
          ok(await store.scenarios.revise(id, { file: { ...FILE, description: `revision ${n + 1}` } }, n, WRITE));
        }),
        await measure('revise', 'api', concurrency, async (i) => {
          const id = pick(apiIds, i);
          const n = revision.get(id) ?? 1;
          revision.set(id, n + 1);
          await expectStatus(
            await fetch(`${server.base}/v1/scenarios/${id}`, {
              method: 'PUT',
              headers: { ...headers, 'If-Match': `"${id}.${n}"` },
              body: JSON.stringify({ ...FILE, description: `revision ${n + 1}` }),
            }),
            200,
          );
        }),
      );
      results.push(
        await measure('read', 'in process', concurrency, async (i) => ok(await store.scenarios.get(pick(localIds, i * 7919)))),
        await measure('read', 'api', concurrency, async (i) => {
          const res = await expectStatus(await fetch(`${server.base}/v1/scenarios/${pick(apiIds, i * 7919)}`, { headers }), 200);
          await res.arrayBuffer();
        }),
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.on('exit', resolve));
    await store.close();
    await drop();
  }
  return results;
}

const loadBefore = os.loadavg()[0] ?? 0;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${loadBefore.toFixed(2)}`);
const report: Record<string, Measure[]> = {};
for (const kind of BACKENDS.filter((k) => PARTS.has(k))) {
  report[kind] = await benchmark(kind);
  console.log(`\n${kind}: ${OPS} operations each; the API against the same operation in process`);
  console.log('operation  clients   API ops/s  p50 ms  p99 ms   in process ops/s  p50 ms   API / in process (time)');
  for (const m of report[kind].filter((r) => r.via === 'api')) {
    const peer = report[kind].find((p) => p.via === 'in process' && p.operation === m.operation && p.concurrency === m.concurrency);
    console.log(
      `${m.operation.padEnd(10)} ${String(m.concurrency).padStart(7)} ${m.perSecond.toFixed(0).padStart(11)} ${m.p50Ms.toFixed(2).padStart(7)} ${m.p99Ms.toFixed(2).padStart(7)} ${(peer?.perSecond ?? 0).toFixed(0).padStart(18)} ${(peer?.p50Ms ?? 0).toFixed(2).padStart(7)}   ${((peer?.perSecond ?? 0) / m.perSecond).toFixed(2)}×`,
    );
  }
}
if (!BACKENDS.includes('postgres')) console.log('\n(PostgreSQL skipped: set TEST_DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/test)');
console.log(`load average after: ${(os.loadavg()[0] ?? 0).toFixed(2)}`);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  new URL('stored.json', RESULTS),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, ops: OPS, loadBefore, results: report }, null, 2)}\n`,
);
