import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioFile } from '@bagui/core/scenario';
import { savedScenarioBody } from '../../api/test-support';
import { App } from '../../app/App';
import { EngineClient } from '../../engine/client';
import { inProcessWorker } from '../../engine/in-process';
import { createI18n } from '../../i18n';

const ID = 's_0123456789abcdef';

/** A fake API: each save makes a new revision; `stale` makes the next PUT find a newer revision (412). */
function fakeApi() {
  const calls: { method: string; url: string; auth?: string; ifMatch?: string }[] = [];
  let revision = 0;
  let file: unknown;
  const state = { stale: false };
  const body = () => ({ ...savedScenarioBody(file as ScenarioFile, revision), name: 'guangxi-2021' });
  const answer = (status: number, value: unknown) =>
    new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', etag: `"r${revision}"` } });
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      method,
      url,
      ...(headers.authorization ? { auth: headers.authorization } : {}),
      ...(headers['if-match'] ? { ifMatch: headers['if-match'] } : {}),
    });
    if (url === '/health') return answer(503, {});
    if (method === 'POST' && url === '/v1/scenarios') {
      revision = 1;
      file = JSON.parse(String(init?.body));
      return answer(201, body());
    }
    if (method === 'PUT') {
      if (state.stale) {
        state.stale = false;
        revision += 1; // someone else's revision
        return answer(412, { status: 412, code: 'PRECONDITION.FAILED', title: 'Precondition failed', detail: 'stale' });
      }
      if (headers['if-match'] !== `"r${revision}"`) return answer(412, { status: 412, code: 'PRECONDITION.FAILED', title: '', detail: '' });
      revision += 1;
      file = JSON.parse(String(init?.body));
      return answer(200, body());
    }
    if (method === 'GET' && url === `/v1/scenarios/${ID}/revisions`) {
      const revisions = Array.from({ length: revision }, (_, k) => ({
        n: revision - k,
        etag: `"r${revision - k}"`,
        createdAt: '2026-12-03T12:00:00.000Z',
        createdBy: 'k_analyst',
      }));
      return answer(200, { revisions, next: null });
    }
    if (method === 'GET' && url.startsWith('/v1/scenarios?'))
      return answer(200, { scenarios: [], saved: revision > 0 ? [body()] : [], next: null });
    return answer(404, { status: 404, code: 'NOT_FOUND', title: 'Not found', detail: url });
  });
  return { fetcher, calls, state };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('saving and sharing a scenario', () => {
  it('asks for a key once, saves, shows the share link, and on a newer revision by someone else offers to overwrite', async () => {
    const api = fakeApi();
    vi.stubGlobal('fetch', api.fetcher);
    const user = userEvent.setup();
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(() => inProcessWorker())} at="/scenarios" />);
    await user.click(await screen.findByRole('button', { name: '保存到服务器' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: '输入 API 密钥' }, { timeout: 10_000 });
    await user.type(within(dialog).getByLabelText('API 密钥'), 'bk_test_key');
    await user.click(within(dialog).getByRole('button', { name: '使用此密钥' }));
    await screen.findByText('已保存：guangxi-2021，第 1 版', undefined, { timeout: 10_000 });
    expect(localStorage.getItem('bagui.apiKey')).toBe('bk_test_key');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: '分享链接' }).value).toBe(`${window.location.origin}/scenarios/${ID}`);
    expect(api.calls.filter((c) => c.url === '/v1/scenarios')).toEqual([
      { method: 'POST', url: '/v1/scenarios', auth: 'Bearer bk_test_key' },
    ]);

    // Someone else saves revision 2 meanwhile: our save of revision 1 is refused, and said so plainly.
    api.state.stale = true;
    await user.click(screen.getByRole('button', { name: '保存为新版本（当前第 1 版）' }));
    const alert = await screen.findByRole('alert', undefined, { timeout: 10_000 });
    expect(alert.textContent).toContain('已被他人修改');
    await user.click(within(alert).getByRole('button', { name: '用我的版本覆盖' }));
    await screen.findByText('已保存：guangxi-2021，第 3 版', undefined, { timeout: 10_000 });
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => c.ifMatch)).toEqual(['"r1"', '"r2"']);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '版本历史' }));
    const history = await screen.findByRole('list', { name: 'guangxi-2021 的版本' }, { timeout: 10_000 });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.split(' · ')[0]),
    ).toEqual(['第 3 版', '第 2 版', '第 1 版']);

    // Listed with search; the key can be forgotten.
    await user.type(screen.getByRole('searchbox', { name: '搜索已保存的情景' }), 'guangxi');
    await user.click(screen.getByRole('button', { name: '列出' }));
    await screen.findByRole('link', { name: '打开 guangxi-2021' }, { timeout: 10_000 });
    expect(api.calls.some((c) => c.url === '/v1/scenarios?search=guangxi')).toBe(true);
    await user.click(screen.getByRole('button', { name: '忘记 API 密钥' }));
    expect(localStorage.getItem('bagui.apiKey')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('button', { name: '忘记 API 密钥' })).toBeNull());
  });

  it('asks again for a key the API refuses (401), and says why', async () => {
    localStorage.setItem('bagui.apiKey', 'bk_revoked');
    const fetcher = vi.fn(async (input: RequestInfo | URL) =>
      String(input) === '/health'
        ? new Response('{}', { status: 503 })
        : new Response(
            JSON.stringify({ status: 401, code: 'AUTH.INVALID_KEY', title: 'Unauthorized', detail: 'the API key was revoked' }),
            {
              status: 401,
              headers: { 'content-type': 'application/problem+json' },
            },
          ),
    );
    vi.stubGlobal('fetch', fetcher);
    const user = userEvent.setup();
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(() => inProcessWorker())} at="/scenarios" />);
    await user.click(await screen.findByRole('button', { name: '保存到服务器' }, { timeout: 10_000 }));
    await screen.findByRole('dialog', { name: '输入 API 密钥' }, { timeout: 10_000 });
    expect(screen.getByRole('alert').textContent).toBe('服务器拒绝了请求（401）：the API key was revoked');
    expect(localStorage.getItem('bagui.apiKey')).toBeNull();
  });
});
