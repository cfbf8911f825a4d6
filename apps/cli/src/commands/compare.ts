import { dirname, isAbsolute, join } from 'node:path';
import { ALLOCATION_METHODS, type AllocationMethod } from '@bagui/core/allocation';
import {
  buildReform,
  checkEdges,
  compare,
  compareScenario,
  comparisonToCsv,
  comparisonToJson,
  parseReform,
  scenarioComparisonToCsv,
  scenarioComparisonToJson,
  type Comparison,
  type OutcomeDiff,
  type Reform,
  type ReformSummary,
  type ScenarioComparison,
} from '@bagui/core/compare';
import { formatProblem, problem, type Problem } from '@bagui/core/errors';
import { formatEn, formatZh, parseAmount, type Fen } from '@bagui/core/money';
import type { Override, ParameterRegistry } from '@bagui/core/parameters';
import { parameterRegistry, programmeRegistry, type Programme } from '@bagui/core/programmes';
import { applicantFiles, BUILTIN_SCENARIOS, findBuiltinScenario, parseScenario, type Scenario } from '@bagui/core/scenario';
import { InputError, optionProblems, throwIfAny, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseJsonFile } from '../json-file.js';
import { parseSetOptions } from '../overrides.js';
import { readApplicantsFile, reportReading, type ApplicantsFile, type ApplicantsFileOptions } from '../applicants-file.js';
import { ENGINE_VERSION } from '@bagui/core/version';
import { csvWorkbook } from '../csv-workbook.js';
import { aboutRun, guardOutputs, recordProgrammeRun, withBom, writeResult, xlsxNeedsOut } from '../output.js';
import { checkFileOptions, checkInputs, checkProgramme, countField, type FileOptions, type Inputs } from '../programme-inputs.js';
import { alignColumns } from '../table.js';
import { readTextFile } from './run.js';

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

export interface CompareOptions extends ProgrammeInputOptions {
  readonly baseline?: string;
  readonly reform: readonly string[];
  readonly methods?: string;
  readonly threshold: string;
  readonly band: readonly string[];
  readonly recipients?: boolean;
}

export const COMPARE_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof COMPARE_FORMATS)[number];

/** `bagui compare rd_incentive …` (reforms of one programme) or `bagui compare --baseline SCENARIO …`. */
export async function compareCommand(programme: string | undefined, options: CompareOptions, io: Io): Promise<void> {
  const scenarioLevel = options.baseline !== undefined;
  const found: OptionProblem[] = [];
  if (scenarioLevel && programme !== undefined) {
    found.push(
      ...optionProblems('--baseline', [
        problem(
          'OPTION.BASELINE_AND_PROGRAMME',
          `compare either a programme (bagui compare ${programme} --enterprises …) or a scenario (--baseline), not both`,
          {
            value: options.baseline ?? '',
          },
        ),
      ]),
    );
  }
  if (!scenarioLevel && programme === undefined) {
    throw new InputError(
      'what to compare? give a programme (bagui compare rd_incentive --enterprises FILE --budget AMOUNT …) or a scenario (--baseline NAME|FILE.json)',
    );
  }
  const format = checkFormat(options.format, found, options.out);
  const diff = checkDiffOptions(options, found);
  if (options.recipients === true && format === 'table') {
    found.push(
      ...optionProblems('--recipients', [
        problem(
          'OPTION.RECIPIENTS_NEED_JSON',
          'the per-recipient changes are in the JSON output: add --format json (or use --format csv)',
          { value: format },
        ),
      ]),
    );
  }
  if (scenarioLevel) {
    for (const [flag, given] of [
      ['--enterprises', options.enterprises],
      ['--applicants', options.applicants],
      ['--sheet', options.sheet],
      ['--encoding', options.encoding],
      ['--report', options.report],
      ['--meta', options.meta],
      ['--exclude-invalid', options.excludeInvalid === true ? 'true' : undefined],
      ['--budget', options.budget],
      ['--method', options.method],
      ['--date', options.date],
      ['--methods', options.methods],
    ] as const) {
      if (given !== undefined) {
        found.push(
          ...optionProblems(flag, [
            problem('OPTION.NOT_FOR_SCENARIO', `${flag} is for a programme comparison; a scenario gives its own`, { value: given }),
          ]),
        );
      }
    }
    throwIfAny(found);
    await compareScenarioCommand(options, diff, format, io);
    return;
  }
  const inputs = programmeInputs(programme ?? '', options, io.today(), found);
  const methods = checkMethods(options.methods, found);
  const registry = programmeRegistry(checkProgramme(programme ?? '').key);
  const setReform = setOptionsReform(options.set, registry, found);
  throwIfAny(found);
  if (inputs === undefined) throw new Error('options were refused without a problem to report');
  const reforms = [...(await readReforms(options.reform, registry, io)), ...(setReform === undefined ? [] : [setReform])];
  checkReformList(reforms, methods);
  await guardOutputs(
    [
      ['--out', options.out],
      ['--report', options.report],
    ],
    [inputs.file.path, ...options.reform],
    io,
  );
  const read = await loadApplicants(inputs, io);
  const result = compare(
    {
      programme: inputs.programme as Programme<unknown>,
      registry,
      parameters: inputs.parameters,
      budget: inputs.budget,
      method: inputs.method,
    },
    reforms,
    read.applicants,
    { ...diff, ...(methods === undefined ? {} : { methods }) },
  );
  if (!result.ok) throw new InputError('the comparison cannot be made; nothing was computed', result.problems.map(formatProblem));
  const c = result.value;
  const noun = `${inputs.programme.applicantNoun}s`;
  const chunks =
    format === 'json'
      ? [
          `${JSON.stringify(comparisonToJson(c, { count: countField(inputs.programme), recipients: options.recipients === true }), null, 2)}\n`,
        ]
      : format === 'csv'
        ? withBom(comparisonToCsv(c), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [await csvWorkbook(comparisonToCsv(c), 'compare', inputs.file.read.lang ?? 'zh', aboutRun('compare', inputs, read.input, io))]
          : [programmeTable(c, noun)];
  await writeResult(
    chunks,
    options.out,
    io,
    `${c.reforms.length} ${c.reforms.length === 1 ? 'reform' : 'reforms'} compared on ${c.baseline.ids.length} ${noun}`,
  );
  await recordProgrammeRun('compare', inputs, read, options, io);
}

// ---------------------------------------------------------------------------------------------
// Options

function checkFormat(format: string, found: OptionProblem[], out?: string): Format {
  const known = COMPARE_FORMATS.find((f) => f === format);
  if (known === 'xlsx' && out === undefined) found.push(...optionProblems('--format', [xlsxNeedsOut(format)]));
  if (known !== undefined) return known;
  found.push(
    ...optionProblems('--format', [
      problem('OPTION.UNKNOWN_FORMAT', `unknown output format; choose one of ${COMPARE_FORMATS.join(', ')}`, { value: format }),
    ]),
  );
  return 'table';
}

function checkDiffOptions(options: CompareOptions, found: OptionProblem[]): { threshold?: Fen; bands?: Fen[] } {
  const threshold = parseAmount(options.threshold);
  if (!threshold.ok) found.push(...optionProblems('--threshold', threshold.problems));
  const bands: Fen[] = [];
  for (const band of options.band) {
    const edge = parseAmount(band);
    if (edge.ok) bands.push(edge.value);
    else found.push(...optionProblems('--band', edge.problems));
  }
  const wrong = checkEdges(bands);
  if (wrong !== undefined)
    found.push(
      ...optionProblems('--band', [
        problem('OPTION.BANDS', `${wrong}, e.g. --band 1万 --band 10万 --band 100万`, { value: options.band.join(' ') }),
      ]),
    );
  return { ...(threshold.ok ? { threshold: threshold.value } : {}), ...(bands.length > 0 ? { bands } : {}) };
}

function checkMethods(list: string | undefined, found: OptionProblem[]): AllocationMethod[] | undefined {
  if (list === undefined) return undefined;
  const methods: AllocationMethod[] = [];
  for (const name of list.split(',').map((m) => m.trim())) {
    const method = ALLOCATION_METHODS.find((m) => m === name);
    if (method === undefined) {
      found.push(
        ...optionProblems('--methods', [
          problem(
            'OPTION.UNKNOWN_METHOD',
            `unknown allocation method; choose among ${ALLOCATION_METHODS.join(', ')}, separated by commas`,
            { value: name },
          ),
        ]),
      );
    } else if (!methods.includes(method)) methods.push(method);
  }
  return methods;
}

/** The inputs of a programme run and its file (`--applicants`, `--budget`, `--method`, `--date`), as `evaluate` takes them. */
export function programmeInputs(
  name: string,
  options: ProgrammeInputOptions,
  today: string,
  found: OptionProblem[],
  baselineSet: readonly Override[] = [],
): (Inputs & { file: { path: string; read: ApplicantsFileOptions } }) | undefined {
  const file = checkFileOptions(options, found);
  const inputs = checkInputs(name, options, today, found, baselineSet);
  return inputs === undefined || file === undefined ? undefined : { ...inputs, file };
}

/** `--set` options as one ad-hoc reform named `--set`, or nothing when there are none. */
function setOptionsReform(sets: readonly string[], registry: ParameterRegistry, found: OptionProblem[]): Reform | undefined {
  if (sets.length === 0) return undefined;
  const parsed = parseSetOptions(sets, registry);
  if (parsed.problems.length > 0) {
    found.push(...parsed.problems);
    return undefined;
  }
  const reform = buildReform({ name: '--set', layers: [{ name: '--set', overrides: parsed.overrides }] }, registry);
  if (reform.ok) return reform.value;
  found.push(...optionProblems('--set', reform.problems));
  return undefined;
}

/** Every reform file read and checked; the problems of all of them reported at once. */
async function readReforms(paths: readonly string[], registry: ParameterRegistry, io: Io): Promise<Reform[]> {
  const reforms: Reform[] = [];
  const details: string[] = [];
  for (const path of paths) {
    const json = parseJsonFile(await readTextFile(path, io), path);
    const reform = parseReform(json, registry);
    if (reform.ok) reforms.push(reform.value);
    else details.push(...reform.problems.map((p) => `${path}: ${formatProblem(p)}`));
  }
  if (details.length > 0) {
    throw new InputError(
      `invalid reform ${details.length === 1 ? 'file' : 'files'}: ${details.length} ${details.length === 1 ? 'problem' : 'problems'}; nothing was computed`,
      details,
    );
  }
  return reforms;
}

function checkReformList(reforms: readonly Reform[], methods: readonly string[] | undefined): void {
  if (reforms.length === 0 && (methods === undefined || methods.length === 0)) {
    throw new InputError(
      'nothing to compare: give a reform (--reform FILE.json, or --set PATH=VALUE), or envelope methods (--methods pro_rata,uniform_cap,ranked)',
    );
  }
  const names = reforms.map((r) => r.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0)
    throw new InputError(
      `two reforms are called ${JSON.stringify(twice[0])}: give each reform file its own "name", so that the results can tell them apart`,
    );
}

/** The applicants file, read and parsed once; refused whole if any row is invalid (unless --exclude-invalid). */
export async function loadApplicants(
  inputs: Inputs & { file: { path: string; read: ApplicantsFileOptions } },
  io: Io,
): Promise<ApplicantsFile<unknown>> {
  const read = await readApplicantsFile(inputs.programme as Programme<unknown>, inputs.file.path, inputs.file.read, io);
  await reportReading(read, io);
  return read;
}

// ---------------------------------------------------------------------------------------------
// Scenario level

/** A built-in scenario's name: no dot, no slash. Anything else is a file path. */
const NAME = /^[a-z0-9][a-z0-9_-]*$/u;

async function compareScenarioCommand(
  options: CompareOptions,
  diff: { threshold?: Fen; bands?: Fen[] },
  format: Format,
  io: Io,
): Promise<void> {
  const found: OptionProblem[] = [];
  const setReform = setOptionsReform(options.set, parameterRegistry, found);
  throwIfAny(found);
  const reforms = [...(await readReforms(options.reform, parameterRegistry, io)), ...(setReform === undefined ? [] : [setReform])];
  if (reforms.length === 0) throw new InputError('nothing to compare: give a reform (--reform FILE.json, or --set PATH=VALUE)');
  checkReformList(reforms, undefined);
  const { scenario, readFile } = await loadScenario(options.baseline ?? '', io);
  const result = compareScenario(scenario, reforms, { readFile, ...diff });
  if (!result.ok) throw new InputError('the comparison cannot be made; nothing was computed', result.problems.map(formatProblem));
  const c = result.value;
  const chunks =
    format === 'json'
      ? [`${JSON.stringify(scenarioComparisonToJson(c, { recipients: options.recipients === true }), null, 2)}\n`]
      : format === 'csv'
        ? withBom(scenarioComparisonToCsv(c), options.out !== undefined, options.bom)
        : format === 'xlsx'
          ? [
              await csvWorkbook(scenarioComparisonToCsv(c), 'compare', options.lang === 'en' ? 'en' : 'zh', {
                engineVersion: ENGINE_VERSION,
                parametersVersion: c.scenario.hash,
                date: `each programme's, as scenario ${c.scenario.name} sets it`,
                ranAt: io.now(),
                command: `bagui compare --baseline ${options.baseline ?? ''}`,
              }),
            ]
          : [scenarioTable(c)];
  await writeResult(
    chunks,
    options.out,
    io,
    `${c.reforms.length} ${c.reforms.length === 1 ? 'reform' : 'reforms'} compared on the scenario ${c.scenario.name}`,
  );
}

/**
 * The scenario (built-in by name, or a file) and its applicants files, read before anything
 * runs. (`bagui run` reads a scenario the same way, in commands/run.ts.)
 */
async function loadScenario(target: string, io: Io): Promise<{ scenario: Scenario; readFile: (path: string) => string }> {
  let input: unknown;
  let folder = '.';
  if (NAME.test(target)) {
    input = findBuiltinScenario(target);
    if (input === undefined) {
      throw new InputError(
        `no built-in scenario named ${JSON.stringify(target)}; the built-in scenarios are ${BUILTIN_SCENARIOS.map((s) => s.name).join(', ')}; to compare a file, give its path, e.g. ./${target}.json`,
      );
    }
  } else {
    input = parseJsonFile(await readTextFile(target, io), target);
    folder = dirname(target);
  }
  const scenario = parseScenario(input);
  if (!scenario.ok) throw new InputError(`invalid scenario ${target}; nothing was computed`, scenario.problems.map(formatProblem));
  const texts = new Map<string, string>();
  const unreadable: Problem[] = [];
  for (const { path, at } of applicantFiles(scenario.value)) {
    try {
      texts.set(path, await readTextFile(isAbsolute(path) ? path : join(folder, path), io));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unreadable.push(problem('APPLICANTS.FILE_UNREADABLE', error.message, { path: at, value: path }));
    }
  }
  if (unreadable.length > 0) throw new InputError(`invalid scenario ${target}; nothing was computed`, unreadable.map(formatProblem));
  return {
    scenario: scenario.value,
    readFile: (path) => {
      const text = texts.get(path);
      if (text === undefined) throw new Error(`${path} was not read`);
      return text;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tables

const MINUS = '−';

/** `+¥1.00`, `−¥1.00`, `¥0.00`. */
function signedEn(x: number): string {
  return x > 0 ? `+${formatEn(x)}` : x < 0 ? `${MINUS}${formatEn(-x)}` : formatEn(0);
}

/** `0.8771` → `87.71%`, exactly (the share is already rounded down to four places). */
function percentOf(share: string | null): string {
  if (share === null) return '';
  const [whole = '0', fraction = ''] = share.split('.');
  const digits = `${whole}${fraction.padEnd(4, '0')}`.replace(/^0+(?=\d{3})/u, '');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

/** Columns aligned, the given ones (figures) to the right. */
export function tableLines(rows: readonly (readonly string[])[], right: readonly number[]): string[] {
  const widths = right.map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const padded = rows.map((r) => r.map((cell, c) => (right.includes(c) ? cell.padStart(widths[right.indexOf(c)] ?? 0) : cell)));
  return alignColumns(padded);
}

const count = (n: number): string => n.toLocaleString('en-US');

function summaryLines(summary: ReformSummary): string[] {
  const [enHead = '', ...enRest] = summary.text.en;
  const [zhHead = '', ...zhRest] = summary.text.zh;
  return [enHead, ...enRest.map((l) => `  ${l}`), zhHead, ...zhRest.map((l) => `  ${l}`)];
}

function movementLine(diff: OutcomeDiff, noun: string): string {
  const { awards, entitlements } = diff;
  return (
    `awards: ${count(awards.winners)} up, ${count(awards.losers)} down, ${count(awards.unchanged)} unchanged (by more than ±${formatEn(diff.threshold)}); ` +
    `entitlements: ${count(entitlements.winners)} up, ${count(entitlements.losers)} down, ${count(entitlements.unchanged)} unchanged — of ${count(awards.winners + awards.losers + awards.unchanged)} ${noun}`
  );
}

function bandLines(diff: OutcomeDiff, noun: string): string[] {
  return tableLines(
    [
      ['CHANGE IN AWARD', noun.toUpperCase(), 'TOTAL CHANGE', '变化区间'],
      ...diff.bands.map((b) => [b.band.label.en, count(b.recipients), signedEn(b.change), b.band.label.zh]),
    ],
    [1, 2],
  );
}

function totalsLines(diff: OutcomeDiff): string[] {
  const { baseline, reform, change } = diff.totals;
  return tableLines(
    [
      ['', 'BASELINE', 'REFORM', 'CHANGE'],
      ['entitlement', formatEn(baseline.entitlement), formatEn(reform.entitlement), signedEn(change.entitlement)],
      ['awarded (cost)', formatEn(baseline.awarded), formatEn(reform.awarded), signedEn(change.awarded)],
      ['unallocated', formatEn(baseline.unallocated), formatEn(reform.unallocated), signedEn(change.unallocated)],
    ],
    [1, 2, 3],
  );
}

function programmeTable(c: Comparison, noun: string): string {
  const n = c.baseline.ids.length;
  const out = [
    `${c.programme}: ${count(n)} ${noun}, envelope ${formatEn(c.budget)} (${formatZh(c.budget)}) shared ${c.method}, parameters in force on ${c.date}.`,
    `Baseline (key ${c.baselineKey}): entitlement ${formatEn(c.baseline.totals.entitlement)}, awarded ${formatEn(c.baseline.totals.awarded)}, unallocated ${formatEn(c.baseline.totals.unallocated)}.`,
  ];
  for (const r of c.reforms) {
    const { diff } = r;
    out.push('', ...summaryLines(r.summary), '', ...totalsLines(diff), movementLine(diff, noun), '', ...bandLines(diff, noun));
    for (const [key, rows] of Object.entries(diff.groups)) {
      out.push(
        '',
        ...tableLines(
          [
            [`BY ${key.toUpperCase()}`, 'ENTERPRISES', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'UP', 'DOWN'],
            ...rows.map((g) => [
              g.value ?? '(none)',
              count(g.recipients),
              formatEn(g.baseline.awarded),
              formatEn(g.reform.awarded),
              signedEn(g.change.awarded),
              count(g.winners),
              count(g.losers),
            ]),
          ],
          [1, 2, 3, 4, 5, 6],
        ),
      );
    }
    out.push(
      '',
      ...(diff.caps.length === 0
        ? ['No cap bound any enterprise.']
        : tableLines(
            [['CAP (enterprises it bound)', 'BASELINE', 'REFORM'], ...diff.caps.map((x) => [x.path, count(x.baseline), count(x.reform)])],
            [1, 2],
          )),
    );
  }
  for (const m of c.methods) {
    const methods = m.methods;
    const first = methods[0];
    if (first === undefined) continue;
    out.push(
      '',
      `Envelope methods, ${m.variant === 'baseline' ? 'baseline parameters' : `reform "${m.variant}"`}: the share of their entitlement that ${noun} of each size receive`,
      '(Σ awards ÷ Σ entitlements in the band, rounded down to 0.01%; the lowest share of any one enterprise in brackets).',
      ...tableLines(
        [
          ['ENTITLEMENT', 'ENTERPRISES', ...methods.map((x) => x.method)],
          ...first.bands.map((b, k) => [
            b.band.label.en,
            count(b.recipients),
            ...methods.map((x) => {
              const row = x.bands[k];
              return row === undefined || row.share === null ? '' : `${percentOf(row.share)} (${percentOf(row.minShare)})`;
            }),
          ]),
          ['paid in full', '', ...methods.map((x) => count(x.bands.reduce((s, b) => s + b.fullyFunded, 0)))],
          ['paid nothing', '', ...methods.map((x) => count(x.bands.reduce((s, b) => s + b.unfunded, 0)))],
          ['unallocated', '', ...methods.map((x) => formatEn(x.totals.unallocated))],
        ],
        [1, ...methods.map((_, k) => k + 2)],
      ),
      ...(m.noEntitlement > 0 ? [`${count(m.noEntitlement)} ${noun} have no entitlement and are in no band.`] : []),
    );
  }
  return `${out.join('\n')}\n`;
}

function scenarioTable(c: ScenarioComparison): string {
  const out = [`${c.scenario.name}: ${c.scenario.title} (key ${c.scenario.key}).`];
  for (const r of c.reforms) {
    const touched = r.programmes.filter((p) => p.summary.changes.length > 0);
    out.push('', ...touched.flatMap((p) => [`${p.id}:`, ...summaryLines(p.summary).map((l) => `  ${l}`)]));
    out.push(
      '',
      ...tableLines(
        [
          ['PROGRAMME', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'ENTITLEMENT CHANGE', 'UP', 'DOWN', 'UNCHANGED'],
          ...r.programmes.map((p) => {
            const { totals, awards } = p.diff;
            return [
              p.id,
              formatEn(totals.baseline.awarded),
              formatEn(totals.reform.awarded),
              signedEn(totals.change.awarded),
              signedEn(totals.change.entitlement),
              count(awards.winners),
              count(awards.losers),
              count(awards.unchanged),
            ];
          }),
          [
            'total',
            formatEn(c.baseline.totals.awarded),
            formatEn(r.result.totals.awarded),
            signedEn(r.totals.change.awarded),
            signedEn(r.totals.change.entitlement),
            '',
            '',
            '',
          ],
        ],
        [1, 2, 3, 4, 5, 6, 7],
      ),
      '',
      ...tableLines(
        [
          ['SOURCE', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'UNALLOCATED CHANGE'],
          ...r.sources.map((s) => [
            s.key,
            formatEn(s.baseline.awarded),
            formatEn(s.reform.awarded),
            signedEn(s.change.awarded),
            signedEn(s.change.unallocated),
          ]),
        ],
        [1, 2, 3, 4],
      ),
    );
    for (const p of touched) out.push('', `${p.id}: ${movementLine(p.diff, 'recipients')}`, ...bandLines(p.diff, 'recipients'));
  }
  return `${out.join('\n')}\n`;
}
