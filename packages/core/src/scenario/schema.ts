import { z } from 'zod';
import { problem, type Problem } from '../errors/index.js';
import { isoDateSchema, overrideSchema } from '../parameters/index.js';

/**
 * The scenario file, version 1: what is funded from where, under which rules, for whom. The
 * shape is checked here (zod, unknown fields refused); what needs the programmes — keys,
 * methods, reforms, amounts, the funding split — is checked by `parseScenario`.
 */

const KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/u;
const keySchema = z.string().regex(KEY, {
  error: 'expected a key: 1–64 lowercase letters, digits, _ or -, starting with a letter or digit, e.g. "innovation_fund"',
});
const textSchema = z.string().min(1, { error: 'must not be empty' });
const amountSchema = z.union([z.string(), z.number()], {
  error: 'expected an amount in yuan: text in any accepted spelling ("1.5亿", "150,000,000.00") or a JSON number of yuan (150000000)',
});
const reformSchema = z.array(overrideSchema);

export const sourceSchema = z.strictObject({
  key: keySchema,
  label: z.strictObject({ zh: textSchema, en: textSchema }),
  /** Where the source is named: a letter section, a public document, or `⚠ assumption: …`. */
  citation: textSchema,
});

/** Exactly one of the three (checked by parseScenario, which says which to keep). */
export const applicantsSchema = z.strictObject({
  /** A CSV file in the programme's input format, relative to the scenario file's folder. */
  file: textSchema.optional(),
  /** A seeded synthetic population (`generate/`). */
  generate: z.strictObject({ count: z.number(), seed: z.number() }).optional(),
  /** JSON records with the programme's English field names. */
  records: z.array(z.unknown()).optional(),
});

export const scenarioProgrammeSchema = z.strictObject({
  /** Names this entry in results; defaults to `programme`. Needed when one programme appears twice (two years). */
  id: keySchema.optional(),
  programme: z.string(),
  envelope: amountSchema,
  citation: textSchema,
  method: z.string().optional(),
  /** The date whose parameters apply; defaults to the scenario's `date`. */
  date: isoDateSchema.optional(),
  reform: reformSchema.optional(),
  /** Source key → amount; must add up to the envelope exactly. */
  funding: z.record(z.string(), amountSchema),
  applicants: applicantsSchema,
});

export const scenarioFileSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'schemaVersion must be 1, the only version of the scenario file so far' }),
  name: keySchema,
  title: textSchema,
  description: z.string().optional(),
  /** The date whose parameters apply to every programme without a date of its own. */
  date: isoDateSchema,
  /** Overrides of any programme's parameters, for every programme of the scenario. */
  reform: reformSchema.optional(),
  sources: z.array(sourceSchema).min(1, { error: 'a scenario names at least one funding source' }),
  programmes: z.array(scenarioProgrammeSchema).min(1, { error: 'a scenario has at least one programme' }),
});

/** The file with its programmes unchecked: each is checked on its own, so one broken entry hides no other's problems. */
export const scenarioTopSchema = scenarioFileSchema.extend({
  programmes: z.array(z.unknown()).min(1, { error: 'a scenario has at least one programme' }),
});

/** A scenario file as written (the JSON `bagui scenarios show` prints and `bagui run` reads). */
export type ScenarioFile = z.input<typeof scenarioFileSchema>;
export type ScenarioFileProgramme = z.input<typeof scenarioProgrammeSchema>;
export type ScenarioFileSource = z.input<typeof sourceSchema>;

type Path = readonly (string | number)[];

const FIELDS = [
  ...Object.keys(scenarioFileSchema.shape),
  ...Object.keys(sourceSchema.shape),
  ...Object.keys(scenarioProgrammeSchema.shape),
  ...Object.keys(applicantsSchema.shape),
  'zh',
  'en',
  'count',
  'seed',
  'path',
  'value',
  'from',
];

/**
 * zod's issues as problems at JSON paths: one per unknown field, `required` for a missing one,
 * and otherwise the first issue of each path (a date that is not YYYY-MM-DD is not also "not a
 * calendar date").
 */
export function shapeProblems(error: z.ZodError, basePath: Path = []): Problem[] {
  const seen = new Set<string>();
  return error.issues.flatMap((issue): Problem[] => {
    const path = [...basePath, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
    const last = path.at(-1);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        problem('SCENARIO.UNKNOWN_FIELD', `unknown field ${JSON.stringify(key)}${suggest(key)}: remove it or correct its name`, {
          path: [...path, key],
        }),
      );
    }
    const where = JSON.stringify(path);
    if (seen.has(where)) return [];
    seen.add(where);
    if (issue.input === undefined) {
      const what =
        issue.code === 'invalid_type' ? `expected ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}` : issue.message;
      return [problem('SCENARIO.REQUIRED', `${String(last ?? 'the scenario')} is required; ${what}`, { path })];
    }
    if (issue.code === 'invalid_type') {
      return [problem('SCENARIO.WRONG_TYPE', issue.message.replace(/^Invalid input: /u, ''), { path, value: shown(issue.input) })];
    }
    const code = last === 'date' || last === 'from' ? 'DATE.INVALID' : 'SCENARIO.INVALID';
    return [problem(code, issue.message, { path, value: shown(issue.input) })];
  });
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** ` (did you mean "envelope"?)` for a field one or two edits from a known one. */
function suggest(key: string): string {
  const near = FIELDS.filter((f) => f !== key && editDistance(f, key.toLowerCase()) <= 2).sort(
    (a, b) => editDistance(a, key) - editDistance(b, key),
  )[0];
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
