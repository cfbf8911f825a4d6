import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { rateToString } from '../exact/index.js';
import { fen, type Fen } from '../money/index.js';
import { canonicalJson, contentHash } from '../parameters/index.js';
import { programmeOfParameter, programmeRegistry } from '../programmes/catalogue.js';
import {
  evaluateScenario,
  type EvaluateScenarioOptions,
  type Scenario,
  type ScenarioProgramme,
  type ScenarioResult,
} from '../scenario/index.js';
import { ENGINE_VERSION } from '../version.js';
import { diffOutcomes, type DiffOptions, type OutcomeDiff, type TotalsChange } from './diff.js';
import { applyReform, type Reform } from './reform.js';
import { summarizeReform, type ReformSummary } from './summary.js';

/**
 * A scenario's identity by content: its date, sources, and each programme's envelope, method,
 * date, parameter values, funding and applicants; when given, its years, batches, commitments,
 * co-financing, rule for unallocated money, exclusion list and enterprise cap. Its name, title, description and the labels and
 * citations of its sources are words about it, not its content: changing them keeps the hash.
 * (An applicants file counts by its path; its text is the caller's to hash.)
 */
export function scenarioHash(scenario: Scenario): string {
  const content = {
    date: scenario.date,
    sources: scenario.sources.map((s) => s.key),
    programmes: scenario.programmes.map((p) => ({
      id: p.id,
      programme: p.programme.key,
      envelope: p.envelope,
      method: p.method,
      date: p.date,
      parameters: p.parameters
        .all()
        .filter((x) => x.overridden)
        .map((x) => [x.definition.path, x.display]),
      funding: p.funding,
      applicants:
        p.applicants.kind === 'generate'
          ? { population: p.applicants.request.population.key, count: p.applicants.request.count, seed: p.applicants.request.seed }
          : p.applicants,
      // What moves money between entries, only when given, so that a scenario without it keeps its hash.
      ...(scenario.multiYear ? { year: p.year, batch: p.batch ?? null, series: p.series } : {}),
      ...(p.commitment === undefined ? {} : { commitment: p.commitment.years }),
      ...(p.cofinancing === undefined
        ? {}
        : { cofinancing: [rateToString(p.cofinancing.regional), [...p.cofinancing.cities].map(([c, r]) => [c, rateToString(r)])] }),
    })),
    ...(scenario.unallocated === undefined ? {} : { unallocated: scenario.unallocated }),
    ...(scenario.exclusions.length === 0
      ? {}
      : {
          exclusions: scenario.exclusions.map((e) => [
            e.creditCode ?? null,
            e.id ?? null,
            e.programmes ?? null,
            e.from ?? null,
            e.until ?? null,
          ]),
        }),
    ...(scenario.enterpriseCap === undefined ? {} : { enterpriseCap: [scenario.enterpriseCap.amount, scenario.enterpriseCap.order] }),
  };
  return contentHash(canonicalJson(content));
}

export interface ProgrammeChange {
  readonly id: string;
  readonly programme: string;
  readonly summary: ReformSummary;
  readonly diff: OutcomeDiff;
}

export interface SourceChange {
  readonly key: string;
  readonly baseline: { readonly awarded: Fen; readonly unallocated: Fen };
  readonly reform: { readonly awarded: Fen; readonly unallocated: Fen };
  readonly change: { readonly awarded: Fen; readonly unallocated: Fen };
}

export interface ScenarioReformComparison {
  readonly reform: Reform;
  readonly result: ScenarioResult;
  readonly totals: { readonly change: TotalsChange };
  /** Cost by programme: every programme of the scenario, in its order. */
  readonly programmes: readonly ProgrammeChange[];
  /** Cost by funding source. */
  readonly sources: readonly SourceChange[];
}

export interface ScenarioComparison {
  readonly scenario: { readonly name: string; readonly title: string; readonly hash: string; readonly key: string };
  readonly engineVersion: string;
  readonly baseline: ScenarioResult;
  readonly reforms: readonly ScenarioReformComparison[];
}

/**
 * Compares a scenario with each reform applied to it: every programme whose parameters a reform
 * sets is re-evaluated with the reform on top of the scenario's own parameters; the cost changes
 * by programme and by funding source, and each programme's per-recipient diff. A reform that sets
 * a parameter of a programme the scenario does not fund is refused (it would change nothing).
 */
export function compareScenario(
  scenario: Scenario,
  reforms: readonly Reform[],
  options: EvaluateScenarioOptions & DiffOptions = {},
): Result<ScenarioComparison> {
  const problems = reforms.flatMap((r) => unfunded(r, scenario));
  if (problems.length > 0) return fail(...problems);
  const baseline = evaluateScenario(scenario, options);
  if (!baseline.ok) return baseline;
  const compared: ScenarioReformComparison[] = [];
  for (const [index, reform] of reforms.entries()) {
    const variant = reformed(scenario, reform);
    if (!variant.ok) return variant;
    const result = evaluateScenario(variant.value, options);
    // The baseline evaluated: what fails now is the reform's doing, located at it (then at the programme).
    if (!result.ok)
      return fail(
        ...result.problems.map((p) =>
          problem(p.code, `reform ${JSON.stringify(reform.name)}: ${p.message}`, {
            ...p.location,
            path: ['reforms', index, ...(p.location?.path ?? [])],
          }),
        ),
      );
    compared.push(compareResults(baseline.value, result.value, reform, options));
  }
  const hash = scenarioHash(scenario);
  return ok({
    scenario: { name: scenario.name, title: scenario.title, hash, key: `${hash}@${ENGINE_VERSION}` },
    engineVersion: ENGINE_VERSION,
    baseline: baseline.value,
    reforms: compared,
  });
}

/**
 * What would refuse the reform on this scenario, found without evaluating anything: a parameter
 * of a programme the scenario does not fund, or parameters the reform leaves inconsistent on
 * some programme's date. Lets a caller refuse a comparison, each reform at its place, before
 * starting the long part.
 */
export function reformProblems(scenario: Scenario, reform: Reform): Problem[] {
  const outside = unfunded(reform, scenario);
  if (outside.length > 0) return outside;
  const variant = reformed(scenario, reform);
  return variant.ok ? [] : [...variant.problems];
}

function unfunded(reform: Reform, scenario: Scenario): Problem[] {
  return reform.overrides.flatMap((o) => {
    const owner = programmeOfParameter(o.path);
    if (owner !== undefined && scenario.programmes.some((p) => p.programme.key === owner.key)) return [];
    return [
      problem(
        'REFORM.NOT_IN_SCENARIO',
        `reform ${JSON.stringify(reform.name)} sets ${o.path}, but the scenario ${scenario.name} has no ${owner?.key ?? 'such'} programme: it would change nothing`,
        { value: o.path },
      ),
    ];
  });
}

/** The scenario with the reform on top of each programme's parameters. */
function reformed(scenario: Scenario, reform: Reform): Result<Scenario> {
  const programmes: ScenarioProgramme[] = [];
  for (const entry of scenario.programmes) {
    const registry = programmeRegistry(entry.programme.key);
    if (!reform.overrides.some((o) => registry.has(o.path))) {
      programmes.push(entry);
      continue;
    }
    const parameters = applyReform(registry, entry.parameters, reform.overrides);
    if (!parameters.ok) return fail(...parameters.problems.map((p) => problem(p.code, `${entry.id}: ${p.message}`, p.location)));
    programmes.push({ ...entry, parameters: parameters.value });
  }
  return ok({ ...scenario, programmes });
}

function compareResults(baseline: ScenarioResult, result: ScenarioResult, reform: Reform, options: DiffOptions): ScenarioReformComparison {
  const programmes = baseline.programmes.map((b, i): ProgrammeChange => {
    const r = result.programmes[i];
    if (r === undefined) throw new Error(`no reformed result for ${b.entry.id}`);
    return {
      id: b.entry.id,
      programme: b.entry.programme.key,
      summary: summarizeReform(reform, b.entry.parameters),
      diff: diffOutcomes(b.outcome, r.outcome, options),
    };
  });
  const sources = baseline.ledger.sources.map((s, i): SourceChange => {
    const r = result.ledger.sources[i] ?? s;
    return {
      key: s.key,
      baseline: { awarded: s.awarded, unallocated: s.unallocated },
      reform: { awarded: r.awarded, unallocated: r.unallocated },
      change: { awarded: fen(r.awarded - s.awarded), unallocated: fen(r.unallocated - s.unallocated) },
    };
  });
  const t = (x: ScenarioResult): ScenarioResult['totals'] => x.totals;
  return {
    reform,
    result,
    totals: {
      change: {
        entitlement: fen(t(result).entitlement - t(baseline).entitlement),
        awarded: fen(t(result).awarded - t(baseline).awarded),
        unallocated: fen(t(result).unallocated - t(baseline).unallocated),
      },
    },
    programmes,
    sources,
  };
}
