import { TextDecoder } from 'node:util';
import { applicantFiles, parseScenario } from '@bagui/core/scenario';
import { parseCsv } from '@bagui/core/tabular';
import { SCENARIO_ID, type Revision, type SavedScenario, type Store } from '@bagui/store';
import type { Request } from 'express';
import { authorize } from '../http/auth.js';
import { HttpProblem, jsonPointer } from '../http/problem.js';
import { storeProblem } from '../http/store-problems.js';
import { inParameters } from '../http/validation.js';

/**
 * What a saved scenario's revision holds, as the routes use it: its file, the texts of the data
 * sets it binds (to run it), the file with those rows inline (to download it for `bagui run`).
 */

/**
 * A data set's text: UTF-8 (what the API accepts), else GB18030 (a superset of GBK), the other
 * encoding of spreadsheets saved in China, for data sets another tool stored as they were.
 */
function textOf(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The texts of a revision's data sets, by the applicants file path each is bound to (UTF-8, as uploaded). */
export async function datasetTexts(store: Store, revision: Revision): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const [path, hash] of Object.entries(revision.datasets)) {
    const found = await store.datasets.get(hash);
    if (!found.ok) throw new Error(`revision ${revision.n} of ${revision.scenarioId} binds the missing data set ${hash}`);
    texts.set(path, textOf(found.value.bytes));
  }
  return texts;
}

export const reader =
  (texts: ReadonlyMap<string, string>) =>
  (path: string): string => {
    const text = texts.get(path);
    if (text === undefined) throw new Error(`no data set is bound to ${path}`);
    return text;
  };

/** A revision of a saved scenario, by id and number (the current one when `n` is absent). */
export async function loadRevision(store: Store, id: string, n?: number): Promise<{ revision: Revision; saved?: SavedScenario }> {
  if (n === undefined) {
    const got = await store.scenarios.get(id);
    if (!got.ok) throw storeProblem(got, inParameters, 'nothing was done');
    return { revision: got.value.revision, saved: got.value };
  }
  const got = await store.scenarios.revision(id, n);
  if (!got.ok) throw storeProblem(got, inParameters, 'nothing was done');
  return { revision: got.value };
}

/**
 * The file of a revision with every applicants file replaced by its data set's rows inline
 * (`records`, keyed by the file's own headers, which every programme's reader accepts), so that
 * `bagui run` takes the download as it is.
 */
export function inlined(revision: Revision, texts: ReadonlyMap<string, string>): unknown {
  const file = JSON.parse(revision.content) as { programmes: { applicants: unknown }[] };
  const scenario = parseScenario(file);
  if (!scenario.ok) throw new Error(`revision ${revision.n} of ${revision.scenarioId} no longer parses`);
  for (const { path, at } of applicantFiles(scenario.value)) {
    const table = parseCsv(reader(texts)(path));
    if (!table.ok) throw new Error(`the data set bound to ${path} is not CSV`);
    const records = table.value.records.map((r) =>
      Object.fromEntries(r.cells.flatMap((cell, i) => (cell === '' ? [] : [[table.value.header[i] ?? '', cell]]))),
    );
    const entry = file.programmes[Number(at[1])];
    if (entry !== undefined) entry.applicants = { records };
  }
  return file;
}

/**
 * `baseline` of a scenario comparison when it names a saved scenario — its id, or `{id, revision}`
 * — with the data sets it reads; undefined for a built-in's name or a scenario file.
 */
export async function savedBaseline(
  req: Request,
  store: Store,
  baseline: unknown,
): Promise<{ file: unknown; readFile: (path: string) => string } | undefined> {
  let id: string | undefined;
  let n: number | undefined;
  if (typeof baseline === 'string' && SCENARIO_ID.test(baseline)) id = baseline;
  else if (typeof baseline === 'object' && baseline !== null && !Array.isArray(baseline) && 'id' in baseline) {
    const keys = Object.keys(baseline);
    const { id: given, revision } = baseline as { id: unknown; revision?: unknown };
    if (keys.every((k) => k === 'id' || k === 'revision') && typeof given === 'string') {
      if (revision !== undefined && (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1)) {
        throw new HttpProblem('REQUEST.INVALID', 'the baseline has a problem; nothing was computed', [
          {
            code: 'REQUEST.INVALID_VALUE',
            message: 'baseline.revision: expected a revision number, 1 or more',
            pointer: jsonPointer(['baseline', 'revision']),
          },
        ]);
      }
      id = given;
      n = revision;
    }
  }
  if (id === undefined) return undefined;
  authorize(req, 'viewer');
  const { revision } = await loadRevision(store, id, n);
  return { file: JSON.parse(revision.content) as unknown, readFile: reader(await datasetTexts(store, revision)) };
}
