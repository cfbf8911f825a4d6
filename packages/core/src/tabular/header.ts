import { problem, type Problem } from '../errors/index.js';
import type { ProblemList } from './problems.js';

/**
 * The header row of a table of applicants (CSV or a sheet), mapped onto a programme's fields as
 * docs/rd-incentive.md's header contract says: English or Chinese names in any order; a unit in
 * brackets of either width after an amount's name (`研发费用（万元）`, `主营业务收入(元)`) applying
 * to every cell of the column; columns the programme does not use (`序号`, `备注`…) ignored and
 * listed once as a warning; a missing required column an error that suggests the closest unused
 * column; a column named twice an error. Every programme's reader maps its header here.
 */

/** What the header mapping needs of a field: rd_incentive's ENTERPRISE_FIELDS and the applicant schemas fit. */
export interface HeaderFieldSpec {
  readonly name: string;
  readonly zh: string;
  readonly kind: string;
  readonly required: boolean;
}

/** A unit a header may give an amount column: the power of ten of a yuan. */
export type HeaderUnit = 0 | 4 | 8;

export interface HeaderMap {
  /** The header cells as written, trimmed. */
  readonly headers: readonly string[];
  /** The cell index of each field (in the fields' order), -1 when the column is absent. */
  readonly columns: Int32Array;
  /** The unit each field's header gives (0 元, 4 万元, 8 亿元), or -1 when it gives none. */
  readonly units: Int8Array;
  /** The 0-based indexes of the columns read, ascending: a fault in any other column is not a problem. */
  readonly used: readonly number[];
  /** One warning listing the columns ignored, or none. */
  readonly warnings: readonly Problem[];
}

const UNIT_SUFFIX = /^(?<base>.*?)\s*[(（]\s*(?<unit>元|万元|亿元|万|亿|yuan)\s*[)）]$/iu;
const UNITS: Readonly<Record<string, HeaderUnit>> = { 元: 0, yuan: 0, 万元: 4, 万: 4, 亿元: 8, 亿: 8 };

const label = (field: HeaderFieldSpec): string => `${field.name} (${field.zh})`;

/** The field a header names, by its English (any case) or Chinese name. */
function fieldOf(fields: readonly HeaderFieldSpec[], header: string): number {
  const lower = header.toLowerCase();
  return fields.findIndex((field) => field.name === lower || field.zh === header);
}

/** Maps a header row onto `fields`; problems with the header itself go to `problems` (line 1). */
export function mapHeader(fields: readonly HeaderFieldSpec[], cells: readonly string[], problems: ProblemList): HeaderMap {
  const headers = cells.map((cell) => cell.trim());
  const columns = new Int32Array(fields.length).fill(-1);
  const units = new Int8Array(fields.length).fill(-1);
  const ignored: number[] = [];
  headers.forEach((header, column) => {
    const at = { line: 1, column: header === '' ? String(column + 1) : header, value: header };
    let index = fieldOf(fields, header);
    let unit: HeaderUnit | undefined;
    if (index === -1) {
      const m = UNIT_SUFFIX.exec(header);
      const base = m?.groups?.base ?? '';
      const named = m === null ? -1 : fieldOf(fields, base);
      if (named !== -1) {
        const field = fields[named] as HeaderFieldSpec;
        if (field.kind !== 'amount') {
          problems.add(
            problem(
              'CSV.UNIT_NOT_AMOUNT',
              `column ${JSON.stringify(header)} gives a unit, but ${label(field)} is not an amount: head it ${field.zh} or ${field.name}, without the unit`,
              at,
            ),
          );
          return;
        }
        index = named;
        unit = UNITS[(m?.groups?.unit ?? '').toLowerCase()];
      }
    }
    if (index === -1) {
      ignored.push(column);
      return;
    }
    const previous = columns[index] ?? -1;
    if (previous >= 0) {
      const first = JSON.stringify(headers[previous]);
      const field = fields[index] as HeaderFieldSpec;
      problems.add(
        problem(
          'CSV.DUPLICATE_COLUMN',
          `column ${JSON.stringify(header)} repeats column ${previous + 1} (${first}): ${label(field)} may appear only once; delete one of them`,
          at,
        ),
      );
      return;
    }
    columns[index] = column;
    if (unit !== undefined) units[index] = unit;
  });

  const unused = ignored.filter((column) => headers[column] !== '');
  fields.forEach((field, index) => {
    if (!field.required || columns[index] !== -1) return;
    const near = closest(
      field,
      unused.map((column) => headers[column] ?? ''),
    );
    const hint = near === undefined ? '' : ` (did you mean the column ${JSON.stringify(near)}? head it ${field.zh})`;
    problems.add(
      problem(
        'CSV.MISSING_COLUMN',
        `the required column ${label(field)} is missing${hint}: add a column headed ${field.name} or ${field.zh}`,
        { line: 1, column: field.name },
      ),
    );
  });

  const warnings: Problem[] = [];
  if (ignored.length > 0) {
    const absent = fields.filter((_, index) => columns[index] === -1);
    const listed = ignored.map((column) => {
      const header = headers[column] ?? '';
      if (header === '') return `column ${column + 1} (no header)`;
      const near = absent.find((field) => closest(field, [header]) !== undefined);
      return `${header}${near === undefined ? '' : ` (did you mean ${near.zh}?)`}`;
    });
    warnings.push(
      problem(
        'CSV.IGNORED_COLUMNS',
        `${ignored.length === 1 ? 'a column' : `${ignored.length} columns`} not used here ${ignored.length === 1 ? 'was' : 'were'} ignored: ${listed.join(', ')}`,
        { line: 1, value: ignored.map((column) => headers[column] ?? '').join(',') },
      ),
    );
  }
  const used = [...columns].filter((column) => column >= 0).sort((a, b) => a - b);
  return { headers, columns, units, used, warnings };
}

/**
 * The header among `candidates` most likely meant for `field`: one that contains its Chinese
 * name or is contained in it (`研发费用合计`, `研发费`), or within a small edit distance of either
 * name (`rd_expenses`, `研发费甪`). Undefined when none is close.
 */
function closest(field: HeaderFieldSpec, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const base = (UNIT_SUFFIX.exec(candidate)?.groups?.base ?? candidate).trim();
    const lower = base.toLowerCase().replace(/[\s-]+/gu, '_');
    let score = Math.min(
      distance(lower, field.name),
      distance(base, field.zh),
      base.length >= 2 && (base.includes(field.zh) || field.zh.includes(base)) ? 1 : Infinity,
    );
    const limit = Math.max(1, Math.floor(Math.min(field.name.length, [...field.zh].length * 2) / 3));
    if (score > limit) score = Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance in code units (the names are ASCII or BMP Chinese). */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
