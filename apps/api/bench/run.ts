/**
 * `npm run bench -w @bagui/api` (after `npm run build`): the API as another system sees it.
 *
 * 1. Throughput: autocannon against `node dist/server.js` (production settings, logs on, rate
 *    limit off), POST evaluate with 1,000 generated firms as JSON, full answer (with every
 *    trace) and totals only: requests/s, p50 and p99 latency.
 * 2. Overhead: one evaluation of 100,000 firms through HTTP against the same call in process,
 *    from the same request bytes (UTF-8, as in a file: the in-process side decodes them as the
 *    server does) to the same answer bytes, median of BENCH_REPEAT runs.
 * 3. The same for a 100,000-firm compare (three reforms, the example reforms of the CLI) and a
 *    20-point sweep: the API's answer against the core's compare / sweep on the same text.
 *
 * Not a test: prints a table and writes bench/results/api.json. BENCH_DURATION (s per load
 * run), BENCH_LARGE_FIRMS and BENCH_REPEAT override the sizes; BENCH_PARTS=analysis (or load,
 * evaluate) runs only those parts.
 */
import { mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { compare, comparisonToJson, parseReform, rdIncentiveEvaluator, sweep, sweepAxis, sweepToJson } from '@bagui/core/compare';
import { unwrap } from '@bagui/core/errors';
import { parseAmount } from '@bagui/core/money';
import {
  enterprisesFromRecords,
  evaluateRdIncentive,
  GENERATED_HEADER,
  generateEnterpriseRows,
  parseEnterprisesCsv,
  rdIncentiveProgramme,
  rdIncentiveRegistry,
  resolveRdRule,
  toJsonChunks,
} from '@bagui/core/programmes/rd-incentive';
import autocannon from 'autocannon';
import { generatedRecords } from '../test/generated-firms.js';
import { freePort, machineRecord, round, sayMachine, spawnServer, waitForHealth } from './server.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const LARGE = Number(process.env.BENCH_LARGE_FIRMS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
/** `load`, `evaluate`, `analysis`, comma-separated: the parts to run (default all). */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'load,evaluate,analysis').split(','));
const skipped: Record<string, number> = {};
const DATE = '2021-06-30';
const BUDGET = '407000000';
const EVALUATE = '/v1/programmes/rd_incentive/evaluate';
const COMPARE = '/v1/programmes/rd_incentive/compare';
const SWEEP = '/v1/programmes/rd_incentive/sweep';

/** The CLI's example reforms (apps/cli/examples/reforms/): a cap, a rate, and both as two layers. */
const REFORMS = [
  { name: 'cap-above-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] },
  { name: 'high-tech-15', overrides: [{ path: 'rd_incentive.high_tech.rate', value: '15%' }] },
  {
    name: 'cap-800-and-high-tech-15',
    layers: [
      { name: 'cap-above-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] },
      { name: 'high-tech-15', overrides: [{ path: 'rd_incentive.high_tech.rate', value: '15%' }] },
    ],
  },
];
const SWEPT = { path: 'rd_incentive.increment.cap_above', from: '100万', to: '2000万', step: '100万' };
const RESULTS = new URL('./results/', import.meta.url);

interface Body {
  readonly type: 'application/json' | 'text/csv';
  readonly text: string;
  /** The request as it sits in a file or a message queue: both sides start from these bytes. */
  readonly bytes: Buffer;
}

const body = (type: Body['type'], text: string): Body => ({ type, text, bytes: Buffer.from(text) });

/** A generated population as the body another system would send: JSON, or CSV with the settings in the query. */
function requestBody(firms: number, seed: number, type: Body['type'] = 'application/json'): Body {
  if (type === 'text/csv') return body(type, `${GENERATED_HEADER}\n${[...generateEnterpriseRows(firms, seed)].join('')}`);
  return body(type, JSON.stringify({ budget: BUDGET, method: 'pro_rata', date: DATE, enterprises: generatedRecords(firms, seed) }));
}

/** The same work without HTTP: from the body's text to every byte of the answer. */
function inProcess(body: Body, totalsOnly: boolean): number {
  const table = unwrap(
    body.type === 'text/csv'
      ? parseEnterprisesCsv(body.bytes.toString('utf8'))
      : enterprisesFromRecords((JSON.parse(body.bytes.toString('utf8')) as { enterprises: unknown[] }).enterprises, ['enterprises']),
  );
  const rule = unwrap(resolveRdRule(DATE));
  const evaluation = evaluateRdIncentive(table, rule, { budget: unwrap(parseAmount(BUDGET)), method: 'pro_rata' });
  let bytes = 0;
  for (const chunk of toJsonChunks(evaluation, { totalsOnly })) bytes += Buffer.byteLength(chunk);
  return bytes;
}

/** A 100,000-firm compare or sweep as another system would send it: the evaluate body with the analysis settings. */
function analysisBody(evaluate: Body, extra: Record<string, unknown>): Body {
  if (evaluate.type === 'text/csv') return evaluate;
  const parsed = JSON.parse(evaluate.text) as Record<string, unknown>;
  return body(evaluate.type, JSON.stringify({ ...parsed, ...extra }));
}

const analysisQuery = (body: Body, extra: string): string =>
  body.type === 'text/csv' ? `budget=${BUDGET}&method=pro_rata&date=${DATE}&${extra}` : '';

const compareCsvQuery = REFORMS.map((r) => `reform=${encodeURIComponent(JSON.stringify(r))}`).join('&');
const sweepCsvQuery = Object.entries(SWEPT)
  .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
  .join('&');

/** The table from a body's text, as the server reads it. */
function tableOf(body: Body) {
  return unwrap(
    body.type === 'text/csv'
      ? parseEnterprisesCsv(body.bytes.toString('utf8'))
      : enterprisesFromRecords((JSON.parse(body.bytes.toString('utf8')) as { enterprises: unknown[] }).enterprises, ['enterprises']),
  );
}

/** The same compare without HTTP: from the body's text to every byte of `bagui compare --format json`. */
function compareInProcess(body: Body): number {
  const table = tableOf(body);
  const parameters = unwrap(rdIncentiveRegistry.resolve(DATE));
  const reforms = REFORMS.map((r) => unwrap(parseReform(r, rdIncentiveRegistry)));
  const baseline = {
    programme: rdIncentiveProgramme,
    registry: rdIncentiveRegistry,
    parameters,
    budget: unwrap(parseAmount(BUDGET)),
    method: 'pro_rata',
  };
  const c = unwrap(compare(baseline, reforms, table));
  return Buffer.byteLength(`${JSON.stringify(comparisonToJson(c, { count: 'enterprises' }), null, 2)}\n`);
}

/** The same sweep without HTTP. */
function sweepInProcess(body: Body): number {
  const table = tableOf(body);
  const parameters = unwrap(rdIncentiveRegistry.resolve(DATE));
  const axis = unwrap(sweepAxis(rdIncentiveRegistry, SWEPT.path, SWEPT));
  const s = unwrap(
    sweep(
      rdIncentiveEvaluator(table),
      { registry: rdIncentiveRegistry, parameters, budget: unwrap(parseAmount(BUDGET)), method: 'pro_rata' },
      [axis],
    ),
  );
  return Buffer.byteLength(`${JSON.stringify(sweepToJson(s, { count: 'enterprises' }), null, 2)}\n`);
}

const csvQuery = (body: Body): string => (body.type === 'text/csv' ? `&budget=${BUDGET}&method=pro_rata&date=${DATE}` : '');

/** One POST, the whole answer read and counted. */
function overHttp(port: number, body: Body, query: string, route = EVALUATE): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        // A new connection each time: a kept-alive one may have timed out during the in-process run.
        agent: false,
        method: 'POST',
        path: `${route}?${query}${route === EVALUATE ? csvQuery(body) : ''}`,
        headers: { 'Content-Type': body.type, 'Content-Length': body.bytes.length },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body.bytes);
  });
}

/** Through a job: 202, poll the status every 20 ms, then read the result. */
async function viaJob(port: number, body: Body, query: string): Promise<number> {
  const base = `http://127.0.0.1:${port}`;
  const accepted = await fetch(`${base}${EVALUATE}?async=true&${query}${csvQuery(body)}`, {
    method: 'POST',
    headers: { 'Content-Type': body.type },
    body: body.bytes,
  });
  const location = accepted.headers.get('location');
  if (accepted.status !== 202 || location === null) throw new Error(`status ${accepted.status}`);
  for (;;) {
    const status = (await (await fetch(`${base}${location}`)).json()) as { status: string };
    if (status.status === 'succeeded') break;
    if (status.status === 'failed') throw new Error('job failed');
    await sleep(20);
  }
  const result = await fetch(`${base}${location}/result`);
  return (await result.arrayBuffer()).byteLength;
}

interface Run {
  readonly ms: number;
  readonly bytes: number;
}

async function timed(fn: () => Promise<number> | number): Promise<Run> {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const bytes = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes };
}

const medianOf = (runs: Run[]): Run => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] ?? { ms: Number.NaN, bytes: 0 };

interface OverheadRow {
  in_process_ms: number;
  api_ms: number;
  ratio: number;
  request_mb: number;
  answer_mb: number;
}

/** A row of the in-process vs HTTP tables (the answer's MB to `answerDigits` decimals); fails unless both answered the same bytes. */
function overheadRow(name: string, body: Body, local: Run, remote: Run, answerDigits: number): OverheadRow {
  if (remote.bytes !== local.bytes) throw new Error(`${name}: ${remote.bytes} bytes over HTTP, ${local.bytes} in process`);
  return {
    in_process_ms: round(local.ms, 0),
    api_ms: round(remote.ms, 0),
    ratio: round(remote.ms / local.ms, 2),
    request_mb: round(body.bytes.length / 1e6),
    answer_mb: round(local.bytes / 1e6, answerDigits),
  };
}

/** Median of REPEAT runs of each, taken in turns, so that a change in the machine's load hits both alike. */
async function sideBySide(a: () => Promise<number> | number, b: () => Promise<number> | number): Promise<[Run, Run]> {
  await a(); // warm up
  await b();
  const runsA: Run[] = [];
  const runsB: Run[] = [];
  for (let i = 0; i < REPEAT; i++) {
    runsA.push(await timed(a));
    runsB.push(await timed(b));
  }
  return [medianOf(runsA), medianOf(runsB)];
}

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  mkdirSync(RESULTS, { recursive: true });
  const log = openSync(new URL('server.log', RESULTS), 'w');
  // The server gets the bench's own heap flags, so that neither side has a larger heap to hide GC in.
  const flags = process.execArgv.filter((flag) => flag.startsWith('--max-'));
  // Its saved data (none here) in a folder of its own.
  const child = spawnServer(port, mkdtempSync(`${os.tmpdir()}/bagui-api-bench-`), {
    logLevel: 'info',
    stdio: ['ignore', log, log],
    nodeArgs: flags,
  });
  await waitForHealth(child, port, { log: 'bench/results/server.log' });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function load(port: number, body: Body, query: string): Promise<Record<string, number>> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${EVALUATE}?${query}`,
    method: 'POST',
    headers: { 'content-type': body.type },
    body: body.text,
    connections: 4,
    duration: DURATION,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    requests_per_s: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    mb_per_s: result.throughput.average / 1e6,
  };
}

const server = await startServer();
try {
  const loadBefore = sayMachine();

  const small = requestBody(1_000, 7);
  const perCallRuns: Run[] = [];
  for (let i = 0; i <= REPEAT; i++) perCallRuns.push(await timed(() => inProcess(small, false)));
  const perCall = medianOf(perCallRuns.slice(1)); // the first warms up
  console.log(
    `\n1,000 firms: ${(small.bytes.length / 1e3).toFixed(0)} kB request; in process ${perCall.ms.toFixed(1)} ms and ${(perCall.bytes / 1e6).toFixed(2)} MB with traces`,
  );
  const full = PARTS.has('load') ? await load(server.port, small, 'async=false') : skipped;
  const totals = PARTS.has('load') ? await load(server.port, small, 'async=false&totals_only=true') : skipped;
  console.log(
    `  full answer:  ${round(full.requests_per_s ?? 0)} req/s, p50 ${full.p50_ms} ms, p99 ${full.p99_ms} ms (${round(full.mb_per_s ?? 0)} MB/s)`,
  );
  console.log(`  totals only:  ${round(totals.requests_per_s ?? 0)} req/s, p50 ${totals.p50_ms} ms, p99 ${totals.p99_ms} ms`);

  console.log(`\ngenerating ${LARGE.toLocaleString('en')} firms…`);
  const large = requestBody(LARGE, 2021);
  const largeCsv = requestBody(LARGE, 2021, 'text/csv');
  const rows: Record<string, OverheadRow> = {};
  for (const [name, body, totalsOnly, via] of [
    ['JSON, full answer', large, false, 'sync'],
    ['JSON, totals only', large, true, 'sync'],
    ['JSON, totals only, as a job', large, true, 'job'],
    ['CSV, full answer', largeCsv, false, 'sync'],
    ['CSV, totals only', largeCsv, true, 'sync'],
  ] as const) {
    if (!PARTS.has('evaluate')) break;
    const query = totalsOnly ? 'totals_only=true' : '';
    const [local, remote] = await sideBySide(
      () => inProcess(body, totalsOnly),
      () => (via === 'job' ? viaJob(server.port, body, query) : overHttp(server.port, body, `async=false&${query}`)),
    );
    rows[name] = overheadRow(name, body, local, remote, 1);
  }
  console.log(`\n${LARGE.toLocaleString('en')} firms, median of ${REPEAT} runs of each, taken in turns:`);
  console.table(rows);

  const analysis: typeof rows = {};
  for (const [name, evaluateBody, route] of [
    ['compare, 3 reforms, JSON', large, COMPARE],
    ['compare, 3 reforms, CSV', largeCsv, COMPARE],
    ['sweep, 20 points, JSON', large, SWEEP],
    ['sweep, 20 points, CSV', largeCsv, SWEEP],
  ] as const) {
    if (!PARTS.has('analysis')) break;
    const isCompare = route === COMPARE;
    const body = analysisBody(evaluateBody, isCompare ? { reforms: REFORMS } : SWEPT);
    const query = `async=false&${analysisQuery(body, isCompare ? compareCsvQuery : sweepCsvQuery)}`;
    const [local, remote] = await sideBySide(
      () => (isCompare ? compareInProcess(body) : sweepInProcess(body)),
      () => overHttp(server.port, body, query, route),
    );
    analysis[name] = overheadRow(name, body, local, remote, 2);
  }
  console.log(`\n${LARGE.toLocaleString('en')} firms, compare and sweep, median of ${REPEAT} runs of each, taken in turns:`);
  console.table(analysis);

  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    new URL('api.json', RESULTS),
    `${JSON.stringify(
      {
        machine: machineRecord(loadBefore),
        load: { firms: 1_000, connections: 4, duration_s: DURATION, in_process_ms: round(perCall.ms), full, totals_only: totals },
        overhead: { firms: LARGE, repeat: REPEAT, rows },
        analysis: { firms: LARGE, repeat: REPEAT, reforms: REFORMS.map((r) => r.name), sweep: SWEPT, rows: analysis },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  server.stop();
}
