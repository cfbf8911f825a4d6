import { compareFractions } from '../exact/index.js';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { fen, type Fen } from '../money/index.js';
import { canonicalJson, contentHash, type ParameterSet } from '../parameters/index.js';
import type { Baseline } from '../programmes/baseline.js';
import type { Programme, ProgrammeOutcome, ProgrammeTotals } from '../programmes/programme.js';
import { ENGINE_VERSION } from '../version.js';
import { DEFAULT_SIZE_EDGES, positiveBandIndex, positiveBands, type Band } from './bands.js';
import { diffOutcomes, type DiffOptions, type OutcomeDiff } from './diff.js';
import { applyReform, type Reform } from './reform.js';
import { shareText } from './stats.js';
import { summarizeReform, type ReformSummary } from './summary.js';

export interface CompareOptions extends DiffOptions {
  /** Also share the envelope by each of these methods, for the baseline and every reform. */
  readonly methods?: readonly string[];
  /** Positive edges of the entitlement size bands of the method comparison. Default 10万, 50万, 100万, 500万. */
  readonly sizeBands?: readonly Fen[];
}

export interface ReformComparison {
  readonly reform: Reform;
  readonly summary: ReformSummary;
  readonly parameters: ParameterSet;
  readonly outcome: ProgrammeOutcome;
  readonly diff: OutcomeDiff;
}

/** How much of their entitlement the recipients of one entitlement size band receive. */
export interface SizeBandRow {
  readonly band: Band;
  readonly recipients: number;
  readonly entitlement: Fen;
  readonly awarded: Fen;
  /** Σ awarded / Σ entitlement, four places, rounded down; null for an empty band. */
  readonly share: string | null;
  /** The smallest share any one recipient of the band receives, four places, rounded down; null for an empty band. */
  readonly minShare: string | null;
  /** Recipients paid their whole entitlement. */
  readonly fullyFunded: number;
  /** Recipients paid nothing. */
  readonly unfunded: number;
}

export interface MethodOutcome {
  readonly method: string;
  readonly totals: ProgrammeTotals;
  readonly bands: readonly SizeBandRow[];
}

/** The same parameters under several envelope methods: who receives what share of their entitlement. */
export interface MethodComparison {
  /** `baseline` or a reform's name. */
  readonly variant: string;
  /** Recipients with no entitlement (in no band). */
  readonly noEntitlement: number;
  readonly methods: readonly MethodOutcome[];
}

export interface Comparison {
  readonly programme: string;
  readonly date: string;
  readonly budget: Fen;
  readonly method: string;
  readonly engineVersion: string;
  /** Hash of the baseline's content (programme, parameter values, envelope, method) @ engine version. */
  readonly baselineKey: string;
  readonly baseline: ProgrammeOutcome;
  readonly reforms: readonly ReformComparison[];
  readonly methods: readonly MethodComparison[];
}

/**
 * Compares a baseline with each reform on one population, parsed once: the baseline is evaluated
 * once, each reform once, and their outcomes are diffed recipient by recipient. With `methods`,
 * each variant is also shared by every method named. Every figure is exact (integer fen).
 */
export function compare<A>(
  baseline: Baseline<A>,
  reforms: readonly Reform[],
  population: A,
  options: CompareOptions = {},
): Result<Comparison> {
  const { programme, budget, method } = baseline;
  const base = programme.evaluate(population, baseline.parameters, { budget, method });
  if (!base.ok) return base;
  const problems: Problem[] = reforms.flatMap((reform) => foreignPaths(reform, baseline));
  if (problems.length > 0) return fail(...problems);
  const compared: ReformComparison[] = [];
  for (const reform of reforms) {
    const parameters = applyReform(baseline.registry, baseline.parameters, reform.overrides);
    const outcome = parameters.ok ? programme.evaluate(population, parameters.value, { budget, method }) : parameters;
    if (!parameters.ok || !outcome.ok) {
      problems.push(...(outcome.ok ? [] : outcome.problems));
      continue;
    }
    compared.push({
      reform,
      summary: summarizeReform(reform, baseline.parameters),
      parameters: parameters.value,
      outcome: outcome.value,
      diff: diffOutcomes(base.value, outcome.value, options),
    });
  }
  if (problems.length > 0) return fail(...problems);

  const methods: MethodComparison[] = [];
  if (options.methods !== undefined && options.methods.length > 0) {
    const variants = [
      { variant: 'baseline', parameters: baseline.parameters, outcome: base.value },
      ...compared.map((c) => ({ variant: c.reform.name, parameters: c.parameters, outcome: c.outcome })),
    ];
    for (const v of variants) {
      const byMethod = compareMethods(programme, population, v.parameters, budget, options.methods, v.outcome, options.sizeBands);
      if (!byMethod.ok) return byMethod;
      methods.push({ variant: v.variant, ...byMethod.value });
    }
  }
  return ok({
    programme: programme.key,
    date: baseline.parameters.date,
    budget,
    method,
    engineVersion: ENGINE_VERSION,
    baselineKey: baselineKey(baseline),
    baseline: base.value,
    reforms: compared,
    methods,
  });
}

/** A reform may only set the programme's own parameters: any other is refused, never ignored. */
function foreignPaths(reform: Reform, baseline: Baseline<unknown>): Problem[] {
  return reform.overrides
    .filter((o) => !baseline.registry.has(o.path))
    .map((o) =>
      problem(
        'REFORM.WRONG_PROGRAMME',
        `reform ${JSON.stringify(reform.name)} sets ${o.path}, which is not a parameter of ${baseline.programme.key}`,
        {
          value: o.path,
        },
      ),
    );
}

/** The baseline's identity by content: the programme, every parameter value in force, the envelope and method. */
export function baselineKey(baseline: Pick<Baseline, 'programme' | 'parameters' | 'budget' | 'method'>): string {
  const values = baseline.parameters.all().map((p) => [p.definition.path, p.display]);
  const content = {
    programme: baseline.programme.key,
    date: baseline.parameters.date,
    parameters: values,
    budget: baseline.budget,
    method: baseline.method,
  };
  return `${contentHash(canonicalJson(content))}@${ENGINE_VERSION}`;
}

function compareMethods<A>(
  programme: Programme<A>,
  population: A,
  parameters: ParameterSet,
  budget: Fen,
  methods: readonly string[],
  already: ProgrammeOutcome,
  sizeEdges: readonly Fen[] = DEFAULT_SIZE_EDGES,
): Result<Omit<MethodComparison, 'variant'>> {
  const out: MethodOutcome[] = [];
  let noEntitlement = 0;
  for (const method of methods) {
    const outcome = method === already.method ? ok(already) : programme.evaluate(population, parameters, { budget, method });
    if (!outcome.ok) return outcome;
    const sized = sizeBandRows(outcome.value, sizeEdges);
    noEntitlement = sized.noEntitlement;
    out.push({ method, totals: outcome.value.totals, bands: sized.rows });
  }
  return ok({ noEntitlement, methods: out });
}

/** Recipients by the size of their entitlement, with what share of it they receive. */
export function sizeBandRows(outcome: ProgrammeOutcome, edges: readonly Fen[]): { rows: SizeBandRow[]; noEntitlement: number } {
  const bands = positiveBands(edges);
  const acc = bands.map(() => ({ recipients: 0, entitlement: 0, awarded: 0, fullyFunded: 0, unfunded: 0, minA: 1, minE: 1 }));
  let noEntitlement = 0;
  outcome.entitlements.forEach((e, i) => {
    if (e <= 0) {
      noEntitlement++;
      return;
    }
    const a = outcome.awards[i] ?? 0;
    const row = acc[positiveBandIndex(e, edges)];
    if (row === undefined) return;
    row.recipients++;
    row.entitlement += e;
    row.awarded += a;
    if (a === e) row.fullyFunded++;
    if (a === 0) row.unfunded++;
    if (compareFractions(a, e, row.minA, row.minE) < 0) {
      row.minA = a;
      row.minE = e;
    }
  });
  return {
    noEntitlement,
    rows: bands.map((band, b) => {
      const r = acc[b] ?? { recipients: 0, entitlement: 0, awarded: 0, fullyFunded: 0, unfunded: 0, minA: 1, minE: 1 };
      return {
        band,
        recipients: r.recipients,
        entitlement: fen(r.entitlement),
        awarded: fen(r.awarded),
        share: r.recipients === 0 ? null : shareText(r.awarded, r.entitlement),
        minShare: r.recipients === 0 ? null : shareText(r.minA, r.minE),
        fullyFunded: r.fullyFunded,
        unfunded: r.unfunded,
      };
    }),
  };
}
