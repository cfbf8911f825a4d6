import type { Problem } from '@bagui/core/errors';
import { sheetCellRef } from '@bagui/sheets/cells';
import type { CsvVisitor } from '@bagui/core/tabular';
import { CsvReader } from '@bagui/core/tabular';
import { charsetOf, parseEncodingName, readCsvBytes } from '@bagui/sheets/csv';
import type { HeaderField, SheetLocation } from '@bagui/sheets/xlsx';
import { readXlsxStream } from '@bagui/sheets/xlsx/stream';
import type { Request } from 'express';
import type { BodyReaders } from './bodies.js';
import { HttpProblem, type ProblemDetail } from './problem.js';
import { fromDomain, invalid } from './validation.js';

/**
 * Applicants files as they arrive over HTTP — a CSV in UTF-8 (with or without a byte-order mark)
 * or GB18030/GBK (what Chinese Excel saves), or an XLSX workbook — turned into the CSV text that
 * the programme's own reader validates, so a file's rows meet exactly the rules (and the
 * problem codes) of a CSV upload. An XLSX sheet keeps where each row came from, so a problem is
 * reported at its cell (`Sheet1!D7`) as well as its row and column.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_TYPES = [XLSX_TYPE];

/** Where the rows of a sheet read as CSV text came from. */
export interface SheetOrigin {
  readonly sheet: string;
  /** The header as read (row 1): a problem's column is one of these. */
  readonly header: readonly string[];
  /** The sheet row each CSV line (from 2) starts on. */
  readonly rows: ReadonlyMap<number, number>;
  /** `row:column` (0-based column) of the cells that hold dates: an amount there gets a reason that says so. */
  readonly dates: ReadonlySet<string>;
  /** Problems of the sheet itself (an error cell, a blank row inside the table), reported with the rows' own. */
  readonly problems: readonly ProblemDetail[];
}

/**
 * An applicants table for the programme's reader: a CSV file's bytes as sent (decoded while
 * they are read, never held as text too), or the CSV text an XLSX sheet was read into.
 */
export type TableInput =
  | { readonly bytes: Uint8Array; readonly contentType?: string | undefined; readonly where: Partial<ProblemDetail> }
  | { readonly text: string };

/** An applicants file for the programme's reader. */
interface ApplicantText {
  readonly table: TableInput;
  readonly origin?: SheetOrigin;
}

/**
 * A CSV file, to be read in the `charset=` of `contentType` when it names one, else detected
 * (UTF-8, or GB18030 from the first line that is not UTF-8). An unsupported charset is 415 at
 * once; bytes that are not CSV text (UTF-16, a workbook) or not of the encoding are the client's
 * problem, found as they are read (`readTable`).
 */
export function csvText(bytes: Uint8Array, contentType: string | undefined, where: Partial<ProblemDetail>): ApplicantText {
  const charset = contentType === undefined ? undefined : charsetOf(contentType);
  if (charset !== undefined) {
    const parsed = parseEncodingName(charset, 'charset');
    if (!parsed.ok) throw new HttpProblem('UNSUPPORTED_MEDIA_TYPE', parsed.problems[0]?.message ?? 'unsupported charset');
  }
  return { table: { bytes, contentType, where } };
}

/**
 * Reads a table into `visitor` with the reader the CLI uses too (`@bagui/sheets`' readCsvBytes:
 * decoding and splitting in one pass, in chunks). Bytes that cannot be decoded refuse the file
 * (REQUEST.INVALID), whatever the visitor has seen.
 */
export function readTable(table: TableInput, visitor: CsvVisitor): void {
  if ('text' in table) {
    const reader = new CsvReader(visitor);
    reader.write(table.text);
    reader.end();
    return;
  }
  const read = readCsvBytes(table.bytes, visitor, table.contentType === undefined ? {} : { contentType: table.contentType });
  if (read.ok) return;
  throw invalid(
    'the file cannot be read as CSV text; nothing was computed',
    read.problems.map((p) => fromDomain(p, table.where)),
  );
}

/** How many records a table holds, before any validation: lines after the header (an LF is one in UTF-8 and GB18030 alike). */
export function countRecords(table: TableInput): number {
  let lines = 0;
  let unterminated: boolean;
  if ('text' in table) {
    const text = table.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    unterminated = text.length > 0 && !text.endsWith('\n');
  } else {
    const bytes = table.bytes;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines++;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    unterminated = bytes.length > bom && bytes[bytes.length - 1] !== 0x0a;
  }
  return Math.max(0, lines + (unterminated ? 1 : 0) - 1);
}

/**
 * One sheet of an XLSX workbook (the first visible one, or `sheet`) as CSV text, read as a
 * stream (exceljs's reader: the rows never become a workbook in memory). A file that is not a
 * workbook, or has no such sheet, is refused at once; the sheet's other problems travel with the
 * text, to be reported with those of its rows.
 */
export async function xlsxText(
  bytes: Uint8Array,
  options: { readonly sheet?: string | undefined; readonly fields: readonly HeaderField[] },
  where: Partial<ProblemDetail>,
): Promise<ApplicantText> {
  const found: Problem[] = [];
  const rows = new Map<number, number>();
  const dates = new Set<string>();
  let header: readonly string[] = [];
  const parts: string[] = [];
  let line = 1;
  const summary = await readXlsxStream(
    bytes,
    {
      header: (cells) => {
        header = cells;
        const text = csvLine(cells);
        parts.push(text);
        // A header cell may hold a line break (a wrapped title): the first record starts after it.
        line = 1 + countBreaks(text);
      },
      record: (cells, _row, row) => {
        const text = csvLine(cells);
        rows.set(line, row.row);
        row.cells.forEach((cell, column) => {
          if (cell.kind === 'date') dates.add(`${row.row}:${column}`);
        });
        parts.push(text);
        line += countBreaks(text);
      },
      problem: (p) => found.push(p),
    },
    { ...(options.sheet === undefined ? {} : { sheet: options.sheet }), fields: options.fields },
  );
  const problems = found.map((p) => sheetProblem(p, where));
  if (summary === undefined) {
    throw invalid('the file cannot be read as an XLSX workbook, or has no such sheet; nothing was computed', problems);
  }
  return { table: { text: parts.join('') }, origin: { sheet: summary.sheet, header, rows, dates, problems } };
}

/**
 * A problem the programme's reader found in a file, located in the request: its line and column,
 * and for a sheet its row, cell and sheet instead of the line of the CSV text it was read as.
 */
function fileProblem(found: Problem, where: Partial<ProblemDetail>, origin: SheetOrigin | undefined): ProblemDetail {
  const detail = fromDomain(found, where);
  const line = found.location?.line;
  if (origin === undefined || line === undefined) return detail;
  const row = line === 1 ? 1 : origin.rows.get(line);
  if (row === undefined) return { ...detail, sheet: origin.sheet };
  const column = typeof found.location?.column === 'string' ? origin.header.indexOf(found.location.column) : -1;
  const date = column >= 0 && origin.dates.has(`${row}:${column}`);
  return {
    ...detail,
    ...(date ? { message: `${detail.message} (the cell holds a date: type the value as a number or as text)` } : {}),
    line: row,
    sheet: origin.sheet,
    ...(column >= 0 ? { cell: sheetCellRef(origin.sheet, column + 1, row) } : {}),
  };
}

function sheetProblem(found: Problem, where: Partial<ProblemDetail>): ProblemDetail {
  const at = found.location as SheetLocation | undefined;
  return {
    ...fromDomain(found, where),
    ...(at?.sheet === undefined ? {} : { sheet: at.sheet }),
    ...(at?.cell === undefined ? {} : { cell: at.cell }),
  };
}

/** One record of CSV text: quoted where a cell needs it, and nothing else (a cell's text is the applicant's, not neutralised). */
function csvLine(cells: readonly string[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    out += (i === 0 ? '' : ',') + (/[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  }
  return `${out}\n`;
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** How to read an applicants file: the sheet of a workbook, and the programme's fields (a template's second header row). */
export interface FileOptions {
  readonly sheet?: string | undefined;
  readonly fields: readonly HeaderField[];
}

/** A text/csv or XLSX request body as applicants text (`isXlsx`: the body's type says XLSX). */
export async function bodyApplicants(req: Request, bodies: BodyReaders, isXlsx: boolean, options: FileOptions): Promise<ApplicantText> {
  if (!isXlsx) refuseSheet(options.sheet, 'the body is CSV');
  const bytes = await bodies.bytes(req);
  return isXlsx ? xlsxText(bytes, options, {}) : csvText(bytes, req.headers['content-type'], {});
}

/** `sheet=` where there is no workbook: refused, not ignored (the client meant some other file). */
export function refuseSheet(sheet: string | undefined, why: string): void {
  if (sheet === undefined) return;
  throw invalid(`sheet names a sheet of an XLSX workbook, but ${why}: nothing was computed`, [
    {
      code: 'REQUEST.MISPLACED',
      message: `${why}, which has no sheets: drop sheet=, or send the XLSX workbook it belongs to`,
      parameter: 'sheet',
      value: sheet,
    },
  ]);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * An uploaded file as applicants text: an XLSX workbook by its name (`.xlsx`, `.xlsm`), its type or its
 * first bytes (a zip), else CSV; an Excel 97–2003 or binary workbook is refused with what to save it as.
 */
export async function uploadedApplicants(
  file: { readonly name: string; readonly bytes: Buffer; readonly type?: string | undefined },
  options: FileOptions,
  where: Partial<ProblemDetail>,
): Promise<ApplicantText> {
  if (/\.xl[st]$|\.xlsb$/iu.test(file.name)) {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `${file.name} is an Excel 97–2003 or binary workbook: save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8 (comma delimited)" and upload that`,
    );
  }
  const zip = ZIP.every((byte, i) => file.bytes[i] === byte);
  const xlsx = /\.xls[xm]$/iu.test(file.name) || file.type === XLSX_TYPE || zip;
  if (!xlsx) refuseSheet(options.sheet, `the file ${file.name} is CSV`);
  return xlsx ? xlsxText(file.bytes, options, where) : csvText(file.bytes, undefined, where);
}

/**
 * The problems of reading a file's applicants, located in the request (`found` from the programme's reader),
 * after the problems of the sheet itself; sorted by row, as a person fixes them.
 */
export function fileProblems(found: readonly Problem[], where: Partial<ProblemDetail>, origin: SheetOrigin | undefined): ProblemDetail[] {
  const located = found.map((p) => fileProblem(p, where, origin));
  if (origin === undefined || origin.problems.length === 0) return located;
  return [...origin.problems, ...located].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
