import { fail, ok, problem, type Problem, type Result } from '@bagui/core/errors';
import { charsetOf, parseEncodingName, type CsvEncoding, type EncodingSource } from './encoding.js';

export interface DecodeOptions {
  /** The encoding to read in (`utf-8`, `gbk`, `gb18030`; also `utf8`, `gb2312`, `cp936`); detected when absent. */
  readonly encoding?: string;
  /** An HTTP Content-Type: its `charset=` is honoured when no `encoding` is given. */
  readonly contentType?: string;
}

export interface DecodedCsv {
  /** The text, without its byte-order mark. */
  readonly text: string;
  readonly encoding: CsvEncoding;
  readonly source: EncodingSource;
  /** Whether the file began with a UTF-8 byte-order mark. */
  readonly bom: boolean;
}

const LF = 0x0a;

/**
 * Decodes a CSV file's bytes as they arrive, in UTF-8 (with or without a byte-order mark) or
 * GB18030/GBK — what Chinese Excel saves as "CSV (逗号分隔)". Without an encoding given, the bytes
 * are read as strict UTF-8 and the first sequence that is not UTF-8 switches to GB18030, which is
 * lossless as long as everything before it was ASCII (read alike by both); after UTF-8 text
 * that was not ASCII it is a problem (a file of two encodings). A byte-order mark decides over
 * any option or charset, as in the WHATWG Encoding standard.
 *
 * Bytes are decoded a chunk's whole lines at a time (a line break, 0x0A, is never part of a
 * character in either encoding), so each decode call is complete and an error is located at
 * its line. Only the last partial line of a chunk is held over: the file is never held twice.
 */
export class CsvDecoder {
  private decoder: TextDecoder | undefined;
  private current: CsvEncoding = 'utf-8';
  private how: EncodingSource = 'detected';
  /** Detecting, and every piece so far was ASCII: a switch to GB18030 is still possible. */
  private tentative = false;
  private started = false;
  private hasBom = false;
  /** The partial line held over, in pieces (joined once its line ends: a long line is never copied per chunk). */
  private held: Uint8Array[] = [];
  private lines = 0; // line breaks decoded so far
  private failure: Problem | undefined;
  private readonly chosen: { encoding: CsvEncoding; source: EncodingSource } | undefined;

  constructor(options: DecodeOptions = {}) {
    const asked = options.encoding ?? (options.contentType === undefined ? undefined : charsetOf(options.contentType));
    if (asked !== undefined) {
      const from = options.encoding !== undefined ? 'option' : 'charset';
      const parsed = parseEncodingName(asked, from);
      if (parsed.ok) this.chosen = { encoding: parsed.value, source: from };
      else this.failure = parsed.problems[0];
    }
  }

  /** The encoding in use (final once `end` has been called). */
  get encoding(): CsvEncoding {
    return this.current;
  }

  get source(): EncodingSource {
    return this.how;
  }

  get bom(): boolean {
    return this.hasBom;
  }

  /** Why the bytes could not be decoded; once set, `write` and `end` return nothing more. */
  get problem(): Problem | undefined {
    return this.failure;
  }

  /**
   * Whether the next bytes may be read elsewhere as UTF-8 (sheets' byte-level CSV reading): the
   * encoding is UTF-8 (given, named by a BOM, or detected so far) and nothing is held over.
   */
  get utf8Resting(): boolean {
    return this.started && this.current === 'utf-8' && this.held.length === 0 && this.failure === undefined;
  }

  /**
   * Counts `lines` whole lines, each ending in LF, read elsewhere while `utf8Resting` and found to
   * be valid UTF-8 (`beyondAscii` when any of their bytes was not ASCII): as if they had been decoded here.
   */
  skipLines(lines: number, beyondAscii: boolean): void {
    this.lines += lines;
    if (beyondAscii) this.tentative = false;
  }

  /** The text of the whole lines that `chunk` completes. */
  write(chunk: Uint8Array): string {
    if (this.failure !== undefined || chunk.length === 0) return '';
    let bytes = chunk;
    if (!this.started) {
      this.held.push(chunk.slice());
      const head = joined(this.held);
      if (head.length < 4) {
        this.held = [head];
        return '';
      }
      this.held = [];
      bytes = this.begin(head);
      if (this.failure !== undefined) return '';
    }
    const last = bytes.lastIndexOf(LF);
    if (last === -1) {
      this.held.push(bytes.slice());
      return '';
    }
    let text: string;
    if (this.held.length > 0) {
      // The held partial line and the rest of it, up to the chunk's first line break.
      const first = bytes.indexOf(LF);
      this.held.push(bytes.subarray(0, first + 1));
      text = this.decode(joined(this.held));
      this.held = [];
      if (first < last) text += this.decode(bytes.subarray(first + 1, last + 1));
    } else {
      text = this.decode(bytes.subarray(0, last + 1));
    }
    if (last + 1 < bytes.length) this.held = [bytes.slice(last + 1)];
    return this.failure === undefined ? text : '';
  }

  /** The text of the last line (after the last line break), once the file has ended. */
  end(): string {
    if (this.failure !== undefined) return '';
    let rest = joined(this.held);
    this.held = [];
    if (!this.started) {
      rest = this.begin(rest);
      if (this.failure !== undefined) return '';
    }
    if (rest.length === 0) return '';
    const text = this.decode(rest);
    return this.failure === undefined ? text : '';
  }

  /** Reads the byte-order mark (or refuses a file that is not CSV text) and picks the encoding. */
  private begin(bytes: Uint8Array): Uint8Array {
    this.started = true;
    if (this.failure !== undefined) return bytes;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.hasBom = true;
      this.use('utf-8', 'bom');
      return bytes.subarray(3);
    }
    const other = notCsvText(bytes);
    if (other !== undefined) {
      this.failure = other;
      return bytes;
    }
    if (this.chosen !== undefined) this.use(this.chosen.encoding, this.chosen.source);
    else {
      this.use('utf-8', 'detected');
      this.tentative = true;
    }
    return bytes;
  }

  private use(encoding: CsvEncoding, source: EncodingSource): void {
    this.current = encoding;
    this.how = source;
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  /** Decodes whole lines; on bytes that are not of the encoding, switches (while detecting) or fails. */
  private decode(bytes: Uint8Array): string {
    const decoder = this.decoder;
    // After a failure nothing more is decoded: the first problem stands (a second call in the same write would replace it).
    if (decoder === undefined || this.failure !== undefined) return '';
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      if (this.tentative && !firstTextIsUtf8(bytes)) {
        this.tentative = false;
        this.use('gb18030', 'detected');
        return this.decode(bytes);
      }
      this.failure = this.invalid(bytes);
      return '';
    }
    // In UTF-8, any character beyond ASCII takes more bytes than UTF-16 units.
    if (this.tentative && text.length !== bytes.length) this.tentative = false;
    this.lines += countLineBreaks(bytes);
    return text;
  }

  private invalid(bytes: Uint8Array): Problem {
    const lenient = new TextDecoder(this.current, { ignoreBOM: true }).decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const before = at === -1 ? '' : lenient.slice(0, at);
    const line = this.lines + 1 + (before.split('\n').length - 1);
    const shown =
      lenient
        .slice(before.lastIndexOf('\n') + 1)
        .split('\n')[0]
        ?.slice(0, 200) ?? '';
    const name = this.current === 'utf-8' ? 'UTF-8' : this.current.toUpperCase();
    const why =
      this.how === 'detected'
        ? `this line is not UTF-8 although the lines before it were UTF-8 text beyond ASCII: the file mixes two encodings; ` +
          'save it again as "CSV UTF-8 (逗号分隔)" from Excel or WPS'
        : `this line is not valid ${name}, the encoding ${this.how === 'bom' ? 'its byte-order mark names' : this.how === 'option' ? 'given' : 'its charset names'}: ` +
          'give the encoding the file was saved in (utf-8, gbk or gb18030), or save it again as "CSV UTF-8 (逗号分隔)"';
    return problem('CSV.ENCODING_INVALID', why, { line, value: shown });
  }
}

/** Decodes a whole CSV file (see CsvDecoder). */
export function decodeCsv(bytes: Uint8Array, options: DecodeOptions = {}): Result<DecodedCsv> {
  const decoder = new CsvDecoder(options);
  const text = decoder.write(bytes) + decoder.end();
  return finish(decoder, text);
}

/** Decodes a CSV file read as a stream of chunks (a file stream, a request body) into its text. */
export async function decodeCsvStream(source: AsyncIterable<Uint8Array>, options: DecodeOptions = {}): Promise<Result<DecodedCsv>> {
  const decoder = new CsvDecoder(options);
  let text = '';
  for await (const chunk of source) {
    text += decoder.write(chunk);
    if (decoder.problem !== undefined) break;
  }
  text += decoder.end();
  return finish(decoder, text);
}

function finish(decoder: CsvDecoder, text: string): Result<DecodedCsv> {
  if (decoder.problem !== undefined) return fail(decoder.problem);
  return ok({ text, encoding: decoder.encoding, source: decoder.source, bom: decoder.bom });
}

/** A UTF-16 file (Excel's "Unicode text") or a workbook given as CSV: refused with what to do. */
function notCsvText(bytes: Uint8Array): Problem | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    return problem(
      'CSV.UTF16',
      'the file is UTF-16 text (Excel\'s "Unicode Text"), not CSV: save it as "CSV UTF-8 (逗号分隔)" or as an .xlsx workbook',
      { line: 1 },
    );
  }
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    return problem('CSV.IS_XLSX', 'the file is an XLSX workbook, not CSV text: read it as .xlsx', { line: 1 });
  }
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0) {
    return problem(
      'CSV.IS_XLS',
      'the file is an Excel 97–2003 workbook (.xls), not CSV text: save it as .xlsx or as "CSV UTF-8 (逗号分隔)"',
      {
        line: 1,
      },
    );
  }
  return undefined;
}

/**
 * Whether the line holding the first byte beyond ASCII is UTF-8. When it is not, everything
 * before it was ASCII and the file is read as GB18030; when it is, a later line that is not
 * UTF-8 makes a file of two encodings.
 */
function firstTextIsUtf8(bytes: Uint8Array): boolean {
  let first = 0;
  while (first < bytes.length && (bytes[first] ?? 0) < 0x80) first++;
  if (first === bytes.length) return true;
  const start = bytes.lastIndexOf(LF, first) + 1;
  const next = bytes.indexOf(LF, first);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, next === -1 ? bytes.length : next));
    return true;
  } catch {
    return false;
  }
}

function joined(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1) return pieces[0] as Uint8Array;
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function countLineBreaks(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}
