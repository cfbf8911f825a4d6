import { shareText } from '@bagui/core/compare';
import { findProgramme } from '@bagui/core/programmes';
import { useMemo, useState } from 'react';
import type { Problem, ProgrammeView } from '../../engine/protocol';
import { readApplicantsFile } from '../../io/tables';
import { usePlanner } from '../../state/planner';
import { findEntry, setApplicants } from '../../state/scenario-edit';
import { useEngine } from '../../state/use-engine';

export type SortKey = 'id' | 'entitlement' | 'award' | `group:${string}`;
export type Filter = 'all' | 'funded' | 'unfunded' | 'capped';

/** The file being imported: read, refused with its problems, or loaded. */
export interface Importing {
  readonly name: string;
  readonly file: File;
  readonly problems?: readonly Problem[];
  readonly count?: number;
  /** A CSV's encoding, as detected. */
  readonly encoding?: string;
  /** A workbook's sheet read, and all its sheets (a choice is offered when there are several). */
  readonly sheet?: string;
  readonly sheets?: readonly string[];
}

/** One programme's applicants: importing a file or generating a population, and the outcome recipient by recipient. */
export function useApplicants(id: string | undefined) {
  const { scenario, update, engine, fileLoaded } = usePlanner();
  const entry = id === undefined ? undefined : findEntry(scenario, id);
  const programme = entry === undefined ? undefined : findProgramme(entry.programme);
  const view = useEngine<'programme'>(id === undefined ? null : { kind: 'programme', scenario, programmeId: id });
  const [importing, setImporting] = useState<Importing | undefined>();

  /** Reads a dropped or chosen file (a workbook's first sheet, or `sheet`), and loads it for this programme. */
  const importFile = async (file: File, sheet?: string): Promise<void> => {
    if (id === undefined || programme === undefined) return;
    setImporting({ name: file.name, file });
    const read = await readApplicantsFile(file, { fields: programme.applicantFields, ...(sheet === undefined ? {} : { sheet }) });
    if (!read.ok) {
      setImporting({
        name: file.name,
        file,
        problems: read.problems,
        ...(read.sheet === undefined ? {} : { sheet: read.sheet }),
        ...(read.sheets === undefined ? {} : { sheets: read.sheets }),
      });
      return;
    }
    const about = { name: file.name, file, ...(read.sheet === undefined ? {} : { sheet: read.sheet, sheets: read.sheets ?? [] }) };
    const { result } = await engine.request({ kind: 'loadApplicants', programme: programme.key, path: read.path, text: read.text });
    if (!result.ok) {
      setImporting({ ...about, problems: result.problems.map(read.locate) });
      return;
    }
    fileLoaded({ ...result.value, text: read.text });
    setImporting({ ...about, count: result.value.count, ...(read.encoding === undefined ? {} : { encoding: read.encoding }) });
    update((f) => setApplicants(f, id, { file: read.path }));
  };

  const generate = (count: number, seed: number): void => {
    if (id !== undefined) update((f) => setApplicants(f, id, { generate: { count, seed } }));
  };

  return { entry, programme, view, importing, importFile, generate };
}

/** The rows to show: searched, filtered and sorted, as indexes into the view's columns. */
export function useRows(view: ProgrammeView | undefined, search: string, filter: Filter, sort: { key: SortKey; descending: boolean }) {
  return useMemo(() => {
    if (view === undefined) return new Int32Array(0);
    const n = view.ids.length;
    const needle = search.trim().toLowerCase();
    const groups = Object.values(view.groups);
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = view.awards[i] ?? 0;
      if (filter === 'funded' && a <= 0) continue;
      if (filter === 'unfunded' && a > 0) continue;
      if (filter === 'capped' && view.capped[i] !== 1) continue;
      if (
        needle !== '' &&
        !(view.ids[i] ?? '').toLowerCase().includes(needle) &&
        !groups.some((g) => (g[i] ?? '').toLowerCase().includes(needle))
      ) {
        continue;
      }
      keep.push(i);
    }
    const order = Int32Array.from(keep);
    const sign = sort.descending ? -1 : 1;
    if (sort.key === 'entitlement' || sort.key === 'award') {
      const column = sort.key === 'award' ? view.awards : view.entitlements;
      order.sort((a, b) => sign * ((column[a] ?? 0) - (column[b] ?? 0)) || a - b);
    } else {
      const column = sort.key === 'id' ? view.ids : (view.groups[sort.key.slice('group:'.length)] ?? []);
      order.sort((a, b) => {
        const x = column[a] ?? '';
        const y = column[b] ?? '';
        return sign * (x < y ? -1 : x > y ? 1 : 0) || a - b;
      });
    }
    return order;
  }, [view, search, filter, sort.key, sort.descending]);
}

/** What share of its entitlement recipient i receives (core's exact share, four places). */
export const shareOf = (view: ProgrammeView, i: number): string | null => {
  const e = view.entitlements[i] ?? 0;
  return e <= 0 ? null : shareText(view.awards[i] ?? 0, e);
};
