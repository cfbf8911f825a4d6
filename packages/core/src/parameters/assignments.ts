import { problem, type Problem } from '../errors/index.js';
import type { Override } from './types.js';

/** Overrides read from `PATH=VALUE` texts, and the texts that are not of that shape. */
export interface Assignments {
  readonly overrides: readonly Override[];
  readonly problems: readonly Problem[];
}

/**
 * `PATH=VALUE` texts (`bagui … --set`, the API's `set=` parameters) as overrides, in order. The
 * value stays text: the registry parses it by the parameter's kind and names the path in every
 * problem (an unknown path, a path set twice). A text without `=` or without a path is an
 * `OVERRIDE.SHAPE` problem carrying that text; the caller says where it came from.
 */
export function parseAssignments(texts: readonly string[]): Assignments {
  const overrides: Override[] = [];
  const problems: Problem[] = [];
  for (const text of texts) {
    const at = text.indexOf('=');
    const path = text.slice(0, Math.max(at, 0)).trim();
    if (at < 0 || path === '') {
      problems.push(problem('OVERRIDE.SHAPE', 'expected PATH=VALUE, e.g. rd_incentive.firm_cap=8000000', { value: text }));
      continue;
    }
    overrides.push({ path, value: text.slice(at + 1) });
  }
  return { overrides, problems };
}
