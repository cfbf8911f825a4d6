import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { digitalSubsidyPopulation } from './digital-subsidy.js';
import { guidanceFundPopulation } from './guidance-fund.js';
import { hitechZonesPopulation } from './hitech-zones.js';
import { nevSupportPopulation } from './nev-support.js';
import type { Population } from './population.js';
import { rdIncentivePopulation } from './rd-incentive.js';
import { talentPopulation } from './talent.js';
import { techUpgradePopulation } from './tech-upgrade.js';

export type { Population } from './population.js';
export { GUANGXI_CITIES } from './draw.js';
export { splitExactly } from './split.js';
export { TECH_UPGRADE_2021_BATCH } from './tech-upgrade.js';

/** One population per programme, in the order of `PROGRAMMES`; README.md documents each. */
export const POPULATIONS: readonly Population[] = [
  guidanceFundPopulation,
  techUpgradePopulation,
  rdIncentivePopulation,
  nevSupportPopulation,
  hitechZonesPopulation,
  talentPopulation,
  digitalSubsidyPopulation,
];

export const MAX_SEED = 0xffff_ffff;

export function findPopulation(key: string): Population | undefined {
  return POPULATIONS.find((p) => p.key === key);
}

export interface GenerateRequest {
  readonly population: Population;
  readonly count: number;
  readonly seed: number;
}

type Path = readonly (string | number)[];

/**
 * Checks what to generate: a known population, a whole count from 0 to its maximum, a whole seed
 * from 0 to 2^32 − 1. Every problem at once; `path` locates them (`programmes.2.applicants.generate`).
 */
export function checkGenerateRequest(key: string, count: unknown, seed: unknown, path: Path = []): Result<GenerateRequest> {
  const problems: Problem[] = [];
  const population = findPopulation(key);
  if (population === undefined) {
    problems.push(
      problem(
        'GENERATE.UNKNOWN_POPULATION',
        `no population for ${JSON.stringify(key)}; choose one of ${POPULATIONS.map((p) => p.key).join(', ')}`,
        {
          value: key,
        },
      ),
    );
  }
  const max = population?.maxCount ?? 1_000_000;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > max) {
    problems.push(
      problem('GENERATE.COUNT_INVALID', `the count must be a whole number from 0 to ${max.toLocaleString('en-US')}`, {
        path: [...path, 'count'],
        value: String(count),
      }),
    );
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    problems.push(
      problem('GENERATE.SEED_INVALID', `the seed must be a whole number from 0 to ${MAX_SEED}`, {
        path: [...path, 'seed'],
        value: String(seed),
      }),
    );
  }
  if (problems.length > 0 || population === undefined) return fail(...problems);
  return ok({ population, count: count as number, seed: seed as number });
}

/** The population as CSV text in chunks: the header line, then the rows. */
export function* generateCsvChunks({ population, count, seed }: GenerateRequest): Generator<string> {
  yield `${population.header}\n`;
  yield* population.rows(count, seed);
}

/** The population as one CSV text. */
export function generateCsv(request: GenerateRequest): string {
  return [...generateCsvChunks(request)].join('');
}
