/**
 * `npm run bench:work -w @bagui/api` (after `npm run build`; part of `npm run bench`): small
 * requests while a large job runs (issue #15). The built server (`node dist/server.js`) is started
 * twice: with its worker threads (the default, WORK_THREADS = cores − 1) and with WORK_THREADS=0
 * (every computation on the main thread, as before #15). Each time, GET /health and a 13-firm
 * evaluate are measured together for BENCH_DURATION seconds (after a warm-up), first idle, then
 * while a scenario run of BENCH_JOB_FIRMS (default 1,000,000) generated firms runs as a job.
 *
 * Not a test: prints a table and writes bench/results/work.json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const JOB_FIRMS = Number(process.env.BENCH_JOB_FIRMS ?? 1_000_000);
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = new URL('./results/', import.meta.url);
const EVALUATE = '/v1/programmes/rd_incentive/evaluate';

/** 13 firms, as in the issue: the first of the test vectors' shapes, generated. */
const SMALL = JSON.stringify({
  budget: '20000000',
  method: 'pro_rata',
  date: '2021-06-30',
  enterprises: Array.from({ length: 13 }, (_, i) => ({
    id: `E${i + 1}`,
    scale: i % 3 === 0 ? 'below' : 'above',
    revenue: String(50_000_000 + i * 7_000_000),
    rd_expense: String(3_000_000 + i * 400_000),
    rd_expense_prev: String(2_000_000 + i * 300_000),
  })),
});

/** A scenario whose one programme has JOB_FIRMS generated firms: a few hundred bytes of request. */
const LARGE_SCENARIO = JSON.stringify({
  schemaVersion: 1,
  name: 'bench-large',
  title: 'A million generated firms',
  date: '2021-06-30',
  sources: [{ key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'bench' }],
  programmes: [
    {
      programme: 'rd_incentive',
      envelope: '40700万',
      citation: '⚠ assumption: a bench',
      method: 'pro_rata',
      funding: { innovation_fund: '40700万' },
      applicants: { generate: { count: JOB_FIRMS, seed: 1 } },
    },
  ],
});

async function startServer(env: Record<string, string>): Promise<{ base: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=4096', 'dist/server.js'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      SYNC_CONCURRENCY_PER_CLIENT: '64',
      BAGUI_DATA_DIR: mkdtempSync(join(os.tmpdir(), 'bagui-bench-work-')),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (
      await fetch(`${base}/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (waited > 30_000) throw new Error('the server did not start');
    await sleep(100);
  }
  // Warm-up: the worker threads load their modules and the JIT compiles the hot paths.
  await probe(
    `${base}${EVALUATE}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: SMALL },
    performance.now() + 3000,
  );
  return { base, stop: () => child.kill('SIGTERM') };
}

interface Figures {
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly max_ms: number;
  readonly requests: number;
  readonly errors: number;
}

/** Latencies of requests sent one after another on `connections` connections until the deadline; the last always completes. */
async function probe(url: string, init: RequestInit, deadline: number, connections = 2): Promise<{ times: number[]; errors: unknown[] }> {
  const times: number[] = [];
  const errors: unknown[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        try {
          const res = await fetch(url, init);
          await res.arrayBuffer();
          if (!res.ok) errors.push(res.status);
        } catch (error) {
          errors.push(error);
        }
        times.push(performance.now() - start);
      }
    }),
  );
  return { times, errors };
}

/** Failed requests (a connection closed by the server's timeouts while its loop was blocked) count with their time. */
function figures({ times, errors }: { times: number[]; errors: unknown[] }): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
  return { p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1), requests: sorted.length, errors: errors.length };
}

/**
 * GET /health and the 13-firm evaluate together, each on two connections, for DURATION seconds.
 * Not autocannon: it drops the requests still in flight when its duration ends, and a request
 * stalled behind a blocked event loop is exactly what is to be seen; these loops wait for it.
 */
async function measure(base: string): Promise<{ health: Figures; evaluate: Figures }> {
  const deadline = performance.now() + DURATION * 1000;
  const [health, evaluate] = await Promise.all([
    probe(`${base}/health`, {}, deadline),
    probe(`${base}${EVALUATE}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: SMALL }, deadline),
  ]);
  return { health: figures(health), evaluate: figures(evaluate) };
}

async function jobStatus(base: string, location: string): Promise<string> {
  const res = await fetch(new URL(location, base));
  return ((await res.json()) as { status: string }).status;
}

const results: Record<string, unknown> = {};
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`);
for (const [label, env] of [
  ['worker threads (default)', {}],
  ['main thread (WORK_THREADS=0)', { WORK_THREADS: '0' }],
] as const) {
  const server = await startServer(env);
  try {
    const idle = await measure(server.base);
    const started = Date.now();
    const accepted = await fetch(`${server.base}/v1/scenarios/run?async=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: LARGE_SCENARIO,
    });
    if (accepted.status !== 202) throw new Error(`the large run answered ${accepted.status}: ${await accepted.text()}`);
    const location = accepted.headers.get('location') ?? '';
    const loaded = await measure(server.base);
    const stillRunning = (await jobStatus(server.base, location)) === 'running';
    let status = 'running';
    while (status === 'running' || status === 'queued') {
      await sleep(500);
      status = await jobStatus(server.base, location);
    }
    const jobSeconds = (Date.now() - started) / 1000;
    results[label] = {
      idle,
      during_job: loaded,
      job: { firms: JOB_FIRMS, status, seconds: jobSeconds, running_through_measure: stillRunning },
    };
    console.log(
      `\n${label}: job of ${JOB_FIRMS} firms ${status} in ${jobSeconds.toFixed(1)} s (still running after the measure: ${stillRunning})`,
    );
    console.table({
      'GET /health idle': idle.health,
      'GET /health during job': loaded.health,
      'evaluate 13 idle': idle.evaluate,
      'evaluate 13 during job': loaded.evaluate,
    });
  } finally {
    server.stop();
    await sleep(500);
  }
}
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  new URL('work.json', RESULTS),
  `${JSON.stringify({ date: new Date().toISOString(), duration_s: DURATION, load_average: os.loadavg(), results }, null, 2)}\n`,
);
