import { fail, ok, type Result } from '@bagui/core/errors';
import { CsvReader, type CsvVisitor } from '@bagui/core/tabular';
import { CsvDecoder, type DecodeOptions } from './decode.js';
import type { CsvEncoding, EncodingSource } from './encoding.js';

/** How a CSV file was read: its encoding, why that one, and whether it had a byte-order mark. */
export interface CsvReading {
  readonly encoding: CsvEncoding;
  readonly source: EncodingSource;
  readonly bom: boolean;
}

/**
 * The one way a CSV file's bytes become records, for the CLI and the API alike: the bytes are
 * decoded as they arrive (`CsvDecoder`: BOM, UTF-8 or GB18030 detected, or the encoding given)
 * and the text of each chunk's whole lines goes straight to core's `CsvReader`, which calls the
 * visitor for the header, each record and each problem. Neither the whole text nor the whole
 * bytes are ever held: only the chunk being read and the record it ends inside.
 *
 * When `end()` returns a failure (the bytes are not text in the encoding, a workbook given as
 * CSV…) the visitor may already have received records: the file is refused, and what the
 * visitor has is to be thrown away.
 */
export class CsvBytesReader {
  private readonly decoder: CsvDecoder;
  private readonly reader: CsvReader;

  constructor(visitor: CsvVisitor, options: DecodeOptions = {}) {
    this.decoder = new CsvDecoder(options);
    this.reader = new CsvReader(visitor);
  }

  /** Whether decoding has failed: nothing more is read, and `end()` will say why. */
  get failed(): boolean {
    return this.decoder.problem !== undefined;
  }

  write(chunk: Uint8Array): void {
    if (this.failed) return;
    const text = this.decoder.write(chunk);
    if (!this.failed && text.length > 0) this.reader.write(text);
  }

  end(): Result<CsvReading> {
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
