import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { generateCsv } from '../generate/index.js';
import { fen, type Fen } from '../money/index.js';
import type { EvaluateOptions, ProgrammeOutcome } from '../programmes/programme.js';
import { attributeAwards, sourceLedger, type Ledger, type ProgrammeLedger } from './ledger.js';
import { parseScenario, type EnvelopeBasis, type Scenario, type ScenarioProgramme } from './parse.js';
import { runPlan, type CommitmentPayment, type EntryFlow, type Obligation } from './plan.js';
import { yearLedgers, type YearLedger } from './years.js';

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
  /** `commitments[s][k]`: fen of the entry's k-th commitment payment paid from `sources[s]`. */
  readonly commitments: readonly Float64Array[];
}

export interface ProgrammeResult {
  readonly entry: ScenarioProgramme;
  /** The programme's outcome, the enterprise cap applied: its awards are what is paid to the applicants. */
  readonly outcome: ProgrammeOutcome;
  readonly ledger: ProgrammeLedger;
  /** How the money moved: carried in, commitments, awards, the cap, carried out or returned. */
  readonly flow: EntryFlow;
  /** Commitments of earlier entries charged to this one. */
  readonly commitments: readonly CommitmentPayment[];
  /** What the enterprise cap took from each award (fen), when the scenario has a cap. */
  readonly capped?: Float64Array;
  /** Co-financing: what each recipient's city adds to its award (fen). */
  readonly cityShares?: Float64Array;
  /** Applicants paid something. */
  readonly paid: number;
  /** Computed on first call: O(recipients × sources). */
  recipients(): RecipientAttribution;
}

export interface ScenarioTotals {
  readonly envelope: Fen;
  readonly entitlement: Fen;
  /** Everything paid: awards and commitments. */
  readonly awarded: Fen;
  /** What the scenario's envelopes did not pay out (returned, or carried beyond its last entry). */
  readonly unallocated: Fen;
  /** The applicants of every programme: what `recipients` has always counted. */
  readonly recipients: number;
  readonly applicants: number;
  /** Applicants paid something. */
  readonly paid: number;
  /** Applicants on the exclusion list. */
  readonly excluded: number;
  /** The envelopes by whose money they are: the letter's, a public figure from elsewhere, our assumption. */
  readonly basis: Readonly<Record<EnvelopeBasis, Fen>>;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly programmes: readonly ProgrammeResult[];
  readonly ledger: Ledger;
  readonly totals: ScenarioTotals;
  /** The entry ids in the order money flowed (year, batch, the cap's order, the file's). */
  readonly order: readonly string[];
  /** A ledger per year: for a scenario with years, batches, commitments or a rule for unallocated money. */
  readonly years?: readonly YearLedger[];
  /** Commitments owed in years in which their series has no entry. */
  readonly outstanding: readonly Obligation[];
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
 * date — in the order money flows (`runPlan`: carried money, commitments, exclusions, the
 * enterprise cap, co-financing), then the funding ledger. Input problems of every programme are
 * reported at once, each at the JSON path of the programme it belongs to (a CSV problem keeps its
 * line and column).
 */
export function evaluateScenario(scenario: Scenario, options: EvaluateScenarioOptions = {}): Result<ScenarioResult> {
  const problems: Problem[] = [];
  const applicants = new Map<string, unknown>();
  for (const entry of scenario.programmes) {
    const read = readApplicants(entry, options, ['programmes', entry.index, 'applicants']);
    if (read.ok) applicants.set(entry.id, read.value);
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return fail(...problems);
  const plan = runPlan(scenario, (entry, budget, eligibility) =>
    evaluateProgramme(entry, applicants.get(entry.id), budget, eligibility === undefined ? {} : { eligibility }),
  );
  if (!plan.ok) return plan;

  const { runs } = plan.value;
  const ledger = sourceLedger(
    scenario.sources.map((s) => s.key),
    runs.map((r) => r.ledger),
    (id) => runs.find((r) => r.entry.id === id)?.flow.carriedTo === undefined,
  );
  const programmes = runs.map((run): ProgrammeResult => {
    let attribution: RecipientAttribution | undefined;
    const { outcome, ledger: programmeLedger } = run;
    return {
      ...run,
      paid: countPaid(outcome.awards),
      recipients: () => {
        if (attribution !== undefined) return attribution;
        const n = outcome.awards.length;
        const payments = Float64Array.from([...outcome.awards, ...run.commitments.map((c) => c.paid)]);
        const ids = [...outcome.ids, ...run.commitments.map((c) => `${c.from}/${c.id}`)];
        const columns = attributeAwards(payments, ids, programmeLedger.lines);
        attribution = {
          sources: programmeLedger.lines.map((l) => l.source),
          bySource: columns.map((c) => c.subarray(0, n)),
          commitments: columns.map((c) => c.subarray(n)),
        };
        return attribution;
      },
    };
  });
  let entitlement = 0;
  let applicantCount = 0;
  let paid = 0;
  let excluded = 0;
  const basis: Record<EnvelopeBasis, number> = { letter: 0, public: 0, assumption: 0 };
  for (const p of programmes) {
    entitlement += p.outcome.totals.entitlement;
    applicantCount += p.outcome.ids.length;
    paid += p.paid;
    excluded += p.outcome.excluded?.length ?? 0;
    basis[p.entry.basis] += p.entry.envelope;
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
      recipients: applicantCount,
      applicants: applicantCount,
      paid,
      excluded,
      basis: { letter: fen(basis.letter), public: fen(basis.public), assumption: fen(basis.assumption) },
    },
    order: plan.value.order,
    ...(scenario.multiYear ? { years: yearLedgers(plan.value) } : {}),
    outstanding: plan.value.outstanding,
  });
}

function countPaid(awards: Float64Array): number {
  let n = 0;
  for (const a of awards) if (a > 0) n++;
  return n;
}

function evaluateProgramme(
  entry: ScenarioProgramme,
  applicants: unknown,
  budget: Fen,
  extra: Pick<EvaluateOptions, 'eligibility'>,
): Result<ProgrammeOutcome> {
  const at: Path = ['programmes', entry.index];
  const outcome = entry.programme.evaluate(applicants, entry.parameters, { budget, method: entry.method, ...extra });
  if (!outcome.ok)
    return fail(
      ...outcome.problems.map((p) =>
        p.location?.path === undefined ? problem(p.code, `${entry.id}: ${p.message}`, { ...p.location, path: at }) : p,
      ),
    );
  const { totals } = outcome.value;
  if (outcome.value.budget !== budget || totals.awarded + totals.unallocated !== budget) {
    throw new Error(`${entry.id}: the envelope does not balance (${totals.awarded} + ${totals.unallocated} ≠ ${budget})`);
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
