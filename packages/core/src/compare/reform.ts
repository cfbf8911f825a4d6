import { z } from 'zod';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import {
  canonicalJson,
  contentHash,
  displayValue,
  overrideSchema,
  parseParameterValue,
  type Override,
  type ParameterDefinition,
  type ParameterRegistry,
  type ParameterSet,
} from '../parameters/index.js';
import { ENGINE_VERSION } from '../version.js';

type Path = readonly (string | number)[];

/** One layer of a reform: a named list of overrides. */
export interface ReformLayer {
  readonly name: string;
  readonly overrides: readonly Override[];
}

/**
 * A reform, checked: its layers, stacked into one list of overrides with every value in its
 * canonical spelling (`800万` → `8000000.00`), and its identity by content.
 */
export interface Reform {
  readonly name: string;
  readonly description?: string;
  readonly layers: readonly ReformLayer[];
  /** The layers stacked, in layer order; values canonical. What is applied on top of a baseline. */
  readonly overrides: readonly Override[];
  /** Which layer set each override (same order as `overrides`). */
  readonly layerOf: readonly string[];
  /** Hash of the overrides only: renaming, re-describing or re-layering a reform keeps it. */
  readonly hash: string;
  /** `hash@ENGINE_VERSION`: what a reform's results are keyed by. */
  readonly key: string;
}

const layerSchema = z.strictObject({
  name: z.string().min(1, { error: 'a layer needs a name, e.g. "cap-800"' }),
  overrides: z.array(overrideSchema),
});

/**
 * The reform file: `{ name, description?, layers?: [{ name, overrides }], overrides? }`. Unknown
 * fields are refused. `overrides` acts as one more layer, after `layers`, named after the reform.
 */
export const reformFileSchema = z.strictObject({
  name: z.string().min(1, { error: 'a reform needs a name, e.g. "cap-800"' }),
  description: z.string().optional(),
  layers: z.array(layerSchema).optional(),
  overrides: z.array(overrideSchema).optional(),
});

export type ReformFile = z.input<typeof reformFileSchema>;

/** The reforms of one comparison, each with its place in the list it came in. */
export interface ReformList {
  /** Every reform that passed its own checks, with its index in the input. */
  readonly reforms: readonly { readonly reform: Reform; readonly index: number }[];
  /** Every problem of every reform, at `[index, …]`, and every name given twice. */
  readonly problems: readonly Problem[];
}

/**
 * A comparison's list of reforms (a request's `reforms`, the planner's, a command's files):
 * each parsed and checked against `registry`, its problems at `[index, …]`, and the names
 * checked to be distinct (duplicateReformNames). Every problem of the list at once.
 */
export function parseReforms(inputs: readonly unknown[], registry: ParameterRegistry): ReformList {
  const reforms: { reform: Reform; index: number }[] = [];
  const problems: Problem[] = [];
  inputs.forEach((input, index) => {
    const reform = parseReform(input, registry);
    if (reform.ok) reforms.push({ reform: reform.value, index });
    else
      problems.push(
        ...reform.problems.map((p) => problem(p.code, p.message, { ...p.location, path: [index, ...(p.location?.path ?? [])] })),
      );
  });
  // Indices of the valid reforms, told as the input's.
  const inputIndex = (i: number): number => reforms[i]?.index ?? i;
  const named = duplicateReformNames(
    reforms.map(({ reform }) => reform.name),
    (i) => `reform ${inputIndex(i)}`,
  );
  problems.push(
    ...named.map((p) => problem(p.code, p.message, { ...p.location, path: [inputIndex(Number(p.location?.path?.[0])), 'name'] })),
  );
  return { reforms, problems };
}

/**
 * Reforms compared together need distinct names: the results are told apart by them. Each name
 * given again is a `REFORM.DUPLICATE_NAME` problem at `[index, 'name']`, naming the earlier
 * one; `label` says how a reform is named in the message (a file's path, say).
 */
export function duplicateReformNames(names: readonly string[], label: (index: number) => string = (i) => `reform ${i}`): Problem[] {
  const first = new Map<string, number>();
  const problems: Problem[] = [];
  names.forEach((name, index) => {
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, index);
      return;
    }
    problems.push(
      problem(
        'REFORM.DUPLICATE_NAME',
        `${label(earlier)} and ${label(index)} are both called ${JSON.stringify(name)}: give each its own name, so that the results can tell them apart`,
        { path: [index, 'name'], value: name },
      ),
    );
  });
  return problems;
}

/** A reform file (parsed JSON), checked against `registry` before anything runs. */
export function parseReform(input: unknown, registry: ParameterRegistry): Result<Reform> {
  const shape = reformFileSchema.safeParse(input, { reportInput: true });
  if (!shape.success) return fail(...shapeProblems(shape.error));
  const file = shape.data;
  const layers: ReformLayer[] = (file.layers ?? []).map((l) => ({ name: l.name, overrides: l.overrides.map(withoutUndefinedFrom) }));
  const paths: Path[] = layers.map((_, j) => ['layers', j, 'overrides']);
  if (file.overrides !== undefined) {
    layers.push({ name: file.name, overrides: file.overrides.map(withoutUndefinedFrom) });
    paths.push(['overrides']);
  }
  return buildReform(
    { name: file.name, ...(file.description === undefined ? {} : { description: file.description }), layers },
    registry,
    (j) => paths[j] ?? [],
  );
}

/**
 * A reform from its layers: every override checked against `registry` (problems at
 * `layerPath(j).k`), then the layers stacked. `--set` options make a one-layer reform this way.
 */
export function buildReform(
  spec: { readonly name: string; readonly description?: string; readonly layers: readonly ReformLayer[] },
  registry: ParameterRegistry,
  layerPath: (layer: number) => Path = (j) => ['layers', j, 'overrides'],
): Result<Reform> {
  const definitions = new Map(registry.definitions().map((d) => [d.path, d]));
  const problems: Problem[] = [];
  const layers = spec.layers.map((layer, j) => ({
    name: layer.name,
    overrides: layer.overrides.flatMap((o, k) => {
      const canonical = canonicalOverride(o, definitions, registry, [...layerPath(j), k]);
      if (!canonical.ok) problems.push(...canonical.problems);
      return canonical.ok ? [canonical.value] : [];
    }),
  }));
  spec.layers.forEach((layer, j) => problems.push(...duplicatesIn(layer, layerPath(j))));
  if (problems.length > 0) return fail(...problems);
  const stacked = stackReform(layers, layerPath);
  if (!stacked.ok) return stacked;
  const hash = overridesHash(stacked.value.overrides);
  return ok({
    name: spec.name,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    layers,
    overrides: stacked.value.overrides,
    layerOf: stacked.value.layerOf,
    hash,
    key: `${hash}@${ENGINE_VERSION}`,
  });
}

/**
 * The layers as one list of overrides, in order. Two layers that set the same parameter are a
 * `REFORM.CONFLICT` naming the path and both layers: one is never silently overwritten.
 */
export function stackReform(
  layers: readonly ReformLayer[],
  layerPath: (layer: number) => Path = (j) => ['layers', j, 'overrides'],
): Result<{ readonly overrides: readonly Override[]; readonly layerOf: readonly string[] }> {
  const setBy = new Map<string, { layer: number; value: unknown }>();
  const overrides: Override[] = [];
  const layerOf: string[] = [];
  const problems: Problem[] = [];
  layers.forEach((layer, j) => {
    layer.overrides.forEach((o, k) => {
      const earlier = setBy.get(o.path);
      if (earlier !== undefined && earlier.layer !== j) {
        const first = layers[earlier.layer]?.name ?? '';
        problems.push(
          problem(
            'REFORM.CONFLICT',
            `${o.path} is set by layer ${JSON.stringify(first)} (${shown(earlier.value)}) and again by layer ${JSON.stringify(layer.name)} (${shown(o.value)}): ` +
              'layers must not set the same parameter, and neither is silently overwritten; set it in one layer only',
            { path: [...layerPath(j), k, 'path'], value: o.path },
          ),
        );
        return;
      }
      if (earlier === undefined) setBy.set(o.path, { layer: j, value: o.value });
      overrides.push(o);
      layerOf.push(layer.name);
    });
  });
  return problems.length > 0 ? fail(...problems) : ok({ overrides, layerOf });
}

/** The content hash of a list of overrides in canonical form, whatever their order. */
export function overridesHash(overrides: readonly Override[]): string {
  const sorted = [...overrides].sort((a, b) => compareText(`${a.path}@${a.from ?? ''}`, `${b.path}@${b.from ?? ''}`));
  return contentHash(canonicalJson(sorted));
}

/**
 * The parameters of `baseline` with a reform on top: the baseline's own overrides are kept
 * (in their canonical spelling) except where the reform sets the same path from the same date,
 * then the reform's are added; resolved on the baseline's date. Overrides of parameters that
 * `registry` does not hold (another programme's) are left out.
 */
export function applyReform(registry: ParameterRegistry, baseline: ParameterSet, overrides: readonly Override[]): Result<ParameterSet> {
  const own = overrides.filter((o) => registry.has(o.path));
  const replaced = new Set(own.filter((o) => o.from === undefined).map((o) => o.path));
  const carried = baseline
    .all()
    .filter((p) => p.overridden && registry.has(p.definition.path) && !replaced.has(p.definition.path))
    .map((p) => ({ path: p.definition.path, value: p.display }));
  return registry.resolve(baseline.date, [...carried, ...own]);
}

function canonicalOverride(
  o: Override,
  definitions: ReadonlyMap<string, ParameterDefinition>,
  registry: ParameterRegistry,
  at: Path,
): Result<Override> {
  const checked = registry.validateReform([o]);
  const definition = definitions.get(o.path);
  if (!checked.ok || definition === undefined) {
    const problems = checked.ok ? [] : checked.problems;
    return fail(
      ...problems.map((p) =>
        p.code === 'PARAMETER.UNKNOWN' || p.code === 'REFORM.INVALID'
          ? problem(p.code, p.message, {
              path: [...at, ...(p.code === 'PARAMETER.UNKNOWN' ? ['path'] : (p.location?.path ?? []).slice(1))],
              value: o.path,
            })
          : problem(p.code, p.message, { ...p.location, path: [...at, 'value', ...(p.location?.path ?? []).slice(1)] }),
      ),
    );
  }
  const value = parseParameterValue(definition.kind, o.value, [o.path]);
  if (!value.ok) throw new Error(`${o.path}: validated, then refused`);
  const display = displayValue(definition.kind, value.value);
  return ok(o.from === undefined ? { path: o.path, value: display } : { path: o.path, value: display, from: o.from });
}

function duplicatesIn(layer: ReformLayer, at: Path): Problem[] {
  const seen = new Set<string>();
  return layer.overrides.flatMap((o, k) => {
    const key = `${o.path}@${o.from ?? ''}`;
    const twice = seen.has(key);
    seen.add(key);
    return twice
      ? [
          problem(
            'PARAMETER.DUPLICATE_OVERRIDE',
            `${o.path} is set twice${o.from === undefined ? '' : ` from ${o.from}`} in layer ${JSON.stringify(layer.name)}; set it once`,
            {
              path: [...at, k, 'path'],
            },
          ),
        ]
      : [];
  });
}

function withoutUndefinedFrom(o: { path: string; value: unknown; from?: string | undefined }): Override {
  return o.from === undefined ? { path: o.path, value: o.value } : { path: o.path, value: o.value, from: o.from };
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const FIELDS = ['name', 'description', 'layers', 'overrides', 'path', 'value', 'from'];

/** zod's issues as problems at JSON paths, one per unknown field. */
function shapeProblems(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const near = FIELDS.find((f) => f.startsWith(key.slice(0, 3).toLowerCase()) && f !== key);
        return problem(
          'REFORM.UNKNOWN_FIELD',
          `unknown field ${JSON.stringify(key)}${near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`}: a reform file has name, description, layers and overrides`,
          {
            path: [...path, key],
          },
        );
      });
    }
    if (issue.input === undefined) return [problem('REFORM.REQUIRED', `${String(path.at(-1) ?? 'the reform')} is required`, { path })];
    return [problem('REFORM.INVALID', issue.message, { path })];
  });
}
