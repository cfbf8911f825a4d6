import { formatProblem } from '@bagui/core/errors';
import { readJson } from '@bagui/core/json';
import { InputError } from './input-error.js';

const SUMMARIES: Readonly<Record<string, string>> = {
  'JSON.DUPLICATE_KEY': 'has a key twice',
  'JSON.TOO_DEEP': 'is nested too deep',
};

/**
 * The text of a JSON file (a reform, a scenario) read as the API reads a JSON body, by core's
 * `readJson`: exact numbers, no key twice, at most 64 levels deep. Otherwise an InputError with
 * the problem worded as the API words it (its message already says the line and column, so
 * only the path is added in front).
 */
export function parseJsonFile(text: string, path: string): unknown {
  const read = readJson(text);
  if (read.ok) return read.value;
  const [first] = read.problems;
  throw new InputError(
    `${path} ${SUMMARIES[first?.code ?? ''] ?? 'is not valid JSON'}; nothing was computed`,
    read.problems.map((p) => {
      const at = p.location?.path;
      return formatProblem(at === undefined ? { code: p.code, message: p.message } : { ...p, location: { path: at } });
    }),
  );
}
