import { z } from 'zod';
import { fail, ok, problem, unwrap, type Problem, type Result } from '../errors/index.js';
import { canonicalJson, contentHash } from './hash.js';
import type { Override, ParameterDefinition, ParameterKind, ResolvedParameter } from './types.js';
import { displayValue, parseParameterValue } from './values.js';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;

export const isoDateSchema = z
  .string()
  .regex(ISO_DATE, 'expected a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

export const overrideSchema = z.strictObject({
  path: z.string().min(1),
  value: z.unknown(),
  from: isoDateSchema.optional(),
});
export const reformSchema = z.array(overrideSchema);

/** The parameters in force on one date, after a reform. */
export interface ParameterSet {
  readonly date: string;
  /** Changes whenever any definition or override changes; reported with every result. */
  readonly version: string;
  get<K extends ParameterKind>(path: string, kind: K): ResolvedParameter<K>;
  all(): readonly ResolvedParameter[];
}

/** One problem for every parameter without a value on the date, not one line per path. */
function noValueOn(date: string, missing: readonly ParameterDefinition[]): Problem {
  const first = missing.map((d) => d.values[0]?.from ?? '9999-12-31').sort()[0] ?? 'never';
  const [one] = missing;
  const what = missing.length === 1 && one !== undefined ? `${one.path} has no value` : `${missing.length} parameters have no value`;
  return problem(
    'PARAMETER.NO_VALUE_ON_DATE',
    `${what} on ${date}; the earliest values are in force from ${first}: choose a date on or after it`,
    {
      value: date,
    },
  );
}

/** The registry of every parameter definition: dated values with units, labels and sources. */
export class ParameterRegistry {
  readonly #definitions: ReadonlyMap<string, ParameterDefinition>;
  readonly #hash: string;

  constructor(definitions: readonly ParameterDefinition[]) {
    const map = new Map<string, ParameterDefinition>();
    for (const def of definitions) {
      if (map.has(def.path)) throw new Error(`parameter ${def.path} is defined twice`);
      // The data must be valid before anything runs: parse every dated value once.
      for (const [i, dated] of def.values.entries()) {
        unwrap(parseParameterValue(def.kind, dated.value, [def.path, 'values', i]));
      }
      map.set(def.path, { ...def, values: [...def.values].sort((a, b) => (a.from < b.from ? -1 : 1)) });
    }
    this.#definitions = map;
    this.#hash = contentHash(canonicalJson(definitions));
  }

  definitions(): readonly ParameterDefinition[] {
    return [...this.#definitions.values()];
  }

  has(path: string): boolean {
    return this.#definitions.has(path);
  }

  /**
   * Validates a reform (a list of overrides) without applying it: every path must exist and
   * every value must be of its parameter's kind. Problems name the path.
   */
  validateReform(input: unknown): Result<readonly Override[]> {
    const shape = reformSchema.safeParse(input);
    if (!shape.success) {
      return fail(
        ...shape.error.issues.map((issue) =>
          problem('REFORM.INVALID', issue.message, { path: issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k)) }),
        ),
      );
    }
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const override of shape.data) {
      const def = this.#definitions.get(override.path);
      if (def === undefined) {
        problems.push(
          problem('PARAMETER.UNKNOWN', `unknown parameter ${override.path}; ${this.#suggest(override.path)}`, {
            path: [override.path],
          }),
        );
        continue;
      }
      const key = `${override.path}@${override.from ?? ''}`;
      if (seen.has(key)) {
        problems.push(
          problem('PARAMETER.DUPLICATE_OVERRIDE', `${override.path} is set twice in one reform; set it once`, { path: [override.path] }),
        );
      }
      seen.add(key);
      const value = parseParameterValue(def.kind, override.value, [override.path]);
      if (!value.ok) problems.push(...value.problems);
    }
    return problems.length > 0 ? fail(...problems) : ok(shape.data as readonly Override[]);
  }

  /** The parameter set in force on `date` (YYYY-MM-DD), with a reform applied on top. */
  resolve(date: string, reform: readonly Override[] = []): Result<ParameterSet> {
    if (!isoDateSchema.safeParse(date).success) {
      return fail(problem('DATE.INVALID', 'expected a date as YYYY-MM-DD, e.g. 2021-06-30', { value: date }));
    }
    const validated = this.validateReform(reform);
    if (!validated.ok) return validated;
    const missing: ParameterDefinition[] = [];
    const resolved = new Map<string, ResolvedParameter>();
    for (const def of this.#definitions.values()) {
      const dated = def.values.filter((v) => v.from <= date).at(-1);
      // The override in force is the one with the latest `from` on or before the date, whatever
      // its place in the list (one path may carry several dated overrides).
      const override = validated.value
        .filter((o) => o.path === def.path && (o.from ?? '') <= date)
        .reduce<Override | undefined>(
          (latest, o) => (latest === undefined || (o.from ?? '') >= (latest.from ?? '') ? o : latest),
          undefined,
        );
      if (dated === undefined && override === undefined) {
        missing.push(def);
        continue;
      }
      const raw = override !== undefined ? override.value : dated?.value;
      const value = unwrap(parseParameterValue(def.kind, raw, [def.path]));
      resolved.set(def.path, {
        definition: def,
        value,
        display: displayValue(def.kind, value),
        from: override !== undefined ? 'reform' : (dated?.from ?? ''),
        overridden: override !== undefined,
      });
    }
    if (missing.length > 0) return fail(noValueOn(date, missing));
    const version = validated.value.length === 0 ? this.#hash : `${this.#hash}+${contentHash(canonicalJson(validated.value))}`;
    return ok({
      date,
      version,
      get<K extends ParameterKind>(path: string, kind: K): ResolvedParameter<K> {
        const p = resolved.get(path);
        if (p?.definition.kind !== kind) throw new Error(`parameter ${path} of kind ${kind} is not defined`);
        return p as ResolvedParameter<K>;
      },
      all: () => [...resolved.values()],
    });
  }

  #suggest(path: string): string {
    const near = [...this.#definitions.keys()].filter(
      (p) => p.split('.').at(-1) === path.split('.').at(-1) || p.startsWith(path.split('.')[0] ?? ''),
    );
    const list = (near.length > 0 ? near : [...this.#definitions.keys()]).slice(0, 6);
    return `known parameters include ${list.join(', ')}`;
  }
}
