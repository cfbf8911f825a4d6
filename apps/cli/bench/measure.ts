/**
 * What the CLI benches (e2e.ts, import.ts) share: the generated rd_incentive file of BENCH_FIRMS
 * firms (1,000,000 by default), kept in the temporary folder between runs; a node script run and
 * measured (wall time, CPU time and peak RSS, through max-rss.mjs); the median of runs; and the
 * `bagui evaluate` both time end to end.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';

export const FIRMS = Number(process.env.BENCH_FIRMS ?? 1_000_000);
/** This folder. */
export const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', 'bin', 'bagui.js');
/** The generated file: FIRMS firms, UTF-8. */
export const firmsCsv = join(tmpdir(), `bagui-bench-${FIRMS}.csv`);

/** Writes `chunks` to `path` as a stream, waiting whenever the stream asks to. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const chunk of chunks) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Writes the generated file unless a previous run left it. */
export async function writeFirmsCsv(): Promise<void> {
  if (!existsSync(firmsCsv)) await writeChunks(firmsCsv, [`${GENERATED_HEADER}\n`, ...generateEnterpriseRows(FIRMS)]);
}

export interface Measured {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
}

/** Runs `node args` (in `cwd` if given) and measures it; fails unless it exits 0. */
export function run(args: string[], cwd?: string): Measured {
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

/** The run of median time. */
export const median = <T extends { ms: number }>(runs: T[]): T => runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] as T;

/** `node args`, run three times: the median run. */
export const medianOf3 = (args: string[], cwd?: string): Measured => median([0, 1, 2].map(() => run(args, cwd)));

/** `bagui evaluate rd_incentive` on `file` with `budget` yuan on 2021-06-30, totals only and quiet, three times: the median run. */
export const evaluateMedian = (file: string, budget: string): Measured =>
  medianOf3([
    bin,
    'evaluate',
    'rd_incentive',
    '--applicants',
    file,
    '--budget',
    budget,
    '--date',
    '2021-06-30',
    '--totals-only',
    '--quiet',
  ]);
