import type { StoreFailure } from '@bagui/store';
import { HttpProblem, type ProblemCode, type ProblemDetail } from './problem.js';
import { fromDomain, invalid } from './validation.js';

/** Where a store's problem is in the request, from its path (and code). */
export type Locate = (path: readonly (string | number)[], code?: string) => Partial<ProblemDetail>;

/** What a store's not_found names, as the API's code. */
const NOT_FOUND: Readonly<Record<string, ProblemCode>> = {
  'STORE.SCENARIO_NOT_FOUND': 'SCENARIO.NOT_FOUND',
  'STORE.REVISION_NOT_FOUND': 'SCENARIO.REVISION_NOT_FOUND',
  'STORE.DATASET_NOT_FOUND': 'DATASET.NOT_FOUND',
  'STORE.KEY_NOT_FOUND': 'KEY.NOT_FOUND',
};

/**
 * A store's refusal as the API answers it: `invalid` 422 (400 for a cursor the API never gave),
 * `not_found` 404, `stale` 412 and `archived` 409, both with the current ETag. `where` locates
 * each problem in the request (a body pointer, a query parameter); `done` says what was not done.
 */
export function storeProblem(failure: StoreFailure, where: Locate, done: string): HttpProblem {
  const errors = failure.problems.map((p) => fromDomain(p, p.location?.path === undefined ? {} : where(p.location.path, p.code)));
  const first = failure.problems[0]?.message ?? failure.kind;
  switch (failure.kind) {
    case 'invalid':
      if (errors.length > 0 && errors.every((e) => e.code === 'PAGE.CURSOR')) {
        return new HttpProblem('REQUEST.MALFORMED', first, errors);
      }
      return invalid(`the request has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}; ${done}`, errors);
    case 'not_found':
      return new HttpProblem(NOT_FOUND[failure.problems[0]?.code ?? ''] ?? 'NOT_FOUND', first);
    case 'stale':
      return new HttpProblem('PRECONDITION.FAILED', `${first}; ${done}`, errors, { ETag: failure.current.etag });
    case 'archived':
      return new HttpProblem('SCENARIO.ARCHIVED', `${first}; ${done}`, errors, { ETag: failure.current.etag });
  }
}
