import { problem, type Problem, type Result } from '../errors/index.js';
import { parseAmount, type Fen } from '../money/index.js';
import type { Override, ParameterRegistry, ParameterSet } from '../parameters/index.js';
import { programmeRegistry } from './catalogue.js';
import type { Programme } from './programme.js';

/** The settings of one evaluation's baseline as they arrived: the envelope, method, date and reform. */
export interface BaselineSettings {
  /** The envelope in yuan as written (a JSON number only when exact); absent: BUDGET.REQUIRED. */
  readonly budget: string | number | undefined;
  /** Absent: the programme's default method. */
  readonly method?: string | undefined;
  /** YYYY-MM-DD; absent: `today`. */
  readonly date?: string | undefined;
  /** Set on top of the parameters in force on the date, checked by the programme's registry. */
  readonly overrides?: readonly Override[] | undefined;
}

/** What a programme is evaluated with, and what a reform is compared with: a programme, its parameters, the envelope and its method. */
export interface Baseline<A = unknown> {
  readonly programme: Programme<A>;
  /** The programme's parameter registry: reforms are resolved with it. */
  readonly registry: ParameterRegistry;
  readonly parameters: ParameterSet;
  readonly budget: Fen;
  readonly method: string;
}

/** A checked baseline: what `compare`, `sweep` and every evaluation of a programme start from. */
export interface ResolvedBaseline<A = unknown> extends Baseline<A> {
  readonly date: string;
}

/** The setting a problem of `resolveBaseline` is about: the first element of its path. */
export type BaselineSetting = 'budget' | 'method' | 'date' | 'overrides';

/**
 * The baseline of one evaluation of `programme`: the envelope parsed, the method one the
 * programme shares its envelope by (METHOD.UNKNOWN), and the parameters in force on the date
 * (default `today`) with the overrides on top. Every problem at once, each with the setting it is
 * about first in its path: `['budget']`, `['method']`, `['date']` (no value on that date, or not
 * a date), or `['overrides', …]` followed by the registry's own path (the override's index first).
 * The CLI, the API's programme routes and the rd_incentive contract all resolve baselines here,
 * so they refuse the same things with the same codes.
 */
export function resolveBaseline<A>(programme: Programme<A>, settings: BaselineSettings, today: string): Result<ResolvedBaseline<A>> {
  const found: Problem[] = [];
  const at = (setting: BaselineSetting, p: Problem, rest: readonly (string | number)[] = []): Problem => ({
    ...p,
    location: { ...p.location, path: [setting, ...rest] },
  });
  const budget = settings.budget === undefined ? undefined : parseAmount(String(settings.budget));
  if (budget === undefined) found.push(problem('BUDGET.REQUIRED', 'the envelope (budget, in yuan) is required', { path: ['budget'] }));
  else if (!budget.ok) found.push(...budget.problems.map((p) => at('budget', p)));
  const method = settings.method ?? programme.defaultMethod;
  if (!programme.methods.includes(method)) {
    found.push(
      problem('METHOD.UNKNOWN', `${programme.key} shares its envelope by ${programme.methods.join(', ')}`, {
        path: ['method'],
        value: method,
      }),
    );
  }
  const date = settings.date ?? today;
  const registry = programmeRegistry(programme.key);
  const parameters = registry.resolve(date, settings.overrides ?? []);
  if (!parameters.ok) {
    for (const p of parameters.problems) {
      const onDate = p.code === 'PARAMETER.NO_VALUE_ON_DATE' || p.code === 'DATE.INVALID';
      found.push(onDate ? at('date', p) : at('overrides', p, p.location?.path ?? []));
    }
  }
  if (found.length > 0 || budget?.ok !== true || !parameters.ok) return { ok: false, problems: found };
  return { ok: true, value: { programme, registry, parameters: parameters.value, budget: budget.value, method, date } };
}

/** A problem of `resolveBaseline` split into the setting it is about and the problem within it (its path after the setting). */
export function baselineProblemAt(p: Problem): { readonly setting: BaselineSetting; readonly problem: Problem } {
  const [setting, ...rest] = p.location?.path ?? [];
  const { path: _path, ...location } = p.location ?? {};
  const within = rest.length > 0 ? { ...location, path: rest } : location;
  return {
    setting: setting === 'budget' || setting === 'method' || setting === 'date' ? setting : 'overrides',
    problem: Object.keys(within).length > 0 ? { ...p, location: within } : { code: p.code, message: p.message },
  };
}
