/**
 * `npm run bench -w @bagui/cli` (after e2e.ts): a 1,000,000-row CSV imported through the CLI, in
 * UTF-8 and in GBK (what Chinese Excel saves), vs parsing alone with the same parser. For each
 * encoding: `bagui evaluate rd_incentive --applicants FILE --totals-only` end to end (wall time,
 * median of 3, and peak RSS), and, in a child process, the same file read, decoded and parsed in
 * steps (bench/parse-only.mjs). Writes bench/results/import.json. BENCH_FIRMS overrides the size.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { evaluateMedian, FIRMS, firmsCsv, here, median, run, writeFirmsCsv } from './measure.js';

const gbk = join(tmpdir(), `bagui-bench-${FIRMS}-gbk.csv`);

async function writeFiles(): Promise<void> {
  await writeFirmsCsv();
  if (!existsSync(gbk)) writeFileSync(gbk, iconv.encode(readFileSync(firmsCsv, 'utf8'), 'gbk'));
}

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
  ['utf8', firmsCsv],
  ['gbk', gbk],
] as const) {
  const cli = evaluateMedian(file, '407000000');
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
