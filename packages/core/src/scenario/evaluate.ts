import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { generateCsv } from '../generate/index.js';
import { fen, type Fen } from '../money/index.js';
import type { ProgrammeOutcome } from '../programmes/programme.js';
import { attributeAwards, buildLedger, type Ledger, type ProgrammeLedger } from './ledger.js';
import { parseScenario, type Scenario, type ScenarioProgramme } from './parse.js';

type Path = readonly (string | number)[];

export interface EvaluateScenarioOptions {
  /**
   * The text of an applicants file named in the scenario, as given (relative to the scenario
   * file's folder: the caller resolves it). Core reads no files: the CLI or the API injects this.
   * It may throw; its message is reported at the file's JSON path.
   */
  readonly readFile?: (path: string) => string;
}

/** Each recipient's award attributed to the programme's sources, one column per funding line. */
export interface RecipientAttribution {
  readonly sources: readonly string[];
  /** `bySource[s][i]`: fen of recipient i's award paid from `sources[s]`. */
  readonly bySource: readonly Float64Array[];
}

export interface ProgrammeResult {
  readonly entry: ScenarioProgramme;
  readonly outcome: ProgrammeOutcome;
  readonly ledger: ProgrammeLedger;
  /** Computed on first call: O(recipients × sources). */
  recipients(): RecipientAttribution;
}

export interface ScenarioTotals {
  readonly envelope: Fen;
  readonly entitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly recipients: number;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly programmes: readonly ProgrammeResult[];
  readonly ledger: Ledger;
  readonly totals: ScenarioTotals;
}

/** The applicants files a scenario reads, with where each is named: what a caller must be able to read. */
export function applicantFiles(scenario: Scenario): readonly { readonly path: string; readonly at: Path }[] {
  return scenario.programmes.flatMap((p) =>
    p.applicants.kind === 'file' ? [{ path: p.applicants.path, at: ['programmes', p.index, 'applicants', 'file'] }] : [],
  );
}

/** Checks and evaluates a scenario file (parsed JSON) in one step. */
export function runScenario(input: unknown, options: EvaluateScenarioOptions = {}): Result<ScenarioResult> {
  const scenario = parseScenario(input);
  return scenario.ok ? evaluateScenario(scenario.value, options) : scenario;
}

/**
 * Evaluates every programme of the scenario — its applicants read, its parameters those of its
 * date — and the funding ledger. Input problems of every programme are reported at once, each at
 * the JSON path of the programme it belongs to (a CSV problem keeps its line and column).
 */
export function evaluateScenario(scenario: Scenario, options: EvaluateScenarioOptions = {}): Result<ScenarioResult> {
  const problems: Problem[] = [];
  const outcomes: ProgrammeOutcome[] = [];
  for (const entry of scenario.programmes) {
    const outcome = evaluateProgramme(entry, options);
    if (outcome.ok) outcomes.push(outcome.value);
    else problems.push(...outcome.problems);
  }
  if (problems.length > 0) return fail(...problems);

  const ledger = buildLedger(
    scenario.sources.map((s) => s.key),
    scenario.programmes.map((entry, i) => ({ id: entry.id, funding: entry.funding, awarded: outcomes[i]?.totals.awarded ?? fen(0) })),
  );
  const programmes = scenario.programmes.map((entry, i): ProgrammeResult => {
    const outcome = outcomes[i];
    const programmeLedger = ledger.programmes[i];
    if (outcome === undefined || programmeLedger === undefined) throw new Error(`no outcome for ${entry.id}`);
    let attribution: RecipientAttribution | undefined;
    return {
      entry,
      outcome,
      ledger: programmeLedger,
      recipients: () =>
        (attribution ??= {
          sources: programmeLedger.lines.map((l) => l.source),
          bySource: attributeAwards(outcome.awards, outcome.ids, programmeLedger.lines),
        }),
    };
  });
  let entitlement = 0;
  let recipients = 0;
  for (const o of outcomes) {
    entitlement += o.totals.entitlement;
    recipients += o.totals.recipients;
  }
  return ok({
    scenario,
    programmes,
    ledger,
    totals: {
      envelope: ledger.totals.allocated,
      entitlement: fen(entitlement),
      awarded: ledger.totals.awarded,
      unallocated: ledger.totals.unallocated,
      recipients,
    },
  });
}

function evaluateProgramme(entry: ScenarioProgramme, options: EvaluateScenarioOptions): Result<ProgrammeOutcome> {
  const at: Path = ['programmes', entry.index];
  const applicants = readApplicants(entry, options, [...at, 'applicants']);
  if (!applicants.ok) return applicants;
  const outcome = entry.programme.evaluate(applicants.value, entry.parameters, { budget: entry.envelope, method: entry.method });
  if (!outcome.ok)
    return fail(
      ...outcome.problems.map((p) =>
        p.location?.path === undefined ? problem(p.code, `${entry.id}: ${p.message}`, { ...p.location, path: at }) : p,
      ),
    );
  const { totals } = outcome.value;
  if (outcome.value.budget !== entry.envelope || totals.awarded + totals.unallocated !== entry.envelope) {
    throw new Error(`${entry.id}: the envelope does not balance (${totals.awarded} + ${totals.unallocated} ≠ ${entry.envelope})`);
  }
  return outcome;
}

function readApplicants(entry: ScenarioProgramme, options: EvaluateScenarioOptions, at: Path): Result<unknown> {
  const { applicants, programme } = entry;
  switch (applicants.kind) {
    case 'records':
      return programme.readApplicants(applicants.records, [...at, 'records']);
    case 'generate':
      return inFile(programme.readApplicantsCsv(generateCsv(applicants.request)), [...at, 'generate']);
    case 'file': {
      const where = [...at, 'file'];
      if (options.readFile === undefined) {
        return fail(
          problem('APPLICANTS.NO_FILES', 'applicants from a file cannot be read here: give them as "records" or "generate"', {
            path: where,
            value: applicants.path,
          }),
        );
      }
      let text: string;
      try {
        text = options.readFile(applicants.path);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return fail(
          problem('APPLICANTS.FILE_UNREADABLE', `cannot read the applicants file: ${reason}`, { path: where, value: applicants.path }),
        );
      }
      return inFile(programme.readApplicantsCsv(text), where);
    }
    default:
      throw new Error(`unknown applicants ${String((applicants as { kind: unknown }).kind)}`);
  }
}

/** CSV problems keep their line and column and gain the JSON path of the file they are in. */
function inFile<T>(result: Result<T>, path: Path): Result<T> {
  return result.ok ? result : fail(...result.problems.map((p) => problem(p.code, p.message, { ...p.location, path })));
}
