import type { AllocationMethod } from '../allocation/index.js';
import type { Result } from '../errors/index.js';
import type { Fen } from '../money/index.js';
import type { ParameterDefinition, ParameterSet } from '../parameters/index.js';
import type { TraceStep } from './trace.js';

export interface ProgrammeTotals {
  readonly entitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly recipients: number;
}

/** What every programme's evaluation yields: per-recipient figures with explanations. */
export interface ProgrammeOutcome {
  readonly program: string;
  readonly budget: Fen;
  readonly method: string;
  readonly parametersVersion: string;
  readonly totals: ProgrammeTotals;
  readonly ids: readonly string[];
  /** Entitlement and award of each recipient, integer fen, in input order. */
  readonly entitlements: Float64Array;
  readonly awards: Float64Array;
  /** Attributes to group results by (e.g. city, industry, scale), per recipient. */
  readonly groups: Readonly<Record<string, readonly (string | undefined)[]>>;
  /** Every step of recipient i's award, built on demand. */
  trace(i: number): TraceStep[];
  /** The parameter paths of the caps that bound recipient i's entitlement (cheap: no trace built where avoidable). */
  capsBound(i: number): readonly string[];
}

/** One field of a programme's applicants, as its readers accept it (JSON name or CSV header, in English or Chinese). */
export interface ApplicantFieldInfo {
  readonly name: string;
  readonly zh: string;
  /** id, text, amount, boolean, decimal, count, choice, credit_code (统一社会信用代码), date; rd_incentive's scale is `scale`. */
  readonly kind: string;
  readonly required: boolean;
  /** The value of an empty or absent cell, written as in a file (`false`, `0`). */
  readonly default?: string;
  /** decimal: the largest value accepted (the smallest is 0). */
  readonly max?: string;
  /** choice: the accepted values, in code and in Chinese. */
  readonly choices?: readonly { readonly value: string; readonly zh: string }[];
}

/**
 * A fiscal programme of the letter: its parameters as data, how its applicants are read, and
 * how an envelope is shared among them. Scenarios, the CLI and the API use only this.
 */
export interface Programme<Applicants = unknown> {
  readonly key: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** Where the letter (or a public source) names the programme, e.g. `letter 一(一)三`. */
  readonly citation: string;
  readonly parameters: readonly ParameterDefinition[];
  readonly methods: readonly string[];
  readonly defaultMethod: string;
  /** What one applicant is, in words: `enterprise`, `project`, `line`. */
  readonly applicantNoun: string;
  /** The fields its applicants have: what readApplicants and readApplicantsCsv accept. */
  readonly applicantFields: readonly ApplicantFieldInfo[];
  /** Applicants from JSON records; problems carry JSON paths under basePath. */
  readApplicants(records: readonly unknown[], basePath?: readonly (string | number)[]): Result<Applicants>;
  /** Applicants from CSV text; problems carry line and column. */
  readApplicantsCsv(text: string): Result<Applicants>;
  evaluate(
    applicants: Applicants,
    parameters: ParameterSet,
    options: { readonly budget: Fen; readonly method: string },
  ): Result<ProgrammeOutcome>;
}

export type { AllocationMethod };
