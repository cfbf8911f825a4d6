/**
 * `npm run bench:answers -w @bagui/api` (after `npm run build`; also run by `npm run bench`):
 * issue #17's rows side by side in one run, as ratios, so that the load of a shared machine hits
 * both sides of each ratio alike.
 *
 * 1. CLI, 100,000 firms: `npx bagui evaluate rd_incentive` full JSON (every firm with its trace)
 *    vs `--totals-only`, each a fresh process, written with --out; median of BENCH_REPEAT, in turns.
 * 2. CLI, 100,000 firms: the same, full CSV vs `--totals-only`.
 * 3. API, 1,000 firms: autocannon, 4 connections, BENCH_DURATION s, full answer with traces vs
 *    `totals_only=true` (`node dist/server.js`, rate limit off).
 * 4. Core in process, 1,000,000 firms: `ranked` vs `pro_rata` (evaluateRdIncentive, median of 5).
 *
 * And, in process on the 100,000 firms, the JSON and CSV writers with the traces written from the
 * kernel's integers against the decimal.js reference traces (`JSON.stringify(evaluation.trace(i))`,
 * what every answer cost before): the before/after of the same run. Writes bench/results/answers.json.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unwrap } from '@bagui/core/errors';
import { fen, formatJson } from '@bagui/core/money';
import {
  evaluateRdIncentive,
  GENERATED_HEADER,
  generateEnterpriseRows,
  parseEnterprisesCsv,
  resolveRdRule,
  toCsvChunks,
  toJsonChunks,
  toJsonParts,
  type RdEvaluation,
} from '@bagui/core/programmes/rd-incentive';
import {
  freePort,
  fullVsTotals,
  leanLoad,
  loadEvaluate,
  machineRecord,
  round,
  sayMachine,
  spawnServer,
  thousandFirmsBody,
  waitForHealth,
} from './server.js';

const CLI_FIRMS = Number(process.env.BENCH_CLI_FIRMS ?? 100_000);
const CORE_FIRMS = Number(process.env.BENCH_CORE_FIRMS ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const DATE = '2021-06-30';
const BUDGET = '407000000';
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(API_DIR, '..', '..');
const RESULTS = new URL('./results/', import.meta.url);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const work = mkdtempSync(join(os.tmpdir(), 'bagui-answers-bench-'));
mkdirSync(RESULTS, { recursive: true });
const loadBefore = sayMachine();

// ---- 1 and 2: the CLI as a user runs it --------------------------------------------------------
const csvPath = join(work, `firms-${CLI_FIRMS}.csv`);
{
  const out = createWriteStream(csvPath);
  out.write(`${GENERATED_HEADER}\n`);
  for (const chunk of generateEnterpriseRows(CLI_FIRMS, 2021)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function cli(extra: string[], out: string): { ms: number; bytes: number } {
  const args = [
    'bagui',
    'evaluate',
    'rd_incentive',
    '--enterprises',
    csvPath,
    '--budget',
    BUDGET,
    '--date',
    DATE,
    '--out',
    out,
    '--quiet',
    ...extra,
  ];
  const start = process.hrtime.bigint();
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`npx ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  const bytes = statSync(out).size;
  rmSync(out);
  return { ms, bytes };
}

const cliRuns = { totals: [] as number[], json: [] as number[], csv: [] as number[], compact: [] as number[] };
const cliBytes = { totals: 0, json: 0, csv: 0, compact: 0 };
/** `--trace compact` (#17): set BENCH_COMPACT=false to measure a build without it. */
const COMPACT = process.env.BENCH_COMPACT !== 'false';
for (let r = 0; r <= REPEAT; r++) {
  // The first round warms the file cache and npx; it is not counted.
  const totals = cli(['--totals-only'], join(work, 'totals.json'));
  const json = cli([], join(work, 'full.json'));
  const csv = cli(['--format', 'csv'], join(work, 'full.csv'));
  const compact = COMPACT ? cli(['--trace', 'compact'], join(work, 'compact.json')) : { ms: Number.NaN, bytes: 0 };
  if (r === 0) continue;
  cliRuns.totals.push(totals.ms);
  cliRuns.json.push(json.ms);
  cliRuns.csv.push(csv.ms);
  cliRuns.compact.push(compact.ms);
  Object.assign(cliBytes, { totals: totals.bytes, json: json.bytes, csv: csv.bytes, compact: compact.bytes });
}
const cliRow = {
  firms: CLI_FIRMS,
  repeat: REPEAT,
  totals_only_ms: Math.round(median(cliRuns.totals)),
  full_json_ms: Math.round(median(cliRuns.json)),
  full_csv_ms: Math.round(median(cliRuns.csv)),
  full_json_over_totals: round(median(cliRuns.json) / median(cliRuns.totals), 2),
  full_csv_over_totals: round(median(cliRuns.csv) / median(cliRuns.totals), 2),
  full_json_mb: round(cliBytes.json / 1e6),
  full_json_bytes_per_firm: Math.round(cliBytes.json / CLI_FIRMS),
  full_csv_mb: round(cliBytes.csv / 1e6),
  compact_json_ms: Math.round(median(cliRuns.compact)),
  compact_json_over_totals: round(median(cliRuns.compact) / median(cliRuns.totals), 2),
  compact_json_mb: round(cliBytes.compact / 1e6),
};
console.log('\nCLI (npx bagui, fresh processes):');
console.table(cliRow);

// ---- the writers in process: fast traces vs the decimal.js reference ---------------------------
const table = unwrap(parseEnterprisesCsv(`${GENERATED_HEADER}\n${[...generateEnterpriseRows(CLI_FIRMS, 2021)].join('')}`));
const rule = unwrap(resolveRdRule(DATE));
const budget = fen(40_700_000_000);
const evaluation = evaluateRdIncentive(table, rule, { budget, method: 'pro_rata' });

/** What the JSON writer did before #17: every trace built in decimal.js and serialized by JSON.stringify. */
function referenceJsonBytes(e: RdEvaluation): number {
  let bytes = 0;
  for (let i = 0; i < e.table.count; i++) {
    const row = {
      id: e.table.ids[i],
      entitlement: formatJson(e.entitlements[i] ?? 0),
      award: formatJson(e.allocation.awards[i] ?? 0),
      trace: e.trace(i),
    };
    bytes += JSON.stringify(row).length;
  }
  return bytes;
}
const chunkChars = (chunks: Iterable<string | Uint8Array>): number => {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
};
function timedMs(fn: () => unknown): number {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const writers = { fast_json: [] as number[], reference_json: [] as number[], fast_csv: [] as number[], totals: [] as number[] };
for (let r = 0; r <= REPEAT; r++) {
  // The bytes the CLI's --out and the API write (toJsonChunks would add a decode to text).
  const fastJson = timedMs(() => chunkChars(toJsonParts(evaluation)));
  const referenceJson = timedMs(() => referenceJsonBytes(evaluation));
  const fastCsv = timedMs(() => chunkChars(toCsvChunks(evaluation)));
  const totals = timedMs(() => chunkChars(toJsonChunks(evaluation, { totalsOnly: true })));
  if (r === 0) continue;
  writers.fast_json.push(fastJson);
  writers.reference_json.push(referenceJson);
  writers.fast_csv.push(fastCsv);
  writers.totals.push(totals);
}
const writerRow = {
  firms: CLI_FIRMS,
  json_writer_ms: Math.round(median(writers.fast_json)),
  reference_traces_json_ms: Math.round(median(writers.reference_json)),
  reference_over_writer: round(median(writers.reference_json) / median(writers.fast_json), 1),
  csv_writer_ms: Math.round(median(writers.fast_csv)),
};
console.log('\nwriters in process (100,000 firms): traces from the kernel vs the decimal.js reference');
console.table(writerRow);

// ---- 4: ranked vs pro_rata in process ------------------------------------------------------------
const big = unwrap(parseEnterprisesCsv(`${GENERATED_HEADER}\n${[...generateEnterpriseRows(CORE_FIRMS, 2021)].join('')}`));
const methods = { pro_rata: [] as number[], ranked: [] as number[] };
for (let r = 0; r <= 5; r++) {
  const p = timedMs(() => evaluateRdIncentive(big, rule, { budget, method: 'pro_rata' }));
  const k = timedMs(() => evaluateRdIncentive(big, rule, { budget, method: 'ranked' }));
  if (r === 0) continue;
  methods.pro_rata.push(p);
  methods.ranked.push(k);
}
const rankedEvaluation = evaluateRdIncentive(big, rule, { budget, method: 'ranked' });
const allPositionsMs = timedMs(() => rankedEvaluation.allocation.rankPosition);
const coreRow = {
  firms: CORE_FIRMS,
  pro_rata_ms: round(median(methods.pro_rata)),
  ranked_ms: round(median(methods.ranked)),
  ranked_over_pro_rata: round(median(methods.ranked) / median(methods.pro_rata), 2),
  every_rank_position_when_a_trace_asks_ms: Math.round(allPositionsMs),
};
console.log('\ncore in process: ranked vs pro_rata');
console.table(coreRow);

// ---- 3: the API under load -------------------------------------------------------------------

const port = await freePort();
const log = openSync(new URL('answers-server.log', RESULTS), 'w');
const server = spawnServer(port, join(work, 'data'), { logLevel: 'info', stdio: ['ignore', log, log] });
let apiRow: Record<string, number> = {};
try {
  await waitForHealth(server, port);
  const body = thousandFirmsBody(BUDGET, DATE);
  const load = (query: string) => loadEvaluate(port, body, query, DURATION);
  const full = await load('async=false');
  const totals = await load('async=false&totals_only=true');
  const compact = COMPACT ? await load('async=false&trace=compact') : undefined;
  // The same full answers to a client that counts their bytes rather than decoding them (server.ts).
  const lean = await leanLoad(port, body, 'async=false', DURATION);
  apiRow = {
    firms: 1_000,
    connections: 4,
    duration_s: DURATION,
    ...fullVsTotals(full, totals),
    ...(compact === undefined ? {} : { compact_requests_per_s: round(compact.requests.average), compact_p99_ms: compact.latency.p99 }),
    lean_client_full_requests_per_s: round(lean.requestsPerS),
    lean_client_full_p50_ms: lean.p50Ms,
    lean_client_full_p99_ms: lean.p99Ms,
  };
  console.log('\nAPI, 1,000 firms, autocannon:');
  console.table(apiRow);
} finally {
  server.kill('SIGTERM');
}

const results = {
  date: new Date().toISOString(),
  machine: machineRecord(loadBefore),
  cli: cliRow,
  writers: writerRow,
  api: apiRow,
  core: coreRow,
};
writeFileSync(new URL('answers.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log('\nwrote bench/results/answers.json');
