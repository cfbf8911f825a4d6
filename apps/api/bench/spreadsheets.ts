/**
 * `npm run bench -w @bagui/api` (after `npm run build`), the part `spreadsheets` (alone:
 * `BENCH_PARTS=spreadsheets`): applicants files through the API, each request against a fresh
 * `node dist/server.js`, so that the server's peak memory (VmHWM, Linux's peak resident set) is
 * that request's; and the same work in a fresh process without HTTP (bench/spreadsheets-task.ts,
 * maxRSS), and core's parser alone.
 *
 * 1. A 1,000,000-row CSV (Chinese headers, CRLF) in UTF-8 and in GBK (no charset: detected),
 *    POST evaluate `totals_only=true`: decoding, parsing, evaluating, against the parser alone.
 * 2. A 100,000-row XLSX workbook of the same applicants, POST evaluate `totals_only=true`.
 * 3. 100,000 rows as CSV, POST evaluate with `Accept` XLSX: the result workbook (table,
 *    parameters, every firm's explanation, about), read to its last byte.
 *
 * Median time of BENCH_SHEETS_REPEAT runs (3) of each, taken in turns, and the largest peak. Prints a table and writes
 * bench/results/spreadsheets.json. BENCH_CSV_ROWS / BENCH_XLSX_ROWS change the sizes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { freePort, waitForHealth } from './server.js';

const parts = process.env.BENCH_PARTS;
if (parts !== undefined && !parts.split(',').includes('spreadsheets')) process.exit(0);

const ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const REPEAT = Number(process.env.BENCH_SHEETS_REPEAT ?? 3);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = new URL('./results/', import.meta.url);
const QUERY = 'budget=407000000&date=2021-06-30&async=false';
const dir = mkdtempSync(join(os.tmpdir(), 'bagui-api-sheets-bench-'));

/** Chinese headers, as Chinese Excel writes them; CRLF. */
const HEADER = GENERATED_HEADER.replace('name', '企业名称').replace('city', '所属城市');

async function writeCsv(file: string, rows: number, encode: (text: string) => Uint8Array): Promise<number> {
  const out = createWriteStream(file);
  out.write(encode(`${HEADER}\r\n`));
  for (const chunk of generateEnterpriseRows(rows)) if (!out.write(encode(chunk.replaceAll('\n', '\r\n')))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

/** The same applicants as a workbook, amounts as number cells (the generated rows hold no quoted cells). */
async function writeXlsx(file: string, rows: number): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = book.addWorksheet('申报表');
  sheet.addRow(HEADER.split(',')).commit();
  for (const chunk of generateEnterpriseRows(rows)) {
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      sheet.addRow(line.split(',').map((cell) => (/^\d+(\.\d+)?$/u.test(cell) ? Number(cell) : cell))).commit();
    }
  }
  sheet.commit();
  await book.commit();
  return statSync(file).size;
}

/** Peak and current resident set of a process, MiB (Linux). */
function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? Number.NaN);
  return { peakMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

interface Measured {
  readonly ms: number;
  readonly peakMb: number;
  readonly idleMb?: number;
  readonly answerBytes?: number;
}

/** One request against a fresh server: the client's time for the whole answer, the server's peak memory. */
async function throughApi(file: string, type: string, accept: string): Promise<Measured> {
  const port = await freePort();
  mkdirSync(RESULTS, { recursive: true });
  const log = openSync(new URL('server-spreadsheets.log', RESULTS), 'w');
  const child = spawn(process.execPath, ['--max-old-space-size=4096', 'dist/server.js'], {
    cwd: API_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), RATE_LIMIT_MAX: '0', LOG_LEVEL: 'info', BODY_LIMIT: '512mb' },
    stdio: ['ignore', log, log],
  });
  try {
    await waitForHealth(child, port);
    const idle = memoryOf(child.pid ?? 0);
    const bytes = readFileSync(file);
    const start = process.hrtime.bigint();
    const answerBytes = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          agent: false,
          method: 'POST',
          path: `/v1/programmes/rd_incentive/evaluate?${QUERY}${accept === XLSX ? '' : '&totals_only=true'}`,
          headers: { 'Content-Type': type, 'Content-Length': bytes.length, Accept: accept },
        },
        (res) => {
          let n = 0;
          let text = '';
          res.on('data', (chunk: Buffer) => {
            n += chunk.length;
            if (res.statusCode !== 200 && text.length < 2000) text += chunk.toString('utf8');
          });
          res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`status ${res.statusCode}: ${text}`))));
        },
      );
      req.on('error', reject);
      req.end(bytes);
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms: Math.round(ms), peakMb: memoryOf(child.pid ?? 0).peakMb, idleMb: idle.rssMb, answerBytes };
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

function inProcess(task: string, file: string): Measured {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      new URL('./spreadsheets-task.ts', import.meta.url).pathname,
      task,
      file,
    ],
    { cwd: API_DIR, encoding: 'utf8' },
  );
  const { ms, maxRssMb } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { ms: number; maxRssMb: number };
  return { ms, peakMb: maxRssMb };
}

/**
 * REPEAT runs of each task, taken in turns (so that a change in the machine's load, which is
 * shared, hits each alike): the median time and the largest peak of each.
 */
async function inTurns(tasks: readonly (() => Promise<Measured> | Measured)[]): Promise<Measured[]> {
  const runs: Measured[][] = tasks.map(() => []);
  for (let i = 0; i < REPEAT; i++) for (const [t, task] of tasks.entries()) runs[t]?.push(await task());
  return runs.map((list) => {
    const median = [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)] as Measured;
    return { ...median, peakMb: Math.max(...list.map((r) => r.peakMb)) };
  });
}

const loadBefore = os.loadavg()[0] ?? 0;
console.log(
  `writing ${ROWS.toLocaleString('en')}-row CSV files (UTF-8, GBK) and ${XLSX_ROWS.toLocaleString('en')}-row CSV and XLSX files in ${dir}…`,
);
const files = { utf8: join(dir, 'utf8.csv'), gbk: join(dir, 'gbk.csv'), small: join(dir, 'small.csv'), xlsx: join(dir, 'small.xlsx') };
const sizes = {
  utf8: await writeCsv(files.utf8, ROWS, (t) => new TextEncoder().encode(t)),
  gbk: await writeCsv(files.gbk, ROWS, (t) => iconv.encode(t, 'gbk')),
  small: await writeCsv(files.small, XLSX_ROWS, (t) => new TextEncoder().encode(t)),
  xlsx: await writeXlsx(files.xlsx, XLSX_ROWS),
};
const mb = (n: number): number => Number((n / 2 ** 20).toFixed(1));

const table: Record<string, Measured & { fileMb?: number }> = {};
try {
  for (const [name, file, size] of [
    ['UTF-8', files.utf8, sizes.utf8],
    ['GBK', files.gbk, sizes.gbk],
  ] as const) {
    const [parse, local, api] = await inTurns([
      () => inProcess('parseOnly', file),
      () => inProcess('csv', file),
      () => throughApi(file, 'text/csv', 'application/json'),
    ]);
    table[`CSV ${name}: core's parser alone`] = parse as Measured;
    table[`CSV ${name}: decode + parse + evaluate, in process`] = local as Measured;
    table[`CSV ${name}: POST evaluate (totals only)`] = { ...(api as Measured), fileMb: mb(size) };
    console.table(table);
  }
  const [xlsxLocal, xlsxApi, xlsxExport] = await inTurns([
    () => inProcess('xlsx', files.xlsx),
    () => throughApi(files.xlsx, XLSX, 'application/json'),
    () => throughApi(files.small, 'text/csv', XLSX),
  ]);
  table['XLSX import: read + parse + evaluate, in process'] = xlsxLocal as Measured;
  table['XLSX import: POST evaluate (totals only)'] = { ...(xlsxApi as Measured), fileMb: mb(sizes.xlsx) };
  table['XLSX export: POST evaluate (CSV in), Accept XLSX'] = { ...(xlsxExport as Measured), fileMb: mb(sizes.small) };
  console.table(table);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    new URL('spreadsheets.json', RESULTS),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          node: process.version,
          load_before: loadBefore,
          load_after: os.loadavg()[0],
        },
        rows: ROWS,
        xlsxRows: XLSX_ROWS,
        repeat: REPEAT,
        fileMb: { utf8: mb(sizes.utf8), gbk: mb(sizes.gbk), smallCsv: mb(sizes.small), xlsx: mb(sizes.xlsx) },
        tasks: table,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
