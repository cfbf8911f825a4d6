import { formatProblem, problem } from '@bagui/core/errors';
import { formatJson, formatZh } from '@bagui/core/money';
import type { Programme, ProgrammeOutcome } from '@bagui/core/programmes';
import { outcomeJsonChunks, programmeRegistry } from '@bagui/core/programmes';
import {
  compileRule,
  evaluateRdIncentive,
  rdIncentiveProgramme,
  toCsvChunks,
  toJsonChunks,
  toJsonParts,
  type EnterpriseTable,
} from '@bagui/core/programmes/rd-incentive';
import { csvChunks } from '@bagui/sheets/csv';
import type { ExtraColumn } from '@bagui/sheets/xlsx';
import { readApplicantsFile, reportReading, type ApplicantsFile } from '../applicants-file.js';
import { InputError, knownFormat, optionProblems, refuseOptions, type Checked, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { guardOutputs, recordProgrammeRun, runAbout, withBom, writeResult } from '../output.js';
import { checkFileOptions, checkInputs, checkProgramme, type FileOptions, type Inputs } from '../programme-inputs.js';
import { parseSetOptions } from '../overrides.js';
import { amountCell, amountHeader, type Lang } from '../amounts.js';
import { alignColumns } from '../table.js';

/** The options as commander hands them over, before they are checked. */
export interface EvaluateOptions extends FileOptions {
  readonly budget: string;
  readonly method?: string;
  readonly date?: string;
  readonly set: readonly string[];
  readonly format: string;
  readonly out?: string;
  readonly totalsOnly?: boolean;
  /** `full` or `compact`: rd_incentive's JSON trace (core's OutputOptions.trace). */
  readonly trace?: string;
}

const TRACE_FORMS = ['full', 'compact'] as const;
type TraceForm = (typeof TRACE_FORMS)[number];
const isTraceForm = (form: string): form is TraceForm => (TRACE_FORMS as readonly string[]).includes(form);

/** `--trace`: full or compact, and compact only where it exists (rd_incentive's JSON answer). */
function traceForm(options: EvaluateOptions, programme: string, format: string): TraceForm {
  const form = options.trace ?? 'full';
  if (!isTraceForm(form)) throw new InputError(`--trace ${form} is not a trace form; use ${TRACE_FORMS.join(' or ')}`);
  if (form === 'compact' && (programme !== rdIncentiveProgramme.key || format !== 'json')) {
    throw new InputError(`--trace compact is for rd_incentive's JSON answer; ${programme} with --format ${format} has one form of trace`, [
      'leave out --trace, or use it with rd_incentive and --format json',
    ]);
  }
  return form;
}

export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx', 'table'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * `bagui evaluate PROGRAMME --applicants FILE --budget B`: every applicant's entitlement and
 * award. rd_incentive's JSON and CSV are its contract's (docs/rd-incentive.md); the other
 * programmes' JSON is what `POST /v1/programmes/{key}/evaluate` answers.
 */
export async function evaluate(name: string, options: EvaluateOptions, io: Io): Promise<void> {
  const found: OptionProblem[] = [];
  const checked = checkFormat(options);
  if (!checked.ok) found.push(...checked.problems);
  const checkedFile = checkFileOptions(options);
  if (!checkedFile.ok) found.push(...checkedFile.problems);
  const sets = parseSetOptions(options.set, programmeRegistry(checkProgramme(name).key));
  found.push(...sets.problems);
  const checkedInputs = checkInputs(name, options, io.today(), sets.problems.length === 0 ? sets.overrides : []);
  if (!checkedInputs.ok) found.push(...checkedInputs.problems);
  found.sort((a, b) => optionOrder(a.option) - optionOrder(b.option));
  if (!checked.ok || !checkedFile.ok || !checkedInputs.ok || found.length > 0) refuseOptions(found);
  const format = checked.value;
  const file = checkedFile.value;
  const inputs = checkedInputs.value;

  await guardOutputs(
    [
      ['--out', options.out],
      ['--report', options.report],
      ['--meta', options.meta],
    ],
    [file.path],
    io,
  );
  // Totals only show no name (a workbook lists the applicants whatever): a million names not kept is ~80 MB.
  const keepNames = !(options.totalsOnly === true && format !== 'xlsx');
  const read = await readApplicantsFile(inputs.programme, file.path, keepNames ? file.read : { ...file.read, keepNames: false }, io);
  await reportReading(read, io);
  const ranAt = io.now();
  const chunks = await render(inputs, read, format, options, file.read.lang ?? 'zh', ranAt);
  const summary = (totals: { recipients: number; awarded: number }): string =>
    `${totals.recipients} ${inputs.programme.applicantNoun}s, awarded ${formatZh(totals.awarded)} of ${formatZh(inputs.budget)}`;
  await writeResult(chunks.chunks, options.out, io, summary(chunks.totals));
  await recordProgrammeRun('evaluate', inputs, read, options, io, ranAt);
}

/** `--format`, and `--out` when the format is a workbook. */
function checkFormat(options: EvaluateOptions): Checked<OutputFormat> {
  const known = knownFormat(OUTPUT_FORMATS, options.format, 'output format');
  if (!known.ok) return known;
  const format = known.value;
  if (format === 'xlsx' && options.out === undefined) {
    return {
      ok: false,
      problems: optionProblems('--format', [
        problem('OPTION.XLSX_NEEDS_OUT', 'an XLSX workbook is a binary file: give --out FILE.xlsx', { value: options.format }),
      ]),
    };
  }
  return { ok: true, value: format };
}

const OPTION_ORDER = ['--applicants', '--enterprises', '--budget', '--method', '--format', '--set', '--date'];
/** Problems are listed in the order of the options' help, whichever check found them. */
const optionOrder = (option: string): number => {
  const at = OPTION_ORDER.indexOf(option);
  return at === -1 ? OPTION_ORDER.length : at;
};

interface Rendered {
  readonly chunks: Iterable<string | Uint8Array>;
  readonly totals: { readonly recipients: number; readonly awarded: number };
}

async function render(
  inputs: Inputs,
  read: ApplicantsFile<unknown>,
  format: OutputFormat,
  options: EvaluateOptions,
  lang: Lang,
  ranAt: string,
): Promise<Rendered> {
  const totalsOnly = options.totalsOnly === true;
  const toFile = options.out !== undefined;
  const trace = traceForm(options, inputs.programme.key, format);
  if (inputs.programme.key === rdIncentiveProgramme.key && (format === 'json' || format === 'csv')) {
    // The contract's own output (docs/rd-incentive.md), byte for byte.
    const evaluation = evaluateRdIncentive(read.applicants as EnterpriseTable, compileRule(inputs.parameters), {
      budget: inputs.budget,
      method: inputs.method as 'pro_rata',
    });
    const totals = { recipients: evaluation.totals.enterprises, awarded: evaluation.totals.awarded };
    // To a file, the rows go as the UTF-8 bytes they are written in; a terminal or a pipe gets text.
    if (format === 'json')
      return {
        chunks: withExcluded(
          toFile ? toJsonParts(evaluation, { totalsOnly, trace }) : toJsonChunks(evaluation, { totalsOnly, trace }),
          read,
        ),
        totals,
      };
    return { chunks: withBom(toCsvChunks(evaluation, { totalsOnly }), toFile, options.bom), totals };
  }
  const outcome = evaluateOutcome(inputs, read.applicants);
  const totals = { recipients: outcome.totals.recipients, awarded: outcome.totals.awarded };
  switch (format) {
    case 'json':
      return { chunks: withExcluded(outcomeJsonChunks(outcome, { totalsOnly }), read), totals };
    case 'csv':
      return { chunks: withBom(outcomeCsv(outcome, totalsOnly), toFile, options.bom), totals };
    case 'table':
      return { chunks: [outcomeTable(outcome, inputs.programme, read, lang, totalsOnly)], totals };
    case 'xlsx':
      return { chunks: [await outcomeWorkbook(outcome, inputs, read, lang, ranAt)], totals };
  }
}

function evaluateOutcome(inputs: Inputs, applicants: unknown): ProgrammeOutcome {
  const outcome = inputs.programme.evaluate(applicants, inputs.parameters, {
    budget: inputs.budget,
    method: inputs.method,
  });
  if (!outcome.ok) throw new InputError('the programme cannot be evaluated; nothing was computed', outcome.problems.map(formatProblem));
  return outcome.value;
}

/** The JSON with `"excluded"` (each row left out by --exclude-invalid, and why) after its opening brace, when there are any. */
function* withExcluded<C extends string | Uint8Array>(chunks: Iterable<C>, read: ApplicantsFile<unknown>): Generator<C | string> {
  let first = true;
  for (const chunk of chunks) {
    if (first && read.excludedCount > 0 && typeof chunk === 'string' && chunk.startsWith('{\n')) {
      const excluded = read.excluded.map((row) => ({
        line: row.line,
        problems: row.problems.map((p) => ({
          code: p.code,
          message: p.message,
          ...(p.location?.column === undefined ? {} : { column: p.location.column }),
        })),
      }));
      const text = JSON.stringify({ excludedRows: read.excludedCount, excluded }, null, 2).slice(2, -2);
      yield `{\n${text},\n${chunk.slice(2)}`;
    } else yield chunk;
    first = false;
  }
}

function* outcomeCsv(outcome: ProgrammeOutcome, totalsOnly: boolean): Generator<string> {
  if (totalsOnly) {
    const t = outcome.totals;
    yield* csvChunks(
      ['program', 'budget', 'method', 'entitlement', 'awarded', 'unallocated', 'recipients'],
      [
        [
          outcome.programme,
          formatJson(outcome.budget),
          outcome.method,
          formatJson(t.entitlement),
          formatJson(t.awarded),
          formatJson(t.unallocated),
          String(t.recipients),
        ],
      ],
      { bom: false },
    );
    return;
  }
  function* rows(): Generator<string[]> {
    for (let i = 0; i < outcome.ids.length; i++) {
      yield [outcome.ids[i] ?? '', formatJson(outcome.entitlements[i] ?? 0), formatJson(outcome.awards[i] ?? 0)];
    }
  }
  yield* csvChunks(['id', 'entitlement', 'award'], rows(), { bom: false });
}

const LABELS = {
  zh: {
    budget: '预算',
    method: '分配方式',
    entitlement: '应得额',
    awarded: '资助额',
    unallocated: '未分配',
    recipients: '申报数',
    id: '编号',
    name: '名称',
    excluded: '剔除的行',
    line: '行',
  },
  en: {
    budget: 'budget',
    method: 'method',
    entitlement: 'entitlement',
    awarded: 'awarded',
    unallocated: 'unallocated',
    recipients: 'applicants',
    id: 'id',
    name: 'name',
    excluded: 'rows left out',
    line: 'line',
  },
} as const;

/** Applicant i's name, or '': rd_incentive's table keeps names in a column, the other programmes' rows in a field. */
function applicantName(applicants: unknown): (i: number) => string {
  if (Array.isArray(applicants)) {
    return (i) => {
      const name = (applicants[i] as { name?: unknown } | undefined)?.name;
      return typeof name === 'string' ? name : '';
    };
  }
  const names = (applicants as Partial<EnterpriseTable>).names;
  return (i) => names?.[i] ?? '';
}

/** For a person: the totals, then every applicant's entitlement and award (万元 in Chinese). */
function outcomeTable(
  outcome: ProgrammeOutcome,
  programme: Programme,
  read: ApplicantsFile<unknown>,
  lang: Lang,
  totalsOnly: boolean,
): string {
  const t = LABELS[lang];
  const title = `${programme.label[lang]} (${programme.key})`;
  const totals = alignColumns([
    [t.budget, amountCell(outcome.budget, lang)],
    [t.method, outcome.method],
    [t.entitlement, amountCell(outcome.totals.entitlement, lang)],
    [t.awarded, amountCell(outcome.totals.awarded, lang)],
    [t.unallocated, amountCell(outcome.totals.unallocated, lang)],
    [t.recipients, String(outcome.totals.recipients)],
  ]);
  const lines = [title, '', ...totals];
  if (!totalsOnly) {
    const name = applicantName(read.applicants);
    const rows = [[t.id, t.name, amountHeader(t.entitlement, lang), amountHeader(t.awarded, lang)]];
    for (let i = 0; i < outcome.ids.length; i++) {
      rows.push([
        outcome.ids[i] ?? '',
        name(i),
        amountCell(outcome.entitlements[i] ?? 0, lang, false),
        amountCell(outcome.awards[i] ?? 0, lang, false),
      ]);
    }
    lines.push('', ...alignColumns(rows));
  }
  if (read.excluded.length > 0) {
    lines.push('', `${t.excluded} (${read.excludedCount})`);
    for (const row of read.excluded) lines.push(`  ${t.line} ${row.line}: ${row.problems.map((p) => p.message).join('; ')}`);
  }
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

async function outcomeWorkbook(
  outcome: ProgrammeOutcome,
  inputs: Inputs,
  read: ApplicantsFile<unknown>,
  lang: Lang,
  ranAt: string,
): Promise<Uint8Array> {
  const { programme } = inputs;
  const { applicantAccessor, intensityColumn, resultTable, resultWorkbook } = await import('@bagui/sheets/xlsx');
  const book = resultWorkbook(lang);
  const extra: ExtraColumn[] =
    programme.key === rdIncentiveProgramme.key ? [intensityColumn(read.applicants as EnterpriseTable, lang)] : [];
  const written = book.addTable(
    resultTable({
      sheet: programme.label[lang],
      fields: programme.applicantFields,
      lang,
      applicant: applicantAccessor(read.applicants),
      figures: { ids: outcome.ids, entitlements: outcome.entitlements, awards: outcome.awards },
      extra,
    }),
  );
  if (!written.ok) throw new InputError('the result does not fit in a workbook; nothing was written', written.problems.map(formatProblem));
  book.addParameters([{ programme: programme.key, parameters: inputs.parameters.all() }]);
  const record = applicantAccessor(read.applicants);
  book.addExplanations(
    (function* () {
      for (let i = 0; i < outcome.ids.length; i++) {
        const name = record(i).name;
        yield {
          id: outcome.ids[i] ?? '',
          ...(typeof name === 'string' ? { name } : {}),
          entitlement: outcome.entitlements[i] ?? 0,
          award: outcome.awards[i] ?? 0,
          trace: outcome.trace(i),
        };
      }
    })(),
    { fields: programme.applicantFields, parameters: programme.parameters },
  );
  book.addAbout(
    runAbout({
      command: `bagui evaluate ${programme.key}`,
      programme: programme.key,
      parametersVersion: inputs.parameters.version,
      date: inputs.date,
      dateDefaulted: false,
      input: read.input,
      ranAt,
    }),
  );
  return (await book.finish()) ?? new Uint8Array(0);
}
