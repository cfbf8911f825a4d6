import { expect } from 'vitest';
import { unwrap, type Problem, type Result } from '../../../errors/index.js';
import { formatJson, type Fen } from '../../../money/index.js';
import type { Override, ParameterRegistry, ParameterSet } from '../../../parameters/index.js';
import type { Programme, ProgrammeOutcome } from '../../programme.js';
import type { TraceStep } from '../../trace.js';
import type { ApplicantReaders } from '../applicant-reader.js';

/** Test helpers shared by the tests of the programmes read by `applicantReaders`. */

export function parametersOn(registry: ParameterRegistry, date: string, reform: readonly Override[] = []): ParameterSet {
  return unwrap(registry.resolve(date, reform));
}

/** The value of a Result that must have succeeded, showing its problems when it did not. */
export function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success: ${JSON.stringify(r.problems, null, 1)}`);
  return r.value;
}

export function problemsOf(r: Result<unknown>): readonly Problem[] {
  if (r.ok) throw new Error('expected the input to be refused');
  return r.problems;
}

/** code, line, column, value of each problem: what a person needs to find and fix it. */
export function where(r: Result<unknown>): unknown[][] {
  return problemsOf(r).map((p) => [p.code, p.location?.line, p.location?.column, p.location?.value]);
}

/** code, JSON path, value of each problem. */
export function wherePath(r: Result<unknown>): unknown[][] {
  return problemsOf(r).map((p) => [p.code, p.location?.path, p.location?.value]);
}

/** Awards in yuan, by id: the figures a person checks. */
export function awardsById(outcome: ProgrammeOutcome): Record<string, string> {
  return Object.fromEntries(outcome.ids.map((id, i) => [id, ((outcome.awards[i] ?? 0) / 100).toFixed(2)]));
}

/**
 * The envelope's invariants (docs/rd-incentive.md): Σ awards + unallocated = budget exactly,
 * 0 ≤ award ≤ entitlement, every award a whole number of rounding units, totals that add up.
 */
export function expectEnvelopeInvariants(outcome: ProgrammeOutcome, unit: Fen): void {
  let awarded = 0;
  let entitled = 0;
  outcome.awards.forEach((award, i) => {
    const entitlement = outcome.entitlements[i] ?? -1;
    expect(Number.isSafeInteger(award)).toBe(true);
    expect(award).toBeGreaterThanOrEqual(0);
    expect(award).toBeLessThanOrEqual(entitlement);
    expect(award % unit).toBe(0);
    expect(entitlement % unit).toBe(0);
    awarded += award;
    entitled += entitlement;
  });
  expect(awarded + outcome.totals.unallocated).toBe(outcome.budget);
  expect(outcome.totals.awarded).toBe(awarded);
  expect(outcome.totals.entitlement).toBe(entitled);
  expect(outcome.totals.unallocated).toBeGreaterThanOrEqual(0);
}

export interface Run {
  readonly date: string;
  readonly reform?: readonly Override[];
  readonly budget: Fen;
  readonly method: string;
}

/** Reads applicants from JSON records and evaluates them on the parameters in force on the date. */
export function evaluateRecords<A>(
  programme: Programme<A>,
  registry: ParameterRegistry,
  records: readonly unknown[],
  run: Run,
): Result<ProgrammeOutcome> {
  const parameters = parametersOn(registry, run.date, run.reform);
  return programme.evaluate(valueOf(programme.readApplicants(records)), parameters, { budget: run.budget, method: run.method });
}

/** evaluateRecords, with the envelope's invariants checked on the programme's `<key>.rounding_unit`. */
export function evaluateChecked<A>(
  programme: Programme<A>,
  registry: ParameterRegistry,
  records: readonly unknown[],
  run: Run,
): ProgrammeOutcome {
  const outcome = valueOf(evaluateRecords(programme, registry, records, run));
  expectEnvelopeInvariants(outcome, parametersOn(registry, run.date, run.reform).get(`${programme.key}.rounding_unit`, 'unit').value);
  return outcome;
}

/** One applicant's entitlement in yuan (two decimals) and every step of its trace. */
export interface OneEntitlement {
  readonly entitlement: string;
  readonly trace: TraceStep[];
}

/**
 * A rule under test: one applicant read from a JSON record by the programme's readers, its
 * entitlement computed by the rule on the parameters in force on `date`, a reform on top.
 */
export function ruleUnderTest<Row, Rule>(
  readers: ApplicantReaders<Row>,
  registry: ParameterRegistry,
  date: string,
  compile: (parameters: ParameterSet) => Rule,
  entitlement: (row: Row, rule: Rule, trace: TraceStep[]) => Fen,
): (record: Readonly<Record<string, unknown>>, reform?: readonly Override[]) => OneEntitlement {
  return (record, reform = []) => {
    const [read] = valueOf(readers.fromRecords([record]));
    if (read === undefined) throw new Error(`no ${readers.noun} read`);
    const rule = compile(parametersOn(registry, date, reform));
    const trace: TraceStep[] = [];
    const fen = entitlement(read, rule, trace);
    return { entitlement: formatJson(fen), trace };
  };
}

/** The step of a trace with this name. */
export const stepNamed = (trace: readonly TraceStep[], name: string): TraceStep | undefined => trace.find((s) => s.step === name);

/** Every parameter in force as [path, value as displayed, ⚠ flag]: the rows of a programme's parameter table. */
export const parameterRows = (parameters: ParameterSet): unknown[][] =>
  parameters.all().map((p) => [p.definition.path, p.display, p.definition.assumption]);
