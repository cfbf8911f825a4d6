// Child of bench/import.ts, on one file: the reference reading in steps — read the bytes, decode
// them whole (@bagui/sheets decodeCsv: UTF-8 or GB18030, detected), then parse and validate
// (core's papaparse-based readCsv into rd_incentive's table reader) — and the reading `bagui
// evaluate` does since #17: the bytes decoded and split in one pass (readCsvBytes, records as
// spans) into the same table reader (`streamMs`). Prints the milliseconds of each.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { readCsv } from '@bagui/core/tabular';
import { decodeCsv, readCsvBytes } from '@bagui/sheets/csv';

const [file] = process.argv.slice(2);
const t0 = performance.now();
const bytes = readFileSync(file);
const t1 = performance.now();
const decoded = decodeCsv(bytes);
if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
const t2 = performance.now();
const reader = rdIncentiveProgramme.applicantTable();
readCsv(decoded.value.text, reader);
const read = reader.finish();
if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
const t3 = performance.now();
const streamReader = rdIncentiveProgramme.applicantTable();
const streamed = readCsvBytes(bytes, streamReader);
const again = streamReader.finish();
if (!streamed.ok || !again.ok || again.value.rows !== read.value.rows) throw new Error('the streaming reader disagrees');
const t4 = performance.now();
console.log(
  JSON.stringify({
    encoding: decoded.value.encoding,
    rows: read.value.rows,
    readMs: t1 - t0,
    decodeMs: t2 - t1,
    parseMs: t3 - t2,
    streamMs: t4 - t3,
  }),
);
