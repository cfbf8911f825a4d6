import { dirname, isAbsolute, join } from 'node:path';
import { formatProblem, problem, type Problem } from '@bagui/core/errors';
import { formatZh } from '@bagui/core/money';
import {
  applicantFiles,
  BUILTIN_SCENARIOS,
  evaluateScenario,
  findBuiltinScenario,
  parseScenario,
  scenarioResultToJson,
} from '@bagui/core/scenario';
import { fileErrorReason, InputError, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseJsonFile } from '../json-file.js';
import { scenarioTable } from '../scenario-table.js';

export interface RunOptions {
  readonly format: string;
  readonly out?: string;
  readonly recipients?: boolean;
}

export const RUN_FORMATS = ['table', 'json'] as const;
type RunFormat = (typeof RUN_FORMATS)[number];

/** A built-in scenario's name: no dot, no slash. Anything else is a file path. */
const NAME = /^[a-z0-9][a-z0-9_-]*$/u;

/** `bagui run FILE.json|NAME`: evaluates every programme of a scenario and its funding ledger. */
export async function runScenarioCommand(target: string, options: RunOptions, io: Io): Promise<void> {
  const format = checkRunOptions(options);
  const { input, folder, label } = await loadScenario(target, io);
  const scenario = parseScenario(input);
  if (!scenario.ok) throw invalid(label, scenario.problems);

  // Core reads no files: read every applicants file first (relative to the scenario's folder),
  // reporting every file that cannot be read, then hand the texts to the evaluation.
  const texts = new Map<string, string>();
  const unreadable: Problem[] = [];
  for (const { path, at } of applicantFiles(scenario.value)) {
    const where = isAbsolute(path) ? path : join(folder, path);
    try {
      texts.set(path, await readTextFile(where, io));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unreadable.push(problem('APPLICANTS.FILE_UNREADABLE', error.message, { path: at, value: path }));
    }
  }
  if (unreadable.length > 0) throw invalid(label, unreadable);
  const result = evaluateScenario(scenario.value, {
    readFile: (path) => {
      const text = texts.get(path);
      if (text === undefined) throw new Error(`${path} was not read`);
      return text;
    },
  });
  if (!result.ok) throw invalid(label, result.problems);

  const text =
    format === 'json'
      ? `${JSON.stringify(scenarioResultToJson(result.value, { recipients: options.recipients === true }), null, 2)}\n`
      : scenarioTable(result.value);
  const { totals } = result.value;
  await emit(
    [text],
    options.out,
    io,
    `${totals.applicants} applicants, ${totals.paid} paid, awarded ${formatZh(totals.awarded)} of ${formatZh(totals.envelope)}`,
  );
}

function checkRunOptions(options: RunOptions): RunFormat {
  const found: OptionProblem[] = [];
  const format = RUN_FORMATS.find((f) => f === options.format);
  if (format === undefined) {
    found.push(
      ...optionProblems('--format', [
        problem('OPTION.UNKNOWN_FORMAT', `unknown format; choose one of ${RUN_FORMATS.join(', ')}`, { value: options.format }),
      ]),
    );
  }
  if (options.recipients === true && format === 'table') {
    found.push(
      ...optionProblems('--recipients', [
        problem('OPTION.RECIPIENTS_NEED_JSON', 'the per-recipient lists are only in the JSON output: add --format json', {
          value: 'table',
        }),
      ]),
    );
  }
  throwIfAny(found);
  return format ?? 'table';
}

function invalid(label: string, problems: readonly Problem[]): InputError {
  const n = problems.length;
  return new InputError(
    `invalid scenario ${label}: ${n} ${n === 1 ? 'problem' : 'problems'}; nothing was computed`,
    problems.map(formatProblem),
  );
}

/** A built-in scenario by name, or a scenario file's parsed JSON and the folder its paths are relative to. */
async function loadScenario(target: string, io: Io): Promise<{ input: unknown; folder: string; label: string }> {
  if (NAME.test(target)) {
    const builtin = findBuiltinScenario(target);
    if (builtin === undefined) {
      throw new InputError(
        `no built-in scenario named ${JSON.stringify(target)}; the built-in scenarios are ${BUILTIN_SCENARIOS.map((s) => s.name).join(', ')} ` +
          `(bagui scenarios lists them); to run a file, give its path, e.g. ./${target}.json`,
      );
    }
    return { input: builtin, folder: '.', label: `(built-in) ${target}` };
  }
  return { input: parseJsonFile(await readTextFile(target, io), target), folder: dirname(target), label: target };
}

/** A UTF-8 text file, or an InputError saying why it cannot be read. */
export async function readTextFile(path: string, io: Io): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot read ${path}: ${reason}; nothing was computed`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not UTF-8 text; nothing was computed`, [
      'save it as UTF-8, or convert it, e.g. iconv -f GBK -t UTF-8 old.csv > new.csv',
    ]);
  }
}

/**
 * The output on stdout, or written whole to `out` (never half a file) with a one-line summary on
 * stderr.
 */
export async function emit(chunks: Iterable<string>, out: string | undefined, io: Io, summary: string): Promise<void> {
  if (out === undefined) {
    for (const chunk of chunks) await io.stdout.write(chunk);
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
