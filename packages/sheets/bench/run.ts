/**
 * `npm run bench` (sheets): CSV decoding of a 1,000,000-row file (UTF-8 and GBK) against the raw
 * read and against core's parser alone, and XLSX reading and writing of 100,000 rows, each task in
 * a fresh process for its time and peak memory (maxRSS). Median of REPEAT runs (3). Prints a table
 * and writes bench/results/sheets.json. BENCH_ROWS / BENCH_XLSX_ROWS change the sizes.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import { join } from 'node:path';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';
import iconv from 'iconv-lite';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const REPEAT = Number(process.env.REPEAT ?? 3);
const dir = mkdtempSync(join(os.tmpdir(), 'bagui-sheets-bench-'));

async function writeCsv(file: string, rows: number, encode: (text: string) => Uint8Array): Promise<number> {
  const out = createWriteStream(file);
  // Chinese headers, as Chinese Excel writes them; CRLF.
  out.write(encode(`${GENERATED_HEADER.replace('name', '企业名称').replace('city', '所属城市')}\r\n`));
  for (const chunk of generateEnterpriseRows(rows)) if (!out.write(encode(chunk.replaceAll('\n', '\r\n')))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

interface Measured {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly baselineMb: number;
  readonly bytes?: number;
}

function measure(task: string, file: string, env: Record<string, string> = {}, out = ''): Measured {
  const runs: Measured[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const text = execFileSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=6000', '--import', 'tsx', new URL('./task.ts', import.meta.url).pathname, task, file, out],
      {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      },
    );
    runs.push(JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as Measured);
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[Math.floor(runs.length / 2)] as Measured;
  return { ...median, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

console.log(`writing ${ROWS.toLocaleString('en')}-row CSV files (UTF-8, GBK) and a ${XLSX_ROWS.toLocaleString('en')}-row one in ${dir}…`);
const utf8File = join(dir, 'utf8.csv');
const gbkFile = join(dir, 'gbk.csv');
const smallFile = join(dir, 'small.csv');
const xlsxFile = join(dir, 'small.xlsx');
const sizes = {
  utf8: await writeCsv(utf8File, ROWS, (t) => new TextEncoder().encode(t)),
  gbk: await writeCsv(gbkFile, ROWS, (t) => iconv.encode(t, 'gbk')),
  small: await writeCsv(smallFile, XLSX_ROWS, (t) => new TextEncoder().encode(t)),
};

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
  rows: ROWS,
  xlsxRows: XLSX_ROWS,
  fileMb: { utf8: +(sizes.utf8 / 2 ** 20).toFixed(1), gbk: +(sizes.gbk / 2 ** 20).toFixed(1) },
};
const table: Record<string, Record<string, number | string>> = {};
for (const [name, file, encoding] of [
  ['UTF-8', utf8File, 'utf-8'],
  ['GBK', gbkFile, 'gbk'],
] as const) {
  for (const task of ['readBytes', 'streamBytes', 'textDecoder', 'decodeWhole', 'decodeStream', 'parseOnly', 'importCsv']) {
    const m = measure(task, file, { ENCODING: encoding });
    table[`${name} ${task}`] = { ms: m.ms, maxRssMb: m.maxRssMb };
    console.log(name, task, m);
  }
}
for (const task of ['xlsxWriteMemory', 'xlsxWriteStream']) {
  const m = measure(task, smallFile, {}, xlsxFile);
  table[`XLSX ${task}`] = { ms: m.ms, maxRssMb: m.maxRssMb, baselineMb: m.baselineMb, fileMb: +((m.bytes ?? 0) / 2 ** 20).toFixed(1) };
  console.log(task, m);
}
for (const task of ['xlsxReadMemory', 'xlsxReadStream']) {
  const m = measure(task, xlsxFile);
  table[`XLSX ${task}`] = { ms: m.ms, maxRssMb: m.maxRssMb };
  console.log(task, m);
}
results.tasks = table;
console.table(table);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/sheets.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });
