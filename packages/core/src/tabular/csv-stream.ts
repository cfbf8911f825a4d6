import { badQuotesProblem, blankLineInside, MAX_SHOWN, noHeader, wrongCellCount, type CsvSpans, type CsvVisitor } from './csv.js';

/** A record held longer than this (UTF-16 units) is retried only once the text after it doubles. */
const LONG_RECORD = 1 << 20;

type MutableSpans = { -readonly [K in keyof CsvSpans]: CsvSpans[K] };

/**
 * The CSV reader for text that arrives in pieces (a file or a request body being decoded), with
 * exactly `readCsv`'s results: the same records, lines and problems, in the same order, however
 * the text is cut. Only the record being read is held (its text from its first character), so a
 * file is never in memory whole; `readCsv` (papaparse) stays the reference it is tested against.
 *
 * The splitting rules are papaparse's (the reference's): a field that starts with a double quote
 * is quoted and ends at a quote followed by a comma or a line break, with only whitespace
 * between (a quote inside is written `""`); any other quote ends nothing and is kept, and the
 * record is then reported as malformed; a quoted field never closed runs to the end of the file.
 * Records end at LF (a CR before it is dropped from the last cell); a file without any LF is
 * split on CR. Blank records after the last one are allowed, blank records inside are not.
 */
export class CsvReader {
  private buf = '';
  /** The start in `buf` of the record being read. */
  private pos = 0;
  /** The line on which the record at `pos` starts. */
  private line = 1;
  /** The line break's UTF-16 code (10 or 13), 0 until known. */
  private newline = 0;
  private newlineText = '\n';
  private width = -1;
  private blankLines: number[] = [];
  /** Leading byte-order marks stripped (2: no more are stripped). */
  private boms = 0;
  private any = false;
  private ended = false;
  /** The first record was blank: the rest of the input decides the message. */
  private headless = 0;
  private headlessBlank = true;
  /** Text held back while a long record waits for more (see `write`). */
  private pieces: string[] = [];
  private piecesLength = 0;

  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private readonly view: MutableSpans = { text: '', starts: this.starts, ends: this.ends, length: 0 };

  constructor(private readonly visitor: CsvVisitor) {}

  /**
   * Whether the reader holds nothing and expects a record at the start of a line, with the header
   * read and LF as the line break: records may then be read elsewhere (sheets' byte-level reader
   * of UTF-8 files, through the visitor's `bytes`) and counted with `skipLines`.
   */
  get resting(): boolean {
    return (
      this.width > 0 &&
      this.newline === 10 &&
      this.pos === this.buf.length &&
      this.headless === 0 &&
      this.blankLines.length === 0 &&
      this.pieces.length === 0 &&
      !this.ended
    );
  }

  /** The line on which the next record starts. */
  get nextLine(): number {
    return this.line;
  }

  /** The header's number of cells (-1 before it is read, 0 when there is none). */
  get headerWidth(): number {
    return this.width;
  }

  /** Counts `lines` records of one line each read elsewhere while `resting` (see there). */
  skipLines(lines: number): void {
    if (!this.resting) throw new Error('CsvReader: skipLines while not resting');
    this.line += lines;
  }

  /** Reads the records that `text` completes. */
  write(text: string): void {
    if (this.ended) throw new Error('CsvReader: write after end');
    if (text.length === 0) return;
    if (this.boms < 2) {
      // readCsv strips a byte-order mark, and papaparse one more.
      while (this.boms < 2 && text.length > 0) {
        if (text.charCodeAt(0) !== 0xfeff) {
          this.boms = 2;
          break;
        }
        text = text.slice(1);
        this.boms++;
      }
      if (text.length === 0) return;
    }
    this.any = true;
    if (this.headless !== 0) {
      if (this.headlessBlank && text.trim() !== '') this.headlessBlank = false;
      return;
    }
    const held = this.buf.length - this.pos;
    if (held > LONG_RECORD && this.newline !== 0) {
      // A record longer than a chunk (a quoted field over many lines, or never closed): each
      // attempt rescans it, so wait until the text since the last attempt is as long as it.
      this.pieces.push(text);
      this.piecesLength += text.length;
      if (this.piecesLength < held) return;
      text = this.takePieces();
    }
    this.buf = this.pos === this.buf.length ? text : this.buf.slice(this.pos) + text;
    this.pos = 0;
    if (this.newline === 0) {
      // Papaparse splits on LF unless the file has no LF at all: until an LF is seen, or the end,
      // the line break is not known.
      if (this.buf.includes('\n')) this.setNewline(10);
      else return;
    }
    this.drain(false);
  }

  /** The end of the text: reads the last record and reports a file without a header. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.headless !== 0) {
      this.visitor.problem(noHeader(this.headlessBlank, this.headless));
      return;
    }
    if (this.any) {
      if (this.pieces.length > 0) {
        this.buf = this.buf.slice(this.pos) + this.takePieces();
        this.pos = 0;
      }
      if (this.newline === 0) this.setNewline(this.buf.includes('\n') || !this.buf.includes('\r') ? 10 : 13);
      this.drain(true);
      if (this.headless !== 0) {
        this.visitor.problem(noHeader(this.headlessBlank, this.headless));
        return;
      }
    }
    if (this.width === -1) this.visitor.problem(noHeader(true, 1));
  }

  private takePieces(): string {
    const text = this.pieces.join('');
    this.pieces = [];
    this.piecesLength = 0;
    return text;
  }

  private setNewline(code: number): void {
    this.newline = code;
    this.newlineText = code === 10 ? '\n' : '\r';
  }

  /** Reads every record complete in `buf`; at the end (`last`), the rest as papaparse does. */
  private drain(last: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    const nl = this.newlineText;
    for (;;) {
      const start = this.pos;
      if (start === len) {
        if (!last) return;
        // Papaparse ends every input with one more record: [''] after a final line break.
        this.step([''], start, len, undefined);
        this.pos = len;
        return;
      }
      // Cells are kept as spans of `buf` (no string per cell) until a quoted one needs its own text.
      let cells: string[] | undefined;
      let n = 0;
      let error: 'MissingQuotes' | 'InvalidQuotes' | undefined;
      let cur = start;
      let end = -1;
      let finished = false; // the record ran to the end of the input: nothing follows it
      let nextNewline = buf.indexOf(nl, cur);
      if (nextNewline === -1 && !last) return; // the record's end is in text still to come
      let nextDelim = buf.indexOf(',', cur);
      fields: for (;;) {
        if (buf.charCodeAt(cur) === 34 /* " */) {
          let quote = cur;
          cur++;
          for (;;) {
            quote = buf.indexOf('"', quote + 1);
            if (quote === -1) {
              if (!last) return;
              error ??= 'MissingQuotes';
              cells ??= this.texts(n);
              cells.push(buf.substring(cur));
              end = len;
              finished = true;
              break fields;
            }
            if (quote === len - 1) {
              if (!last) return;
              cells ??= this.texts(n);
              cells.push(unescape(buf.substring(cur, quote)));
              end = len;
              finished = true;
              break fields;
            }
            if (buf.charCodeAt(quote + 1) === 34) {
              quote++;
              continue;
            }
            const newlineAfter = buf.indexOf(nl, quote + 1);
            if (newlineAfter === -1 && !last) return;
            const delimAfter = buf.indexOf(',', quote + 1);
            if (
              delimAfter === quote + 1 ||
              (delimAfter !== -1 && (newlineAfter === -1 || delimAfter < newlineAfter) && isSpace(buf, quote + 1, delimAfter))
            ) {
              cells ??= this.texts(n);
              cells.push(unescape(buf.substring(cur, quote)));
              cur = delimAfter + 1;
              nextDelim = buf.indexOf(',', cur);
              nextNewline = newlineAfter;
              continue fields;
            }
            if (newlineAfter !== -1 && isSpace(buf, quote + 1, newlineAfter)) {
              cells ??= this.texts(n);
              cells.push(unescape(buf.substring(cur, quote)));
              end = newlineAfter + 1;
              break fields;
            }
            error ??= 'InvalidQuotes';
            quote++;
          }
        }
        if (nextNewline !== -1 && nextNewline < cur) {
          nextNewline = buf.indexOf(nl, cur);
          if (nextNewline === -1 && !last) return;
        }
        if (nextDelim !== -1 && nextDelim < cur) nextDelim = buf.indexOf(',', cur);
        if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
          if (cells === undefined) n = this.span(n, cur, nextDelim);
          else cells.push(buf.substring(cur, nextDelim));
          cur = nextDelim + 1;
          nextDelim = buf.indexOf(',', cur);
          continue;
        }
        if (nextNewline !== -1) {
          if (cells === undefined) n = this.span(n, cur, nextNewline);
          else cells.push(buf.substring(cur, nextNewline));
          end = nextNewline + 1;
          break;
        }
        if (cells === undefined) n = this.span(n, cur, len);
        else cells.push(buf.substring(cur));
        end = len;
        finished = true;
        break;
      }
      this.step(cells ?? this.spans(n), start, end, error);
      this.pos = end;
      if (this.headless !== 0) {
        const rest = buf.slice(end);
        if (rest.trim() !== '') this.headlessBlank = false;
        this.buf = '';
        this.pos = 0;
        return;
      }
      if (finished) return;
    }
  }

  /** Adds the span `from`–`to` of `buf` as cell `n`; returns the new count. */
  private span(n: number, from: number, to: number): number {
    if (n === this.starts.length) {
      const starts = new Int32Array(n * 2);
      const ends = new Int32Array(n * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[n] = from;
    this.ends[n] = to;
    return n + 1;
  }

  /** The first `n` spans as strings. */
  private texts(n: number): string[] {
    const cells = new Array<string>(n);
    for (let i = 0; i < n; i++) cells[i] = this.buf.substring(this.starts[i] ?? 0, this.ends[i] ?? 0);
    return cells;
  }

  /** The record as the first `n` spans (the row view, reused for every record). */
  private spans(n: number): CsvSpans {
    this.view.text = this.buf;
    this.view.length = n;
    this.view.starts = this.starts;
    this.view.ends = this.ends;
    return this.view;
  }

  /** One record as `readCsv`'s step sees it. */
  private step(record: string[] | CsvSpans, start: number, end: number, error: 'MissingQuotes' | 'InvalidQuotes' | undefined): void {
    const buf = this.buf;
    const recordLine = this.line;
    const nl = this.newline;
    if (Array.isArray(record)) {
      for (let i = buf.indexOf(this.newlineText, start); i !== -1 && i < end; i = buf.indexOf(this.newlineText, i + 1)) this.line++;
    } else if (buf.charCodeAt(end - 1) === nl) {
      this.line++; // a record without quotes holds no line break but the one that ends it
    }
    if (this.width === 0) return;
    if (nl === 10) dropTrailingCr(record);
    const blank = error === undefined && (Array.isArray(record) ? isBlank(record) : spansBlank(record));
    if (this.width === -1) {
      if (error !== undefined) {
        this.width = 0;
        this.visitor.problem(this.badQuotes(error, start, end, recordLine));
      } else if (blank) {
        this.width = 0;
        // The message depends on whether anything follows: decided at the end.
        this.headless = recordLine;
        this.headlessBlank = buf.slice(0, end).trim() === '';
      } else {
        this.width = record.length;
        this.visitor.header(Array.isArray(record) ? record : this.texts(record.length));
      }
      return;
    }
    if (blank) {
      this.blankLines.push(recordLine);
      return;
    }
    if (this.blankLines.length > 0) {
      for (const blankLine of this.blankLines) this.visitor.problem(blankLineInside(blankLine));
      this.blankLines = [];
    }
    if (error !== undefined) this.visitor.problem(this.badQuotes(error, start, end, recordLine));
    else if (record.length !== this.width) this.visitor.problem(wrongCellCount(record.length, this.width, recordLine));
    else if (Array.isArray(record)) this.visitor.record(record, recordLine);
    else if (this.visitor.spans !== undefined) this.visitor.spans(record, recordLine);
    else this.visitor.record(this.texts(record.length), recordLine);
  }

  private badQuotes(error: 'MissingQuotes' | 'InvalidQuotes', start: number, end: number, line: number) {
    const buf = this.buf;
    const head = buf.slice(start, Math.min(end, start + MAX_SHOWN));
    const last = buf.charCodeAt(end - 1);
    return badQuotesProblem(error, head, last === 10 || last === 13, line, this.line);
  }
}

/** Reads `text` as CSV with `CsvReader` (whole, or in the pieces given). */
export function readCsvPieces(pieces: Iterable<string>, visitor: CsvVisitor): void {
  const reader = new CsvReader(visitor);
  for (const piece of pieces) reader.write(piece);
  reader.end();
}

function unescape(text: string): string {
  return text.includes('""') ? text.replace(/""/gu, '"') : text;
}

/** Whether `buf` from `from` to `to` is only whitespace (String.prototype.trim's), or empty. */
function isSpace(buf: string, from: number, to: number): boolean {
  return from >= to || buf.substring(from, to).trim() === '';
}

function dropTrailingCr(record: string[] | CsvSpans): void {
  const last = record.length - 1;
  if (Array.isArray(record)) {
    const cell = record[last] as string;
    if (cell.charCodeAt(cell.length - 1) === 13) record[last] = cell.slice(0, -1);
    return;
  }
  const end = record.ends[last] ?? 0;
  if (end > (record.starts[last] ?? 0) && record.text.charCodeAt(end - 1) === 13) record.ends[last] = end - 1;
}

function spansBlank(record: CsvSpans): boolean {
  const { text, starts, ends } = record;
  for (let i = 0; i < record.length; i++) {
    const from = starts[i] ?? 0;
    const to = ends[i] ?? 0;
    if (from === to) continue;
    const c = text.charCodeAt(from);
    if (c > 32 && c < 127) return false;
    if (text.substring(from, to).trim() !== '') return false;
  }
  return true;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}
