/**
 * One in-process task of bench/spreadsheets.ts, in a fresh process so that its peak memory
 * (maxRSS) is its own: prints `{ "ms": …, "maxRssMb": … }`.
 * `node --import tsx bench/spreadsheets-task.ts TASK FILE`.
 *
 * - `parseOnly`: core's parser alone, on the file's text already decoded (outside the timing).
 * - `csv`: what the API does with a CSV body, without HTTP: the bytes (read outside the timing)
 *   decoded (UTF-8 or GB18030, detected) and parsed in one pass (readTable), evaluated, the totals written.
 * - `xlsx`: the same from an XLSX workbook: read as a stream into the parser's text, parsed, evaluated.
 */
import { readFileSync } from 'node:fs';
import { unwrap } from '@bagui/core/errors';
import { parseAmount } from '@bagui/core/money';
import { evaluateRdIncentive, parseEnterprisesCsv, resolveRdRule, toJsonChunks } from '@bagui/core/programmes/rd-incentive';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { decodeCsv } from '@bagui/sheets/csv';
import { csvText, readTable, xlsxText, type TableInput } from '../src/http/applicant-files.js';

const [task = '', file = ''] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const text = task === 'parseOnly' ? unwrap(decodeCsv(bytes)).text : '';
global.gc?.();

function totals(input: TableInput): number {
  const reader = rdIncentiveProgramme.applicantTable();
  readTable(input, reader);
  const table = unwrap(reader.finish()).value;
  const evaluation = evaluateRdIncentive(table, unwrap(resolveRdRule('2021-06-30')), {
    budget: unwrap(parseAmount('407000000')),
    method: 'pro_rata',
  });
  return [...toJsonChunks(evaluation, { totalsOnly: true })].join('').length;
}

const start = process.hrtime.bigint();
let records = 0;
if (task === 'parseOnly') records = unwrap(parseEnterprisesCsv(text)).count;
else if (task === 'csv') records = totals(csvText(bytes, undefined, {}).table);
else if (task === 'xlsx') records = totals((await xlsxText(bytes, { fields: rdIncentiveProgramme.applicantFields }, {})).table);
else throw new Error(`unknown task ${task}`);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ task, ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), records }));
