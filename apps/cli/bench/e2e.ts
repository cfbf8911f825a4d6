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
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { findPopulation, generateCsvChunks } from '@bagui/core/generate';
import { evaluateMedian, FIRMS, firmsCsv, here, medianOf3, writeChunks, writeFirmsCsv, type Measured } from './measure.js';

const BUDGET = '407000000';
const bagui = (file: string): Measured => evaluateMedian(file, BUDGET);
const wanCsv = join(tmpdir(), `bagui-bench-${FIRMS}-wan.csv`);
const floatPeer = process.env.FLOAT_PEER ?? '/work/shared/bench/float-peer.mjs';

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
  await writeFirmsCsv();
  if (!existsSync(wanCsv)) await writeChunks(wanCsv, wanRows());
}

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
const plain = row(firmsCsv, 'bench/plain-float.mjs', medianOf3([join(here, 'plain-float.mjs'), firmsCsv, BUDGET]), bagui(firmsCsv));
const peer = row(wanCsv, floatPeer, medianOf3([basename(floatPeer), wanCsv, BUDGET], dirname(floatPeer)), bagui(wanCsv));
const load = loadavg().map((l) => Number(l.toFixed(1)));
const results = { date: new Date().toISOString(), firms: FIRMS, cpus: cpus().length, loadAverage: load, rows: [plain, peer] };
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'e2e.json'), `${JSON.stringify(results, null, 2)}\n`);
