import { problem, type Problem } from '@bagui/core/errors';

/**
 * Every table that enters or leaves the planner passes here: applicants files in, results out.
 * Today CSV (UTF-8) both ways; XLSX and GBK are added here, in one place, when the Excel package
 * lands — nothing else in the planner knows a file format.
 */

export type TableFormat = 'csv';

/** What the file picker offers. */
export const IMPORT_ACCEPT = '.csv,text/csv';

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problems: readonly Problem[] };

/** An applicants file's bytes as the text the programmes' CSV readers take, or why it cannot be. */
export function decodeApplicantsFile(name: string, bytes: Uint8Array): ReadResult {
  if (/\.xlsx?$/iu.test(name)) {
    return {
      ok: false,
      problems: [
        problem(
          'FILE.XLSX_NOT_SUPPORTED',
          'reading .xlsx files is not supported yet: save the sheet as "CSV UTF-8 (comma delimited)" and import the .csv file',
          { value: name },
        ),
      ],
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    return {
      ok: false,
      problems: [
        problem(
          'FILE.NOT_UTF8',
          `${name} is not UTF-8 text: save it as "CSV UTF-8 (comma delimited)" in Excel (a GBK file is read once the Excel work lands)`,
          { ...(at < 0 ? {} : { line: lenient.slice(0, at).split('\n').length }), value: name },
        ),
      ],
    };
  }
}

export async function readApplicantsFile(file: File): Promise<ReadResult> {
  return decodeApplicantsFile(file.name, new Uint8Array(await file.arrayBuffer()));
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
    default:
      throw new Error(`unknown table format ${String(format)}`);
  }
}
