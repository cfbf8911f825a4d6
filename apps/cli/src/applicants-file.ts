import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { formatProblem, type Problem } from '@bagui/core/errors';
import type { Programme } from '@bagui/core/programmes';
import type { ExcludedRow, TableReader, TableRowInfo } from '@bagui/core/tabular';
import { CsvBytesReader } from '@bagui/sheets/csv';
import type { InputRow, Lang } from '@bagui/sheets/xlsx';
import { fileErrorReason, InputError } from './input-error.js';
import type { InputStream, Io, Progress } from './io.js';

/** How to read an applicants file: the options `evaluate`, `compare` and `sweep` share. */
export interface ApplicantsFileOptions {
  /** XLSX: the sheet to read (the first visible one when absent). */
  readonly sheet?: string;
  /** CSV: `utf8` or `gb18030` (also `utf-8`, `gbk`); detected when absent. */
  readonly encoding?: string;
  /** Leave invalid rows out (listed in the output and on stderr) rather than refuse the file. */
  readonly excludeInvalid?: boolean;
  /** Write the input back with its problems marked to this XLSX file when there are any. */
  readonly report?: string;
  readonly lang?: Lang;
  readonly quiet?: boolean;
  /** false: the output shows no applicant's name (totals only), so names need not be kept. */
  readonly keepNames?: boolean;
}

/** The file as read: the applicants, and what the summary and `--meta` say of it. */
export interface ApplicantsFile<A> {
  readonly applicants: A;
  readonly rows: number;
  readonly warnings: readonly Problem[];
  readonly excluded: readonly ExcludedRow[];
  readonly excludedCount: number;
  readonly input: InputFile;
}

export interface InputFile {
  readonly path: string;
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  /** `xlsx`, or the CSV's encoding (`utf-8`, `gb18030`). */
  readonly format: string;
  /** XLSX: the sheet read. */
  readonly sheet?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Files this large get a progress bar on a terminal. */
const PROGRESS_BYTES = 4 * 1024 * 1024;

const isXlsx = (path: string, bytes: Uint8Array): boolean => /\.xls[xm]?$/iu.test(path) || ZIP.every((b, i) => bytes[i] === b);

/** A problem as one line, with the cell (`申报表!D7`) where a sheet gave one. */
function formatFileProblem(p: Problem): string {
  const cell = (p.location as { cell?: string } | undefined)?.cell;
  return cell === undefined ? formatProblem(p) : `${cell}: ${formatProblem(p)}`;
}

/**
 * Reads a programme's applicants from a CSV (UTF-8 with or without BOM, or GB18030/GBK,
 * detected or given) or XLSX file through the programme's table reader: the header contract of
 * docs/rd-incentive.md, every problem at once. A file with any invalid row is refused (exit 2) unless
 * `excludeInvalid`; `report` then gets the input back with its problems marked.
 */
export async function readApplicantsFile<A>(
  programme: Programme<A>,
  path: string,
  options: ApplicantsFileOptions,
  io: Io,
): Promise<ApplicantsFile<A>> {
  const file = await openInput(path, `${programme.applicantNoun}s`, io);
  const hash = createHash('sha256');
  const reader = programme.applicantTable({
    excludeInvalid: options.excludeInvalid === true,
    ...(options.keepNames === false ? { keepNames: false } : {}),
  });
  const kept: InputRow[] | undefined = options.report === undefined ? undefined : [];
  let header: readonly string[] = [];
  let progress: Progress | undefined;
  let seen = 0;
  const visitor: { -readonly [K in keyof TableReader<A>]: TableReader<A>[K] } = {
    header: (cells) => {
      header = cells;
      return reader.header(cells);
    },
    record: (cells, line, info?: TableRowInfo) => {
      kept?.push({ line, cells: [...cells] });
      if (progress !== undefined && ++seen % 10_000 === 0) progress.update(seen);
      reader.record(cells, line, info);
    },
    problem: (found) => reader.problem(found),
    finish: () => reader.finish(),
  };
  const spans = reader.spans?.bind(reader);
  if (spans !== undefined && kept === undefined) {
    // Records as spans of the text: only the cells kept as text become strings.
    visitor.spans = (record, line) => {
      if (progress !== undefined && ++seen % 10_000 === 0) progress.update(seen);
      spans(record, line);
    };
  }
  const bytes = reader.bytes?.bind(reader);
  if (bytes !== undefined && kept === undefined) {
    // Records of a UTF-8 file as spans of its bytes: only the cells kept as text are decoded.
    visitor.bytes = (record, line) => {
      if (progress !== undefined && ++seen % 10_000 === 0) progress.update(seen);
      bytes(record, line);
    };
  }

  let format = 'xlsx';
  let sheet: string | undefined;
  let size = 0;
  try {
    // A CSV file is read in chunks straight into the reader, never held whole (issue #17); a
    // workbook is a zip, read whole.
    let csv: CsvBytesReader | undefined;
    let xlsx: Uint8Array[] | undefined;
    for await (const chunk of file.chunks) {
      if (csv === undefined && xlsx === undefined) {
        if (isXlsx(path, chunk)) xlsx = [];
        else {
          csv = new CsvBytesReader(visitor, options.encoding === undefined ? {} : { encoding: options.encoding });
          if (file.size >= PROGRESS_BYTES && options.quiet !== true) progress = io.progress?.(estimateRows(chunk, file.size));
        }
      }
      size += chunk.length;
      hash.update(chunk);
      if (xlsx !== undefined) xlsx.push(chunk);
      else if (csv !== undefined) {
        csv.write(chunk);
        if (csv.failed) break;
      }
    }
    if (xlsx !== undefined) {
      // exceljs is loaded only for a workbook: a CSV run starts as fast as before.
      const { readXlsxStream } = await import('@bagui/sheets/xlsx/stream');
      const summary = await readXlsxStream(concat(xlsx, size), visitor, {
        ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
        fields: programme.applicantFields,
      });
      sheet = summary?.sheet;
    } else {
      csv ??= new CsvBytesReader(visitor, options.encoding === undefined ? {} : { encoding: options.encoding });
      const decoded = csv.end();
      if (!decoded.ok) throw new InputError(`cannot read ${path} as CSV text; nothing was computed`, decoded.problems.map(formatProblem));
      format = decoded.value.encoding;
    }
  } finally {
    progress?.stop();
  }
  const sha256 = hash.digest('hex');

  const read = visitor.finish();
  const problems = read.ok ? read.value.excluded.flatMap((row) => row.problems) : read.problems;
  if (options.report !== undefined && problems.length > 0) {
    const { buildProblemsReport } = await import('@bagui/sheets/xlsx');
    const report = await buildProblemsReport({
      header,
      rows: kept ?? [],
      problems,
      lang: options.lang ?? 'zh',
      ...(sheet === undefined ? {} : { sheet }),
    });
    await io.writeFileAtomically(options.report, [report]);
    await io.stderr.write(`wrote ${options.report}: the input with its ${problems.length} problems marked, to fix and read again\n`);
  }
  if (!read.ok) {
    throw new InputError(
      `${describeFileProblems(read.problems)} in ${path}; nothing was computed${options.report === undefined ? ' (--report FILE.xlsx marks them in a copy of the input)' : ''}`,
      read.problems.map(formatFileProblem),
    );
  }
  const input: InputFile = {
    path,
    name: basename(path),
    sha256,
    bytes: size,
    format,
    ...(sheet === undefined ? {} : { sheet }),
  };
  return { applicants: read.value.value, ...read.value, input };
}

/** `3 invalid rows`, `an invalid header`, `an invalid header and 2 invalid rows`. */
export function describeFileProblems(problems: readonly Problem[]): string {
  const lines = problems.flatMap((p) => (p.location?.line === undefined ? [] : [p.location.line]));
  const rows = new Set(lines.filter((line) => line > 1)).size;
  const parts: string[] = [];
  if (lines.includes(1)) parts.push('an invalid header');
  // Past core's limit the rest of the problems are only counted: the rows listed are a floor.
  const atLeast = problems.some((p) => p.code === 'PROBLEMS.TRUNCATED') ? 'at least ' : '';
  if (rows > 0) parts.push(`${atLeast}${rows} invalid ${rows === 1 ? 'row' : 'rows'}`);
  return parts.length > 0 ? parts.join(' and ') : 'invalid content';
}

async function openInput(path: string, what: string, io: Io): Promise<InputStream> {
  try {
    if (io.openFile !== undefined) return await io.openFile(path);
    const bytes = await io.readFile(path);
    return { size: bytes.length, chunks: once(bytes) };
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot read the ${what} file ${path}: ${reason}; nothing was computed`);
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Rows in a CSV file of `size` bytes, for a progress bar: from the line breaks in its first chunk. */
function estimateRows(first: Uint8Array, size: number): number {
  let lines = 0;
  let at = first.indexOf(0x0a);
  while (at !== -1) {
    lines++;
    at = first.indexOf(0x0a, at + 1);
  }
  return Math.max(1, Math.round(lines === 0 ? size / 100 : (size * lines) / first.length));
}

/** Warnings and excluded rows, said on stderr (once each). */
export async function reportReading(file: ApplicantsFile<unknown>, io: Io): Promise<void> {
  for (const warning of file.warnings) await io.stderr.write(`warning: ${file.input.name}: ${warning.message}\n`);
  if (file.excludedCount > 0) {
    const lines = file.excluded.map((row) => `  line ${row.line}: ${row.problems.map((p) => `${p.message} [${p.code}]`).join('; ')}`);
    await io.stderr.write(
      [
        `warning: ${file.excludedCount} invalid ${file.excludedCount === 1 ? 'row was' : 'rows were'} left out (--exclude-invalid):`,
        ...lines,
        '',
      ].join('\n'),
    );
  }
}
