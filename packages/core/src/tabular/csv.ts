import Papa, { type ParseError } from 'papaparse';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';

/**
 * A pure CSV reader on a string (RFC 4180 with the usual tolerances): strips a UTF-8 BOM,
 * accepts CRLF or LF line endings (or a mix), and handles quoted fields holding commas,
 * doubled quotes and line breaks. Splitting is papaparse's; what this module adds is the
 * 1-based line number of every record in the file (the header is line 1; a record whose
 * quoted field spans lines has the line where it starts), and problems as values.
 */

/** One record after the header, with the line of the file on which it starts. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/**
 * Receives a file as it is read, so that a caller can keep columns rather than one object per
 * record. Records with a structural problem go to `problem` and never to `record`.
 */
export interface CsvVisitor {
  /** The first record, on line 1. Not called when the file has no header. */
  header(cells: readonly string[]): void;
  /** A later record with as many cells as the header. `cells` is not reused by the reader. */
  record(cells: readonly string[], line: number): void;
  /** Malformed quoting, a wrong number of cells, a blank line inside the table, no header. */
  problem(found: Problem): void;
  /**
   * Optional, for speed: a record given as spans of the text rather than as strings, which a
   * reader then builds only for the cells it keeps as text. `CsvReader` calls it (instead of
   * `record`) for records without quoted fields; the spans are valid only during the call.
   */
  spans?(record: CsvSpans, line: number): void;
  /**
   * Optional, for speed: a record given as spans of its UTF-8 bytes, before any decoding, which
   * a byte-level reader (sheets' `CsvBytesReader` on UTF-8 input) calls instead of `spans` for a
   * record on one line ending in LF, without quotes, with as many cells as the header, not blank,
   * and valid UTF-8. It must read the record as `spans` would read the same cells decoded; the
   * spans are valid only during the call.
   */
  bytes?(record: CsvByteSpans, line: number): void;
}

/**
 * A record as spans of UTF-8 bytes: cell `i` is `bytes.subarray(starts[i], ends[i])` decoded,
 * for `i < length` (valid UTF-8, no line break, no quote, a trailing CR already dropped).
 */
export interface CsvByteSpans {
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly length: number;
}

/** A record as spans of a text: cell `i` is `text.substring(starts[i], ends[i])`, for `i < length`. */
export interface CsvSpans {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly length: number;
}

const BOM = 0xfeff;

/** Reads `text` as CSV, calling `visitor` for the header, every record and every problem. */
export function readCsv(text: string, visitor: CsvVisitor): void {
  const input = text.charCodeAt(0) === BOM ? text.slice(1) : text;
  // Papaparse splits rows on one newline sequence. Splitting on LF and dropping the CR that
  // ends the last cell of a CRLF row reads CRLF, LF and mixed files alike; a closing quote
  // followed by CR is accepted by papaparse as a quote followed by trailing space. Only a
  // file with no LF at all (classic Mac) is split on CR.
  const newline = input.includes('\n') || !input.includes('\r') ? '\n' : '\r';

  let width = -1; // cells in the header; -1 until it is read, 0 when there is none
  let line = 1; // line on which the next record starts
  let nextBreak = input.indexOf(newline);
  let start = 0;
  let blankLines: number[] = []; // blank records not yet known to be inside the table

  Papa.parse<string[]>(input, {
    delimiter: ',',
    newline,
    quoteChar: '"',
    skipEmptyLines: false,
    // Papaparse's "fast mode" splits the whole input into row strings up front: on a large
    // file that is slower and holds every row at once.
    fastMode: false,
    step(step) {
      const cells = step.data;
      const recordLine = line;
      const end = step.meta.cursor;
      while (nextBreak !== -1 && nextBreak < end) {
        line++;
        nextBreak = input.indexOf(newline, nextBreak + 1);
      }
      const recordStart = start;
      start = end;
      if (width === 0) return;
      dropTrailingCr(cells, newline);

      const quoteError = step.errors[0];
      const blank = quoteError === undefined && isBlank(cells);
      if (width === -1) {
        width = blank || quoteError !== undefined ? 0 : cells.length;
        if (quoteError !== undefined) {
          visitor.problem(badQuotes(quoteError.code, input, recordStart, end, recordLine, line));
        } else if (blank) {
          visitor.problem(noHeader(input, recordLine));
        } else {
          visitor.header(cells);
        }
        return;
      }
      if (blank) {
        blankLines.push(recordLine);
        return;
      }
      for (const blankLine of blankLines) visitor.problem(blankLineInside(blankLine));
      blankLines = [];

      if (quoteError !== undefined) {
        visitor.problem(badQuotes(quoteError.code, input, recordStart, end, recordLine, line));
      } else if (cells.length !== width) {
        visitor.problem(wrongCellCount(cells.length, width, recordLine));
      } else {
        visitor.record(cells, recordLine);
      }
    },
  });
  if (width === -1) visitor.problem(noHeader(input, 1));
}

/** Reads a whole file into memory; `readCsv` is the form for large files. */
export function parseCsv(text: string): Result<CsvTable> {
  let header: readonly string[] = [];
  const records: CsvRecord[] = [];
  const problems: Problem[] = [];
  readCsv(text, {
    header: (cells) => (header = cells),
    record: (cells, line) => records.push({ cells, line }),
    problem: (found) => problems.push(found),
  });
  return problems.length > 0 ? fail(...problems) : ok({ header, records });
}

function dropTrailingCr(cells: string[], newline: string): void {
  if (newline !== '\n') return;
  const last = cells.length - 1;
  const cell = cells[last];
  if (cell !== undefined && cell.charCodeAt(cell.length - 1) === 13 /* \r */) {
    cells[last] = cell.slice(0, -1);
  }
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** No header: the first record is blank, or the file has none. `empty`: the whole input is blank. */
export function noHeader(input: string | boolean, line: number): Problem {
  const empty = typeof input === 'boolean' ? input : input.trim() === '';
  const message = empty
    ? 'the file is empty: the first line must be the header naming the columns, separated by commas'
    : 'the first line is blank: it must be the header naming the columns, separated by commas';
  return problem('CSV.NO_HEADER', message, { line });
}

export function blankLineInside(line: number): Problem {
  return problem('CSV.BLANK_LINE', 'blank line inside the table: delete it (blank lines are allowed only after the last record)', { line });
}

export function wrongCellCount(found: number, expected: number, line: number): Problem {
  return problem(
    'CSV.FIELD_COUNT',
    `this record has ${found} cells but the header has ${expected}: give every record one cell per column, ` +
      'and put a value that contains a comma inside double quotes ("…")',
    { line },
  );
}

export const MAX_SHOWN = 200;

/**
 * A record with bad quoting, from `start` to `end` in `input`, on lines `line` to the one before
 * `nextLine` (or `nextLine` itself when the file ends without a line break). Shown by its first
 * line: the rest may be the whole file.
 */
function badQuotes(code: ParseError['code'], input: string, start: number, end: number, line: number, nextLine: number): Problem {
  const head = input.slice(start, Math.min(end, start + MAX_SHOWN));
  return badQuotesProblem(code, head, /[\r\n]$/u.test(input.slice(end - 1, end)), line, nextLine);
}

/**
 * The problem of a record with bad quoting whose text begins with `head` (its first MAX_SHOWN
 * characters at most), on lines `line` to the one before `nextLine`; `endsWithBreak`: whether
 * the record's text ends with a line break.
 */
export function badQuotesProblem(code: ParseError['code'], head: string, endsWithBreak: boolean, line: number, nextLine: number): Problem {
  const value = head.split(/\r\n|\n|\r/u)[0] ?? '';
  if (code === 'MissingQuotes') {
    return problem(
      'CSV.UNCLOSED_QUOTE',
      'a quoted field that starts on this line is never closed, so the rest of the file would be one cell: ' +
        'end the field with a double quote, and write a quote inside a quoted field as two quotes ("")',
      { line, value },
    );
  }
  const lastLine = endsWithBreak ? nextLine - 1 : nextLine;
  const runsOn = lastLine > line ? ` (as written, its quotes make this record run on to line ${lastLine})` : '';
  return problem(
    'CSV.MALFORMED_QUOTE',
    `a quoted field has text after its closing quote${runsOn}: put the whole cell inside double quotes ` +
      'and write a quote inside it as two quotes (""), e.g. "firm ""A"" ltd"',
    { line, value },
  );
}
