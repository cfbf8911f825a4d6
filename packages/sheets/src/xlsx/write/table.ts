import { fail, ok, problem, type Result } from '@bagui/core/errors';
import { formatJson } from '@bagui/core/money';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../cells/index.js';
import { NOTES_MARKER } from '../walker.js';
import { commitSheet, type WorkbookTarget } from './target.js';
import {
  addHeadedSheet,
  cellText,
  COUNT_FORMAT,
  HEADER_FONT,
  sheetName,
  textWidth,
  TOTALS_FILL,
  XLSX_MAX_ROWS,
  YUAN_FORMAT,
} from './style.js';

/**
 * How a column's values are given and written: `amount` as integer fen, written as the number of
 * yuan with the yuan format; `count` an integer; `decimal` and `percent` exact decimal text
 * (`0.0312`) shown as a number; `boolean` an Excel TRUE/FALSE; `text` a string cell (never a
 * formula, whatever it starts with).
 */
export type ColumnKind = 'text' | 'amount' | 'count' | 'decimal' | 'percent' | 'boolean';

export interface TableColumn {
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters; measured from the header and the first rows when absent. */
  readonly width?: number;
  /** Summed in the totals row (amount and count columns). */
  readonly total?: boolean;
}

export type TableValue = string | number | boolean | null | undefined;

export interface TableSpec {
  readonly sheet: string;
  readonly columns: readonly TableColumn[];
  /** One array of values per row, in column order. */
  readonly rows: Iterable<readonly TableValue[]>;
  /** The number of rows, when known: a table too large for one sheet is refused before anything is written. */
  readonly count?: number;
  /** The label of a totals row under the table (in its first column, after NOTES_MARKER); no totals row when absent. */
  readonly totalsLabel?: string;
}

export interface TableWritten {
  readonly sheet: string;
  readonly rows: number;
  /** Per column: the exact sum in fen (amounts) or the count total; undefined for columns not totalled. */
  readonly totals: readonly (number | undefined)[];
}

/** Amounts up to 10^15 fen have at most 15 significant digits: the double Excel reads shows them exactly. */
const EXACT_FEN = 1e15;
const SAMPLE = 200;

/**
 * Writes a table as a sheet: a frozen header row, filters, column widths, the values by column
 * kind, and a totals row whose SUBTOTAL formulas carry their value (exact, summed in fen), so a
 * reader that does not calculate still sees the totals and Excel recalculates them under a filter.
 */
export function writeTable(target: WorkbookTarget, spec: TableSpec): Result<TableWritten> {
  const extra = 1 + (spec.totalsLabel === undefined ? 0 : 1);
  if (spec.count !== undefined && spec.count + extra > XLSX_MAX_ROWS) return fail(tooMany(spec.count));
  const columns = spec.columns;
  const name = sheetName(spec.sheet);
  const iterator = spec.rows[Symbol.iterator]();
  const sample: (readonly TableValue[])[] = [];
  for (let next = iterator.next(); ; next = iterator.next()) {
    if (next.done === true) break;
    sample.push(next.value);
    if (sample.length === SAMPLE) break;
  }
  const worksheet = addHeadedSheet(
    target.workbook,
    name,
    columns.map((c) => c.header),
    columns.map((column, i) => column.width ?? measure(column, sample, i)),
  );

  const sums: (number | undefined)[] = columns.map((c) =>
    c.total === true && (c.kind === 'amount' || c.kind === 'count') ? 0 : undefined,
  );
  let rows = 0;
  const write = (values: readonly TableValue[]): boolean => {
    if (rows + extra >= XLSX_MAX_ROWS) return false;
    rows++;
    const row = worksheet.addRow([]);
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i] as TableColumn;
      const value = values[i];
      if (value === undefined || value === null) continue;
      setCell(row.getCell(i + 1), column.kind, value);
      const sum = sums[i];
      if (sum !== undefined && typeof value === 'number') sums[i] = addExact(sum, value);
    }
    row.commit();
    return true;
  };
  for (const values of sample) if (!write(values)) return fail(tooMany(rows + 1));
  for (let next = iterator.next(); next.done !== true; next = iterator.next()) if (!write(next.value)) return fail(tooMany(rows + 1));

  const lastColumn = columnLetter(Math.max(columns.length, 1));
  if (spec.totalsLabel !== undefined) {
    const totals = worksheet.addRow([]);
    // Marked so that the readers skip it when the sheet is read back as applicants.
    totals.getCell(1).value = `${NOTES_MARKER} ${spec.totalsLabel}`;
    columns.forEach((column, i) => {
      const sum = sums[i];
      if (sum === undefined) return;
      const letter = columnLetter(i + 1);
      const range = `${letter}2:${letter}${rows + 1}`;
      const result = column.kind === 'amount' ? yuanNumber(sum) : sum;
      const cell = totals.getCell(i + 1);
      cell.value = {
        formula: `SUBTOTAL(109,${range})`,
        result: typeof result === 'number' ? result : Number(result),
      };
      cell.numFmt = column.kind === 'amount' ? YUAN_FORMAT : COUNT_FORMAT;
    });
    totals.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = HEADER_FONT;
      cell.fill = TOTALS_FILL;
    });
    totals.commit();
  }
  worksheet.autoFilter = `A1:${lastColumn}${rows + 1}`;
  commitSheet(worksheet);
  return ok({ sheet: name, rows, totals: sums });
}

/** Writes one value into a cell by its column's kind. */
export function setCell(cell: ExcelJS.Cell, kind: ColumnKind, value: string | number | boolean): void {
  switch (kind) {
    case 'amount': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        throw new TypeError(`an amount column takes integer fen, not ${String(value)}`);
      const yuan = yuanNumber(value);
      cell.value = yuan;
      cell.numFmt = YUAN_FORMAT;
      if (typeof yuan === 'string') cell.alignment = { horizontal: 'right' };
      return;
    }
    case 'count':
      cell.value = typeof value === 'number' ? value : Number(value);
      cell.numFmt = COUNT_FORMAT;
      return;
    case 'decimal':
    case 'percent': {
      // Display only: a ratio or a score, never money.
      const number = typeof value === 'number' ? value : Number(value);
      cell.value = Number.isFinite(number) ? number : cellText(String(value));
      if (kind === 'percent') cell.numFmt = '0.00%';
      return;
    }
    case 'boolean':
      cell.value = typeof value === 'boolean' ? value : value === 'true';
      return;
    case 'text':
      cell.value = cellText(String(value));
      return;
  }
}

/**
 * The number of yuan Excel stores for an amount in fen: the double nearest the exact decimal
 * (`formatJson`), which for amounts below 10^15 fen has at most 15 significant digits, so Excel
 * shows exactly that decimal and reading the cell back (excelDecimal) gives the same fen. A larger
 * amount is written as its exact decimal text rather than rounded.
 */
export function yuanNumber(fen: number): number | string {
  const exact = formatJson(fen);
  return Math.abs(fen) < EXACT_FEN ? Number(exact) : exact;
}

function addExact(sum: number, value: number): number {
  const next = sum + value;
  if (!Number.isSafeInteger(next)) throw new RangeError('a total beyond 2^53 fen');
  return next;
}

function measure(column: TableColumn, sample: readonly (readonly TableValue[])[], i: number): number {
  let width = textWidth(column.header);
  for (const values of sample) {
    const value = values[i];
    if (value === undefined || value === null) continue;
    const shown = column.kind === 'amount' && typeof value === 'number' ? formatJson(value).length + 5 : textWidth(String(value));
    if (shown > width) width = shown;
  }
  return Math.min(60, Math.max(8, width + 2));
}

function tooMany(rows: number): ReturnType<typeof problem> {
  return problem(
    'XLSX.TOO_MANY_ROWS',
    `${rows.toLocaleString('en')} rows do not fit in one sheet (Excel holds ${(XLSX_MAX_ROWS - 2).toLocaleString('en')} under a header and a totals row): write CSV instead`,
  );
}
