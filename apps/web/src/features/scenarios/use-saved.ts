import { useCallback, useMemo, useState } from 'react';
import {
  BaguiApi,
  forgetKey,
  rememberKey,
  storedKey,
  type ApiProblem,
  type ApiResult,
  type RevisionSummary,
  type SavedScenario,
  type ScenarioSummary,
} from '../../api/client';
import { usePlanner } from '../../state/planner';

/** What to do once a person has given their API key. */
type Pending =
  { readonly kind: 'save' } | { readonly kind: 'list' } | { readonly kind: 'open'; readonly id: string } | { readonly kind: 'revisions' };

/**
 * Saving, opening, revising and sharing scenarios through the API. The API key is asked for the
 * first time it is needed (kept in this browser's localStorage until forgotten). A save of a
 * scenario opened from (or saved to) the API revises it with If-Match; when someone else revised
 * it meanwhile (412), `conflict` holds the newer revision's ETag, and the person chooses to load
 * the newer revision or to overwrite it with theirs.
 */
export function useSaved() {
  const { scenario, update, files, saved, setSaved } = usePlanner();
  const [key, setKey] = useState(storedKey);
  const [asking, setAsking] = useState<Pending | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [conflict, setConflict] = useState<{ readonly etag: string } | undefined>();
  const [list, setList] = useState<
    { readonly items: readonly ScenarioSummary[]; readonly next: string | null; readonly search: string } | undefined
  >();

  const [revisions, setRevisions] = useState<readonly RevisionSummary[] | undefined>();

  const uploads = useMemo(() => {
    const named = new Set(scenario.programmes.flatMap((p) => (p.applicants.file === undefined ? [] : [p.applicants.file])));
    return files.filter((f) => named.has(f.path)).map((f) => ({ path: f.path, programme: f.programme, text: f.text }));
  }, [scenario, files]);

  /** Runs a call with the key, or asks for the key first; a refused key (401) is asked for again. */
  const withKey = async <T>(
    pending: Pending,
    call: (api: BaguiApi) => Promise<ApiResult<T>>,
    k = key,
  ): Promise<ApiResult<T> | undefined> => {
    if (k === undefined) {
      setAsking(pending);
      return undefined;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await call(new BaguiApi(k));
      if (!result.ok) setProblem(result.problem);
      if (!result.ok && result.problem.status === 401) {
        // The key is unknown or revoked: it is forgotten and asked for again, the refusal shown.
        forgetKey();
        setKey(undefined);
        setAsking(pending);
      }
      return result;
    } finally {
      setBusy(false);
    }
  };

  const adopt = (value: SavedScenario, etag: string | undefined): void => {
    setSaved({ id: value.id, name: value.name, revision: value.revision, etag: etag ?? value.etag });
    setRevisions(undefined);
  };

  const refresh = async (search: string, k = key, cursor?: string): Promise<void> => {
    const result = await withKey({ kind: 'list' }, (api) => api.list({ search, ...(cursor === undefined ? {} : { cursor }) }), k);
    if (result?.ok !== true) return;
    setList((before) => ({
      items: cursor === undefined ? result.value.saved : [...(before?.items ?? []), ...result.value.saved],
      next: result.value.next,
      search,
    }));
  };

  const save = async (k = key, overwrite?: string): Promise<void> => {
    const result = await withKey(
      { kind: 'save' },
      (api) => (saved === undefined ? api.save(scenario, uploads) : api.revise(saved.id, overwrite ?? saved.etag, scenario, uploads)),
      k,
    );
    if (result === undefined) return;
    if (result.ok) {
      adopt(result.value, result.etag);
      setConflict(undefined);
      if (list !== undefined) await refresh(list.search, k);
    } else if (result.problem.status === 412 && result.etag !== undefined) {
      setProblem(undefined);
      setConflict({ etag: result.etag });
    }
  };

  const open = async (id: string, k = key): Promise<boolean> => {
    const result = await withKey({ kind: 'open', id }, (api) => api.open(id), k);
    if (result?.ok !== true) return false;
    update(() => result.value.file);
    adopt(result.value, result.etag);
    setConflict(undefined);
    return true;
  };

  /** The saved scenario's revisions, newest first as the API lists them. */
  const showRevisions = async (k = key): Promise<void> => {
    if (saved === undefined) return;
    const result = await withKey({ kind: 'revisions' }, (api) => api.revisions(saved.id), k);
    if (result?.ok === true) setRevisions(result.value.revisions);
  };

  const giveKey = (given: string): void => {
    const k = given.trim();
    if (k === '') return;
    rememberKey(k);
    setKey(k);
    const pending = asking;
    setAsking(undefined);
    if (pending?.kind === 'save') void save(k);
    else if (pending?.kind === 'open') void open(pending.id, k);
    else if (pending?.kind === 'list') void refresh('', k);
    else if (pending?.kind === 'revisions') void showRevisions(k);
  };

  const forget = (): void => {
    forgetKey();
    setKey(undefined);
    setList(undefined);
    setProblem(undefined);
  };

  return {
    saved,
    hasKey: key !== undefined,
    asking,
    cancelAsking: useCallback(() => setAsking(undefined), []),
    giveKey,
    forget,
    busy,
    problem,
    conflict,
    save: () => save(),
    overwrite: () => (conflict === undefined ? Promise.resolve() : save(key, conflict.etag)),
    reloadNewer: () => (saved === undefined ? Promise.resolve(false) : open(saved.id)),
    open: (id: string) => open(id),
    revisions,
    showRevisions: () => showRevisions(),
    list,
    search: (text: string) => refresh(text),
    more: () => (list?.next == null ? Promise.resolve() : refresh(list.search, key, list.next)),
  };
}
