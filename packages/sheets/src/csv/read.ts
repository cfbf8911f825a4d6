import { fail, ok, type Result } from '@bagui/core/errors';
import { CsvReader, type CsvByteSpans, type CsvVisitor } from '@bagui/core/tabular';
import { CsvDecoder, type DecodeOptions } from './decode.js';
import type { CsvEncoding, EncodingSource } from './encoding.js';

/** How a CSV file was read: its encoding, why that one, and whether it had a byte-order mark. */
export interface CsvReading {
  readonly encoding: CsvEncoding;
  readonly source: EncodingSource;
  readonly bom: boolean;
}

/**
 * After a record the byte-level path cannot read, the text path reads it and the lines after it
 * up to `run` bytes (the rest of that record's line at least), then the byte-level path tries
 * again. `run` doubles up to MAX_RUN while such records come less than STEADY records apart, so
 * that a file full of them (quoted fields on every line) costs one failed attempt per MAX_RUN.
 */
const MAX_RUN = 1 << 16;
const STEADY = 16;

/**
 * The one way a CSV file's bytes become records, for the CLI and the API alike: the bytes are
 * decoded as they arrive (`CsvDecoder`: BOM, UTF-8 or GB18030 detected, or the encoding given)
 * and the text of each chunk's whole lines goes straight to core's `CsvReader`, which calls the
 * visitor for the header, each record and each problem. Neither the whole text nor the whole
 * bytes are ever held: only the chunk being read and the record it ends inside.
 *
 * When the visitor reads records as bytes (`CsvVisitor.bytes`) and the file is UTF-8, the
 * commonest records — one line ending in LF, no quote, as many cells as the header, not blank,
 * valid UTF-8 — are split on the bytes and given to the visitor undecoded; any other record
 * (and the header, and the lines after such a record up to SLOW_RUN bytes) goes through the
 * decoder and `CsvReader` as before, which keep counting lines, so that the records, lines
 * and problems are the same however the file is read.
 *
 * When `end()` returns a failure (the bytes are not text in the encoding, a workbook given as
 * CSV…) the visitor may already have received records: the file is refused, and what the
 * visitor has is to be thrown away.
 */
export class CsvBytesReader {
  private readonly decoder: CsvDecoder;
  private readonly reader: CsvReader;
  private readonly visit: ((record: CsvByteSpans, line: number) => void) | undefined;
  /** Bytes the text path reads after a record the byte-level path cannot (see MAX_RUN). */
  private run = 0;
  /** Where `scan` stopped. */
  private stop = 0;
  /** The bytes after the last line break read, held for the next chunk (byte-level reading only). */
  private tail: Uint8Array | undefined;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private readonly view: { bytes: Uint8Array; starts: Int32Array; ends: Int32Array; length: number } = {
    bytes: new Uint8Array(0),
    starts: this.starts,
    ends: this.ends,
    length: 0,
  };

  constructor(visitor: CsvVisitor, options: DecodeOptions = {}) {
    this.decoder = new CsvDecoder(options);
    this.reader = new CsvReader(visitor);
    this.visit = visitor.bytes?.bind(visitor);
  }

  /** Whether decoding has failed: nothing more is read, and `end()` will say why. */
  get failed(): boolean {
    return this.decoder.problem !== undefined;
  }

  write(chunk: Uint8Array): void {
    if (this.failed || chunk.length === 0) return;
    if (this.visit === undefined) {
      this.decoded(chunk);
      return;
    }
    let from = 0;
    if (this.tail !== undefined) {
      const tail = this.tail;
      this.tail = undefined;
      const first = chunk.indexOf(LF);
      if (first === -1) {
        // No line ends in this chunk: the decoder holds it (in pieces, never copied per chunk).
        this.decoded(tail);
        this.decoded(chunk);
        return;
      }
      // The line begun in the last chunk, then the rest of this one.
      const line = joined(tail, chunk.subarray(0, first + 1));
      this.lines(line, 0, line.length);
      from = first + 1;
    }
    const end = chunk.lastIndexOf(LF) + 1;
    if (end > from) this.lines(chunk, from, end);
    const rest = Math.max(from, end);
    if (rest < chunk.length) this.tail = chunk.slice(rest);
  }

  /** Whole lines, `from` a line's start to `end` after a line break: on the bytes while possible, else decoded. */
  private lines(bytes: Uint8Array, from: number, end: number): void {
    let at = from;
    while (at < end && !this.failed) {
      if (this.reader.resting && this.decoder.utf8Resting) {
        const read = this.scan(bytes, at, end);
        at = this.stop;
        if (at === end) break;
        this.run = read >= STEADY ? 0 : Math.min(MAX_RUN, Math.max(256, this.run * 2));
      }
      const stop = at + this.run >= end ? end : bytes.indexOf(LF, at + this.run) + 1;
      this.decoded(bytes.subarray(at, stop));
      at = stop;
    }
  }

  end(): Result<CsvReading> {
    if (this.tail !== undefined) {
      this.decoded(this.tail);
      this.tail = undefined;
    }
    const decoder = this.decoder;
    if (decoder.problem === undefined) {
      const text = decoder.end();
      if (decoder.problem === undefined) {
        this.reader.write(text);
        this.reader.end();
        return ok({ encoding: decoder.encoding, source: decoder.source, bom: decoder.bom });
      }
    }
    return fail(decoder.problem);
  }

  /** Bytes through the decoder and the text reader. */
  private decoded(bytes: Uint8Array): void {
    if (this.failed) return;
    const text = this.decoder.write(bytes);
    if (!this.failed && text.length > 0) this.reader.write(text);
  }

  /**
   * Reads the lines of `bytes` from `from` (a line's start) to `end` (after a line break) on the
   * bytes while they are records it can read (see the class); returns how many it read, and
   * sets `stop` to where it stopped.
   */
  private scan(bytes: Uint8Array, from: number, end: number): number {
    const visit = this.visit;
    this.stop = from;
    if (visit === undefined) return 0;
    const width = this.reader.headerWidth;
    if (this.starts.length < width) {
      this.starts = new Int32Array(width);
      this.ends = new Int32Array(width);
    }
    const starts = this.starts;
    const ends = this.ends;
    const view = this.view;
    view.bytes = bytes;
    view.starts = starts;
    view.ends = ends;
    view.length = width;
    const first = this.reader.nextLine;
    let lines = 0;
    let beyondAscii = false;
    let at = from;
    records: while (at < end) {
      let n = 0;
      let cell = at;
      let i = at;
      let beyond = false; // this line's
      for (;;) {
        const b = bytes[i] ?? 0;
        if (b === LF) break;
        if (b === COMMA) {
          if (n === width - 1) break records; // more cells than the header
          starts[n] = cell;
          ends[n++] = i;
          cell = ++i;
        } else if (b < 0x80) {
          if (b === QUOTE) break records;
          i++;
        } else {
          const length = utf8Length(bytes, i, end);
          if (length === 0) break records; // not UTF-8: the decoder says what
          beyond = true;
          i += length;
        }
      }
      if (n !== width - 1) break; // fewer cells than the header
      starts[n] = cell;
      ends[n] = i > cell && bytes[i - 1] === CR ? i - 1 : i;
      // A record is blank when every cell is whitespace (String.prototype.trim's): the text path
      // decides those, and any record whose every cell starts other than with visible ASCII.
      let visible = false;
      for (let c = 0; c < width; c++) {
        const s = starts[c] ?? 0;
        const b = bytes[s] ?? 0;
        if (s < (ends[c] ?? 0) && b > 0x20 && b < 0x7f) {
          visible = true;
          break;
        }
      }
      if (!visible) break;
      visit(view, first + lines);
      lines++;
      if (beyond) beyondAscii = true;
      at = i + 1;
    }
    if (lines > 0) {
      this.reader.skipLines(lines);
      this.decoder.skipLines(lines, beyondAscii);
    }
    this.stop = at;
    return lines;
  }
}

const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * The length of the UTF-8 sequence that starts with the byte at `i` (not ASCII) and ends before
 * `end`, or 0 when it is not one a fatal TextDecoder accepts (overlong forms, surrogates and code
 * points beyond U+10FFFF are refused).
 */
function utf8Length(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i] ?? 0;
  const c1 = bytes[i + 1] ?? 0;
  if (b >= 0xc2 && b <= 0xdf) return i + 1 < end && (c1 & 0xc0) === 0x80 ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (i + 2 >= end) return 0;
    const low = b === 0xe0 ? 0xa0 : 0x80;
    const high = b === 0xed ? 0x9f : 0xbf;
    return c1 >= low && c1 <= high && ((bytes[i + 2] ?? 0) & 0xc0) === 0x80 ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (i + 3 >= end) return 0;
    const low = b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xf4 ? 0x8f : 0xbf;
    return c1 >= low && c1 <= high && ((bytes[i + 2] ?? 0) & 0xc0) === 0x80 && ((bytes[i + 3] ?? 0) & 0xc0) === 0x80 ? 4 : 0;
  }
  return 0;
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads a CSV file held in memory (see CsvBytesReader). */
export function readCsvBytes(bytes: Uint8Array, visitor: CsvVisitor, options: DecodeOptions = {}): Result<CsvReading> {
  const reader = new CsvBytesReader(visitor, options);
  reader.write(bytes);
  return reader.end();
}

/** Reads a CSV file as a stream of chunks (a file stream, a request body; see CsvBytesReader). */
export async function readCsvStream(
  source: AsyncIterable<Uint8Array>,
  visitor: CsvVisitor,
  options: DecodeOptions = {},
): Promise<Result<CsvReading>> {
  const reader = new CsvBytesReader(visitor, options);
  for await (const chunk of source) {
    reader.write(chunk);
    if (reader.failed) break;
  }
  return reader.end();
}
