import type { Decimal } from 'decimal.js';
import { Exact } from '../exact/index.js';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { fen, type Fen } from '../money/index.js';
import { displayValue, parseParameterValue, type ParameterKind, type ParameterRegistry } from '../parameters/index.js';
import type { Baseline } from '../programmes/baseline.js';
import type { ProgrammeTotals } from '../programmes/programme.js';
import type { Groups, PointEvaluator, PointOutcome } from './evaluators.js';
import { groupColumn, type GroupColumn } from './groups.js';
import { applyReform } from './reform.js';
import { meanFen, medianFen } from './stats.js';

/** The pseudo-path of the envelope itself: sweep it like a parameter (entitlements are then computed once). */
export const BUDGET_PATH = 'budget';

/** The kinds of value a sweep can step through. */
export type SweepKind = Extract<ParameterKind, 'amount' | 'unit' | 'rate' | 'decimal'>;

export interface SweepAxis {
  readonly path: string;
  readonly kind: SweepKind;
  /** The values in canonical spelling (`3000000.00`, `0.15`), in order. */
  readonly values: readonly string[];
}

/** A range: from, from + step, … up to and including `to` when a step lands on it. */
export interface RangeSpec {
  readonly from: string;
  readonly to: string;
  readonly step: string;
}

/** At most this many values on one axis, and this many points in a grid. */
export const MAX_AXIS_POINTS = 1000;
export const MAX_GRID_POINTS = 10_000;

const SWEEPABLE: readonly ParameterKind[] = ['amount', 'unit', 'rate', 'decimal'];

/**
 * One axis of a sweep: a parameter of `registry` (or `budget`) over a range or a list of values,
 * each value checked as the parameter's kind. Steps are exact: the k-th value is from + k × step,
 * in integer fen for amounts and in exact decimals for rates, never a float accumulated.
 * Problems carry the path `from`, `to`, `step`, `values.N` or `path`.
 */
export function sweepAxis(
  registry: ParameterRegistry,
  path: string,
  spec: RangeSpec | { readonly values: readonly string[] },
): Result<SweepAxis> {
  const kind = axisKind(registry, path);
  if (!kind.ok) return kind;
  const values = 'values' in spec ? listValues(kind.value, spec.values) : rangeValues(kind.value, spec);
  return values.ok ? ok({ path, kind: kind.value, values: values.value }) : values;
}

function axisKind(registry: ParameterRegistry, path: string): Result<SweepKind> {
  if (path === BUDGET_PATH) return ok('amount');
  const definition = registry.definitions().find((d) => d.path === path);
  if (definition === undefined) {
    const known = registry
      .definitions()
      .filter((d) => SWEEPABLE.includes(d.kind))
      .map((d) => d.path);
    return fail(
      problem('SWEEP.UNKNOWN_PATH', `unknown parameter ${path}; sweep one of ${[BUDGET_PATH, ...known].join(', ')}`, {
        path: ['path'],
        value: path,
      }),
    );
  }
  if (!SWEEPABLE.includes(definition.kind)) {
    return fail(
      problem(
        'SWEEP.NOT_STEPPABLE',
        `${path} holds ${definition.kind === 'tiers' ? 'a list of tiers' : 'a switch'}, which cannot be stepped: compare reforms that each set it to one value instead`,
        {
          path: ['path'],
          value: path,
        },
      ),
    );
  }
  return ok(definition.kind as SweepKind);
}

function canonical(kind: SweepKind, raw: string, path: readonly (string | number)[]): Result<string> {
  const value = parseParameterValue(kind, raw, path);
  return value.ok ? ok(displayValue(kind, value.value)) : value;
}

function listValues(kind: SweepKind, raw: readonly string[]): Result<string[]> {
  if (raw.length === 0) return fail(problem('SWEEP.NO_VALUES', 'give at least one value', { path: ['values'] }));
  if (raw.length > MAX_AXIS_POINTS) return fail(tooMany(raw.length));
  const problems: Problem[] = [];
  const values = raw.flatMap((v, i) => {
    const c = canonical(kind, v, ['values', i]);
    if (!c.ok) problems.push(...c.problems);
    return c.ok ? [c.value] : [];
  });
  return problems.length > 0 ? fail(...problems) : ok(values);
}

function tooMany(n: number): Problem {
  return problem(
    'SWEEP.TOO_MANY_POINTS',
    `the range has ${n.toLocaleString('en-US')} values, more than ${MAX_AXIS_POINTS}: take a larger step`,
    { path: ['step'] },
  );
}

/** Exact decimals of a range's ends and step (amounts in fen). */
function rangeEnds(kind: SweepKind, spec: RangeSpec): Result<{ from: Decimal; to: Decimal; step: Decimal }> {
  const problems: Problem[] = [];
  const read = (field: 'from' | 'to' | 'step'): Decimal | undefined => {
    // A step is a difference: for a rounding unit it need not be a unit itself, for a rate it is a rate.
    const as: SweepKind = kind === 'unit' ? 'amount' : kind;
    const value = parseParameterValue(as, spec[field], [field]);
    if (!value.ok) {
      problems.push(...value.problems);
      return undefined;
    }
    return as === 'amount' ? new Exact(value.value) : new Exact(value.value);
  };
  const from = read('from');
  const to = read('to');
  const step = read('step');
  if (from === undefined || to === undefined || step === undefined) return fail(...problems);
  if (!step.gt(0)) problems.push(problem('SWEEP.STEP_NOT_POSITIVE', 'the step must be more than 0', { path: ['step'], value: spec.step }));
  if (to.lt(from))
    problems.push(
      problem('SWEEP.EMPTY_RANGE', `the range is empty: "to" (${spec.to}) is below "from" (${spec.from})`, {
        path: ['to'],
        value: spec.to,
      }),
    );
  return problems.length > 0 ? fail(...problems) : ok({ from, to, step });
}

function rangeValues(kind: SweepKind, spec: RangeSpec): Result<string[]> {
  const ends = rangeEnds(kind, spec);
  if (!ends.ok) return ends;
  const { from, to, step } = ends.value;
  const count = to.minus(from).div(step).floor().plus(1);
  if (count.gt(MAX_AXIS_POINTS)) return fail(tooMany(count.toNumber()));
  const values: string[] = [];
  for (let k = 0; count.gt(k); k++) {
    const x = from.plus(step.times(k));
    // Amounts are stepped in integer fen; the kind's own spelling is parsed from yuan.
    const raw = kind === 'amount' || kind === 'unit' ? x.div(100).toFixed(2) : x.toFixed();
    const value = canonical(kind, raw, ['values', k]);
    if (!value.ok) return value;
    values.push(value.value);
  }
  return ok(values);
}

/** What every point of a sweep starts from: a baseline whose programme the point evaluator already knows. */
export type SweepBaseline = Omit<Baseline, 'programme'>;

/** Figures of one point, over all recipients or over one group's. Means and medians are of funded recipients, rounded down to the fen. */
export interface PointMetrics {
  readonly recipients: number;
  readonly entitlement: Fen;
  /** Σ awards: what the point costs. */
  readonly cost: Fen;
  /** Recipients paid something. */
  readonly funded: number;
  /** Recipients whose entitlement a cap bound. */
  readonly capped: number;
  readonly meanAward: Fen;
  readonly medianAward: Fen;
}

export interface GroupMetrics extends PointMetrics {
  readonly value: string | null;
}

export interface SweepPoint {
  /** One value per axis, in canonical spelling. */
  readonly values: readonly string[];
  readonly parametersVersion: string;
  readonly totals: ProgrammeTotals;
  readonly metrics: PointMetrics & { readonly unallocated: Fen };
  /** Per group key asked for (scale, city, …), per value. */
  readonly groups: Readonly<Record<string, readonly GroupMetrics[]>>;
}

export interface Sweep {
  readonly axes: readonly SweepAxis[];
  readonly points: readonly SweepPoint[];
}

export interface SweepOptions {
  /** The group keys to break each point down by (`scale`, `city`, …); `true` for all of them. None by default. */
  readonly groups?: readonly string[] | true;
}

/**
 * Evaluates the population at every point of one axis, or of a grid of two (the first axis
 * outermost). Each point is the baseline with the swept values applied (the `budget` axis sets
 * the envelope). The population is the evaluator's, parsed once.
 */
export function sweep(
  evaluator: PointEvaluator,
  baseline: SweepBaseline,
  axes: readonly [SweepAxis] | readonly [SweepAxis, SweepAxis],
  options: SweepOptions = {},
): Result<Sweep> {
  const [first, second] = axes;
  if (second !== undefined && second.path === first.path) {
    return fail(
      problem('SWEEP.SAME_PATH', `both axes sweep ${first.path}: a grid needs two different paths`, { path: ['grid'], value: second.path }),
    );
  }
  const size = first.values.length * (second?.values.length ?? 1);
  if (size > MAX_GRID_POINTS) {
    return fail(
      problem(
        'SWEEP.TOO_MANY_POINTS',
        `the grid has ${size.toLocaleString('en-US')} points, more than ${MAX_GRID_POINTS.toLocaleString('en-US')}: take larger steps`,
        { path: ['grid'] },
      ),
    );
  }
  const combinations = first.values.flatMap((a) => (second === undefined ? [[a]] : second.values.map((b) => [a, b])));
  const points: SweepPoint[] = [];
  let codes: GroupCodes | undefined;
  for (const values of combinations) {
    let budget = baseline.budget;
    const overrides: { path: string; value: string }[] = [];
    axes.forEach((axis, k) => {
      const value = values[k] ?? '';
      if (axis.path === BUDGET_PATH) budget = unwrapAmount(value);
      else overrides.push({ path: axis.path, value });
    });
    const parameters = overrides.length === 0 ? ok(baseline.parameters) : applyReform(baseline.registry, baseline.parameters, overrides);
    if (!parameters.ok) return parameters;
    const outcome = evaluator.evaluate(parameters.value, budget, baseline.method);
    if (!outcome.ok) return outcome;
    if (options.groups !== undefined) codes ??= groupCodes(evaluator.groups(), options.groups);
    points.push({
      values,
      parametersVersion: parameters.value.version,
      totals: outcome.value.totals,
      metrics: { ...metricsOf(outcome.value), unallocated: outcome.value.totals.unallocated },
      groups: codes === undefined ? {} : groupMetrics(outcome.value, codes),
    });
  }
  return ok({ axes, points });
}

function unwrapAmount(display: string): Fen {
  const value = parseParameterValue('amount', display, []);
  if (!value.ok) throw new Error(`budget ${display}: a checked value was refused`);
  return value.value;
}

function metricsOf(o: PointOutcome): PointMetrics {
  const n = o.awards.length;
  let cost = 0;
  let funded = 0;
  let capped = 0;
  const { awards } = o;
  for (let i = 0; i < n; i++) {
    const a = awards[i] as number;
    cost += a;
    if (a > 0) funded++;
    capped += o.capped[i] as number;
  }
  const paid = new Float64Array(funded);
  for (let i = 0, j = 0; i < n; i++) if ((awards[i] as number) > 0) paid[j++] = awards[i] as number;
  return {
    recipients: n,
    entitlement: o.totals.entitlement,
    cost: fen(cost),
    funded,
    capped,
    meanAward: meanFen(cost, funded),
    medianAward: medianFen(paid),
  };
}

/** The group keys asked for, each column coded once. */
interface GroupCodes {
  readonly keys: readonly (GroupColumn & { readonly key: string })[];
}

function groupCodes(groups: Groups, wanted: readonly string[] | true): GroupCodes {
  return {
    keys: Object.entries(groups)
      .filter(([key]) => wanted === true || wanted.includes(key))
      .map(([key, column]) => ({ key, ...groupColumn(column) })),
  };
}

function groupMetrics(o: PointOutcome, codes: GroupCodes): Record<string, GroupMetrics[]> {
  const out: Record<string, GroupMetrics[]> = {};
  const n = o.awards.length;
  const { awards, entitlements, capped: cappedFlags } = o;
  for (const { key, values, codes: code } of codes.keys) {
    const m = values.length;
    const recipients = new Float64Array(m);
    const entitlement = new Float64Array(m);
    const cost = new Float64Array(m);
    const funded = new Int32Array(m + 1);
    const capped = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const c = code[i] as number;
      const a = awards[i] as number;
      recipients[c] = (recipients[c] as number) + 1;
      entitlement[c] = (entitlement[c] as number) + (entitlements[i] as number);
      cost[c] = (cost[c] as number) + a;
      if (a > 0) funded[c] = (funded[c] as number) + 1;
      capped[c] = (capped[c] as number) + (cappedFlags[i] as number);
    }
    // The funded awards, grouped by value (a counting sort), for each group's median.
    const start = new Int32Array(m + 1);
    for (let c = 0; c < m; c++) start[c + 1] = (start[c] as number) + (funded[c] as number);
    const next = start.slice(0, m);
    const paid = new Float64Array(start[m] as number);
    for (let i = 0; i < n; i++) {
      const a = awards[i] as number;
      if (a <= 0) continue;
      const c = code[i] as number;
      paid[next[c] as number] = a;
      next[c] = (next[c] as number) + 1;
    }
    out[key] = values.map((value, c) => ({
      value,
      recipients: recipients[c] ?? 0,
      entitlement: fen(entitlement[c] ?? 0),
      cost: fen(cost[c] ?? 0),
      funded: funded[c] ?? 0,
      capped: capped[c] ?? 0,
      meanAward: meanFen(cost[c] ?? 0, funded[c] ?? 0),
      medianAward: medianFen(paid.subarray(start[c] ?? 0, start[c + 1] ?? 0)),
    }));
  }
  return out;
}
