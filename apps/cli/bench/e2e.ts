/**
 * `npm run bench -w @bagui/cli`: end to end on a generated 1,000,000-row CSV —
 * `bagui evaluate rd_incentive --totals-only` vs a plain float64 script on the same file.
 * Wall time (median of 3) and peak memory of each; writes bench/results/e2e.json.
 * BENCH_FIRMS overrides the size.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 1_000_000);
const BUDGET = '407000000';
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', 'bin', 'bagui.js');
const csv = join(tmpdir(), `bagui-bench-${FIRMS}.csv`);

async function writeCsv(): Promise<void> {
  if (existsSync(csv)) return;
  const out = createWriteStream(csv);
  out.write(`${GENERATED_HEADER}\n`);
  for (const chunk of generateEnterpriseRows(FIRMS)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

interface Measured {
  ms: number;
  maxRssMb: number;
  stdout: string;
}

function run(args: string[]): Measured {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(here, 'max-rss.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  const kb = Number(/BAGUI_BENCH_MAX_RSS_KB=(\d+)/u.exec(r.stderr)?.[1] ?? Number.NaN);
  return { ms, maxRssMb: Math.round(kb / 1024), stdout: r.stdout };
}

function medianOf3(args: string[]): Measured {
  const runs = [run(args), run(args), run(args)].sort((a, b) => a.ms - b.ms);
  return runs[1] as Measured;
}

await writeCsv();
const bagui = medianOf3([
  bin,
  'evaluate',
  'rd_incentive',
  '--enterprises',
  csv,
  '--budget',
  BUDGET,
  '--date',
  '2021-06-30',
  '--totals-only',
]);
const plain = medianOf3([join(here, 'plain-float.mjs'), csv, BUDGET]);
const results = {
  date: new Date().toISOString(),
  firms: FIRMS,
  fileMb: Math.round(statSync(csv).size / 2 ** 20),
  baguiMs: Math.round(bagui.ms),
  baguiMaxRssMb: bagui.maxRssMb,
  plainFloatMs: Math.round(plain.ms),
  plainFloatMaxRssMb: plain.maxRssMb,
  ratio: Number((bagui.ms / plain.ms).toFixed(2)),
  baguiTotals: (JSON.parse(bagui.stdout) as { totals: unknown }).totals,
  plainFloatTotals: JSON.parse(plain.stdout) as unknown,
};
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
