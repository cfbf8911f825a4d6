import { problem, type Problem, type Result } from '@bagui/core/errors';
import { applicantFiles, parseScenario, type Scenario } from '@bagui/core/scenario';
import { datasetsHash, scenarioContentHash } from '../hash.js';

/** A scenario file (its JSON already parsed) and the data sets its `applicants.file` paths stand for. */
export interface ScenarioInput {
  /**
   * The scenario file as `bagui run` takes it, parsed from its JSON text by the caller's exact
   * JSON reader (which locates a syntax error or a key given twice by line and column). The
   * store checks it with core's `parseScenario` and keeps nothing that fails.
   */
  readonly file: unknown;
  /**
   * For each `applicants.file` path of the file, the hash of the stored data set (`datasets.put`)
   * that is that file's content. Every path needs one; nothing else may be given.
   */
  readonly datasets?: Readonly<Record<string, string>> | undefined;
}

/** A checked scenario file, as a revision keeps it. */
export interface CheckedContent {
  readonly scenario: Scenario;
  /** The file as JSON text, pretty-printed with its keys in the order given. */
  readonly content: string;
  readonly contentHash: string;
  readonly datasets: Readonly<Record<string, string>>;
  readonly datasetsHash: string;
}

const HASH = /^[0-9a-f]{64}$/u;

/**
 * Checks a scenario file and its data set bindings: the file with `parseScenario` (every
 * problem at its JSON path), then each binding against the file's paths and the stored data sets.
 */
export function checkContent(input: ScenarioInput, storedDatasets: ReadonlySet<string>): Result<CheckedContent> {
  const parsed = parseScenario(input.file);
  if (!parsed.ok) return parsed;
  const bindings = input.datasets ?? {};
  const problems: Problem[] = [];
  const paths = new Set<string>();
  for (const { path, at } of applicantFiles(parsed.value)) {
    paths.add(path);
    if (!Object.hasOwn(bindings, path)) {
      problems.push(
        problem(
          'STORE.DATASET_UNBOUND',
          `the applicants file ${JSON.stringify(path)} has no data set: upload the file and bind its hash to this path in datasets`,
          { path: at, value: path },
        ),
      );
    }
  }
  for (const [path, hash] of Object.entries(bindings)) {
    if (!paths.has(path)) {
      problems.push(
        problem(
          'STORE.DATASET_UNUSED',
          `no programme reads the applicants file ${JSON.stringify(path)}: bind data sets only to the scenario's applicants.file paths`,
          { path: ['datasets', path], value: hash },
        ),
      );
    } else if (!HASH.test(hash) || !storedDatasets.has(hash)) {
      problems.push(
        problem(
          'STORE.DATASET_UNKNOWN',
          `no data set has the hash ${JSON.stringify(hash)}: upload the file first and bind the hash it is given`,
          {
            path: ['datasets', path],
            value: hash,
          },
        ),
      );
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  let contentHash: string;
  try {
    contentHash = scenarioContentHash(input.file);
  } catch (error) {
    // RFC 8785 has no form for text that is not Unicode: a lone surrogate escaped as \ud800.
    return {
      ok: false,
      problems: [
        problem(
          'STORE.NOT_UNICODE',
          `the scenario file holds text that is not valid Unicode (${String(error)}): remove the lone \\ud800–\\udfff escape`,
        ),
      ],
    };
  }
  const sorted = Object.fromEntries(Object.entries(bindings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ok: true,
    value: {
      scenario: parsed.value,
      content: `${JSON.stringify(input.file, null, 2)}\n`,
      contentHash,
      datasets: sorted,
      datasetsHash: datasetsHash(sorted),
    },
  };
}

/** The data set hashes a scenario input names, to look up before checking it. */
export function boundHashes(input: ScenarioInput): string[] {
  return [...new Set(Object.values(input.datasets ?? {}).filter((hash) => HASH.test(hash)))];
}
