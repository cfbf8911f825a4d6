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
  type ScenarioResult,
} from '@bagui/core/scenario';
import { formatJson } from '@bagui/core/money';
import { ENGINE_VERSION } from '@bagui/core/version';
import { csvChunks } from '@bagui/sheets/csv';
import type { Lang } from '../amounts.js';
import { fileErrorReason, InputError, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import { withBom, writeResult, xlsxNeedsOut } from '../output.js';
import type { Io } from '../io.js';
import { parseJsonFile } from '../json-file.js';
import { scenarioTable } from '../scenario-table.js';

export interface RunOptions {
  readonly format: string;
  readonly out?: string;
  readonly recipients?: boolean;
  readonly lang?: string;
  readonly bom?: boolean;
}

export const RUN_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
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

  const chunks =
    format === 'json'
      ? [`${JSON.stringify(scenarioResultToJson(result.value, { recipients: options.recipients === true }), null, 2)}\n`]
      : format === 'csv'
        ? withBom(recipientsCsv(result.value), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [await scenarioWorkbook(result.value, options.lang === 'en' ? 'en' : 'zh', io.now())]
          : [scenarioTable(result.value)];
  const { totals } = result.value;
  await writeResult(
    chunks,
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
  if (format === 'xlsx' && options.out === undefined) found.push(...optionProblems('--format', [xlsxNeedsOut(options.format)]));
  if (options.recipients === true && format !== 'json' && format !== undefined) {
    found.push(
      ...optionProblems('--recipients', [
        problem('OPTION.RECIPIENTS_NEED_JSON', 'the per-recipient lists are only in the JSON output: add --format json', {
          value: format,
        }),
      ]),
    );
  }
  throwIfAny(found);
  return format ?? 'table';
}

/** One row per programme entry and recipient: the entry, its programme, the recipient's id, entitlement and award (the cap applied). */
function* recipientsCsv(result: ScenarioResult): Generator<string> {
  function* rows(): Generator<string[]> {
    for (const p of result.programmes) {
      const o = p.outcome;
      for (let i = 0; i < o.ids.length; i++) {
        yield [p.entry.id, p.entry.programme.key, o.ids[i] ?? '', formatJson(o.entitlements[i] ?? 0), formatJson(o.awards[i] ?? 0)];
      }
    }
  }
  yield* csvChunks(['entry', 'programme', 'id', 'entitlement', 'award'], rows(), { bom: false });
}

/**
 * The scenario as a workbook: a sheet per programme entry (each recipient's entitlement and award,
 * a totals row), 参数与来源 with every entry's parameters (⚠ marked), and the about sheet.
 */
async function scenarioWorkbook(result: ScenarioResult, lang: Lang, ranAt: string): Promise<Uint8Array> {
  const { resultTable, resultWorkbook } = await import('@bagui/sheets/xlsx');
  const book = resultWorkbook(lang);
  for (const p of result.programmes) {
    const o = p.outcome;
    const written = book.addTable(
      resultTable({
        sheet: p.entry.id,
        fields: p.entry.programme.applicantFields.filter((f) => f.kind === 'id'),
        lang,
        applicant: (i) => ({ id: o.ids[i] }),
        figures: { ids: o.ids, entitlements: o.entitlements, awards: o.awards },
      }),
    );
    if (!written.ok)
      throw new InputError('the result does not fit in a workbook; nothing was written', written.problems.map(formatProblem));
  }
  book.addParameters(
    result.programmes.map((p) => ({ programme: `${p.entry.id} (${p.entry.programme.key})`, parameters: p.entry.parameters.all() })),
  );
  book.addAbout({
    engineVersion: ENGINE_VERSION,
    parametersVersion: result.programmes.map((p) => `${p.entry.id}: ${p.entry.parameters.version}`).join('; '),
    date: result.programmes.map((p) => `${p.entry.id}: ${p.entry.date}`).join('; '),
    ranAt,
    command: `bagui run ${result.scenario.name}`,
  });
  return (await book.finish()) ?? new Uint8Array(0);
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
