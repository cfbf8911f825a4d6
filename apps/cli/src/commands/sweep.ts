import {
  BUDGET_PATH,
  programmeEvaluator,
  rdIncentiveEvaluator,
  sweep,
  sweepAxis,
  sweepToCsv,
  sweepToJson,
  type PointMetrics,
  type RangeSpec,
  type Sweep,
  type SweepAxis,
} from '@bagui/core/compare';
import { problem, type Problem, type Result } from '@bagui/core/errors';
import { Exact } from '@bagui/core/exact';
import { fen, formatEn, formatZh, parseAmount } from '@bagui/core/money';
import type { ParameterRegistry, ParameterSet } from '@bagui/core/parameters';
import { programmeRegistry, type Programme } from '@bagui/core/programmes';
import { rdIncentiveProgramme, type EnterpriseTable } from '@bagui/core/programmes/rd-incentive';
import { knownFormat, optionProblems, refuseOptions, type Checked, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { parseSetOptions } from '../overrides.js';
import { checkProgramme, countField, loadApplicants, programmeInputs, type ProgrammeInputOptions } from '../programme-inputs.js';
import { tableLines } from '../comparison-table.js';
import { COMPARE_FORMATS } from './compare.js';
import { csvWorkbook } from '../csv-workbook.js';
import { aboutRun, guardOutputs, recordProgrammeRun, withBom, writeResult, xlsxNeedsOut } from '../output.js';

export interface SweepOptions extends ProgrammeInputOptions {
  readonly path?: string;
  readonly from?: string;
  readonly to?: string;
  readonly step?: string;
  readonly value: readonly string[];
  readonly grid?: string;
  readonly metrics?: boolean;
  readonly by?: string;
}

export const SWEEP_FORMATS = COMPARE_FORMATS;

/**
 * `bagui sweep rd_incentive --enterprises F --budget B --path P --from X --to Y --step S
 * [--grid P2=FROM:TO:STEP]`: the programme at every value of one parameter (or two), on the
 * enterprises parsed once.
 */
export async function sweepCommand(name: string, options: SweepOptions, io: Io): Promise<void> {
  const programme = checkProgramme(name);
  const registry = programmeRegistry(programme.key);
  const found: OptionProblem[] = [];
  const known = knownFormat(SWEEP_FORMATS, options.format, 'output format');
  if (!known.ok) found.push(...known.problems);
  const format = known.ok ? known.value : undefined;
  if (format === 'xlsx' && options.out === undefined) found.push(...optionProblems('--format', [xlsxNeedsOut(options.format)]));
  if (options.metrics === true && format !== 'json') {
    found.push(
      ...optionProblems('--metrics', [
        problem(
          'OPTION.METRICS_NEED_JSON',
          'the table and the CSV always show the metrics; --metrics adds them to the JSON: add --format json',
          { value: options.format },
        ),
      ]),
    );
  }
  if (options.by !== undefined && format === 'json') {
    found.push(
      ...optionProblems('--by', [
        problem('OPTION.BY_NOT_FOR_JSON', 'the JSON has every group with --metrics; --by is for the table and the CSV', {
          value: options.by,
        }),
      ]),
    );
  }
  const { first, second } = checkAxes(options, registry);
  for (const axis of [first, second]) if (axis?.ok === false) found.push(...axis.problems);
  const sets = parseSetOptions(options.set, registry);
  found.push(...sets.problems);
  const swept = [first, second].flatMap((axis) => (axis?.ok === true ? [axis.value.path] : []));
  for (const o of sets.overrides) {
    if (swept.includes(o.path)) {
      found.push(
        ...optionProblems('--set', [
          problem('OPTION.SET_SWEPT_PATH', `${o.path} is swept: it cannot also be set; drop --set ${o.path}=…`, { value: o.path }),
        ]),
      );
    }
  }
  const checked = programmeInputs(name, options, io.today(), sets.problems.length === 0 ? sets.overrides : []);
  if (!checked.ok) found.push(...checked.problems);
  if (options.by !== undefined && checked.ok) {
    const keys = groupKeys(programme, checked.value.parameters);
    if (!keys.includes(options.by)) {
      found.push(
        ...optionProblems('--by', [
          problem('OPTION.UNKNOWN_GROUP', `no group ${JSON.stringify(options.by)}; choose one of ${keys.join(', ')}`, {
            value: options.by,
          }),
        ]),
      );
    }
  }
  if (!checked.ok || !first.ok || second?.ok === false || found.length > 0) refuseOptions(found);
  const inputs = checked.value;

  await guardOutputs(
    [
      ['--out', options.out],
      ['--report', options.report],
      ['--meta', options.meta],
    ],
    [inputs.file.path],
    io,
  );
  const applicants = await loadApplicants(inputs, io);
  const count = applicants.rows;
  const noun = `${programme.applicantNoun}s`;
  const evaluator =
    programme.key === rdIncentiveProgramme.key
      ? rdIncentiveEvaluator(applicants.applicants as EnterpriseTable)
      : programmeEvaluator(programme, applicants.applicants);
  const result = sweep(
    evaluator,
    { registry, parameters: inputs.parameters, budget: inputs.budget, method: inputs.method },
    second === undefined ? [first.value] : [first.value, second.value],
    options.metrics === true ? { groups: true } : options.by === undefined ? {} : { groups: [options.by] },
  );
  if (!result.ok) refuseOptions(optionProblems('--grid', result.problems));
  const s = result.value;
  const by = options.by;
  const chunks =
    format === 'json'
      ? [`${JSON.stringify(sweepToJson(s, { count: countField(programme), metrics: options.metrics === true }), null, 2)}\n`]
      : format === 'csv'
        ? withBom(
            sweepToCsv(s, { count: countField(programme), ...(by === undefined ? {} : { by }) }),
            options.out !== undefined,
            options.bom,
          )
        : format === 'xlsx'
          ? [
              await csvWorkbook(
                sweepToCsv(s, { count: countField(programme), ...(by === undefined ? {} : { by }) }),
                'sweep',
                inputs.file.read.lang ?? 'zh',
                aboutRun('sweep', inputs, applicants.input, io),
              ),
            ]
          : [
              sweepTable(s, {
                programme: programme.key,
                enterprises: count,
                noun,
                budget: inputs.budget,
                method: inputs.method,
                date: inputs.parameters.date,
                by,
              }),
            ];
  await writeResult(chunks, options.out, io, `${s.points.length} points of ${swept.join(' × ')} on ${count} ${noun}`);
  await recordProgrammeRun('sweep', inputs, applicants, options, io);
}

/** The groups the programme's outcomes carry (scale, city, …): asked of the programme, on no enterprises. */
function groupKeys(programme: Programme, parameters: ParameterSet): string[] {
  const none = programme.readApplicants([]);
  const outcome = none.ok ? programme.evaluate(none.value, parameters, { budget: fen(0), method: programme.defaultMethod }) : none;
  return outcome.ok ? Object.keys(outcome.value.groups) : [];
}

/**
 * The axes from --path with --from/--to/--step or --value, and --grid PATH2=FROM:TO:STEP, each
 * with its problems; without --path, no grid is read.
 */
function checkAxes(
  options: SweepOptions,
  registry: ParameterRegistry,
): { readonly first: Checked<SweepAxis>; readonly second?: Checked<SweepAxis> } {
  if (options.path === undefined) {
    return {
      first: {
        ok: false,
        problems: optionProblems('--path', [
          problem(
            'OPTION.REQUIRED',
            `--path is required: the parameter to sweep, e.g. rd_incentive.increment.cap_above, or ${BUDGET_PATH}`,
          ),
        ]),
      },
    };
  }
  const path = options.path;
  const range = [options.from, options.to, options.step];
  const given = range.filter((x) => x !== undefined).length;
  const axis = (spec: RangeSpec | { values: readonly string[] }): Checked<SweepAxis> => {
    const checked = sweepAxis(registry, path, spec);
    return checked.ok ? checked : { ok: false, problems: checked.problems.map((p) => ({ option: optionOf(p), problem: p })) };
  };
  let first: Checked<SweepAxis>;
  if (options.value.length > 0 && given > 0) {
    first = {
      ok: false,
      problems: optionProblems('--value', [
        problem('OPTION.VALUES_AND_RANGE', 'give either --value (repeatable) or --from, --to and --step, not both'),
      ]),
    };
  } else if (options.value.length > 0) {
    first = axis({ values: options.value });
  } else if (given === 3) {
    first = axis({ from: options.from ?? '', to: options.to ?? '', step: options.step ?? '' });
  } else {
    first = {
      ok: false,
      problems: optionProblems('--from', [
        problem('OPTION.RANGE', 'give the values to sweep: --from X --to Y --step S, or --value X (repeatable)'),
      ]),
    };
  }
  if (options.grid === undefined) return { first };
  const grid = gridAxis(options.grid, registry);
  return { first, second: grid.ok ? grid : { ok: false, problems: optionProblems('--grid', grid.problems) } };
}

function optionOf(p: Problem): string {
  const at = p.location?.path?.[0];
  return at === 'values' ? '--value' : typeof at === 'string' ? `--${at}` : '--path';
}

function gridAxis(spec: string, registry: ParameterRegistry): Result<SweepAxis> {
  const at = spec.indexOf('=');
  const parts = spec.slice(at + 1).split(':');
  const [from, to, step] = parts;
  if (at <= 0 || parts.length !== 3 || from === undefined || to === undefined || step === undefined) {
    return {
      ok: false,
      problems: [
        problem('OPTION.GRID_SHAPE', 'expected PATH=FROM:TO:STEP, e.g. --grid rd_incentive.high_tech.rate=0.10:0.20:0.05', { value: spec }),
      ],
    };
  }
  return sweepAxis(registry, spec.slice(0, at).trim(), { from, to, step });
}

/** A swept value as a person reads it: `¥3,000,000.00 (300万元)`, `15%`. */
function shownValue(axis: SweepAxis | undefined, value: string): string {
  if (axis === undefined) return value;
  if (axis.kind === 'amount' || axis.kind === 'unit') {
    const fen = parseAmount(value);
    return fen.ok ? `${formatEn(fen.value)} (${formatZh(fen.value)})` : value;
  }
  if (axis.kind === 'rate') return `${new Exact(value).times(100).toFixed()}%`;
  return value;
}

function sweepTable(
  s: Sweep,
  context: { programme: string; enterprises: number; noun: string; budget: number; method: string; date: string; by: string | undefined },
): string {
  const { axes, points } = s;
  const count = (n: number): string => n.toLocaleString('en-US');
  const figures = (m: PointMetrics): string[] => [
    formatEn(m.entitlement),
    formatEn(m.cost),
    count(m.funded),
    count(m.capped),
    formatEn(m.meanAward),
    formatEn(m.medianAward),
  ];
  const rows: string[][] = [
    [...axes.map((a) => a.path), 'ENTITLEMENT', 'COST (AWARDED)', 'UNALLOCATED', 'FUNDED', 'CAPPED', 'MEAN AWARD', 'MEDIAN AWARD'],
  ];
  for (const p of points) {
    const values = p.values.map((v, k) => shownValue(axes[k], v));
    const [e = '', cost = '', ...rest] = figures(p.metrics);
    rows.push([...values, e, cost, formatEn(p.metrics.unallocated), ...rest]);
    if (context.by === undefined) continue;
    for (const g of p.groups[context.by] ?? []) {
      const [ge = '', gc = '', ...grest] = figures(g);
      rows.push([...values.map((_, k) => (k === 0 ? `  ${context.by}=${g.value ?? '(none)'}` : '')), ge, gc, '', ...grest]);
    }
  }
  const n = axes.length;
  return [
    `${context.programme}: ${context.enterprises.toLocaleString('en-US')} ${context.noun}, envelope ${axes.some((a) => a.path === BUDGET_PATH) ? 'as swept' : formatEn(context.budget)} ` +
      `shared ${context.method}, parameters in force on ${context.date}; ` +
      `${points.length} points of ${axes.map((a) => a.path).join(' × ')}.`,
    `FUNDED: ${context.noun} paid something; CAPPED: ${context.noun} whose entitlement a cap bound; means and medians are of the funded, rounded down to the fen.`,
    '',
    ...tableLines(rows, [n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6]),
    '',
  ].join('\n');
}
