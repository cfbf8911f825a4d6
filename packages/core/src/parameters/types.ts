import type { Decimal } from 'decimal.js';
import type { Rate } from '../exact/index.js';
import type { Fen } from '../money/index.js';

/** Where a value comes from: a section of the reply letter, a public document, or us. */
export interface Source {
  /** e.g. `letter 一(一)三`, `Xinhua 2020-10-28`. */
  readonly citation: string;
  readonly title?: string;
}

export interface Tier {
  readonly minIntensity: Rate;
  readonly rate: Rate;
}

/** The kinds of value a parameter can hold, each with its own spelling and checks. */
export interface ParameterValueByKind {
  /** A non-negative amount (cap, threshold). */
  amount: Fen;
  /** A positive multiple of 0.01 yuan. */
  unit: Fen;
  /** A rate or ratio between 0 and 1. */
  rate: Rate;
  /** A non-empty list with strictly ascending minIntensity. */
  tiers: readonly Tier[];
  /** A switch: `true`/`false`. */
  boolean: boolean;
  /** A non-negative decimal that is not money, e.g. a review score or a multiplier. */
  decimal: Decimal;
}
export type ParameterKind = keyof ParameterValueByKind;
export type ParameterValue = ParameterValueByKind[ParameterKind];

/** Values as written in the data: amounts and rates as strings, never floats. */
export type RawTier = { readonly min_intensity: string; readonly rate: string };
export type RawValue = string | boolean | readonly RawTier[];

export interface DatedValue {
  /** ISO date from which the value is in force. */
  readonly from: string;
  readonly value: RawValue;
}

/** One parameter as data, in the spirit of OpenFisca's parameter files. */
export interface ParameterDefinition {
  readonly path: string;
  readonly kind: ParameterKind;
  /** `CNY` for amounts, `ratio` for rates, `tiers` for tier lists. */
  readonly unit: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly source: Source;
  /** True where no public source was found: the product shows it as our assumption (⚠). */
  readonly assumption: boolean;
  readonly values: readonly DatedValue[];
}

/** A parameter's value in force on a date, after any reform. */
export interface ResolvedParameter<K extends ParameterKind = ParameterKind> {
  readonly definition: ParameterDefinition & { readonly kind: K };
  readonly value: ParameterValueByKind[K];
  /** The canonical spelling of the value (`"5000000.00"`, `"0.15"`, tier JSON). */
  readonly display: string;
  /** Date the value took effect, or `reform` when an override set it. */
  readonly from: string;
  readonly overridden: boolean;
}

/** A reform is data: overrides of parameter values, optionally from a date. */
export interface Override {
  readonly path: string;
  readonly value: unknown;
  readonly from?: string;
}
