/**
 * One measured task in a fresh process (so that its peak memory is its own): prints
 * `{ "ms": …, "maxRssMb": … }`. Run by bench/run.ts; `node --import tsx bench/task.ts TASK FILE…`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { unwrap } from '@bagui/core/errors';
import { parseEnterprisesCsv, type EnterpriseTable } from '@bagui/core/programmes/rd-incentive';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { decodeCsv, decodeCsvStream } from '../src/csv/index.js';
import { readXlsxStream, streamingResultWorkbook } from '../src/node/index.js';
import { enterpriseRecord, readXlsx, resultTable, resultWorkbook } from '../src/xlsx/index.js';

const [task = '', file = '', out = ''] = process.argv.slice(2);
const counter = { header: () => undefined, record: () => void count.records++, problem: () => void count.problems++ };
const count = { records: 0, problems: 0 };

async function enterprisesFromCsv(): Promise<ReturnType<typeof parseEnterprisesCsv>> {
  return parseEnterprisesCsv(unwrap(await decodeCsvStream(createReadStream(file))).text);
}

const tasks: Record<string, () => Promise<unknown>> = {
  // The raw read: the file's bytes, whole or streamed, nothing else.
  readBytes: async () => readFileSync(file).length,
  streamBytes: async () => {
    let n = 0;
    for await (const chunk of createReadStream(file)) n += (chunk as Buffer).length;
    return n;
  },
  // Node's TextDecoder over the whole file: the floor for decoding.
  textDecoder: async () => new TextDecoder(process.env.ENCODING ?? 'utf-8').decode(readFileSync(file)).length,
  decodeWhole: async () => unwrap(decodeCsv(readFileSync(file))).text.length,
  decodeStream: async () => unwrap(await decodeCsvStream(createReadStream(file))).text.length,
  // Parsing alone (core's reader on text already in memory: decoded outside the timing) vs the whole import.
  parseOnly: async () => undefined,
  importCsv: async () => unwrap(await enterprisesFromCsv()).count,
  xlsxReadMemory: async () => (await readXlsx(new Uint8Array(readFileSync(file)), counter))?.records,
  xlsxReadStream: async () => (await readXlsxStream(file, counter))?.records,
  xlsxWriteMemory: async () => undefined,
  xlsxWriteStream: async () => undefined,
};

let prepared: string | undefined;
let table: EnterpriseTable | undefined;
if (task === 'parseOnly') prepared = unwrap(decodeCsv(readFileSync(file))).text;
if (task.startsWith('xlsxWrite')) table = unwrap(await enterprisesFromCsv());
global.gc?.();
const baseline = process.memoryUsage().rss;

const start = process.hrtime.bigint();
if (task === 'parseOnly') unwrap(parseEnterprisesCsv(prepared ?? ''));
else if (task.startsWith('xlsxWrite') && table !== undefined) {
  const t = table;
  const book = task === 'xlsxWriteMemory' ? resultWorkbook('zh') : streamingResultWorkbook(out, 'zh');
  const zero = new Float64Array(t.count);
  unwrap(
    book.addTable(
      resultTable({
        sheet: '研发奖补',
        fields: rdIncentiveProgramme.applicantFields,
        applicant: (i) => enterpriseRecord(t, i),
        figures: { ids: t.ids, entitlements: zero, awards: zero },
        lang: 'zh',
      }),
    ),
  );
  const bytes = await book.finish();
  if (bytes !== undefined) (await import('node:fs')).writeFileSync(out, bytes);
} else {
  const run = tasks[task];
  if (run === undefined) throw new Error(`unknown task ${task}`);
  await run();
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const size = out !== '' ? statSync(out).size : undefined;
console.log(
  JSON.stringify({
    task,
    ms: Math.round(ms),
    maxRssMb,
    baselineMb: Math.round(baseline / 2 ** 20),
    ...(size === undefined ? {} : { bytes: size }),
    ...count,
  }),
);
