import type { Location, Problem } from '@bagui/core/errors';

/** What a cell held, as the person who typed it sees it. */
export type CellKind = 'empty' | 'text' | 'number' | 'boolean' | 'date';

/**
 * One cell's value as text: a number as the decimal Excel shows (`excelDecimal`), a boolean as
 * `true`/`false`, a date as `2021-06-30` (or `2021-06-30T08:30:00` with a time), rich text
 * flattened, a formula by its cached value. `kind` lets a reader refuse, say, a date where an
 * amount belongs with a message that says so.
 */
export interface SheetCell {
  readonly kind: CellKind;
  readonly text: string;
}

/** One row of the table, for the reader's visitor. */
export interface SheetRow {
  readonly sheet: string;
  /** The row number Excel shows (1-based): what a CSV record's `line` is. */
  readonly row: number;
  /** One cell per header column, in order; `empty` where the sheet has none. */
  readonly cells: readonly SheetCell[];
  /** The cell reference of column `index` (0-based) of this row: `Sheet1!D7`. */
  ref(index: number): string;
}

/** Where a problem in a workbook is: core's Location plus the sheet and the cell (`Sheet1!D7`). */
export interface SheetLocation extends Location {
  readonly sheet?: string;
  readonly cell?: string;
}

/**
 * Receives a sheet as it is read — the same shape as core's `CsvVisitor` (header, record,
 * problem; a CsvVisitor can be passed as it is), with each row's typed cells and cell references
 * as an extra argument. Rows with a problem go to `problem` and never to `record`.
 */
export interface SheetVisitor {
  /**
   * The header row (row 1). May return the 0-based indexes of the columns the caller reads:
   * a faulty cell (an error, a formula with no cached value, a merged range) in any other
   * column is then not a problem. Returning nothing means every column is read.
   */
  header(cells: readonly string[], row: SheetRow): void | readonly number[];
  /** A later row with a value in it: one text per header column. */
  record(cells: readonly string[], line: number, row: SheetRow): void;
  problem(found: Problem): void;
}

/** A field of a programme's applicants as a header names it: core's ENTERPRISE_FIELDS and applicantFields fit. */
export interface HeaderField {
  readonly name: string;
  readonly zh: string;
}

export interface SheetReadOptions {
  /** The sheet to read; the first visible sheet when absent. */
  readonly sheet?: string;
  /**
   * The programme's fields: with them, a second header row (a template's English names under
   * its Chinese ones, or the reverse) is recognised even without the template's notes row.
   */
  readonly fields?: readonly HeaderField[];
}

/** What was read, besides what went to the visitor. */
export interface SheetReadSummary {
  /** The sheet read, and every sheet of the workbook in order. */
  readonly sheet: string;
  readonly sheets: readonly string[];
  /** Rows skipped as not data: a template's second header row and notes row, a marked totals row after the table. */
  readonly skippedRows: readonly number[];
  /** Rows delivered to `record`. */
  readonly records: number;
}

/** A whole sheet in memory: the form for small files and tests (like core's `parseCsv`). */
export interface SheetTable {
  readonly sheet: string;
  readonly header: readonly string[];
  readonly records: readonly SheetRow[];
}
