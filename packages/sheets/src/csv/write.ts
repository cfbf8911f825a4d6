import { neutraliseCsvText } from '../cells/index.js';

/** The UTF-8 byte-order mark: Excel reads a CSV file that starts with it as UTF-8 (Chinese shows as Chinese). */
export const UTF8_BOM = '\uFEFF';

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;

/**
 * One CSV field: text that a spreadsheet would run as a formula gets a leading apostrophe
 * (`=2+3` → `'=2+3`, see `neutraliseCsvText`), plain numbers such as amounts are written as they
 * are, and a field with a comma, quote or line break is quoted.
 */
export function csvField(value: string): string {
  const safe = PLAIN_NUMBER.test(value) ? value : neutraliseCsvText(value);
  return /[",\n\r]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, ended by a line break. */
export function csvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i === 0 ? '' : ',') + csvField(cells[i] ?? '');
  return `${line}\n`;
}

export interface CsvWriteOptions {
  /** Start with a UTF-8 byte-order mark: for every file written (Excel), not for a pipe. */
  readonly bom: boolean;
}

/** A table as CSV text in chunks of about 1,000 records: never the whole file as one string. */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly string[]>, options: CsvWriteOptions): Generator<string> {
  yield (options.bom ? UTF8_BOM : '') + csvRecord(header);
  let batch = '';
  let n = 0;
  for (const row of rows) {
    batch += csvRecord(row);
    if (++n === 1000) {
      yield batch;
      batch = '';
      n = 0;
    }
  }
  if (batch !== '') yield batch;
}
