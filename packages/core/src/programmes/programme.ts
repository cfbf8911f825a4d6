import type { Result } from '../errors/index.js';
import type { Fen } from '../money/index.js';
import type { ParameterDefinition, ParameterSet } from '../parameters/index.js';
import type { TableReader, TableReadOptions } from '../tabular/index.js';
import type { TraceStep } from './trace.js';

export interface ProgrammeTotals {
  readonly entitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly recipients: number;
}

/** What every programme's evaluation yields: per-recipient figures with explanations. */
export interface ProgrammeOutcome {
  readonly programme: string;
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
  /** Each recipient's 统一社会信用代码, where given: the key of one enterprise across programmes. */
  readonly creditCodes?: readonly (string | undefined)[];
  /** The applicants an `eligibility` check excluded (entitlement 0), each with why, in input order. */
  readonly excluded?: readonly ExcludedApplicant[];
  /** Applicants whose claim the rule's date changed (a certificate that does not count on it), each with why. */
  readonly eligibilityNotes?: readonly { readonly index: number; readonly note: string }[];
  /** Every step of recipient i's award, built on demand. */
  trace(i: number): TraceStep[];
  /** The parameter paths of the caps that bound recipient i's entitlement (cheap: no trace built where avoidable). */
  capsBound(i: number): readonly string[];
}

/** Why an applicant is not eligible on the programme's date: an entry of a scenario's exclusion list. */
export interface Exclusion {
  /** `objection` (公示 objection upheld), `blacklist` (credit blacklist, 失信名单) or `other`. */
  readonly kind: string;
  readonly reason: string;
  readonly citation?: string;
}

export interface ExcludedApplicant extends Exclusion {
  /** The applicant's position in the input. */
  readonly index: number;
}

/** Which applicants may not be paid, asked for each by id and credit code; undefined when eligible. */
export interface Eligibility {
  exclusion(id: string, creditCode: string | undefined): Exclusion | undefined;
}

/** What `evaluate` needs besides the applicants and the parameters. */
export interface EvaluateOptions {
  readonly budget: Fen;
  readonly method: string;
  /** Exclusions (a scenario's list, checked on the programme's date): an excluded applicant's entitlement is 0. */
  readonly eligibility?: Eligibility;
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
  /**
   * Applicants from a table as it is read (core's `CsvReader`, or a sheet through `@bagui/sheets`):
   * the header contract of docs/rd-incentive.md, warnings, and invalid rows left out on request.
   */
  applicantTable(options?: TableReadOptions): TableReader<Applicants>;
  evaluate(applicants: Applicants, parameters: ParameterSet, options: EvaluateOptions): Result<ProgrammeOutcome>;
}
