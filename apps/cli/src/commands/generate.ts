import { problem } from '@bagui/core/errors';
import { checkGenerateRequest, generateCsvChunks, POPULATIONS } from '@bagui/core/generate';
import { InputError, refuseOptions, type OptionProblem } from '../input-error.js';
import type { Io } from '../io.js';
import { withBom, writeResult } from '../output.js';

export interface GenerateOptions {
  readonly count?: string;
  readonly seed: string;
  readonly out?: string;
}

const OPTION_OF: Readonly<Record<string, string>> = { 'GENERATE.COUNT_INVALID': '--count', 'GENERATE.SEED_INVALID': '--seed' };

/** `bagui generate POPULATION`: a seeded synthetic population as CSV in the programme's input format. */
export async function generatePopulation(key: string, options: GenerateOptions, io: Io): Promise<void> {
  const population = POPULATIONS.find((p) => p.key === key);
  if (population === undefined) {
    throw new InputError(`unknown population ${JSON.stringify(key)}; choose one of ${POPULATIONS.map((p) => p.key).join(', ')}`);
  }
  const count = options.count === undefined ? population.defaultCount : wholeNumber(options.count);
  const request = checkGenerateRequest(key, count, wholeNumber(options.seed));
  if (!request.ok) {
    const found: OptionProblem[] = request.problems.map((p) => {
      const option = OPTION_OF[p.code] ?? '--count';
      return { option, problem: problem(p.code, p.message, { value: (option === '--seed' ? options.seed : options.count) ?? '' }) };
    });
    refuseOptions(found);
  }
  const { count: n, seed } = request.value;
  // A file gets a byte-order mark, as every CSV bagui writes: Excel then reads it as UTF-8.
  await writeResult(
    withBom(generateCsvChunks(request.value), options.out !== undefined, false),
    options.out,
    io,
    `${n} ${population.noun}${n === 1 ? '' : 's'} of ${key}, seed ${seed}`,
  );
}

/** Digits only: `1e3`, `12.0` or `-1` are refused rather than read as numbers. */
function wholeNumber(text: string): number {
  return /^\d{1,15}$/u.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}
