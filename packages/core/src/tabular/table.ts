import { fail, ok, problem, type Location, type Problem, type Result } from '../errors/index.js';
import type { CsvByteSpans, CsvSpans } from './csv.js';
import type { ProblemList } from './problems.js';

/**
 * A programme's applicants read from a table — a CSV file through `readCsv`, or a sheet through
 * `@bagui/sheets` (whose SheetVisitor has this shape) — with what the reading learnt besides the
 * applicants: the warnings (columns ignored) and, when invalid rows may be left out, which were
 * and why.
 */

/** What a sheet knows of a cell besides its text: `date` where a person typed a date. */
export interface TableCellInfo {
  readonly kind: string;
}

/** The extra argument a sheet reader passes with each record (sheets' SheetRow fits). */
export interface TableRowInfo {
  readonly cells: readonly TableCellInfo[];
}

/** A row left out by `excludeInvalid`, with every problem found in it. */
export interface ExcludedRow {
  readonly line: number;
  readonly problems: readonly Problem[];
}

export interface TableReading<T> {
  readonly value: T;
  /** The applicants read. */
  readonly rows: number;
  /** Not errors, said once: columns ignored. */
  readonly warnings: readonly Problem[];
  /** With `excludeInvalid`: each invalid row left out, by line, in order. Otherwise empty. */
  readonly excluded: readonly ExcludedRow[];
  /** With `excludeInvalid`: how many rows were left out (more than `excluded` lists past MAX_PROBLEMS). */
  readonly excludedCount: number;
}

export interface TableReadOptions {
  /**
   * Leave invalid rows out rather than refuse the table. Problems of the file or the header
   * (a missing column, no header) still refuse it, as does a table with no valid row.
   */
  readonly excludeInvalid?: boolean;
  /**
   * false: the applicants' names are not kept (a name is any text, so none is ever refused), for
   * an output that shows no name (totals only); a million names are ~80 MB. Kept when absent.
   * Only tables that keep names in a column of their own (rd_incentive's) use it.
   */
  readonly keepNames?: boolean;
}

/** Receives a table as it is read (core's CsvVisitor, sheets' SheetVisitor), then gives the applicants. */
export interface TableReader<T> {
  /** The header; returns the 0-based indexes of the columns read. */
  header(cells: readonly string[]): readonly number[];
  record(cells: readonly string[], line: number, row?: TableRowInfo): void;
  /** Optional, for speed: a CSV record as spans of the text (CsvVisitor's `spans`), read as `record` would read its cells. */
  spans?(record: CsvSpans, line: number): void;
  /** Optional, for speed: a CSV record as spans of its UTF-8 bytes (CsvVisitor's `bytes`), read as `spans` would read it decoded. */
  bytes?(record: CsvByteSpans, line: number): void;
  problem(found: Problem): void;
  finish(): Result<TableReading<T>>;
}

/** A date typed where an amount belongs (a sheet's cell): refused, never read as a serial number. */
export function dateWhereAmount(fieldLabel: string, at: Location): Problem {
  return problem(
    'AMOUNT.DATE_CELL',
    `${fieldLabel} holds a date, not an amount: Excel formats this cell as a date; format it as a number (or text) and type the amount in yuan`,
    at,
  );
}

const isFatal = (p: Problem): boolean => p.code !== 'PROBLEMS.TRUNCATED' && (p.location?.line ?? 1) <= 1;

/**
 * The end of a table's reading: every problem refuses it, unless `excludeInvalid` leaves the
 * rows with problems out; a table with no applicant is refused either way.
 */
export function finishTable<T>(
  problems: ProblemList,
  read: { readonly value: T; readonly rows: number; readonly invalidRows: number; readonly warnings: readonly Problem[] },
  options: TableReadOptions,
): Result<TableReading<T>> {
  const all = problems.all();
  const exclude = options.excludeInvalid === true;
  if (all.length > 0 && (!exclude || all.some(isFatal))) return fail(...all);
  if (read.rows === 0) {
    const message =
      read.invalidRows > 0
        ? `every row is invalid (${read.invalidRows}), so there is nothing to compute: fix the rows listed`
        : 'the table has a header but no rows: add one row per applicant under the header';
    return fail(problem('TABLE.NO_ROWS', message, { line: 2 }), ...all);
  }
  const byLine = new Map<number, Problem[]>();
  for (const p of all) {
    const line = p.location?.line;
    if (line === undefined) continue;
    const list = byLine.get(line);
    if (list === undefined) byLine.set(line, [p]);
    else list.push(p);
  }
  const excluded = [...byLine].sort(([a], [b]) => a - b).map(([line, found]) => ({ line, problems: found }));
  return ok({ value: read.value, rows: read.rows, warnings: read.warnings, excluded, excludedCount: read.invalidRows });
}
