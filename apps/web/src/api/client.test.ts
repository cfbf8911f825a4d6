import { GUANGXI_2021, type ScenarioFile } from '@bagui/core/scenario';
import { savedScenarioBody } from './test-support';
import { describe, expect, it } from 'vitest';
import { setApplicants } from '../state/scenario-edit';
import { BaguiApi, forgetKey, rememberKey, storedKey } from './client';

interface Call {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** A fetch that records each call and answers from a list, in order. */
function mockFetch(answers: readonly (() => Response)[]): { fetcher: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  let k = 0;
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const answer = answers[k++];
    if (answer === undefined) throw new Error(`no answer for call ${k}`);
    return answer();
  }) as typeof fetch;
  return { fetcher, calls };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): (() => Response) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
    });

const saved = (file: ScenarioFile, revision = 1, etag = `"r${revision}"`) => ({ ...savedScenarioBody(file, revision), etag });

describe('BaguiApi', () => {
  it('saves a scenario file with its key: POST /v1/scenarios, 201 with Location and ETag', async () => {
    const { fetcher, calls } = mockFetch([
      json(201, saved(GUANGXI_2021), { location: 'http://h/v1/scenarios/s_0123456789abcdef', etag: '"r1"' }),
    ]);
    const result = await new BaguiApi('KEY1', fetcher).save(GUANGXI_2021);
    expect(result).toMatchObject({ ok: true, etag: '"r1"', location: 'http://h/v1/scenarios/s_0123456789abcdef' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/v1/scenarios' });
    expect(calls[0]?.headers).toMatchObject({ authorization: 'Bearer KEY1', 'content-type': 'application/json' });
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual(GUANGXI_2021);
  });

  it('uploads an imported applicants file as a data set and binds it to its path', async () => {
    const file = setApplicants(GUANGXI_2021, 'rd_incentive', { file: 'firms.csv' });
    const { fetcher, calls } = mockFetch([json(201, { hash: 'abc123' }), json(201, saved(file))]);
    const result = await new BaguiApi('K', fetcher).save(file, [
      { path: 'firms.csv', programme: 'rd_incentive', text: 'id,scale\nE1,above\n' },
      { path: 'other.csv', programme: 'talent', text: 'not named by the scenario' },
    ]);
    expect(result.ok).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /v1/datasets?programme=rd_incentive', 'POST /v1/scenarios']);
    expect(calls[0]?.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(calls[0]?.body).toBe('id,scale\nE1,above\n');
    expect(JSON.parse(calls[1]?.body ?? '')).toEqual({ file, datasets: { 'firms.csv': 'abc123' } });
  });

  it('revises with If-Match, and hands back a 412 with the newer revision’s ETag', async () => {
    const { fetcher, calls } = mockFetch([
      json(200, saved(GUANGXI_2021, 2, '"r2"'), { etag: '"r2"' }),
      json(
        412,
        {
          type: 'urn:bagui:problem:PRECONDITION.FAILED',
          title: 'Precondition failed',
          status: 412,
          detail: 'stale',
          code: 'PRECONDITION.FAILED',
        },
        { etag: '"r3"' },
      ),
    ]);
    const api = new BaguiApi('K', fetcher);
    const revised = await api.revise('s_0123456789abcdef', '"r1"', GUANGXI_2021);
    expect(revised).toMatchObject({ ok: true, etag: '"r2"', value: { revision: 2 } });
    expect(calls[0]).toMatchObject({ method: 'PUT', url: '/v1/scenarios/s_0123456789abcdef' });
    expect(calls[0]?.headers['if-match']).toBe('"r1"');
    const stale = await api.revise('s_0123456789abcdef', '"r2"', GUANGXI_2021);
    expect(stale).toEqual({
      ok: false,
      etag: '"r3"',
      problem: { status: 412, code: 'PRECONDITION.FAILED', title: 'Precondition failed', detail: 'stale' },
    });
  });

  it('opens a saved scenario, taking the file with its applicants inline when it reads data sets', async () => {
    const withFile = setApplicants(GUANGXI_2021, 'rd_incentive', { file: 'firms.csv' });
    const inline = setApplicants(GUANGXI_2021, 'rd_incentive', { records: [{ id: 'E1' }] });
    const { fetcher, calls } = mockFetch([json(200, saved(withFile), { etag: '"r1"' }), json(200, inline, { etag: '"r1"' })]);
    const opened = await new BaguiApi('K', fetcher).open('s_0123456789abcdef');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /v1/scenarios/s_0123456789abcdef',
      'GET /v1/scenarios/s_0123456789abcdef/file',
    ]);
    expect(opened).toMatchObject({ ok: true, etag: '"r1"', value: { id: 's_0123456789abcdef', file: inline } });
  });

  it('lists saved scenarios with search and paging; 401 and network failures come back as values', async () => {
    const { fetcher, calls } = mockFetch([
      json(200, { scenarios: [], saved: [{ id: 's_1', name: 'a' }], next: 'c2' }),
      json(401, { status: 401, code: 'AUTH.INVALID_KEY', title: 'Unauthorized', detail: 'no API key has this secret' }),
      () => {
        throw new TypeError('Failed to fetch');
      },
    ]);
    const api = new BaguiApi('K', fetcher);
    expect(await api.list({ search: '南宁 cap', cursor: 'c1', limit: 20 })).toMatchObject({
      ok: true,
      value: { saved: [{ id: 's_1' }], next: 'c2' },
    });
    expect(calls[0]?.url).toBe('/v1/scenarios?search=%E5%8D%97%E5%AE%81+cap&cursor=c1&limit=20');
    expect(await api.revisions('s_1')).toMatchObject({ ok: false, problem: { status: 401, code: 'AUTH.INVALID_KEY' } });
    expect(await api.list()).toMatchObject({
      ok: false,
      problem: { status: 0, code: 'NETWORK', detail: 'the API did not answer: Failed to fetch' },
    });
  });

  it('keeps the key in storage until forgotten', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    };
    expect(storedKey(storage)).toBeUndefined();
    rememberKey('bk_secret', storage);
    expect(storedKey(storage)).toBe('bk_secret');
    forgetKey(storage);
    expect(storedKey(storage)).toBeUndefined();
  });
});
