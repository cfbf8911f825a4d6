import { z } from 'zod';
import { problem, type Problem } from '../errors/index.js';
import { recordOf } from '../json/index.js';
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
const rateSchema = z.union([z.string(), z.number()], { error: 'expected a share between 0 and 1: "0.6", "60%" or 0.6' });
const yearSchema = z.int({ error: 'expected a year, a whole number such as 2021' }).min(1990).max(2100);
const textListSchema = z.array(textSchema);

const sourceSchema = z.strictObject({
  key: keySchema,
  label: z.strictObject({ zh: textSchema, en: textSchema }),
  /** Where the source is named: a letter section, a public document, or `⚠ assumption: …`. */
  citation: textSchema,
});

/** Exactly one of the three (checked by parseScenario, which says which to keep). */
const applicantsSchema = z.strictObject({
  /** A CSV file in the programme's input format, relative to the scenario file's folder. */
  file: textSchema.optional(),
  /** A seeded synthetic population (`generate/`). */
  generate: z.strictObject({ count: z.number(), seed: z.number() }).optional(),
  /** JSON records with the programme's English field names. */
  records: z.array(z.unknown()).optional(),
});

/** Awards that recur: each award of the entry is owed again, the same amount, in each of the next `years − 1` years. */
const commitmentSchema = z.strictObject({
  years: z.int({ error: 'expected a whole number of years, 2 or more' }).min(2).max(10),
  /** Where the multi-year rule comes from, e.g. `cri.cn 2018-05-24: 瞪羚 awards for three years`. */
  citation: textSchema,
});

/** Co-financing (区本级 / 市县): the region's share of each award, the recipient's city paying the rest on top. */
const cofinancingSchema = z.strictObject({
  /** The region's (区本级) share of the total support, in (0, 1]: 0.6 means the city adds 40/60 of the award. */
  regional: rateSchema,
  /** A city's own regional share, where it differs: `{ "柳州": "0.5" }`. */
  cities: recordOf(z.string(), rateSchema).optional(),
  citation: textSchema,
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
  funding: recordOf(z.string(), amountSchema),
  applicants: applicantsSchema,
  /** Whose money the envelope is: the letter's, a public figure from elsewhere, or our assumption (default: read off the citation). */
  basis: z.enum(['letter', 'public', 'assumption'], { error: 'expected "letter", "public" or "assumption"' }).optional(),
  /** Modelling choices no source gives, each with its reason: `⚠ ranked by review score: …`. */
  assumptions: textListSchema.optional(),
  /** The programme year (年度) the entry pays; defaults to the year of its date. */
  year: yearSchema.optional(),
  /** The batch (批次) of the programme year, 1, 2, …: batches of one year are paid in this order. */
  batch: z.int({ error: 'expected a batch number, 1 or more' }).min(1).max(99).optional(),
  /** When the batch was paid (下达), e.g. 2022-03-25 for the 2020年度第二批 of the R&D award. */
  paidOn: isoDateSchema.optional(),
  /** Entries of one series pass unallocated money and commitments on; defaults to the programme key. */
  series: keySchema.optional(),
  commitment: commitmentSchema.optional(),
  cofinancing: cofinancingSchema.optional(),
});

/** An entry of the exclusion list: who may not be paid, why, by which programmes, when. */
const exclusionSchema = z.strictObject({
  /** The enterprise's 统一社会信用代码 (checked), matched against every applicant's credit code. */
  creditCode: textSchema.optional(),
  /** An applicant id, for applicants without a credit code. */
  id: textSchema.optional(),
  name: z.string().optional(),
  kind: z.enum(['objection', 'blacklist', 'other'], { error: 'expected "objection" (公示异议), "blacklist" (失信名单) or "other"' }),
  reason: textSchema,
  /** Programme keys or entry ids it applies to; all when absent. */
  programmes: z.array(z.string()).optional(),
  /** In force from and until these dates (inclusive), compared with each programme's date. */
  from: isoDateSchema.optional(),
  until: isoDateSchema.optional(),
  citation: textSchema.optional(),
});

/** A cap on one enterprise's support from all the programmes of a year, applied in a stated order. */
const enterpriseCapSchema = z.strictObject({
  amount: amountSchema,
  /** Entry ids: the order in which programmes count against the cap (within a year and batch); the rest follow in file order. */
  order: z.array(z.string()).optional(),
  citation: textSchema,
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
  /** What happens to a programme's unallocated money: returned (收回), or carried over to the next entry of its series (结转). */
  unallocated: z.enum(['return', 'carry_over'], { error: 'expected "return" or "carry_over"' }).optional(),
  exclusions: z.array(exclusionSchema).optional(),
  enterpriseCap: enterpriseCapSchema.optional(),
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
  ...Object.keys(commitmentSchema.shape),
  ...Object.keys(cofinancingSchema.shape),
  ...Object.keys(exclusionSchema.shape),
  ...Object.keys(enterpriseCapSchema.shape),
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
    const code = last === 'date' || last === 'from' || last === 'until' || last === 'paidOn' ? 'DATE.INVALID' : 'SCENARIO.INVALID';
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
