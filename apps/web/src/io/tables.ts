import { problem, type Problem } from '@bagui/core/errors';
import { decodeCsv, type CsvEncoding } from '@bagui/sheets/csv';
import type { HeaderField } from '@bagui/sheets/xlsx';

/**
 * Every table that enters or leaves the planner passes here: applicants files in (CSV in UTF-8,
 * with or without a byte-order mark, or GB18030/GBK, detected; XLSX, one sheet), results out (CSV;
 * XLSX is written in the worker, engine/workbook.ts). Reading is @bagui/sheets' (the same as the
 * CLI's and the API's); the rows are then read by the programme's own reader in the worker.
 */

export type TableFormat = 'csv';

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An applicants file as CSV text for the programme's reader, and what it was. */
interface ReadFile {
  readonly text: string;
  /** The name the scenario file gives it: an XLSX's sheet is kept as CSV (`申报.xlsx` → `申报.csv`), which `bagui run` reads. */
  readonly path: string;
  /** CSV: the encoding it was read in. */
  readonly encoding?: CsvEncoding;
  /** XLSX: the sheet read, and every sheet of the workbook. */
  readonly sheet?: string;
  readonly sheets?: readonly string[];
  /** Places a problem the programme's reader finds in `text` where it is in the file (an XLSX: sheet!cell). */
  readonly locate: (found: Problem) => Problem;
}

export type ReadResult =
  | ({ readonly ok: true } & ReadFile)
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly sheet?: string; readonly sheets?: readonly string[] };

const isWorkbook = (name: string): boolean => /\.xls[xm]?$/iu.test(name);

/** An applicants file's bytes as the text the programmes' CSV readers take, or every reason it cannot be. */
export async function decodeApplicantsFile(
  name: string,
  bytes: Uint8Array,
  options: { readonly sheet?: string; readonly fields?: readonly HeaderField[] } = {},
): Promise<ReadResult> {
  if (isWorkbook(name)) {
    const { sheetAsCsv } = await import('./xlsx-in');
    const read = await sheetAsCsv(bytes, options);
    if (!read.ok) return read;
    const { text, sheet, sheets, locate } = read.value;
    return { ok: true, text, path: name.replace(/\.xls[xm]?$/iu, '.csv'), sheet, sheets, locate };
  }
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { ok: false, problems: decoded.problems.map((p) => withFile(p, name)) };
  return { ok: true, text: decoded.value.text, path: name, encoding: decoded.value.encoding, locate: (p) => p };
}

const withFile = (found: Problem, name: string): Problem =>
  found.location?.value === undefined ? problem(found.code, found.message, { ...found.location, value: name }) : found;

export async function readApplicantsFile(
  file: File,
  options: { readonly sheet?: string; readonly fields?: readonly HeaderField[] } = {},
): Promise<ReadResult> {
  return decodeApplicantsFile(file.name, new Uint8Array(await file.arrayBuffer()), options);
}

const NUMBER = /^-?\d+(\.\d+)?$/u;
/** Text a spreadsheet would run as a formula (or a DDE command): = + - @, and a leading tab or CR. */
const FORMULA = /^[=+\-@\t\r]/u;

/**
 * One cell as CSV: a number stays a number; text that a spreadsheet would run as a formula gets a
 * leading apostrophe, so it shows as the text it is and never runs; quotes where CSV needs them.
 */
export function csvCell(value: string): string {
  const safe = !NUMBER.test(value) && FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** Rows as CSV text for Excel: a UTF-8 byte-order mark (so Chinese opens correctly), CRLF line ends. */
export function tableToCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A table as a file to download, in the format asked. */
export function tableFile(
  rows: readonly (readonly string[])[],
  baseName: string,
  format: TableFormat = 'csv',
): { blob: Blob; name: string } {
  switch (format) {
    case 'csv':
      return { blob: new Blob([tableToCsv(rows)], { type: 'text/csv;charset=utf-8' }), name: `${baseName}.csv` };
    default: {
      const unlisted: never = format; // a new case fails to compile, not at run time
      throw new Error(`unknown table format ${String(unlisted)}`);
    }
  }
}
