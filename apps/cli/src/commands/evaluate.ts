import { ALLOCATION_METHODS, type AllocationMethod } from '@bagui/core/allocation';
import { formatProblem, problem, type Problem } from '@bagui/core/errors';
import { formatZh, parseAmount, type Fen } from '@bagui/core/money';
import {
  evaluateRdIncentive,
  parseEnterprisesCsv,
  rdIncentiveRegistry,
  resolveRdRule,
  toCsvChunks,
  toJsonChunks,
  type EnterpriseTable,
  type RdEvaluation,
  type RdRule,
} from '@bagui/core/programmes/rd-incentive';
import { fileErrorReason, InputError, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseSetOptions } from '../overrides.js';
import { checkProgramme } from '../programmes.js';

/** The options as commander hands them over, before they are checked. */
export interface EvaluateOptions {
  readonly enterprises: string;
  readonly budget: string;
  readonly method: string;
  readonly date?: string;
  readonly set: readonly string[];
  readonly format: string;
  readonly out?: string;
  readonly totalsOnly?: boolean;
}

export const OUTPUT_FORMATS = ['json', 'csv'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

interface Checked {
  readonly budget: Fen;
  readonly method: AllocationMethod;
  readonly format: OutputFormat;
  readonly rule: RdRule;
}

export async function evaluate(programme: string, options: EvaluateOptions, io: Io): Promise<void> {
  checkProgramme(programme);
  const checked = checkOptions(options, io.today());
  const table = parseEnterprises(options.enterprises, await readEnterprises(options.enterprises, io));
  const evaluation = evaluateRdIncentive(table, checked.rule, { budget: checked.budget, method: checked.method });
  const chunks = render(evaluation, checked.format, options.totalsOnly === true);
  if (options.out === undefined) {
    for (const chunk of chunks) await io.stdout.write(chunk);
    return;
  }
  try {
    await io.writeFileAtomically(options.out, chunks);
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot write ${options.out}: ${reason}; nothing was written`);
  }
  const { totals } = evaluation;
  await io.stderr.write(
    `wrote ${options.out}: ${totals.enterprises} enterprises, awarded ${formatZh(totals.awarded)} of ${formatZh(checked.budget)}\n`,
  );
}

/** Every option is checked before the file is read, and every wrong one is reported. */
function checkOptions(options: EvaluateOptions, today: string): Checked {
  const found: OptionProblem[] = [];

  const budget = parseAmount(options.budget);
  if (!budget.ok) found.push(...optionProblems('--budget', budget.problems));

  const method = ALLOCATION_METHODS.find((m) => m === options.method);
  if (method === undefined) {
    found.push(
      ...optionProblems('--method', [
        problem('OPTION.UNKNOWN_METHOD', `unknown allocation method; choose one of ${ALLOCATION_METHODS.join(', ')}`, {
          value: options.method,
        }),
      ]),
    );
  }

  const format = checkFormat(options.format);
  if (!format.ok) found.push(...optionProblems('--format', [format.problem]));

  if (/\.xlsx?$/iu.test(options.enterprises)) {
    found.push(
      ...optionProblems('--enterprises', [
        problem(
          'OPTION.XLSX_NOT_SUPPORTED',
          'reading .xlsx files is not supported yet: save the sheet as "CSV UTF-8 (comma delimited)" and pass the .csv file',
          { value: options.enterprises },
        ),
      ]),
    );
  }

  const sets = parseSetOptions(options.set, rdIncentiveRegistry);
  found.push(...sets.problems);

  let rule: RdRule | undefined;
  if (sets.problems.length === 0) {
    const resolved = resolveRdRule(options.date ?? today, sets.overrides);
    if (resolved.ok) rule = resolved.value;
    else found.push(...optionProblems('--date', resolved.problems));
  }

  throwIfAny(found);
  // throwIfAny returned, so every check above succeeded.
  if (!budget.ok || method === undefined || !format.ok || rule === undefined) {
    throw new Error('options were refused without a problem to report');
  }
  return { budget: budget.value, method, format: format.value, rule };
}

function checkFormat(format: string): { ok: true; value: OutputFormat } | { ok: false; problem: Problem } {
  const known = OUTPUT_FORMATS.find((f) => f === format);
  if (known !== undefined) return { ok: true, value: known };
  const message =
    format === 'xlsx'
      ? 'xlsx output is not supported yet: use --format csv, which any spreadsheet opens'
      : `unknown output format; choose one of ${OUTPUT_FORMATS.join(', ')}`;
  return {
    ok: false,
    problem: problem(format === 'xlsx' ? 'OPTION.XLSX_NOT_SUPPORTED' : 'OPTION.UNKNOWN_FORMAT', message, { value: format }),
  };
}

async function readEnterprises(path: string, io: Io): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch (error) {
    const reason = fileErrorReason(error);
    if (reason === undefined) throw error;
    throw new InputError(`cannot read the enterprises file ${path}: ${reason}; nothing was computed`);
  }
  try {
    // Strict: a file saved in GBK would otherwise be read as replacement characters.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not UTF-8 text${notUtf8Where(bytes)}; nothing was computed`, [
      'save it as "CSV UTF-8 (comma delimited)" in Excel, or convert it, e.g. iconv -f GBK -t UTF-8 old.csv > new.csv',
    ]);
  }
}

/** `: it is UTF-16`, or the line of the first byte that is not UTF-8. */
function notUtf8Where(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return ' (it is UTF-16)';
  // Lenient decoding marks the first undecodable byte with U+FFFD.
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\uFFFD');
  return at < 0 ? '' : ` (first invalid byte on line ${text.slice(0, at).split('\n').length})`;
}

function parseEnterprises(path: string, text: string): EnterpriseTable {
  const parsed = parseEnterprisesCsv(text);
  if (parsed.ok) return parsed.value;
  throw new InputError(`${describeFileProblems(parsed.problems)} in ${path}; nothing was computed`, parsed.problems.map(formatProblem));
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

function render(evaluation: RdEvaluation, format: OutputFormat, totalsOnly: boolean): Iterable<string> {
  const options = { totalsOnly };
  return format === 'csv' ? toCsvChunks(evaluation, options) : toJsonChunks(evaluation, options);
}
