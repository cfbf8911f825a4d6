/**
 * What the API benches share to run the built server (`node dist/server.js`) beside them: a free
 * port, its start, waiting until it answers /health, and the 1,000-firm evaluate the API rows load
 * it with.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { generatedRecords } from '../test/generated-firms.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A TCP port nobody listens on now, on the loopback interface. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts the built server on `port`, rate limit off, its saved data in `dataDir` (never the
 * working directory's ./data); `nodeArgs` go to its node.
 */
export function spawnServer(
  port: number,
  dataDir: string,
  options: { readonly logLevel: string; readonly stdio: StdioOptions; readonly nodeArgs?: readonly string[] },
): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/server.js'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: options.logLevel,
      BAGUI_DATA_DIR: dataDir,
    },
    stdio: options.stdio,
  });
}

/** Waits until the server on `port` answers GET /health; fails when it exits first or takes longer than `timeoutMs`. */
export async function waitForHealth(child: ChildProcess, port: number, options: { timeoutMs?: number; log?: string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) {
      throw new Error(
        `the server exited: run \`npm run build -w @bagui/api\` first${options.log === undefined ? '' : `; see ${options.log}`}`,
      );
    }
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (waited > timeoutMs) throw new Error('the server did not start');
    await sleep(100);
  }
}

/** The body of a 1,000-firm rd_incentive evaluate (generated, seed 7) as the API bench rows send it. */
export function thousandFirmsBody(budget: string, date: string): string {
  return JSON.stringify({ budget, method: 'pro_rata', date, enterprises: generatedRecords(1_000, 7) });
}

/** autocannon on rd_incentive's evaluate with `body`: 4 connections for `durationS` seconds; any non-2xx answer or error fails the bench. */
export async function loadEvaluate(
  port: number,
  body: string,
  query: string,
  durationS: number,
  connections = 4,
): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/programmes/rd_incentive/evaluate?${query}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: durationS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/** What `leanLoad` measured: answers a second, latency percentiles, and each answer's size. */
export interface LeanResult {
  readonly requestsPerS: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly answers: number;
  readonly answerBytes: number;
}

/**
 * The load of `loadEvaluate` (the same POST, `connections` kept-alive connections, each sending its
 * next request when its answer has ended, for `durationS` seconds) from a client that counts the
 * answer's bytes instead of decoding them into a string as autocannon 8 does: on a shared 2-core
 * machine autocannon's decoding of a 3 MB answer costs more CPU than the server's whole answer, so
 * it caps what can be measured. Every answer must be 200 and of the same size, or the bench fails.
 */
export async function leanLoad(port: number, body: string, query: string, durationS: number, connections = 4): Promise<LeanResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const payload = Buffer.from(body);
  const latencies: number[] = [];
  let answerBytes = -1;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: `/v1/programmes/rd_incentive/evaluate?${query}`,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
        },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`answer ${String(res.statusCode)}`));
            if (answerBytes >= 0 && bytes !== answerBytes) return reject(new Error(`an answer of ${bytes} bytes after ${answerBytes}`));
            answerBytes = bytes;
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            resolve();
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const until = Date.now() + durationS * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) await one();
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { requestsPerS: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99), answers: latencies.length, answerBytes };
}

/** `n` to `digits` decimals, as the rows print it. */
export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** Prints the machine (CPUs, node, load average) as every API bench starts; returns the load average. */
export function sayMachine(): number {
  const load = os.loadavg()[0] ?? 0;
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${load.toFixed(2)}`);
  return load;
}

/** The machine as the results files record it: CPUs, node, the load average before (`loadBefore`) and now. */
export function machineRecord(loadBefore: number): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    node: process.version,
    load_average_before: round(loadBefore, 2),
    load_average_after: round(os.loadavg()[0] ?? 0, 2),
  };
}

/** The full answer against `totals_only=true` under load, as the API rows print it. */
export function fullVsTotals(full: autocannon.Result, totals: autocannon.Result): Record<string, number> {
  return {
    full_requests_per_s: round(full.requests.average),
    full_p50_ms: full.latency.p50,
    full_p99_ms: full.latency.p99,
    totals_requests_per_s: round(totals.requests.average),
    totals_p99_ms: totals.latency.p99,
    totals_over_full: round(totals.requests.average / full.requests.average, 2),
  };
}
