/**
 * `npm run bench -w @bagui/cli` (after e2e.ts): a 1,000,000-row CSV imported through the CLI, in
 * UTF-8 and in GBK (what Chinese Excel saves), vs parsing alone with the same parser. For each
 * encoding: `bagui evaluate rd_incentive --applicants FILE --totals-only` end to end (wall time,
 * median of 3, and peak RSS), and, in a child process, the same file read, decoded and parsed in
 * steps (bench/parse-only.mjs). Writes bench/results/import.json. BENCH_FIRMS overrides the size.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';
import iconv from 'iconv-lite';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 1_000_000);
const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '..', 'bin', 'bagui.js');
const utf8 = join(tmpdir(), `bagui-bench-${FIRMS}.csv`);
const gbk = join(tmpdir(), `bagui-bench-${FIRMS}-gbk.csv`);

async function writeFiles(): Promise<void> {
  if (!existsSync(utf8)) {
    const out = createWriteStream(utf8);
    out.write(`${GENERATED_HEADER}\n`);
    for (const chunk of generateEnterpriseRows(FIRMS)) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (!existsSync(gbk)) writeFileSync(gbk, iconv.encode(readFileSync(utf8, 'utf8'), 'gbk'));
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

const median = <T extends { ms: number }>(runs: T[]): T => runs.sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] as T;

interface Steps {
  ms: number;
  readMs: number;
  decodeMs: number;
  parseMs: number;
  streamMs: number;
}

function steps(file: string): Steps {
  const ran = run([join(here, 'parse-only.mjs'), file]);
  const s = JSON.parse(ran.stdout) as Omit<Steps, 'ms'>;
  return { ms: s.parseMs, readMs: s.readMs, decodeMs: s.decodeMs, parseMs: s.parseMs, streamMs: s.streamMs };
}

await writeFiles();
const results: Record<string, unknown> = { date: new Date().toISOString(), firms: FIRMS };
for (const [name, file] of [
  ['utf8', utf8],
  ['gbk', gbk],
] as const) {
  const cli = median(
    [0, 1, 2].map(() =>
      run([
        bin,
        'evaluate',
        'rd_incentive',
        '--applicants',
        file,
        '--budget',
        '407000000',
        '--date',
        '2021-06-30',
        '--totals-only',
        '--quiet',
      ]),
    ),
  );
  const alone = median([0, 1, 2].map(() => steps(file)));
  results[name] = {
    fileMb: Math.round(statSync(file).size / 2 ** 20),
    cliMs: Math.round(cli.ms),
    cliMaxRssMb: cli.maxRssMb,
    readMs: Math.round(alone.readMs),
    decodeMs: Math.round(alone.decodeMs),
    parseMs: Math.round(alone.parseMs),
    streamMs: Math.round(alone.streamMs),
    cliOverParse: Number((cli.ms / alone.parseMs).toFixed(2)),
  };
}
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'import.json'), `${JSON.stringify(results, null, 2)}\n`);
