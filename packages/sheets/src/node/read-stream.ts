import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseRange, type CellRange } from '../cells/index.js';
import { readCellValue, type ReadCell } from '../xlsx/cell-value.js';
import { checkXlsxSignature, damaged, noSheets, noSuchSheet } from '../xlsx/format.js';
import type { SheetReadOptions, SheetReadSummary, SheetVisitor } from '../xlsx/types.js';
import { SheetWalker } from '../xlsx/walker.js';

/** A workbook to stream: a file path, bytes, or a stream of bytes (a request body, a file stream). */
export type XlsxSource = string | Uint8Array | AsyncIterable<Uint8Array>;

interface SheetEntry {
  readonly name: string;
  readonly state?: string;
}

/** What exceljs's streaming reader keeps but does not type: the workbook's sheets, in order. */
interface ReaderState {
  model?: { sheets?: readonly SheetEntry[] };
}

/** What a streamed worksheet is beyond its typed API: its name and the sheet XML it parses. */
interface StreamedSheet {
  name: string;
  iterator: AsyncIterable<Uint8Array | string>;
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.Row>;
}

/**
 * Reads one sheet of an XLSX workbook as a stream (exceljs's WorkbookReader): rows are read
 * and handed to `visitor` one at a time, so 100,000 rows never become a workbook object model.
 * The same rules and messages as `readXlsx`; merged ranges, which the sheet's XML lists after
 * its rows, are reported once the rows have been read.
 */
export async function readXlsxStream(
  source: XlsxSource,
  visitor: SheetVisitor,
  options: SheetReadOptions = {},
): Promise<SheetReadSummary | undefined> {
  const chunks = typeof source === 'string' ? createReadStream(source) : source instanceof Uint8Array ? [source] : source;
  const checked = await checkedStream(chunks, visitor);
  if (checked === undefined) return undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(checked, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // for dates: a number is a date by its cell's number format
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const state = reader as unknown as ReaderState;
  decodeSharedStrings(reader);
  let summary: SheetReadSummary | undefined;
  let sawSheet = false;
  try {
    for await (const streamed of reader as AsyncIterable<unknown>) {
      const worksheet = streamed as StreamedSheet;
      sawSheet = true;
      const sheets = state.model?.sheets ?? [];
      const target = options.sheet ?? (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0])?.name;
      if (summary !== undefined || (target !== undefined && worksheet.name !== target)) {
        await drain(worksheet);
        continue;
      }
      summary = await walk(worksheet, visitor, options, sheets);
    }
  } catch (cause) {
    visitor.problem(damaged(cause));
    return undefined;
  }
  if (summary !== undefined) return summary;
  const names = (state.model?.sheets ?? []).map((s) => s.name);
  if (!sawSheet || names.length === 0) visitor.problem(noSheets());
  else visitor.problem(noSuchSheet(options.sheet ?? '', names));
  return undefined;
}

/**
 * A sheet that is not read is still read to its end (its XML, not parsed). A sheet stored before
 * the shared strings is parked by exceljs in a temporary file, opened when the sheet is emitted
 * and deleted as soon as the reader moves on: a file stream left unread may only open after that,
 * failing (ENOENT) with nothing listening — an uncaught error that would stop a server.
 */
async function drain(worksheet: StreamedSheet): Promise<void> {
  for await (const _chunk of worksheet.iterator) {
    // nothing: the bytes are not needed
  }
}

async function walk(
  worksheet: StreamedSheet,
  visitor: SheetVisitor,
  options: SheetReadOptions,
  sheets: readonly SheetEntry[],
): Promise<SheetReadSummary> {
  const merges: CellRange[] = [];
  // Before the reader takes it, the XML is still the zip entry's bytes.
  worksheet.iterator = utf8Text(mergeCellTap(worksheet.iterator as AsyncIterable<Uint8Array>, merges));
  const walker = new SheetWalker(worksheet.name, visitor, options.fields);
  for await (const row of worksheet) {
    const cells: ReadCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = readCellValue(cell.value);
    });
    walker.row(row.number, cells);
  }
  walker.end(merges);
  return { sheet: worksheet.name, sheets: sheets.map((s) => s.name), skippedRows: walker.skippedRows, records: walker.records };
}

/**
 * exceljs's streaming reader decodes each chunk of XML on its own, so a Chinese character cut
 * by a chunk boundary reads as U+FFFD (exceljs issues #2063, #2084, #2316; the fixes, PRs #1665
 * and #2081, were never merged). Its SAX step takes text as it is, so the sheet's XML is given
 * to it as text decoded across chunks…
 */
async function* utf8Text(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** …and the shared strings' zip entry is set to emit text (Node's StringDecoder keeps characters whole). */
function decodeSharedStrings(reader: object): void {
  const target = reader as { _parseSharedStrings?: (entry: { setEncoding(encoding: string): void }) => unknown };
  const parse = target._parseSharedStrings;
  if (typeof parse !== 'function') throw new Error('exceljs changed: WorkbookReader._parseSharedStrings is gone (see utf8Text)');
  target._parseSharedStrings = function (this: unknown, entry) {
    entry.setEncoding('utf8');
    return parse.call(this, entry);
  };
}

/**
 * Passes a sheet's XML through unchanged, collecting the `<mergeCell ref="…"/>` elements that
 * follow `</sheetData>`: exceljs's streaming reader skips them. Only the short part of the XML
 * after the rows is kept as text.
 */
async function* mergeCellTap(source: AsyncIterable<Uint8Array>, merges: CellRange[]): AsyncGenerator<Uint8Array> {
  const end = Buffer.from('</sheetData>', 'latin1');
  let carry = Buffer.alloc(0);
  let tail: string | undefined;
  for await (const piece of source) {
    yield piece;
    const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (tail !== undefined) {
      tail += chunk.toString('latin1');
      continue;
    }
    const joined = carry.length === 0 ? chunk : Buffer.concat([carry, chunk.subarray(0, end.length)]);
    let at = joined.indexOf(end);
    if (at !== -1 && joined !== chunk) {
      tail = Buffer.concat([carry, chunk]).subarray(at).toString('latin1');
      continue;
    }
    at = chunk.indexOf(end);
    if (at !== -1) {
      tail = chunk.subarray(at).toString('latin1');
      continue;
    }
    carry = Buffer.from(chunk.subarray(Math.max(0, chunk.length - end.length + 1)));
  }
  if (tail === undefined) return;
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"/gu)) {
    const range = parseRange(m[1] ?? '');
    if (range !== undefined) merges.push(range);
  }
}

/** The source as a Node stream, after its first bytes have been checked to be a zip archive. */
async function checkedStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  visitor: SheetVisitor,
): Promise<Readable | undefined> {
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  let done = false;
  try {
    while (length < 8 && !done) {
      const next = await iterator.next();
      if (next.done === true) done = true;
      else {
        head.push(next.value);
        length += next.value.length;
      }
    }
  } catch (cause) {
    visitor.problem(damaged(cause));
    return undefined;
  }
  const first = Buffer.concat(head.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  const signature = checkXlsxSignature(first.subarray(0, 8));
  if (signature !== undefined) {
    visitor.problem(signature);
    await iterator.return?.();
    return undefined;
  }
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield first;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return Readable.from(rest(), { objectMode: false });
}
