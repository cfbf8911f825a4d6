import type { ParameterKind, ParameterSet, ParameterValueByKind } from '../../parameters/index.js';

/** A rule's parameters by the name the rule uses: each a path and the kind of its value. */
export type RuleParameterSpec = Readonly<Record<string, readonly [path: string, kind: ParameterKind]>>;

/** The values of a spec's parameters on one date, typed by kind, with the set they came from. */
export type RuleParameters<S extends RuleParameterSpec> = { readonly [K in keyof S]: ParameterValueByKind[S[K][1]] } & {
  readonly parameters: ParameterSet;
};

/**
 * Reads a rule's parameters once, typed: `{ cap: ['x.cap', 'amount'] }` gives `{ cap: Fen, parameters }`.
 * Shared by guidance_fund, tech_upgrade and hitech_zones; it belongs in `programmes/common/`.
 */
export function ruleParameters<S extends RuleParameterSpec>(parameters: ParameterSet, spec: S): RuleParameters<S> {
  const values = Object.fromEntries(Object.entries(spec).map(([name, [path, kind]]) => [name, parameters.get(path, kind).value]));
  return { ...values, parameters } as RuleParameters<S>;
}
