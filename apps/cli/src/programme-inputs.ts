import { problem } from '@bagui/core/errors';
import type { Fen } from '@bagui/core/money';
import { PARAMETERS_KNOWN_THROUGH, type Override, type ParameterRegistry, type ParameterSet } from '@bagui/core/parameters';
import { baselineProblemAt, findProgramme, PROGRAMME_KEYS, resolveBaseline, type Programme } from '@bagui/core/programmes';
import { parseEncodingName } from '@bagui/sheets/csv';
import { readApplicantsFile, reportReading, type ApplicantsFile, type ApplicantsFileOptions } from './applicants-file.js';
import { InputError, optionProblems, type Checked, type OptionProblem } from './input-error.js';
import type { Io } from './io.js';

/**
 * The options every command on a programme's applicants shares (`evaluate`, `compare`,
 * `sweep`): the programme, its file and how to read it, the envelope, the method and the date.
 * Each is checked here, every wrong one reported at once.
 */

/** How the applicants file is given and read, and where the run's record goes. */
export interface FileOptions {
  readonly applicants?: string;
  /** rd_incentive's contract name for --applicants. */
  readonly enterprises?: string;
  readonly sheet?: string;
  readonly encoding?: string;
  readonly excludeInvalid?: boolean;
  readonly report?: string;
  readonly lang?: string;
  readonly bom?: boolean;
  readonly meta?: string;
  readonly quiet?: boolean;
  /** Print the run's summary on stderr even when it is not a terminal. */
  readonly summary?: boolean;
}

export const LANGS = ['zh', 'en'] as const;

/** The programme named on the command line, or exit 2 listing the known ones. */
export function checkProgramme(name: string): Programme {
  const programme = findProgramme(name);
  if (programme === undefined) {
    throw new InputError(`unknown programme ${JSON.stringify(name)}; known programmes: ${PROGRAMME_KEYS.join(', ')}`);
  }
  return programme;
}

/** The applicants file and how to read it, or every problem in the options that say so. */
export function checkFileOptions(options: FileOptions): Checked<{ readonly path: string; readonly read: ApplicantsFileOptions }> {
  const found: OptionProblem[] = [];
  const { applicants, enterprises } = options;
  if (applicants !== undefined && enterprises !== undefined && applicants !== enterprises) {
    found.push(
      ...optionProblems('--enterprises', [
        problem('OPTION.TWO_FILES', '--enterprises is another name for --applicants: give one of them', { value: enterprises }),
      ]),
    );
  }
  const path = applicants ?? enterprises;
  if (path === undefined) {
    found.push(...optionProblems('--applicants', [problem('OPTION.REQUIRED', '--applicants FILE (CSV or XLSX) is required')]));
  }
  const lang = LANGS.find((l) => l === (options.lang ?? 'zh'));
  if (lang === undefined) {
    found.push(
      ...optionProblems('--lang', [problem('OPTION.UNKNOWN_LANG', `choose one of ${LANGS.join(', ')}`, { value: options.lang ?? '' })]),
    );
  }
  if (options.encoding !== undefined) {
    const encoding = parseEncodingName(options.encoding);
    if (!encoding.ok) found.push(...optionProblems('--encoding', encoding.problems));
  }
  if (path === undefined || lang === undefined || found.length > 0) return { ok: false, problems: found };
  const read: ApplicantsFileOptions = {
    lang,
    ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.excludeInvalid === true ? { excludeInvalid: true } : {}),
    ...(options.report === undefined ? {} : { report: options.report }),
    ...(options.quiet === true ? { quiet: true } : {}),
  };
  return { ok: true, value: { path, read } };
}

/** What the baseline of a run on a programme is made of. */
export interface Inputs {
  readonly programme: Programme;
  readonly registry: ParameterRegistry;
  readonly parameters: ParameterSet;
  readonly budget: Fen;
  readonly method: string;
  readonly date: string;
  /** The last date the programme's parameters are known for (a later date is warned about). */
  readonly lastParameterDate: string;
}

/**
 * The programme, `--budget`, `--method` (the programme's default when absent) and `--date`
 * (today when absent), with `overrides` (checked) on top of the parameters in force.
 */
export function checkInputs(
  name: string,
  options: { readonly budget?: string; readonly method?: string; readonly date?: string },
  today: string,
  overrides: readonly Override[] = [],
): Checked<Inputs> {
  const programme = checkProgramme(name);
  const resolved = resolveBaseline(programme, { ...options, budget: options.budget, overrides }, today);
  if (!resolved.ok) {
    const found: OptionProblem[] = [];
    for (const p of resolved.problems) {
      const { setting, problem: within } = baselineProblemAt(p);
      if (within.code === 'BUDGET.REQUIRED')
        found.push(...optionProblems('--budget', [problem('OPTION.REQUIRED', '--budget is required')]));
      else found.push(...optionProblems(setting === 'overrides' ? '--date' : `--${setting}`, [within]));
    }
    return { ok: false, problems: found };
  }
  const { registry, parameters, budget, method, date } = resolved.value;
  const lastFrom = programme.parameters.flatMap((d) => d.values.map((v) => v.from)).reduce((a, b) => (a > b ? a : b), '');
  return {
    ok: true,
    value: {
      programme,
      registry,
      parameters,
      budget,
      method,
      date,
      lastParameterDate: lastFrom > PARAMETERS_KNOWN_THROUGH ? lastFrom : PARAMETERS_KNOWN_THROUGH,
    },
  };
}

/** How the recipients are counted in JSON and CSV: `enterprises` for rd_incentive (its contract), as the API does. */
export const countField = (programme: Programme): 'enterprises' | 'recipients' =>
  programme.key === 'rd_incentive' ? 'enterprises' : 'recipients';

/** The options of a programme's inputs, shared by `compare` and `sweep`: what `evaluate` takes. */
export interface ProgrammeInputOptions extends FileOptions {
  readonly budget?: string;
  /** Default pro_rata. */
  readonly method?: string;
  readonly date?: string;
  readonly set: readonly string[];
  readonly format: string;
  readonly out?: string;
}

/**
 * The inputs of a programme run and its file (`--applicants`, `--budget`, `--method`, `--date`), as `evaluate`
 * takes them, or every problem in them (the file's first).
 */
export function programmeInputs(
  name: string,
  options: ProgrammeInputOptions,
  today: string,
  baselineSet: readonly Override[] = [],
): Checked<Inputs & { file: { path: string; read: ApplicantsFileOptions } }> {
  const file = checkFileOptions(options);
  const inputs = checkInputs(name, options, today, baselineSet);
  if (!file.ok || !inputs.ok) return { ok: false, problems: [...(file.ok ? [] : file.problems), ...(inputs.ok ? [] : inputs.problems)] };
  return { ok: true, value: { ...inputs.value, file: file.value } };
}

/** The applicants file, read and parsed once; refused whole if any row is invalid (unless --exclude-invalid). */
export async function loadApplicants(
  inputs: Inputs & { file: { path: string; read: ApplicantsFileOptions } },
  io: Io,
): Promise<ApplicantsFile<unknown>> {
  const read = await readApplicantsFile(inputs.programme, inputs.file.path, inputs.file.read, io);
  await reportReading(read, io);
  return read;
}
