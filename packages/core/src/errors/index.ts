/**
 * Expected failures are values, not exceptions: a stable `code`, a message that says what was
 * wrong and what would be right, and where (line/column in a file, or a JSON path).
 * The domain never knows about HTTP; apps map codes to exit codes or statuses.
 */

export interface Location {
  /** 1-based line in the source file (the header is line 1). */
  readonly line?: number;
  /** Column name (header) or 1-based column number (in JSON text). */
  readonly column?: string | number;
  /** JSON path of the offending value, e.g. `["rd_incentive.increment.cap_above"]`. */
  readonly path?: readonly (string | number)[];
  /** The offending value as written. */
  readonly value?: string;
}

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly location?: Location;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...problems: Problem[]): Result<T> => ({ ok: false, problems });

export function problem(code: string, message: string, location?: Location): Problem {
  return location === undefined ? { code, message } : { code, message, location };
}

/** Thrown only to carry expected problems across a boundary that cannot return a Result. */
export class BaguiError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'BaguiError';
    this.problems = problems;
  }
}

/** Unwraps a Result, throwing a BaguiError with its problems when it failed. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new BaguiError(result.problems);
}

/** One line a person can act on: `line 3, column revenue, value "-5": amount is negative …`. */
export function formatProblem(p: Problem): string {
  const where: string[] = [];
  const loc = p.location;
  if (loc?.line !== undefined) where.push(`line ${loc.line}`);
  if (loc?.column !== undefined) where.push(`column ${loc.column}`);
  if (loc?.path !== undefined && loc.path.length > 0) where.push(`at ${loc.path.join('.')}`);
  if (loc?.value !== undefined) where.push(`value ${JSON.stringify(loc.value)}`);
  return `${where.length > 0 ? `${where.join(', ')}: ` : ''}${p.message} [${p.code}]`;
}
