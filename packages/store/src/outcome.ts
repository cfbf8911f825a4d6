import { problem, type Problem } from '@bagui/core/errors';

/**
 * What a store call answers: the value, or why not, as a `kind` the API maps to a status
 * (`not_found` 404, `stale` 412, `archived` 409, `invalid` 422 or 400) with the problems to
 * put in its body. Expected failures are values; a thrown error is a fault (the database is
 * down, a bug), never bad input.
 */
export type Outcome<T, F extends FailureOf<string> = Failure> = { readonly ok: true; readonly value: T } | F;

/** Every failure: why (`kind`), and the problems to show. */
export interface FailureOf<K extends string> {
  readonly ok: false;
  readonly kind: K;
  readonly problems: readonly Problem[];
}

export type NotFound = FailureOf<'not_found'>;
export type Invalid = FailureOf<'invalid'>;

export type Failure = NotFound | Invalid;

export const success = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const notFound = (code: string, message: string, id: string): NotFound => ({
  ok: false,
  kind: 'not_found',
  problems: [problem(code, message, { value: id })],
});

export const invalid = (problems: readonly Problem[]): Invalid => ({ ok: false, kind: 'invalid', problems });
