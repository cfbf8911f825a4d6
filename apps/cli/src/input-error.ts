import { formatProblem, problem, type Problem } from '@bagui/core/errors';

/**
 * A mistake in what the user gave us (an option, a file): exit code 2, a one-line summary,
 * then one line per problem so that every mistake can be fixed in one pass.
 */
export class InputError extends Error {
  readonly details: readonly string[];

  constructor(summary: string, details: readonly string[] = []) {
    super(summary);
    this.name = 'InputError';
    this.details = details;
  }
}

/** A problem from core tied to the option it came from: `--budget: value "abc": not an amount … [AMOUNT.INVALID]`. */
export interface OptionProblem {
  readonly option: string;
  readonly problem: Problem;
}

export function optionProblems(option: string, problems: readonly Problem[]): OptionProblem[] {
  return problems.map((problem) => ({ option, problem }));
}

/** A checked option's value, or every problem found in it (and no value). */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly OptionProblem[] };

/** `--format`'s value when it is one of `formats`; else its problem: `unknown <what>; choose one of …`. */
export function knownFormat<F extends string>(formats: readonly F[], value: string, what: 'format' | 'output format'): Checked<F> {
  const format = formats.find((f) => f === value);
  if (format !== undefined) return { ok: true, value: format };
  return {
    ok: false,
    problems: optionProblems('--format', [
      problem('OPTION.UNKNOWN_FORMAT', `unknown ${what}; choose one of ${formats.join(', ')}`, { value }),
    ]),
  };
}

/** Refuses the run when any option is wrong, naming every wrong option. */
export function throwIfAny(found: readonly OptionProblem[]): void {
  if (found.length > 0) refuseOptions(found);
}

/** Refuses the run, naming every wrong option: for a Result that failed. */
export function refuseOptions(found: readonly OptionProblem[]): never {
  const options = [...new Set(found.map((f) => f.option))];
  throw new InputError(
    `invalid ${options.join(', ')}; nothing was computed`,
    found.map((f) => `${f.option}: ${formatProblem(f.problem)}`),
  );
}

/** The code of a Node system error (`ENOENT`…), if that is what `error` is. */
function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

const FILE_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EEXIST: 'a file of that name already exists',
  ENOSPC: 'no space left on the device',
};

/** Why a file could not be read or written, in words, when the cause is the path the user gave. */
export function fileErrorReason(error: unknown): string | undefined {
  const code = systemErrorCode(error);
  return code === undefined ? undefined : FILE_REASONS[code];
}
