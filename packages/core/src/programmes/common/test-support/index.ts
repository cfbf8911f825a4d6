import { expect } from 'vitest';
import { unwrap, type Problem, type Result } from '../../../errors/index.js';
import type { Fen } from '../../../money/index.js';
import type { Override, ParameterRegistry, ParameterSet } from '../../../parameters/index.js';
import type { Programme, ProgrammeOutcome } from '../../programme.js';

/** Test helpers shared by the guidance_fund, tech_upgrade and hitech_zones tests. */

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
