/**
 * `npm run bench:answers-api -w @bagui/api` (after `npm run build`): only the API row of
 * `bench:answers` (issue #17), for measuring the server's path quickly: 1,000 firms, autocannon,
 * 4 connections, BENCH_DURATION s, the full answer with traces vs `totals_only=true`
 * (`node dist/server.js`, rate limit off). BENCH_NODE_ARGS adds options to the server's node (for
 * example `--cpu-prof --cpu-prof-dir=/tmp/prof`). On Linux it also counts the CPU time each of the
 * server's threads spent per answer (/proc/PID/task/TID/stat): the main thread, the busiest other
 * thread (the synchronous worker) and the rest (V8's helpers: garbage collection, compilation), and
 * this process's (the client's), which says more than requests/s when the machine is shared. Last,
 * the ceiling of the measure itself: the same autocannon load on a server that only sends one full
 * answer's bytes, ready-made (autocannon 8 decodes every answer's body into a string: 3 MB of it
 * costs the client more than the API's whole answer). Prints the rows; writes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import {
  freePort,
  fullVsTotals,
  leanLoad,
  loadEvaluate,
  round,
  sayMachine,
  spawnServer,
  thousandFirmsBody,
  waitForHealth,
} from './server.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
const work = mkdtempSync(join(os.tmpdir(), 'bagui-answers-api-bench-'));
sayMachine();

/** CPU ms of each thread of `pid` so far (Linux; empty elsewhere). */
function threadCpu(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  if (!existsSync(`/proc/${pid}/task`)) return cpu;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks (100 a second on Linux).
      cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return cpu;
}

/** The load `run` makes, with the CPU ms per answer (`answers` of its result) of the server's threads and of this process. */
async function measured<R>(pid: number, run: () => Promise<R>, answers: (result: R) => number) {
  const before = threadCpu(pid);
  const client = process.cpuUsage();
  const result = await run();
  const clientMs = process.cpuUsage(client);
  const spent = [...threadCpu(pid)].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const);
  const n = Math.max(1, answers(result));
  const main = spent.find(([tid]) => tid === pid)?.[1] ?? 0;
  const others = spent.filter(([tid]) => tid !== pid).sort((a, b) => b[1] - a[1]);
  const worker = others[0]?.[1] ?? 0;
  const rest = others.slice(1).reduce((sum, [, ms]) => sum + ms, 0);
  return {
    result,
    cpuPerAnswer: {
      main: round(main / n),
      worker: round(worker / n),
      helpers: round(rest / n),
      server: round((main + worker + rest) / n),
      client: round((clientMs.user + clientMs.system) / 1000 / n),
    },
  };
}

const port = await freePort();

/** The same load on a process that answers every POST with `answer` as it is: what the client and the sockets alone allow. */
async function readyMade(answer: Uint8Array, body: string): Promise<Awaited<ReturnType<typeof loadEvaluate>>> {
  const file = join(work, 'answer.json');
  writeFileSync(file, answer);
  const at = await freePort();
  const code = `
    const answer = require('node:fs').readFileSync(process.env.ANSWER);
    require('node:http').createServer((req, res) => {
      if (req.method === 'GET') { res.end('ok'); return; }
      req.resume();
      req.on('end', () => { res.setHeader('content-type', 'application/json; charset=utf-8'); res.end(answer); });
    }).listen(Number(process.env.PORT), '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', code], { env: { ...process.env, ANSWER: file, PORT: String(at) }, stdio: 'inherit' });
  try {
    await waitForHealth(child, at);
    return await loadEvaluate(at, body, 'async=false', DURATION);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const server = spawnServer(port, join(work, 'data'), { logLevel: 'warn', stdio: ['ignore', 'inherit', 'inherit'], nodeArgs: NODE_ARGS });
try {
  await waitForHealth(server, port);
  const body = thousandFirmsBody('407000000', '2021-06-30');
  const pid = server.pid ?? 0;
  // A short round first: the threads' code is compiled and warm before anything is counted.
  await loadEvaluate(port, body, 'async=false', 2);
  const autocannonLoad = (query: string) =>
    measured(
      pid,
      () => loadEvaluate(port, body, query, DURATION),
      (result) => result.requests.total,
    );
  const { result: full, cpuPerAnswer: fullCpu } = await autocannonLoad('async=false');
  const { result: totals, cpuPerAnswer: totalsCpu } = await autocannonLoad('async=false&totals_only=true');
  const { result: lean, cpuPerAnswer: leanCpu } = await measured(
    pid,
    () => leanLoad(port, body, 'async=false', DURATION),
    (result) => result.answers,
  );
  const ceiling = await readyMade(
    new Uint8Array(
      await (
        await fetch(`http://127.0.0.1:${port}/v1/programmes/rd_incentive/evaluate?async=false`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).arrayBuffer(),
    ),
    body,
  );
  console.log('CPU ms per answer (server threads from /proc; client: this process):');
  console.table({ full: fullCpu, totals_only: totalsCpu, full_lean_client: leanCpu });
  console.table({
    ...fullVsTotals(full, totals),
    ready_made_full_answer_requests_per_s: round(ceiling.requests.average),
    ready_made_p99_ms: ceiling.latency.p99,
    lean_client_full_requests_per_s: round(lean.requestsPerS),
    lean_client_full_p50_ms: lean.p50Ms,
    lean_client_full_p99_ms: lean.p99Ms,
    answer_bytes: lean.answerBytes,
    load_average_after: round(os.loadavg()[0] ?? 0, 2),
  });
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(work, { recursive: true, force: true });
}
