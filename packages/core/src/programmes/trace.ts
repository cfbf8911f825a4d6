/** One step of an award's explanation, in the spirit of OpenFisca's flat trace. */
export interface TraceParameter {
  readonly path: string;
  readonly value: string;
  readonly source: string;
  readonly assumption: boolean;
}

export interface TraceStep {
  /** Stable step name: eligibility, increment, intensity, increment_award, high_tech_award, base, special_award, firm_cap, rounding, envelope. */
  readonly step: string;
  /** The rule applied, in words. */
  readonly rule: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly parameters?: readonly TraceParameter[];
  /** Which way the rule went: the tier chosen, a condition met or missed. */
  readonly branch?: string;
  /** The cap that bound, if one did. */
  readonly bound?: string;
  /** The step's result: an exact decimal in yuan (or a ratio for intensity). */
  readonly result: string;
}
