/**
 * `npm run bench -w @bagui/cli`: end to end on 1,000,000-row CSV files, each command a fresh
 * process, wall time (median of 3, with that run's CPU time: user + system) and peak memory
 * (maxRSS), two rows side by side:
 *
 * 1. the benchmarks' generated file (`generateEnterpriseRows`: plain amounts in yuan) —
 *    `bagui evaluate rd_incentive --totals-only` vs `bench/plain-float.mjs`, a float64 script;
 * 2. the file `bagui generate rd_incentive` writes (Chinese names, cities and industries in every
 *    row) with every 14th amount (~7 %) rewritten in 万 (`82279.0681万`) — the same command vs
 *    /work/shared/bench/float-peer.mjs (FLOAT_PEER overrides the path), run with its own directory
 *    as its working directory and never copied here: it takes `FILE BUDGET` and wants the columns
 *    in `bagui generate`'s order, amounts in yuan or with 万/亿.
 *
 * Prints and writes bench/results/e2e.json with each ratio. BENCH_FIRMS overrides the size.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPopulation, generateCsvChunks } from '@bagui/core/generate';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 1_000_000);
const BUDGET = '407000000';
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', 'bin', 'bagui.js');
const csv = join(tmpdir(), `bagui-bench-${FIRMS}.csv`);
const wanCsv = join(tmpdir(), `bagui-bench-${FIRMS}-wan.csv`);
const floatPeer = process.env.FLOAT_PEER ?? '/work/shared/bench/float-peer.mjs';

async function write(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** An amount in yuan with two decimals (`822790681.00`) in 万, exactly (`82279.0681万`). */
function inWan(yuan: string): string {
  const fen = yuan.replace('.', '');
  const digits = fen.padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/u, '');
  const decimals = digits.slice(-6).replace(/0+$/u, '');
  return `${whole}${decimals === '' ? '' : `.${decimals}`}万`;
}

/** `bagui generate rd_incentive`'s rows with every 14th amount (revenue, rd_expense, rd_expense_prev) in 万. */
function* wanRows(): Generator<string> {
  const population = findPopulation('rd_incentive');
  if (population === undefined) throw new Error('no rd_incentive population');
  let amounts = 0;
  let held = '';
  let header = true;
  for (const chunk of generateCsvChunks({ population, count: FIRMS, seed: 2021 })) {
    const lines = (held + chunk).split('\n');
    held = lines.pop() ?? '';
    const out: string[] = [];
    for (const line of lines) {
      if (header || line === '') {
        header = false;
        out.push(line);
        continue;
      }
      const cells = line.split(',');
      for (let c = 3; c <= 5; c++) if (amounts++ % 14 === 0) cells[c] = inWan(cells[c] ?? '');
      out.push(cells.join(','));
    }
    yield `${out.join('\n')}\n`;
  }
  if (held !== '') yield held;
}

async function writeFiles(): Promise<void> {
  if (!existsSync(csv)) await write(csv, [`${GENERATED_HEADER}\n`, ...generateEnterpriseRows(FIRMS)]);
  if (!existsSync(wanCsv)) await write(wanCsv, wanRows());
}

interface Measured {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
}

function run(args: string[], cwd?: string): Measured {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', join(here, 'max-rss.mjs'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    ...(cwd === undefined ? {} : { cwd }),
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  const kb = Number(/BAGUI_BENCH_MAX_RSS_KB=(\d+)/u.exec(r.stderr)?.[1] ?? Number.NaN);
  const cpuUs = Number(/BAGUI_BENCH_CPU_US=(\d+)/u.exec(r.stderr)?.[1] ?? Number.NaN);
  return { ms, cpuMs: Math.round(cpuUs / 1000), maxRssMb: Math.round(kb / 1024), stdout: r.stdout };
}

function medianOf3(args: string[], cwd?: string): Measured {
  const runs = [run(args, cwd), run(args, cwd), run(args, cwd)].sort((a, b) => a.ms - b.ms);
  return runs[1] as Measured;
}

const bagui = (file: string): Measured =>
  medianOf3([
    bin,
    'evaluate',
    'rd_incentive',
    '--applicants',
    file,
    '--budget',
    BUDGET,
    '--date',
    '2021-06-30',
    '--totals-only',
    '--quiet',
  ]);

function row(file: string, peerName: string, peer: Measured, ours: Measured): Record<string, unknown> {
  return {
    file: basename(file),
    fileMb: Math.round(statSync(file).size / 2 ** 20),
    baguiMs: Math.round(ours.ms),
    baguiCpuMs: ours.cpuMs,
    baguiMaxRssMb: ours.maxRssMb,
    peer: peerName,
    peerMs: Math.round(peer.ms),
    peerCpuMs: peer.cpuMs,
    peerMaxRssMb: peer.maxRssMb,
    ratio: Number((ours.ms / peer.ms).toFixed(2)),
    cpuRatio: Number((ours.cpuMs / peer.cpuMs).toFixed(2)),
    baguiTotals: (JSON.parse(ours.stdout) as { totals: unknown }).totals,
    peerTotals: JSON.parse(peer.stdout) as unknown,
  };
}

await writeFiles();
const plain = row(csv, 'bench/plain-float.mjs', medianOf3([join(here, 'plain-float.mjs'), csv, BUDGET]), bagui(csv));
const peer = row(wanCsv, floatPeer, medianOf3([basename(floatPeer), wanCsv, BUDGET], dirname(floatPeer)), bagui(wanCsv));
const load = loadavg().map((l) => Number(l.toFixed(1)));
const results = { date: new Date().toISOString(), firms: FIRMS, cpus: cpus().length, loadAverage: load, rows: [plain, peer] };
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
