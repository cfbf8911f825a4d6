/**
 * `npm run bench:jobs -w @bagui/api` (part of `npm run bench`): memory of the jobs queue (#15).
 * The app in this process on an embedded SQLite store, 20 large jobs (an rd_incentive evaluation
 * of BENCH_JOB_FIRMS generated firms each, every trace in the answer, as CSV bodies) submitted at
 * once, run one at a time by the in-process executor, their results written compressed into the
 * store and then read back through GET /v1/jobs/{id}/result. RSS and heap are sampled before,
 * during (peak) and after (once the results have been read and a GC has run): flat afterwards is
 * the point — a job's result lives in the database, not in the heap.
 *
 * Not a test: prints a table and writes bench/results/jobs.json. BENCH_JOBS and BENCH_JOB_FIRMS
 * override the sizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';
import { openStore } from '@bagui/store';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/env.js';
import { JobQueue, jobQueueOptions } from '../src/queue/queue.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 20);
const FIRMS = Number(process.env.BENCH_JOB_FIRMS ?? 10_000);
const EVALUATE = '/v1/programmes/rd_incentive/evaluate?budget=407000000&method=pro_rata&date=2021-06-30&async=true';

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
};
const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const memory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: mib(rss), heap: mib(heapUsed) };
};

const dataDir = mkdtempSync(join(os.tmpdir(), 'bagui-bench-jobs-'));
const store = await openStore({ dataDir });
const config = defaultConfig({ RATE_LIMIT_MAX: 0, LOG_LEVEL: 'silent', JOBS_PER_CLIENT: JOBS, BODY_LIMIT: 256 * 1024 * 1024 });
const logger = pino({ level: 'silent' });
const jobs = new JobQueue(jobQueueOptions(config, store, logger));
const server = http.createServer(createApp({ config, store, logger, jobs }));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

const csv = (seed: number): string => `${GENERATED_HEADER}\n${[...generateEnterpriseRows(FIRMS, seed)].join('')}`;

// Warm up: one small job, so that the code paths are compiled before the baseline is taken.
{
  const res = await fetch(`${base}${EVALUATE}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv(0).slice(0, 2000) });
  await res.text();
  await jobs.idle();
}
gc();
const before = memory();

let peak = before;
const sampler = setInterval(() => {
  const now = memory();
  peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heap) };
}, 50);

const started = Date.now();
const ids: string[] = [];
for (let i = 1; i <= JOBS; i++) {
  const res = await fetch(`${base}${EVALUATE}`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv(i) });
  if (res.status !== 202) throw new Error(`job ${i} answered ${res.status}: ${await res.text()}`);
  ids.push(((await res.json()) as { id: string }).id);
}
await jobs.idle();
const ranMs = Date.now() - started;
const afterRun = memory();

let resultBytes = 0;
for (const id of ids) {
  const res = await fetch(`${base}/v1/jobs/${id}/result`);
  if (res.status !== 200 || res.body === null) throw new Error(`result of ${id} answered ${res.status}`);
  for await (const chunk of res.body) resultBytes += (chunk as Uint8Array).byteLength;
}
clearInterval(sampler);
const stored = await store.db
  .selectFrom('job_result_chunk')
  .select((eb) => [eb.fn.countAll<number>().as('chunks'), eb.fn.sum<number>(eb.fn('length', ['data'])).as('bytes')])
  .executeTakeFirstOrThrow();
await sleep(200);
gc();
const after = memory();

server.close();
await jobs.stop(0);
await store.close();
rmSync(dataDir, { recursive: true, force: true });

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version },
  jobs: JOBS,
  firmsPerJob: FIRMS,
  ranSeconds: ranMs / 1000,
  resultMiB: mib(resultBytes),
  storedMiB: mib(Number(stored.bytes)),
  chunks: Number(stored.chunks),
  memoryMiB: { before, peakDuring: peak, afterRun, after },
};
console.table({
  before: before,
  'peak during': peak,
  'after the run': afterRun,
  'after the results were read, GC': after,
});
console.log(
  `${JOBS} jobs × ${FIRMS} firms in ${results.ranSeconds} s; results ${results.resultMiB} MiB, stored gzip ${results.storedMiB} MiB in ${results.chunks} chunks`,
);
const out = fileURLToPath(new URL('results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'jobs.json'), `${JSON.stringify(results, null, 2)}\n`);
