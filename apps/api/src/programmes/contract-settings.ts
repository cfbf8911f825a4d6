import type { AllocationMethod } from '@bagui/core/allocation';
import type { Fen } from '@bagui/core/money';
import type { Override } from '@bagui/core/parameters';
import {
  evaluateRdIncentive,
  compileRule,
  type EnterpriseTable,
  type RdEvaluation,
  type RdRule,
} from '@bagui/core/programmes/rd-incentive';
import { baselineProblemAt, rdIncentiveProgramme, resolveBaseline } from '@bagui/core/programmes';
import type { ProblemDetail } from '../http/problem.js';
import type { ApplicantSource } from './input.js';
import { countApplicants, readApplicants, type ReadApplicants } from '../programmes/baseline.js';
import { fromDomain, invalid, type Where } from '../http/validation.js';

/** The settings of one evaluation as they arrived, before the domain checks them. */
export interface ScenarioInput {
  /** Undefined only when its absence has already been reported. */
  readonly budget: string | number | undefined;
  readonly method?: AllocationMethod | undefined;
  readonly date?: string | undefined;
  readonly overrides: readonly Override[];
}

/** Checked settings: the envelope, the method, and the rule in force with the reform applied. */
export interface Scenario {
  readonly budget: Fen;
  readonly method: AllocationMethod;
  readonly rule: RdRule;
}

/** Where each setting came from, to locate its problems: body fields, or query/form parameters. */
export interface ScenarioPlaces {
  readonly setting: (name: 'budget' | 'method' | 'date') => Partial<ProblemDetail>;
  /** An override's problem, given the domain's path (`[parameterPath, …]` or `[index, …]`). */
  readonly override: (path: readonly (string | number)[]) => Partial<ProblemDetail>;
}

/**
 * Checks every setting and throws REQUEST.INVALID with every problem at once, after those the
 * caller already `found`; the enterprises are read later.
 */
export function resolveScenario(
  input: ScenarioInput,
  places: ScenarioPlaces,
  today: string,
  found: readonly ProblemDetail[] = [],
): Scenario {
  const errors = [...found];
  // A JSON number reaches here only when it is exact (http/json.ts), so its shortest spelling is what was sent.
  const resolved = resolveBaseline(rdIncentiveProgramme, input, today);
  if (!resolved.ok) {
    for (const p of resolved.problems) {
      const { setting, problem } = baselineProblemAt(p);
      // A missing budget has already been reported, in the terms of where it was missing.
      if (problem.code === 'BUDGET.REQUIRED') continue;
      errors.push(fromDomain(problem, setting === 'overrides' ? places.override(problem.location?.path ?? []) : places.setting(setting)));
    }
  }
  if (!resolved.ok || errors.length > 0) throw invalid(problemsIn('settings', errors.length), errors);
  return { budget: resolved.value.budget, method: resolved.value.method as AllocationMethod, rule: compileRule(resolved.value.parameters) };
}

/** Where the enterprises are: JSON records (already parsed) or CSV text. */
export type EnterpriseSource =
  { readonly kind: 'records'; readonly records: readonly unknown[] } | Extract<ApplicantSource, { readonly kind: 'csv' }>;

/** How many enterprises the source holds, before any validation: records, or lines after the header. */
export const countEnterprises = (source: EnterpriseSource): number => countApplicants(source);

/**
 * The enterprise table, or REQUEST.INVALID with every invalid row and cell (line and column, or
 * pointer); with a file's warnings (columns not used), as the answers list them.
 */
export function readEnterprises(source: EnterpriseSource, bodyWhere: Where): ReadApplicants<EnterpriseTable> {
  return readApplicants(rdIncentiveProgramme, source.kind === 'records' ? { ...source, at: ['enterprises'] } : source, bodyWhere);
}

export function evaluate(scenario: Scenario, table: EnterpriseTable): RdEvaluation {
  return evaluateRdIncentive(table, scenario.rule, { budget: scenario.budget, method: scenario.method });
}

function problemsIn(what: string, count: number): string {
  return `the ${what} have ${count === 1 ? 'a problem' : `${count} problems`}; nothing was computed`;
}
