import type { ScenarioFile } from '@bagui/core/scenario';

/**
 * The planner's calls to the Bagui API (same origin: the API serves the planner): whether it is
 * up, and saved scenarios — save, open, revise (If-Match), list, revisions. Writes and reads of
 * saved scenarios carry `Authorization: Bearer KEY`. Every failure is a value: the API's
 * problem+json as it came, or a network failure under the code `NETWORK`.
 */
export interface ApiHealth {
  readonly status: string;
  readonly engine_version: string;
}

export async function fetchHealth(fetcher: typeof fetch = fetch): Promise<ApiHealth | undefined> {
  try {
    const response = await fetcher('/health', { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<ApiHealth>;
    return typeof body.engine_version === 'string' && typeof body.status === 'string'
      ? { status: body.status, engine_version: body.engine_version }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A saved scenario as the API answers POST, GET and PUT of /v1/scenarios/{id}. */
export interface SavedScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly archived: boolean;
  readonly archivedAt: string | null;
  readonly revision: number;
  readonly etag: string;
  readonly contentHash: string;
  readonly datasetsHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly file: ScenarioFile;
}

export type ScenarioSummary = Omit<SavedScenario, 'file'>;

export interface RevisionSummary {
  readonly n: number;
  readonly etag: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** The API's problem+json (RFC 9457) as it came; `NETWORK` when no answer came at all. */
export interface ApiProblem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { readonly code: string; readonly message: string; readonly pointer?: string }[];
}

export type ApiResult<T> =
  | { readonly ok: true; readonly value: T; readonly etag?: string; readonly location?: string }
  | { readonly ok: false; readonly problem: ApiProblem; readonly etag?: string };

/** An applicants file the planner holds, which a saved scenario names: uploaded as a data set and bound to its path. */
export interface ApplicantsUpload {
  readonly path: string;
  readonly programme: string;
  readonly text: string;
}

const SCENARIOS = '/v1/scenarios';

export class BaguiApi {
  constructor(
    private readonly key: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Saves a new scenario: its applicants files first (as data sets), then the file bound to them. 201, Location, ETag. */
  async save(file: ScenarioFile, uploads: readonly ApplicantsUpload[] = []): Promise<ApiResult<SavedScenario>> {
    const body = await this.#withDatasets(file, uploads);
    if (!body.ok) return body;
    return this.#send<SavedScenario>('POST', SCENARIOS, { json: body.value });
  }

  /** Saves a new revision of `id` over the revision whose ETag is `etag`: 412 (with the current ETag) when someone revised it since. */
  async revise(id: string, etag: string, file: ScenarioFile, uploads: readonly ApplicantsUpload[] = []): Promise<ApiResult<SavedScenario>> {
    const body = await this.#withDatasets(file, uploads);
    if (!body.ok) return body;
    return this.#send<SavedScenario>('PUT', `${SCENARIOS}/${encodeURIComponent(id)}`, { json: body.value, ifMatch: etag });
  }

  /**
   * A saved scenario, current revision. When it reads applicants files (data sets), the file is
   * taken from `/file`, where the API writes their rows inline, so the planner can run it as it is.
   */
  async open(id: string): Promise<ApiResult<SavedScenario>> {
    const path = `${SCENARIOS}/${encodeURIComponent(id)}`;
    const saved = await this.#send<SavedScenario>('GET', path);
    if (!saved.ok || !saved.value.file.programmes.some((p) => p.applicants.file !== undefined)) return saved;
    const inline = await this.#send<ScenarioFile>('GET', `${path}/file`);
    if (!inline.ok) return inline;
    return { ...saved, value: { ...saved.value, file: inline.value } };
  }

  /** A page of saved scenarios, newest change first; `search` in name and description. */
  async list(
    query: { readonly search?: string; readonly cursor?: string; readonly limit?: number } = {},
  ): Promise<ApiResult<{ readonly saved: readonly ScenarioSummary[]; readonly next: string | null }>> {
    const params = new URLSearchParams();
    if (query.search !== undefined && query.search !== '') params.set('search', query.search);
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    const listed = await this.#send<{ saved: readonly ScenarioSummary[] | null; next: string | null }>(
      'GET',
      `${SCENARIOS}${qs === '' ? '' : `?${qs}`}`,
    );
    return listed.ok ? { ...listed, value: { saved: listed.value.saved ?? [], next: listed.value.next } } : listed;
  }

  async revisions(id: string): Promise<ApiResult<{ readonly revisions: readonly RevisionSummary[]; readonly next: string | null }>> {
    return this.#send('GET', `${SCENARIOS}/${encodeURIComponent(id)}/revisions`);
  }

  /** The body of a save: the file alone, or `{file, datasets}` with each uploaded file's data set hash bound to its path. */
  async #withDatasets(file: ScenarioFile, uploads: readonly ApplicantsUpload[]): Promise<ApiResult<unknown>> {
    const named = new Set(file.programmes.flatMap((p) => (p.applicants.file === undefined ? [] : [p.applicants.file])));
    const datasets: Record<string, string> = {};
    for (const upload of uploads) {
      if (!named.has(upload.path)) continue;
      const put = await this.#send<{ hash: string }>('POST', `/v1/datasets?programme=${encodeURIComponent(upload.programme)}`, {
        csv: upload.text,
      });
      if (!put.ok) return put;
      datasets[upload.path] = put.value.hash;
    }
    return { ok: true, value: Object.keys(datasets).length === 0 ? file : { file, datasets } };
  }

  async #send<T>(
    method: string,
    path: string,
    body: { readonly json?: unknown; readonly csv?: string; readonly ifMatch?: string } = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', authorization: `Bearer ${this.key}` };
    if (body.json !== undefined) headers['content-type'] = 'application/json';
    if (body.csv !== undefined) headers['content-type'] = 'text/csv; charset=utf-8';
    if (body.ifMatch !== undefined) headers['if-match'] = body.ifMatch;
    let response: Response;
    try {
      response = await this.fetcher(path, {
        method,
        headers,
        ...(body.json !== undefined ? { body: JSON.stringify(body.json) } : body.csv !== undefined ? { body: body.csv } : {}),
      });
    } catch (error) {
      return { ok: false, problem: networkProblem(error) };
    }
    const etag = response.headers.get('etag') ?? undefined;
    const location = response.headers.get('location') ?? undefined;
    const parsed: unknown = await response.json().catch(() => undefined);
    if (!response.ok) return { ok: false, problem: asProblem(response, parsed), ...(etag === undefined ? {} : { etag }) };
    return { ok: true, value: parsed as T, ...(etag === undefined ? {} : { etag }), ...(location === undefined ? {} : { location }) };
  }
}

function asProblem(response: Response, body: unknown): ApiProblem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<ApiProblem>;
  return {
    status: response.status,
    code: typeof b.code === 'string' ? b.code : `HTTP.${response.status}`,
    title: typeof b.title === 'string' ? b.title : response.statusText,
    detail: typeof b.detail === 'string' ? b.detail : `the API answered ${response.status} ${response.statusText}`,
    ...(Array.isArray(b.errors) ? { errors: b.errors } : {}),
  };
}

function networkProblem(error: unknown): ApiProblem {
  return {
    status: 0,
    code: 'NETWORK',
    title: 'No answer',
    detail: `the API did not answer: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Where the planner keeps the API key a person gave (this browser only), and how it forgets it. */
const KEY_STORAGE = 'bagui.apiKey';

export function storedKey(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | undefined {
  try {
    const key = storage?.getItem(KEY_STORAGE) ?? null;
    return key === null || key === '' ? undefined : key;
  } catch {
    return undefined;
  }
}

export function rememberKey(key: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY_STORAGE, key);
  } catch {
    // Not remembered: asked again next time.
  }
}

export function forgetKey(storage: Pick<Storage, 'removeItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(KEY_STORAGE);
  } catch {
    // Nothing kept.
  }
}
