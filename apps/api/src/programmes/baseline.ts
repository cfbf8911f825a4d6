import { parseDiffSettings, type Baseline, type DiffSettings } from '@bagui/core/compare';
import { ok, type Problem, type Result } from '@bagui/core/errors';
import type { Fen } from '@bagui/core/money';
import type { Override } from '@bagui/core/parameters';
import { baselineProblemAt, resolveBaseline as resolveCoreBaseline, type Programme } from '@bagui/core/programmes';
import { countRecords, fileProblems, readTable, type TableInput } from '../http/applicant-files.js';
import type { ProblemDetail } from '../http/problem.js';
import { fromDomain, invalid, type Where } from '../http/validation.js';
import type { ApplicantSource } from './input.js';

/** The settings every programme route shares, as the zod schema passed them. */
export interface BaselineSettings {
  readonly budget: string | number;
  readonly method?: string | undefined;
  readonly date?: string | undefined;
  readonly overrides?: Record<string, unknown> | undefined;
}

/** A value, or the problems (at least one) that stopped it, each at its place in the request. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly ProblemDetail[] };

/**
 * The envelope, method and parameters of the baseline, or every problem at its place (`budget`,
 * `method`, `date`, `overrides/PATH/…`): core's `resolveBaseline`, as the CLI and the
 * rd_incentive contract resolve theirs.
 */
export function resolveBaseline<A>(programme: Programme<A>, settings: BaselineSettings, where: Where, today: string): Checked<Baseline<A>> {
  const keys = Object.keys(settings.overrides ?? {});
  const overrides = Object.entries(settings.overrides ?? {}).map(([path, value]): Override => ({ path, value }));
  const resolved = resolveCoreBaseline(programme, { ...settings, budget: settings.budget, overrides }, today);
  if (resolved.ok) return resolved;
  const found: ProblemDetail[] = [];
  for (const p of resolved.problems) {
    const { setting, problem } = baselineProblemAt(p);
    if (setting !== 'overrides') {
      found.push(fromDomain(problem, where([setting])));
      continue;
    }
    const [head, ...rest] = problem.location?.path ?? [];
    const key = typeof head === 'number' ? (keys[head] ?? String(head)) : head;
    found.push(fromDomain(problem, where(key === undefined ? ['overrides'] : ['overrides', key, ...rest])));
  }
  return { ok: false, problems: found };
}

/** How many applicants the source holds, before any validation: records, or lines after the header. */
export function countApplicants(
  source: { readonly kind: 'records'; readonly records: readonly unknown[] } | { readonly kind: 'csv'; readonly table: TableInput },
): number {
  return source.kind === 'records' ? source.records.length : countRecords(source.table);
}

/** Applicants as read, with the warnings of their file (columns ignored), as the answers list them. */
export interface ReadApplicants<A> {
  readonly applicants: A;
  /** Not errors: said once each (CSV.IGNORED_COLUMNS); empty for JSON records. */
  readonly warnings: readonly ProblemDetail[];
}

/**
 * The applicants, read by the programme's own reader (for rd_incentive, typed columns that
 * hold a million firms), or REQUEST.INVALID with every invalid record and cell: a JSON pointer, or a
 * line and column. A file's warnings (columns the programme does not use) come back with them.
 */
export function readApplicants<A>(programme: Programme<A>, source: ApplicantSource, where: Where): ReadApplicants<A> {
  let read: Result<A>;
  let warnings: readonly Problem[] = [];
  if (source.kind === 'records') read = programme.readApplicants(source.records, source.at);
  else {
    const reader = programme.applicantTable();
    readTable(source.table, reader);
    const table = reader.finish();
    if (table.ok) warnings = table.value.warnings;
    read = table.ok ? ok(table.value.value) : table;
  }
  const sheetProblems = source.kind === 'csv' ? (source.origin?.problems.length ?? 0) : 0;
  if (read.ok && sheetProblems === 0) {
    return { applicants: read.value, warnings: source.kind === 'csv' ? fileProblems(warnings, source.where, source.origin) : [] };
  }
  const found = read.ok ? [] : read.problems;
  const errors =
    source.kind === 'records'
      ? found.map((p) => fromDomain(p, p.location?.path === undefined ? {} : where(p.location.path)))
      : fileProblems(found, source.where, source.origin);
  throw invalid(
    `the ${programme.applicantNoun}s have ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}: the input is refused as a whole; nothing was computed`,
    errors,
  );
}

/** `warnings` for a JSON answer: present only when there is one, so an answer without stays as it was. */
export const warningsField = (warnings: readonly ProblemDetail[]): { warnings?: ProblemDetail[] } =>
  warnings.length === 0 ? {} : { warnings: [...warnings] };

/**
 * A streamed JSON object's chunks with `"warnings": [...]` added as its last member when there
 * are any (the chunks unchanged otherwise): the streamed answers stay streamed.
 */
export function* withWarnings<C extends string | Uint8Array>(
  chunks: Iterable<C>,
  warnings: readonly ProblemDetail[],
): Generator<C | string> {
  if (warnings.length === 0) {
    yield* chunks;
    return;
  }
  let last: C | undefined;
  for (const chunk of chunks) {
    if (last !== undefined) yield last;
    last = chunk;
  }
  const end = typeof last === 'string' ? last.lastIndexOf('}') : -1;
  if (typeof last !== 'string' || end === -1) throw new Error('a JSON answer did not end with its object');
  const head = last.slice(0, end).replace(/\s*$/u, '');
  const listed = JSON.stringify(warnings, null, 2).replaceAll('\n', '\n  ');
  yield `${head},\n  "warnings": ${listed}\n${last.slice(end)}`;
}

/** Throws REQUEST.INVALID with every problem found: `what` names the part at fault (`the settings`). */
export function refuse(found: readonly ProblemDetail[], what: string): never {
  throw invalid(`${what}: ${found.length === 1 ? 'a problem' : `${found.length} problems`}; nothing was computed`, found);
}

/**
 * The options of a comparison's diff: `threshold` (a change of at most this much is no change)
 * and `bands` (positive edges of the bands of change, ascending), each problem at its place.
 */
export function diffOptions(settings: DiffSettings, where: Where, found: ProblemDetail[]): { threshold?: Fen; bands?: Fen[] } {
  const read = parseDiffSettings(settings);
  if (read.ok) return read.value;
  found.push(...read.problems.map((p) => fromDomain(p, where(p.location?.path ?? []))));
  return {};
}
