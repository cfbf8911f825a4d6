/**
 * `node --import tsx bench/answer-cpu.ts` (after `npm run build`): the CPU of one 1,000-firm full
 * evaluate answer (issue #17's API row) in this process, without a client or a socket: each phase
 * the worker thread goes through (decode, exact JSON read, settings, enterprises, evaluate, the
 * answer's bytes), then the worker's whole path (`requestAnswerer`, as the pool calls it). CPU time
 * (process.cpuUsage) as well as wall time, median of BENCH_ROUNDS rounds: less sensitive to the
 * machine's load than requests/s. Prints a table; writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { readJson } from '@bagui/core/json';
import { toJsonParts } from '@bagui/core/programmes/rd-incentive';
import { openStore } from '@bagui/store';
import { pino } from 'pino';
import { loadConfig } from '../dist/env.js';
import { evaluate, readEnterprises, resolveScenario } from '../dist/programmes/contract-settings.js';
import { inBody } from '../dist/http/validation.js';
import { requestAnswerer } from '../dist/work/compute.js';
import { thousandFirmsBody } from './server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const body = new TextEncoder().encode(thousandFirmsBody('407000000', '2021-06-30'));
const decoder = new TextDecoder('utf-8', { fatal: true });

interface Timing {
  cpu: number[];
  wall: number[];
}
const timings = new Map<string, Timing>();
/** Adds one measurement of `name`, from the CPU usage and the time at its start. */
function record(name: string, cpu0: NodeJS.CpuUsage, wall0: number): void {
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const t = timings.get(name) ?? { cpu: [], wall: [] };
  t.cpu.push((cpu.user + cpu.system) / 1000);
  t.wall.push(wall);
  timings.set(name, t);
}
function timed<T>(name: string, f: () => T): T {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = f();
  record(name, cpu0, wall0);
  return value;
}
async function timedAsync<T>(name: string, f: () => Promise<T>): Promise<T> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = await f();
  record(name, cpu0, wall0);
  return value;
}

const work = mkdtempSync(join(os.tmpdir(), 'bagui-answer-cpu-'));
const config = loadConfig({ BAGUI_DATA_DIR: join(work, 'data'), LOG_LEVEL: 'warn' });
const store = await openStore(config.STORE);
const answerer = requestAnswerer({ config, store, logger: pino({ level: 'warn' }) });
const request = {
  method: 'POST',
  url: '/v1/programmes/rd_incentive/evaluate?async=false',
  headers: { 'content-type': 'application/json', host: '127.0.0.1' },
  body,
  today: '2026-12-03',
  requestId: 'bench',
  mode: 'admit',
} as const;
let bytes = 0;
try {
  for (let round = 0; round < ROUNDS; round++) {
    timed('phases: all', () => {
      const text = timed('1 decode', () => decoder.decode(body));
      const read = timed('2 readJson', () => readJson(text));
      if (!read.ok) throw new Error('not JSON');
      const value = read.value as { budget: string; method: 'pro_rata'; date: string; enterprises: unknown[] };
      const scenario = timed('3 settings', () =>
        resolveScenario(
          { budget: value.budget, method: value.method, date: value.date, overrides: [] },
          { setting: () => ({}), override: () => ({}) },
          '2026-12-03',
        ),
      );
      const { applicants } = timed('4 enterprises', () => readEnterprises({ kind: 'records', records: value.enterprises }, inBody));
      const evaluation = timed('5 evaluate', () => evaluate(scenario, applicants));
      bytes = timed('6 answer bytes', () => {
        let n = 0;
        for (const part of toJsonParts(evaluation)) n += typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
        return n;
      });
    });
    const answer = await timedAsync('worker path (requestAnswerer)', () => answerer.answer(request));
    if (answer.status !== 200) throw new Error(`status ${answer.status}`);
  }
} finally {
  await answerer.close();
  await store.close();
  rmSync(work, { recursive: true, force: true });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
// The first rounds warm the code up: leave out a quarter.
const warm = (xs: number[]): number[] => xs.slice(Math.floor(xs.length / 4));
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, node ${process.version}, load average ${(os.loadavg()[0] ?? 0).toFixed(2)}; answer ${bytes} bytes`,
);
console.table(
  Object.fromEntries(
    [...timings].map(([name, t]) => [
      name,
      { cpu_ms: Number(median(warm(t.cpu)).toFixed(1)), wall_ms: Number(median(warm(t.wall)).toFixed(1)) },
    ]),
  ),
);
