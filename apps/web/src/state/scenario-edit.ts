import type { ScenarioFile, ScenarioFileProgramme } from '@bagui/core/scenario';

/**
 * Edits of a scenario file, as pure functions: each returns a new file, the old one untouched.
 * The file stays what `bagui run` reads; nothing here checks it — parseScenario does, in the worker.
 */

export type Override = { readonly path: string; readonly value: unknown; readonly from?: string | undefined };
type Programmes = ScenarioFile['programmes'];

/** The id a programme entry is known by in results: its `id`, else its programme key. */
export const entryId = (p: ScenarioFileProgramme): string => p.id ?? p.programme;

function mapEntry(file: ScenarioFile, id: string, edit: (p: ScenarioFileProgramme) => ScenarioFileProgramme): ScenarioFile {
  return { ...file, programmes: file.programmes.map((p) => (entryId(p) === id ? edit(p) : p)) };
}

export function findEntry(file: ScenarioFile, id: string): ScenarioFileProgramme | undefined {
  return file.programmes.find((p) => entryId(p) === id);
}

/** Sets a parameter for one programme (its own reform), replacing an override of the same path and date. */
export function setOverride(file: ScenarioFile, id: string, override: Override): ScenarioFile {
  return mapEntry(file, id, (p) => ({ ...p, reform: upsert(p.reform ?? [], override) }));
}

/** Back to the value in force: the programme's override of `path` (undated) removed. */
export function clearOverride(file: ScenarioFile, id: string, path: string): ScenarioFile {
  return mapEntry(file, id, (p) => {
    const reform = (p.reform ?? []).filter((o) => !(o.path === path && o.from === undefined));
    const { reform: _drop, ...rest } = p;
    return reform.length === 0 ? rest : { ...rest, reform };
  });
}

function upsert(list: readonly Override[], override: Override): Override[] {
  const same = (o: Override): boolean => o.path === override.path && o.from === override.from;
  return list.some(same) ? list.map((o) => (same(o) ? override : o)) : [...list, override];
}

/** The programme's undated override of `path`, if any. */
export function overrideOf(file: ScenarioFile, id: string, path: string): Override | undefined {
  return findEntry(file, id)?.reform?.find((o) => o.path === path && o.from === undefined);
}

/**
 * A new envelope. With one funding source, its amount follows the envelope (they must be equal);
 * with several, the split is left to the person, and the worker reports a split that does not add up.
 */
export function setEnvelope(file: ScenarioFile, id: string, envelope: string): ScenarioFile {
  return mapEntry(file, id, (p) => {
    const sources = Object.keys(p.funding);
    const [only] = sources;
    return sources.length === 1 && only !== undefined ? { ...p, envelope, funding: { [only]: envelope } } : { ...p, envelope };
  });
}

export function setMethod(file: ScenarioFile, id: string, method: string): ScenarioFile {
  return mapEntry(file, id, (p) => ({ ...p, method }));
}

export function setProgrammeDate(file: ScenarioFile, id: string, date: string): ScenarioFile {
  return mapEntry(file, id, (p) => {
    const { date: _drop, ...rest } = p;
    return date === '' ? rest : { ...rest, date };
  });
}

export function setCitation(file: ScenarioFile, id: string, citation: string): ScenarioFile {
  return mapEntry(file, id, (p) => ({ ...p, citation }));
}

/** One source's share of a programme's envelope; an empty amount takes the source off the programme. */
export function setFunding(file: ScenarioFile, id: string, source: string, amount: string): ScenarioFile {
  return mapEntry(file, id, (p) => {
    const funding: Record<string, string | number> = { ...p.funding };
    if (amount.trim() === '') delete funding[source];
    else funding[source] = amount;
    return { ...p, funding };
  });
}

export function setApplicants(file: ScenarioFile, id: string, applicants: ScenarioFileProgramme['applicants']): ScenarioFile {
  return mapEntry(file, id, (p) => ({ ...p, applicants }));
}

export type ScenarioField = 'name' | 'title' | 'description' | 'date';

export function setScenarioField(file: ScenarioFile, field: ScenarioField, value: string): ScenarioFile {
  if (field === 'description' && value === '') {
    const { description: _drop, ...rest } = file;
    return rest;
  }
  return { ...file, [field]: value };
}

export type SourceField = 'key' | 'zh' | 'en' | 'citation';

/** Edits a funding source; a new key is carried into every programme's funding split. */
export function setSource(file: ScenarioFile, index: number, field: SourceField, value: string): ScenarioFile {
  const old = file.sources[index];
  if (old === undefined) return file;
  const source = field === 'zh' || field === 'en' ? { ...old, label: { ...old.label, [field]: value } } : { ...old, [field]: value };
  const sources = file.sources.map<ScenarioFile['sources'][number]>((s, i) => (i === index ? source : s));
  if (field !== 'key') return { ...file, sources };
  const programmes = file.programmes.map<Programmes[number]>((p) =>
    old.key in p.funding
      ? { ...p, funding: Object.fromEntries(Object.entries(p.funding).map(([k, v]) => [k === old.key ? value : k, v])) }
      : p,
  );
  return { ...file, sources, programmes };
}

export function addSource(file: ScenarioFile): ScenarioFile {
  let n = file.sources.length + 1;
  while (file.sources.some((s) => s.key === `source_${n}`)) n++;
  return {
    ...file,
    sources: [...file.sources, { key: `source_${n}`, label: { zh: `资金来源${n}`, en: `Source ${n}` }, citation: '⚠ assumption' }],
  };
}

export function removeSource(file: ScenarioFile, index: number): ScenarioFile {
  const gone = file.sources[index];
  if (gone === undefined) return file;
  return {
    ...file,
    sources: file.sources.filter<ScenarioFile['sources'][number]>((_, i): _ is ScenarioFile['sources'][number] => i !== index),
    programmes: file.programmes.map((p) => ({
      ...p,
      funding: Object.fromEntries(Object.entries(p.funding).filter(([k]) => k !== gone.key)),
    })),
  };
}

/** The scenario-wide reform, or one programme's (`id`), replaced whole. */
export function setReform(file: ScenarioFile, id: string | null, reform: readonly Override[]): ScenarioFile {
  if (id === null) {
    const { reform: _drop, ...rest } = file;
    return reform.length === 0 ? rest : { ...rest, reform: [...reform] };
  }
  return mapEntry(file, id, (p) => {
    const { reform: _drop, ...rest } = p;
    return reform.length === 0 ? rest : { ...rest, reform: [...reform] };
  });
}
