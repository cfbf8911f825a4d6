import { problem, type Problem } from '@bagui/core/errors';
import { ENGINE_VERSION } from '@bagui/core/version';
import { UTF8_BOM } from '@bagui/sheets/csv';
import type { RunAbout } from '@bagui/sheets/xlsx';
import type { InputFile } from './applicants-file.js';
import { fileErrorReason, InputError } from './input-error.js';
import type { Io } from './io.js';

/**
 * Where a result goes and how it says how it was made: `--out` (never over an input of the
 * same run), CSV with a byte-order mark in a file (Excel then reads it as UTF-8), a one-line
 * summary on stderr and a `--meta` JSON sidecar. The result itself carries no time or path, so
 * JSON and CSV stay the same bytes for the same input.
 */

export interface OutputOptions {
  readonly out?: string;
  /** CSV on stdout: start with a byte-order mark (a file always gets one). */
  readonly bom?: boolean;
  readonly meta?: string;
  readonly quiet?: boolean;
}

/** Refuses `--out`, `--report` or `--meta` naming an input file of the run (by resolved real path): exit 2, input untouched. */
export async function guardOutputs(
  outputs: readonly (readonly [string, string | undefined])[],
  inputs: readonly string[],
  io: Io,
): Promise<void> {
  const real = new Map<string, string>();
  for (const input of inputs) real.set(await io.realPath(input), input);
  for (const [flag, out] of outputs) {
    if (out === undefined) continue;
    const input = real.get(await io.realPath(out));
    if (input !== undefined) {
      throw new InputError(`${flag} ${out} is the input file ${input}: writing there would replace the input; nothing was written`, [
        `give ${flag} another file name, e.g. ${suggestion(out)}`,
      ]);
    }
  }
}

function suggestion(out: string): string {
  const dot = out.lastIndexOf('.');
  return dot > 0 ? `${out.slice(0, dot)}-result${out.slice(dot)}` : `${out}-result`;
}

/** CSV chunks with a byte-order mark first when written to a file, or asked for on stdout. */
export function withBom(chunks: Iterable<string>, toFile: boolean, bom: boolean | undefined): Iterable<string> {
  if (!toFile && bom !== true) return chunks;
  return (function* () {
    let first = true;
    for (const chunk of chunks) {
      yield first && !chunk.startsWith(UTF8_BOM) ? UTF8_BOM + chunk : chunk;
      first = false;
    }
  })();
}

/** The result on stdout, or written whole to `out` (never half a file) with a line on stderr. */
export async function writeResult(
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
  out: string | undefined,
  io: Io,
  summary: string,
): Promise<void> {
  if (out === undefined) {
    for await (const chunk of chunks) await io.stdout.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
    return;
  }
  try {
    await io.writeFileAtomically(out, chunks);
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot write ${out}: ${reason}; nothing was written`);
  }
  await io.stderr.write(`wrote ${out}: ${summary}\n`);
}

/** `--format xlsx` without `--out`: a workbook is bytes, not text for a terminal or a pipe. */
export function xlsxNeedsOut(value: string): Problem {
  return problem('OPTION.XLSX_NEEDS_OUT', 'an XLSX workbook is a binary file: give --out FILE.xlsx', { value });
}

/** The about sheet of a run on a programme's applicants file. */
export function aboutRun(
  command: string,
  inputs: { readonly programme: { readonly key: string }; readonly parameters: { readonly version: string }; readonly date: string },
  input: InputFile,
  io: Io,
  dateDefaulted = false,
): RunAbout {
  return runAbout({
    command: `bagui ${command} ${inputs.programme.key}`,
    programme: inputs.programme.key,
    parametersVersion: inputs.parameters.version,
    date: inputs.date,
    dateDefaulted,
    input,
    ranAt: io.now(),
  });
}

/** How a run was made, for the stderr summary, `--meta` and the XLSX about sheet. */
export interface RunRecord {
  readonly command: string;
  readonly programme: string;
  readonly parametersVersion: string;
  readonly date: string;
  readonly dateDefaulted: boolean;
  /** The last date on which a parameter of the programme takes a new value. */
  readonly lastParameterDate?: string;
  readonly input?: InputFile;
  readonly rows?: number;
  readonly excluded?: number;
  readonly ranAt: string;
}

export function runAbout(record: RunRecord): RunAbout {
  return {
    engineVersion: ENGINE_VERSION,
    parametersVersion: record.parametersVersion,
    date: record.date,
    dateDefaulted: record.dateDefaulted,
    ranAt: record.ranAt,
    command: record.command,
    ...(record.input === undefined ? {} : { inputFile: { name: record.input.name, sha256: record.input.sha256 } }),
  };
}

/** The stderr summary (unless --quiet), the warning of a date past the known parameters, and the --meta sidecar. */
async function recordRun(record: RunRecord, options: OutputOptions, io: Io): Promise<void> {
  if (record.lastParameterDate !== undefined && record.date > record.lastParameterDate) {
    await io.stderr.write(
      `warning: ${record.date} is after ${record.lastParameterDate}, the last date on which ${record.programme}'s parameters are known to change: ` +
        'the values used are the last known ones, which may since have been revised\n',
    );
  }
  if (options.quiet !== true) {
    const input =
      record.input === undefined
        ? ''
        : `; input ${record.input.name} (${record.input.format}${record.input.sheet === undefined ? '' : `, sheet ${record.input.sheet}`}, ${record.rows ?? 0} rows${record.excluded ? `, ${record.excluded} left out` : ''}) sha256 ${record.input.sha256}`;
    await io.stderr.write(
      `made by bagui ${ENGINE_VERSION} at ${record.ranAt}: ${record.programme} parameters ${record.parametersVersion} in force on ${record.date}` +
        `${record.dateDefaulted ? ' (today: no --date was given)' : ''}${input}\n`,
    );
  }
  if (options.meta !== undefined) {
    const meta = {
      command: record.command,
      engineVersion: ENGINE_VERSION,
      programme: record.programme,
      parametersVersion: record.parametersVersion,
      date: record.date,
      dateDefaulted: record.dateDefaulted,
      ...(record.input === undefined
        ? {}
        : {
            input: {
              name: record.input.name,
              sha256: record.input.sha256,
              bytes: record.input.bytes,
              format: record.input.format,
              ...(record.input.sheet === undefined ? {} : { sheet: record.input.sheet }),
              rows: record.rows ?? 0,
              excluded: record.excluded ?? 0,
            },
          }),
      ...(options.out === undefined ? {} : { output: options.out }),
      ranAt: record.ranAt,
    };
    await writeResult([`${JSON.stringify(meta, null, 2)}\n`], options.meta, io, 'how the result was made');
  }
}

/**
 * The record of a run on a programme's applicants file (`evaluate`, `compare`, `sweep`): the
 * summary on stderr when a person reads it (a terminal, or --summary; never with --quiet), the
 * stale-date warning, and `--meta`.
 */
export async function recordProgrammeRun(
  command: string,
  inputs: {
    readonly programme: { readonly key: string };
    readonly parameters: { readonly version: string };
    readonly date: string;
    readonly lastParameterDate: string;
  },
  read: { readonly input: InputFile; readonly rows: number; readonly excludedCount: number },
  options: OutputOptions & { readonly date?: string; readonly summary?: boolean },
  io: Io,
  ranAt: string = io.now(),
): Promise<void> {
  await recordRun(
    {
      command: `bagui ${command} ${inputs.programme.key}`,
      programme: inputs.programme.key,
      parametersVersion: inputs.parameters.version,
      date: inputs.date,
      dateDefaulted: options.date === undefined,
      lastParameterDate: inputs.lastParameterDate,
      input: read.input,
      rows: read.rows,
      excluded: read.excludedCount,
      ranAt,
    },
    { ...options, quiet: options.quiet === true || !(io.interactive === true || options.summary === true) },
    io,
  );
}
