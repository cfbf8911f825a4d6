import type { Problem } from '@bagui/core/errors';
import { readJson } from '@bagui/core/json';
import { HttpProblem, jsonPointer, type ProblemDetail } from './problem.js';

/**
 * Reads a JSON request body with core's `readJson` (exact numbers, no key twice, at most 64
 * levels deep, errors at line and column), or throws REQUEST.MALFORMED with the problem.
 */
export function parseJsonExactly(text: string): unknown {
  const read = readJsonExactly(text);
  if (read.ok) return read.value;
  const detail =
    read.problem.code === 'JSON.DUPLICATE_KEY'
      ? 'the request body has a key twice'
      : read.problem.code === 'JSON.TOO_DEEP'
        ? 'the request body is nested too deep'
        : 'the request body is not valid JSON';
  throw new HttpProblem('REQUEST.MALFORMED', detail, [read.problem]);
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  /** `path`: of a key given twice or a container nested too deep, within the JSON value. */
  | { readonly ok: false; readonly problem: ProblemDetail; readonly path?: readonly (string | number)[] };

/** As `parseJsonExactly`, for JSON inside a parameter: the problem, with its line and column in the text, instead of a throw. */
export function readJsonExactly(text: string): JsonRead {
  const read = readJson(text);
  if (read.ok) return read;
  // readJson stops at the first problem.
  const found = read.problems[0] as Problem;
  const at = found.location;
  return {
    ok: false,
    ...(at?.path === undefined ? {} : { path: at.path }),
    problem: {
      code: found.code,
      message: found.message,
      ...(at?.path === undefined ? {} : { pointer: jsonPointer(at.path) }),
      ...(at?.line === undefined ? {} : { line: at.line }),
      ...(at?.column === undefined ? {} : { column: at.column }),
    },
  };
}
