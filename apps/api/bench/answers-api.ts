/**
 * `npm run bench:answers-api -w @bagui/api` (after `npm run build`): only the API row of
 * `bench:answers` (issue #17), for measuring the server's path quickly: 1,000 firms, autocannon,
 * 4 connections, BENCH_DURATION s, the full answer with traces vs `totals_only=true`
 * (`node dist/server.js`, rate limit off). BENCH_NODE_ARGS adds options to the server's node (for
 * example `--cpu-prof --cpu-prof-dir=/tmp/prof`). Prints the row; writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { freePort, fullVsTotals, loadEvaluate, round, sayMachine, spawnServer, thousandFirmsBody, waitForHealth } from './server.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
const work = mkdtempSync(join(os.tmpdir(), 'bagui-answers-api-bench-'));
sayMachine();

const port = await freePort();
const server = spawnServer(port, join(work, 'data'), { logLevel: 'warn', stdio: ['ignore', 'inherit', 'inherit'], nodeArgs: NODE_ARGS });
try {
  await waitForHealth(server, port);
  const body = thousandFirmsBody('407000000', '2021-06-30');
  const load = (query: string) => loadEvaluate(port, body, query, DURATION);
  const full = await load('async=false');
  const totals = await load('async=false&totals_only=true');
  console.table({
    ...fullVsTotals(full, totals),
    load_average_after: round(os.loadavg()[0] ?? 0, 2),
  });
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(work, { recursive: true, force: true });
}
