import {
  compare,
  compareScenario,
  parseReforms,
  programmeEvaluator,
  rdIncentiveEvaluator,
  sweep,
  sweepAxis,
  type ReformFile,
  type SweepAxis,
} from '@bagui/core/compare';
import { fail, ok, problem, type Problem, type Result } from '@bagui/core/errors';
import { generateCsv } from '@bagui/core/generate';
import { findProgramme, parameterRegistry, programmeRegistry, type Programme, type ProgrammeOutcome } from '@bagui/core/programmes';
import type { EnterpriseTable } from '@bagui/core/programmes/rd-incentive';
import {
  evaluateScenario,
  parseScenario,
  scenarioResultToJson,
  type Scenario,
  type ScenarioFile,
  type ScenarioProgramme,
  type ScenarioResult,
} from '@bagui/core/scenario';
import type {
  ApplicantsLoaded,
  CompareView,
  EngineAnswers,
  EngineKind,
  EngineRequest,
  EngineResult,
  GroupSum,
  HistogramBin,
  MethodRow,
  ProgrammeRow,
  ProgrammeView,
  ReformView,
  ScenarioView,
  SweepAxisSpec,
  SweepView,
} from './protocol';

type Path = readonly (string | number)[];

/** A scenario whose applicants are already read: each entry's programme hands back the cached applicants. */
interface Prepared {
  readonly scenario: Scenario;
  /** The applicants of each programme entry, by entry id, as its programme reads them. */
  readonly applicants: ReadonlyMap<string, unknown>;
  /** The programmes as the catalogue has them (the prepared entries wrap them). */
  readonly programmes: ReadonlyMap<string, Programme>;
}

/** Generated populations and records kept across recomputes; files stay until replaced. */
const KEPT_POPULATIONS = 16;
const HISTOGRAM_BINS = 20;

/**
 * The planner's engine: what the Web Worker runs, and what Node runs in tests and benchmarks.
 * It holds the applicants it has read (files dropped on the page, generated populations), so that
 * a recompute after an edit of parameters, envelopes or methods runs the rule and the envelope
 * only — never the parse. Everything else is @bagui/core: parseScenario, evaluateScenario,
 * compareScenario, sweep, the programmes' own readers.
 */
export class PlannerEngine {
  readonly #files = new Map<string, { readonly programme: string; readonly value: unknown; readonly count: number }>();
  readonly #populations = new Map<string, unknown>();
  #last: { readonly key: string; readonly prepared: Prepared; readonly result: ScenarioResult } | undefined;

  /** Answers a request: at once, or (a workbook) once its writer has loaded. */
  respond(request: EngineRequest): EngineResult<EngineAnswers[EngineKind]> | Promise<EngineResult<EngineAnswers[EngineKind]>> {
    return request.kind === 'exportWorkbook' ? this.exportWorkbook(request.scenario, request.lang, request.ranAt) : this.handle(request);
  }

  handle(request: Exclude<EngineRequest, { kind: 'exportWorkbook' }>): EngineResult<EngineAnswers[EngineKind]> {
    switch (request.kind) {
      case 'evaluate':
        return this.evaluate(request.scenario);
      case 'programme':
        return this.programme(request.scenario, request.programmeId);
      case 'trace':
        return this.trace(request.scenario, request.programmeId, request.index);
      case 'loadApplicants':
        return this.loadApplicants(request.programme, request.path, request.text);
      case 'compare':
        return this.compare(request.scenario, request.reforms);
      case 'sweep':
        return this.sweep(request.scenario, request.programmeId, request.axes);
      case 'exportResults':
        return this.exportResults(request.scenario);
      default:
        throw new Error(`unknown request ${String((request as { kind: unknown }).kind)}`);
    }
  }

  /** Reads an applicants file (CSV text) with the programme's own reader; kept under `path` for scenarios that name it. */
  loadApplicants(programmeKey: string, path: string, text: string): EngineResult<ApplicantsLoaded> {
    const programme = findProgramme(programmeKey);
    if (programme === undefined) {
      return fail(problem('SCENARIO.UNKNOWN_PROGRAMME', `unknown programme ${JSON.stringify(programmeKey)}`, { value: programmeKey }));
    }
    const read = programme.readApplicantsCsv(text);
    if (!read.ok) return read;
    const count = countOf(read.value);
    this.#files.set(path, { programme: programmeKey, value: read.value, count });
    this.#last = undefined;
    return ok({ path, programme: programmeKey, count });
  }

  evaluate(file: ScenarioFile): EngineResult<ScenarioView> {
    const run = this.#run(file);
    if (!run.ok) return run;
    const { result } = run.value;
    const json = scenarioResultToJson(result);
    return ok({
      name: result.scenario.name,
      title: result.scenario.title,
      totals: { ...result.totals },
      programmes: result.programmes.map((p) => programmeRow(p.entry, p.outcome)),
      flows: result.ledger.sources.flatMap((s) =>
        s.programmes.map((l) => ({
          source: s.key,
          programme: l.programme,
          allocated: l.allocated,
          awarded: l.awarded,
          unallocated: l.unallocated,
        })),
      ),
      totalsJson: JSON.stringify(json.totals, null, 2),
    });
  }

  programme(file: ScenarioFile, programmeId: string): EngineResult<ProgrammeView> {
    const run = this.#run(file);
    if (!run.ok) return run;
    const { prepared, result } = run.value;
    const found = this.#entry(result, programmeId);
    if (!found.ok) return found;
    const { entry, outcome } = found.value;
    const n = outcome.ids.length;
    const capped = new Uint8Array(n);
    for (let i = 0; i < n; i++) capped[i] = outcome.capsBound(i).length > 0 ? 1 : 0;
    const programme = prepared.programmes.get(entry.id) ?? entry.programme;
    const methods = this.#methods(programme, entry, prepared.applicants.get(entry.id));
    if (!methods.ok) return methods;
    return ok({
      id: entry.id,
      programme: programme.key,
      method: entry.method,
      totals: programmeRow(entry, outcome),
      ids: outcome.ids,
      entitlements: Float64Array.from(outcome.entitlements),
      awards: Float64Array.from(outcome.awards),
      capped,
      groups: outcome.groups,
      byGroup: groupSums(outcome),
      cappedVsScaled: cappedVsScaled(outcome, capped),
      histogram: histogram(outcome.awards),
      methods: methods.value,
    });
  }

  trace(file: ScenarioFile, programmeId: string, index: number): EngineResult<EngineAnswers['trace']> {
    const run = this.#run(file);
    if (!run.ok) return run;
    const found = this.#entry(run.value.result, programmeId);
    if (!found.ok) return found;
    const { outcome } = found.value;
    if (!Number.isInteger(index) || index < 0 || index >= outcome.ids.length) {
      return fail(
        problem('TRACE.NO_RECIPIENT', `no recipient ${index}: ${programmeId} has ${outcome.ids.length}`, { value: String(index) }),
      );
    }
    return ok(outcome.trace(index));
  }

  compare(file: ScenarioFile, reformFiles: readonly ReformFile[]): EngineResult<CompareView> {
    const prepared = this.#prepare(file);
    if (!prepared.ok) return prepared;
    const list = parseReforms(reformFiles, parameterRegistry);
    if (list.problems.length > 0) return fail(...relocate(list.problems, ['reforms']));
    const comparison = compareScenario(
      prepared.value.scenario,
      list.reforms.map(({ reform }) => reform),
    );
    if (!comparison.ok) return comparison;
    const { baseline } = comparison.value;
    return ok({
      baseline: { awarded: baseline.totals.awarded, unallocated: baseline.totals.unallocated, entitlement: baseline.totals.entitlement },
      reforms: comparison.value.reforms.map((r): ReformView => {
        const changed = r.programmes.filter((p) => p.summary.changes.length > 0);
        const heading = changed[0]?.summary.text ?? { zh: [`改革方案“${r.reform.name}”`], en: [`Reform "${r.reform.name}"`] };
        const lines = (lang: 'zh' | 'en'): string[] => [
          ...(heading[lang] ?? []).slice(0, r.reform.description === undefined ? 1 : 2),
          ...changed.flatMap((p) => p.summary.changes.map((c) => c.text[lang])),
        ];
        const bands = new Map<string, { label: { zh: string; en: string }; recipients: number; change: number }>();
        for (const p of r.programmes) {
          for (const b of p.diff.bands) {
            const key = b.band.label.en;
            const row = bands.get(key) ?? { label: { zh: b.band.label.zh, en: b.band.label.en }, recipients: 0, change: 0 };
            row.recipients += b.recipients;
            row.change += b.change;
            bands.set(key, row);
          }
        }
        return {
          name: r.reform.name,
          summary: { zh: lines('zh'), en: lines('en') },
          totals: {
            awarded: r.result.totals.awarded,
            unallocated: r.result.totals.unallocated,
            entitlement: r.result.totals.entitlement,
          },
          change: { ...r.totals.change },
          programmes: r.programmes.map((p) => ({
            id: p.id,
            programme: p.programme,
            baseline: p.diff.totals.baseline.awarded,
            reform: p.diff.totals.reform.awarded,
            change: p.diff.totals.change.awarded,
            winners: p.diff.awards.winners,
            losers: p.diff.awards.losers,
            unchanged: p.diff.awards.unchanged,
          })),
          sources: r.sources.map((s) => ({ key: s.key, baseline: s.baseline.awarded, reform: s.reform.awarded, change: s.change.awarded })),
          bands: [...bands.values()],
          groups: changed.flatMap((p) =>
            Object.entries(p.diff.groups).flatMap(([key, rows]) =>
              rows.map((g) => ({
                programme: p.id,
                key,
                value: g.value,
                recipients: g.recipients,
                change: g.change.awarded,
                winners: g.winners,
                losers: g.losers,
              })),
            ),
          ),
        };
      }),
    });
  }

  sweep(file: ScenarioFile, programmeId: string, specs: readonly SweepAxisSpec[]): EngineResult<SweepView> {
    const prepared = this.#prepare(file);
    if (!prepared.ok) return prepared;
    const entry = prepared.value.scenario.programmes.find((p) => p.id === programmeId);
    const programme = prepared.value.programmes.get(programmeId);
    const applicants = prepared.value.applicants.get(programmeId);
    if (entry === undefined || programme === undefined) return fail(noProgramme(programmeId, prepared.value.scenario));
    const registry = programmeRegistry(programme.key);
    const axes: SweepAxis[] = [];
    const problems: Problem[] = [];
    specs.forEach((spec, k) => {
      const axis = sweepAxis(registry, spec.path, { from: spec.from, to: spec.to, step: spec.step });
      if (axis.ok) axes.push(axis.value);
      else problems.push(...relocate(axis.problems, ['axes', k]));
    });
    const [first, second] = axes;
    if (problems.length > 0 || first === undefined) return fail(...problems);
    const evaluator =
      programme.key === 'rd_incentive' ? rdIncentiveEvaluator(applicants as EnterpriseTable) : programmeEvaluator(programme, applicants);
    const swept = sweep(
      evaluator,
      { registry, parameters: entry.parameters, budget: entry.envelope, method: entry.method },
      second === undefined ? [first] : [first, second],
    );
    if (!swept.ok) return swept;
    return ok({
      axes: swept.value.axes.map((a) => ({ path: a.path, kind: a.kind, values: a.values })),
      points: swept.value.points.map((p) => ({
        values: p.values,
        cost: p.metrics.cost,
        funded: p.metrics.funded,
        capped: p.metrics.capped,
        unallocated: p.metrics.unallocated,
      })),
    });
  }

  /** Every recipient of every programme: entitlement, award, and the award by funding source. */
  exportResults(file: ScenarioFile): EngineResult<string[][]> {
    const run = this.#run(file);
    if (!run.ok) return run;
    const json = scenarioResultToJson(run.value.result, { recipients: true });
    const sources = json.sources.map((s) => s.key);
    const header = ['programme_id', 'programme', 'programme_zh', 'recipient', 'entitlement', 'award', ...sources];
    const rows = json.programmes.flatMap((p) =>
      (p.recipients ?? []).map((r) => [
        p.id,
        p.programme,
        p.label.zh,
        r.id,
        r.entitlement,
        r.award,
        ...sources.map((s) => r.sources[s] ?? ''),
      ]),
    );
    return ok([header, ...rows]);
  }

  /** Every programme's results, parameters and explanations as an XLSX workbook (engine/workbook.ts, loaded on first use). */
  async exportWorkbook(file: ScenarioFile, lang: 'zh' | 'en', ranAt: string): Promise<EngineResult<Uint8Array>> {
    const run = this.#run(file);
    if (!run.ok) return run;
    const { scenarioWorkbook } = await import('./workbook');
    return scenarioWorkbook(run.value.result, run.value.prepared.applicants, lang, ranAt);
  }

  #entry(result: ScenarioResult, id: string): Result<{ entry: ScenarioProgramme; outcome: ProgrammeOutcome }> {
    const p = result.programmes.find((x) => x.entry.id === id);
    return p === undefined ? fail(noProgramme(id, result.scenario)) : ok({ entry: p.entry, outcome: p.outcome });
  }

  #methods(programme: Programme, entry: ScenarioProgramme, applicants: unknown): Result<MethodRow[]> {
    const compared = compare(
      { programme, registry: programmeRegistry(programme.key), parameters: entry.parameters, budget: entry.envelope, method: entry.method },
      [],
      applicants,
      { methods: programme.methods },
    );
    if (!compared.ok) return compared;
    const variant = compared.value.methods[0];
    return ok(
      (variant?.methods ?? []).map((m) => {
        let fullyFunded = 0;
        let unfunded = 0;
        for (const b of m.bands) {
          fullyFunded += b.fullyFunded;
          unfunded += b.unfunded;
        }
        const inBands = m.bands.reduce((n, b) => n + b.recipients, 0);
        return {
          method: m.method,
          entitlement: m.totals.entitlement,
          awarded: m.totals.awarded,
          unallocated: m.totals.unallocated,
          funded: inBands - unfunded,
          fullyFunded,
          bands: m.bands.map((b) => ({
            label: b.band.label,
            recipients: b.recipients,
            entitlement: b.entitlement,
            awarded: b.awarded,
            share: b.share,
          })),
        };
      }),
    );
  }

  /** The scenario evaluated, reusing the last result when the file has not changed (a trace after a recompute). */
  #run(file: ScenarioFile): Result<{ prepared: Prepared; result: ScenarioResult }> {
    const key = JSON.stringify(file);
    if (this.#last?.key === key) return ok(this.#last);
    const prepared = this.#prepare(file);
    if (!prepared.ok) return prepared;
    const result = evaluateScenario(prepared.value.scenario);
    if (!result.ok) return result;
    this.#last = { key, prepared: prepared.value, result: result.value };
    return ok(this.#last);
  }

  /** parseScenario, then every programme's applicants from what this engine holds, read only when new. */
  #prepare(file: ScenarioFile): Result<Prepared> {
    const parsed = parseScenario(file);
    if (!parsed.ok) return parsed;
    const problems: Problem[] = [];
    const applicants = new Map<string, unknown>();
    const programmes = new Map<string, Programme>();
    const entries = parsed.value.programmes.map((entry): ScenarioProgramme => {
      const value = this.#applicants(entry);
      programmes.set(entry.id, entry.programme);
      if (!value.ok) {
        problems.push(...value.problems);
        return entry;
      }
      applicants.set(entry.id, value.value);
      const held = value.value;
      const programme: Programme = { ...entry.programme, readApplicants: () => ok(held), readApplicantsCsv: () => ok(held) };
      return { ...entry, programme, applicants: { kind: 'records', records: [] } };
    });
    if (problems.length > 0) return fail(...problems);
    return ok({ scenario: { ...parsed.value, programmes: entries }, applicants, programmes });
  }

  #applicants(entry: ScenarioProgramme): Result<unknown> {
    const at: Path = ['programmes', entry.index, 'applicants'];
    const { applicants, programme } = entry;
    switch (applicants.kind) {
      case 'file': {
        const held = this.#files.get(applicants.path);
        if (held === undefined || held.programme !== programme.key) {
          return fail(
            problem(
              'APPLICANTS.NOT_LOADED',
              `the applicants file ${applicants.path} is not loaded: drop it on ${entry.id}'s applicants page`,
              { path: [...at, 'file'], value: applicants.path },
            ),
          );
        }
        return ok(held.value);
      }
      case 'generate': {
        const { request } = applicants;
        return this.#kept(`generate|${programme.key}|${request.count}|${request.seed}`, () =>
          inFile(programme.readApplicantsCsv(generateCsv(request)), [...at, 'generate']),
        );
      }
      case 'records':
        return this.#kept(`records|${programme.key}|${JSON.stringify(applicants.records)}`, () =>
          programme.readApplicants(applicants.records, [...at, 'records']),
        );
      default:
        throw new Error(`unknown applicants ${String((applicants as { kind: unknown }).kind)}`);
    }
  }

  #kept(key: string, read: () => Result<unknown>): Result<unknown> {
    if (this.#populations.has(key)) return ok(this.#populations.get(key));
    const value = read();
    if (!value.ok) return value;
    if (this.#populations.size >= KEPT_POPULATIONS) this.#populations.delete(this.#populations.keys().next().value ?? '');
    this.#populations.set(key, value.value);
    return value;
  }
}

/** How many applicants a programme's reader read: rows, or rd_incentive's table of columns. */
function countOf(applicants: unknown): number {
  if (Array.isArray(applicants)) return applicants.length;
  const table = applicants as Partial<EnterpriseTable>;
  if (typeof table.count === 'number') return table.count;
  throw new Error('applicants of an unknown shape');
}

function noProgramme(id: string, scenario: Scenario): Problem {
  return problem(
    'SCENARIO.NO_PROGRAMME',
    `the scenario has no programme ${id}; it has ${scenario.programmes.map((p) => p.id).join(', ')}`,
    {
      value: id,
    },
  );
}

/** Problems of a nested input, at their place in the request (`reforms.1.overrides.0.value`). */
function relocate(problems: readonly Problem[], at: Path): Problem[] {
  return problems.map((p) => problem(p.code, p.message, { ...p.location, path: [...at, ...(p.location?.path ?? [])] }));
}

/** CSV problems keep their line and column and gain the JSON path of what they were read for. */
function inFile<T>(result: Result<T>, path: Path): Result<T> {
  return result.ok ? result : fail(...result.problems.map((p) => problem(p.code, p.message, { ...p.location, path })));
}

function programmeRow(entry: ScenarioProgramme, outcome: ProgrammeOutcome): ProgrammeRow {
  let funded = 0;
  for (const a of outcome.awards) if (a > 0) funded++;
  return {
    id: entry.id,
    programme: entry.programme.key,
    citation: entry.citation,
    method: entry.method,
    date: entry.date,
    envelope: entry.envelope,
    entitlement: outcome.totals.entitlement,
    awarded: outcome.totals.awarded,
    unallocated: outcome.totals.unallocated,
    recipients: outcome.totals.recipients,
    funded,
  };
}

/** Σ entitlement and award per value of each group column (city, industry, scale, …). */
function groupSums(outcome: ProgrammeOutcome): Record<string, GroupSum[]> {
  const out: Record<string, GroupSum[]> = {};
  for (const [key, column] of Object.entries(outcome.groups)) {
    const sums = new Map<string | null, { recipients: number; entitlement: number; awarded: number }>();
    column.forEach((v, i) => {
      const value = v ?? null;
      const row = sums.get(value) ?? { recipients: 0, entitlement: 0, awarded: 0 };
      row.recipients++;
      row.entitlement += outcome.entitlements[i] ?? 0;
      row.awarded += outcome.awards[i] ?? 0;
      sums.set(value, row);
    });
    out[key] = [...sums.entries()].map(([value, s]) => ({ value, ...s })).sort((a, b) => b.awarded - a.awarded);
  }
  return out;
}

function cappedVsScaled(outcome: ProgrammeOutcome, capped: Uint8Array): ProgrammeView['cappedVsScaled'] {
  const acc = { cappedOnly: [0, 0], scaledOnly: [0, 0], both: [0, 0], neither: [0, 0] };
  for (let i = 0; i < capped.length; i++) {
    const e = outcome.entitlements[i] ?? 0;
    if (e <= 0) continue;
    const a = outcome.awards[i] ?? 0;
    const scaled = a < e;
    const row = capped[i] === 1 ? (scaled ? acc.both : acc.cappedOnly) : scaled ? acc.scaledOnly : acc.neither;
    row[0] = (row[0] ?? 0) + 1;
    row[1] = (row[1] ?? 0) + a;
  }
  const pair = ([recipients = 0, awarded = 0]: number[]) => ({ recipients, awarded });
  return { cappedOnly: pair(acc.cappedOnly), scaledOnly: pair(acc.scaledOnly), both: pair(acc.both), neither: pair(acc.neither) };
}

/** Awards above zero in equal-width bins of whole fen, from 0 to the largest award. */
function histogram(awards: Float64Array): HistogramBin[] {
  let max = 0;
  for (const a of awards) if (a > max) max = a;
  if (max === 0) return [];
  const width = Math.ceil(max / HISTOGRAM_BINS);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const a of awards) {
    if (a <= 0) continue;
    const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((a - 1) / width));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts.map((recipients, b) => ({ lower: b * width, upper: (b + 1) * width, recipients }));
}
