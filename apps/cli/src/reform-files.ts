import { buildReform, duplicateReformNames, parseReform, type Reform } from '@bagui/core/compare';
import { formatProblem } from '@bagui/core/errors';
import type { ParameterRegistry } from '@bagui/core/parameters';
import { InputError, optionProblems, type OptionProblem } from './input-error.js';
import type { Io } from './io.js';
import { parseJsonFile } from './json-file.js';
import { parseSetOptions } from './overrides.js';
import { readTextFile } from './text-file.js';

/** `--set` options as one ad-hoc reform named `--set`, or nothing when there are none. */
export function setOptionsReform(sets: readonly string[], registry: ParameterRegistry, found: OptionProblem[]): Reform | undefined {
  if (sets.length === 0) return undefined;
  const parsed = parseSetOptions(sets, registry);
  if (parsed.problems.length > 0) {
    found.push(...parsed.problems);
    return undefined;
  }
  const reform = buildReform({ name: '--set', layers: [{ name: '--set', overrides: parsed.overrides }] }, registry);
  if (reform.ok) return reform.value;
  found.push(...optionProblems('--set', reform.problems));
  return undefined;
}

/** Every reform file read and checked; the problems of all of them reported at once. */
export async function readReforms(paths: readonly string[], registry: ParameterRegistry, io: Io): Promise<Reform[]> {
  const reforms: Reform[] = [];
  const details: string[] = [];
  for (const path of paths) {
    const json = parseJsonFile(await readTextFile(path, io), path);
    const reform = parseReform(json, registry);
    if (reform.ok) reforms.push(reform.value);
    else details.push(...reform.problems.map((p) => `${path}: ${formatProblem(p)}`));
  }
  if (details.length > 0) {
    throw new InputError(
      `invalid reform ${details.length === 1 ? 'file' : 'files'}: ${details.length} ${details.length === 1 ? 'problem' : 'problems'}; nothing was computed`,
      details,
    );
  }
  return reforms;
}

/**
 * A comparison has something to compare, and its reforms distinct names (core's
 * duplicateReformNames); `labels` name the reforms in order: their files, then `--set`.
 */
export function checkReformList(reforms: readonly Reform[], methods: readonly string[] | undefined, labels: readonly string[]): void {
  if (reforms.length === 0 && (methods === undefined || methods.length === 0)) {
    throw new InputError(
      'nothing to compare: give a reform (--reform FILE.json, or --set PATH=VALUE), or envelope methods (--methods pro_rata,uniform_cap,ranked)',
    );
  }
  const twice = duplicateReformNames(
    reforms.map((r) => r.name),
    (i) => labels[i] ?? `reform ${i}`,
  );
  // Where in the list does not help on a command line: the message names the files.
  if (twice.length > 0)
    throw new InputError(
      'the reforms cannot be told apart; nothing was computed',
      twice.map((p) => formatProblem({ code: p.code, message: p.message })),
    );
}
