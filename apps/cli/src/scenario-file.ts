import { dirname, isAbsolute, join } from 'node:path';
import { formatProblem, problem, type Problem } from '@bagui/core/errors';
import { applicantFiles, BUILTIN_SCENARIOS, findBuiltinScenario, parseScenario, type Scenario } from '@bagui/core/scenario';
import { InputError } from './input-error.js';
import type { Io } from './io.js';
import { parseJsonFile } from './json-file.js';
import { readTextFile } from './text-file.js';

/** A built-in scenario's name: no dot, no slash. Anything else is a file path. */
const NAME = /^[a-z0-9][a-z0-9_-]*$/u;

/** A scenario checked by core, with its applicants files already read (core reads no files). */
export interface ScenarioFile {
  readonly scenario: Scenario;
  /** The text of an applicants file the scenario names, as the scenario spells its path. */
  readonly readFile: (path: string) => string;
  /** How messages name it: the file's path, or `(built-in) NAME`. */
  readonly label: string;
}

/**
 * The scenario of `bagui run` and `bagui compare --baseline`: a built-in one by name, or a JSON
 * file, checked by core; then every applicants file it names, read relative to the scenario's
 * folder, every unreadable one reported at once. Throws an InputError naming every problem.
 */
export async function loadScenarioFile(target: string, io: Io, verb: 'run' | 'compare'): Promise<ScenarioFile> {
  const { input, folder, label } = await scenarioInput(target, io, verb);
  const scenario = parseScenario(input);
  if (!scenario.ok) throw invalidScenario(label, scenario.problems);

  const texts = new Map<string, string>();
  const unreadable: Problem[] = [];
  for (const { path, at } of applicantFiles(scenario.value)) {
    try {
      texts.set(path, await readTextFile(isAbsolute(path) ? path : join(folder, path), io));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      unreadable.push(problem('APPLICANTS.FILE_UNREADABLE', error.message, { path: at, value: path }));
    }
  }
  if (unreadable.length > 0) throw invalidScenario(label, unreadable);
  return {
    scenario: scenario.value,
    label,
    readFile: (path) => {
      const text = texts.get(path);
      // Core asks only for the files applicantFiles() listed, all read above.
      if (text === undefined) throw new Error(`${path} was not read`);
      return text;
    },
  };
}

/** The error of a scenario that cannot run: every problem, nothing computed. */
export function invalidScenario(label: string, problems: readonly Problem[]): InputError {
  const n = problems.length;
  return new InputError(
    `invalid scenario ${label}: ${n} ${n === 1 ? 'problem' : 'problems'}; nothing was computed`,
    problems.map(formatProblem),
  );
}

/** A built-in scenario by name, or a scenario file's parsed JSON and the folder its paths are relative to. */
async function scenarioInput(target: string, io: Io, verb: string): Promise<{ input: unknown; folder: string; label: string }> {
  if (NAME.test(target)) {
    const builtin = findBuiltinScenario(target);
    if (builtin === undefined) {
      throw new InputError(
        `no built-in scenario named ${JSON.stringify(target)}; the built-in scenarios are ${BUILTIN_SCENARIOS.map((s) => s.name).join(', ')} ` +
          `(bagui scenarios lists them); to ${verb} a file, give its path, e.g. ./${target}.json`,
      );
    }
    return { input: builtin, folder: '.', label: `(built-in) ${target}` };
  }
  return { input: parseJsonFile(await readTextFile(target, io), target), folder: dirname(target), label: target };
}
