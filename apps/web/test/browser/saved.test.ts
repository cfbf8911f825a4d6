// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support';
import { expectAccessible, launch, openPage, screenshot, startServer } from './harness';

/**
 * Saved scenarios end to end: the real API process with its own data folder and an analyst key
 * made by `bagui keys create`, two people (two browser contexts, each with its own storage) saving,
 * opening the share URL, revising, and meeting a newer revision (412) both ways.
 */

const data = mkdtempSync(join(tmpdir(), 'bagui-saved-'));
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let alice: Page;
let bob: Page;
let key: string;
let share: string;
const errors: string[] = [];

// The browser logs each refused request (the 412 this test provokes) as an error: not the page's.
const person = (): Promise<Page> => openPage(browser, errors, { ignore: /status of 412/u });

async function giveKey(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '输入 API 密钥' });
  await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
  await dialog.getByLabel('API 密钥').fill(key);
  await dialog.getByRole('button', { name: '使用此密钥' }).click();
}

const savedAs = (page: Page, revision: number) => page.getByText(new RegExp(`^已保存：.+，第 ${revision} 版$`, 'u'));

beforeAll(async () => {
  const out = execFileSync(
    process.execPath,
    [`${ROOT}apps/cli/dist/bin.js`, 'keys', 'create', '--role', 'analyst', '--name', 'planner test'],
    {
      env: { ...process.env, BAGUI_DATA_DIR: data },
      encoding: 'utf8',
    },
  );
  key = out.trim().split('\n').at(-1) ?? '';
  expect(key.length).toBeGreaterThan(20);
  server = await startServer(data);
  browser = await launch();
  alice = await person();
  bob = await person();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(data, { recursive: true, force: true });
});

describe('saving, sharing and revising scenarios through the API', () => {
  it('asks for the key on the first save, saves, and shows the share URL', async () => {
    await alice.goto(`${server.url}/scenarios`);
    // The API names a saved scenario by its title when it is created.
    await alice.getByRole('textbox', { name: '标题' }).fill('planner-shared');
    await alice.getByRole('button', { name: '保存到服务器' }).click();
    await expect.poll(() => alice.getByRole('dialog', { name: '输入 API 密钥' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(alice, 'the key dialog');
    // The dialog is used by keyboard: its field has the focus, Escape closes it.
    expect(await alice.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('key');
    await alice.keyboard.press('Escape');
    expect(await alice.getByRole('dialog').count()).toBe(0);
    expect(await alice.evaluate(() => document.activeElement?.textContent)).toBe('保存到服务器');
    await alice.getByRole('button', { name: '保存到服务器' }).click();
    await giveKey(alice);
    await expect.poll(() => savedAs(alice, 1).isVisible(), { timeout: 20_000 }).toBe(true);
    share = await alice.getByRole('textbox', { name: '分享链接' }).inputValue();
    expect(share).toMatch(new RegExp(`^${server.url}/scenarios/s_[A-Za-z0-9_-]+$`, 'u'));
    expect(new URL(alice.url()).pathname).toBe(new URL(share).pathname);
    await expectAccessible(alice, 'saved');
    await screenshot(alice, 'scenarios-saved');
  });

  it('opens the share URL in another person’s browser (asking for their key) and revises it', async () => {
    await bob.goto(share);
    await giveKey(bob);
    await expect.poll(() => savedAs(bob, 1).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await bob.getByRole('textbox', { name: '标题' }).inputValue()).toBe('planner-shared');
    await bob.getByRole('textbox', { name: '标题' }).fill('Bob’s revision');
    await bob.getByRole('button', { name: '保存为新版本（当前第 1 版）' }).click();
    await expect.poll(() => savedAs(bob, 2).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('tells the first person plainly that a newer revision exists, and loads it when asked', async () => {
    await alice.getByRole('textbox', { name: '标题' }).fill('Alice’s revision');
    await alice.getByRole('button', { name: '保存为新版本（当前第 1 版）' }).click();
    const alert = alice.getByRole('alert').filter({ hasText: '已被他人修改' });
    await expect.poll(() => alert.isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(alice, 'a newer revision');
    await alert.getByRole('button', { name: '载入最新版本' }).click();
    await expect.poll(() => savedAs(alice, 2).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await alice.getByRole('textbox', { name: '标题' }).inputValue()).toBe('Bob’s revision');
  });

  it('lets the second person overwrite a newer revision with theirs', async () => {
    await alice.getByRole('textbox', { name: '标题' }).fill('Alice’s revision');
    await alice.getByRole('button', { name: '保存为新版本（当前第 2 版）' }).click();
    await expect.poll(() => savedAs(alice, 3).isVisible(), { timeout: 20_000 }).toBe(true);
    await bob.getByRole('textbox', { name: '标题' }).fill('Bob again');
    await bob.getByRole('button', { name: '保存为新版本（当前第 2 版）' }).click();
    const alert = bob.getByRole('alert').filter({ hasText: '已被他人修改' });
    await expect.poll(() => alert.isVisible(), { timeout: 20_000 }).toBe(true);
    await alert.getByRole('button', { name: '用我的版本覆盖' }).click();
    await expect.poll(() => savedAs(bob, 4).isVisible(), { timeout: 20_000 }).toBe(true);
    const revisions = (await (
      await fetch(`${server.url}/v1/scenarios/${new URL(share).pathname.split('/').at(-1) ?? ''}`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json()) as { revision: number; file: { title: string } };
    expect(revisions).toMatchObject({ revision: 4, file: { title: 'Bob again' } });
  });

  it('shows the saved scenario’s revision history', async () => {
    await bob.getByRole('button', { name: '版本历史' }).click();
    const history = bob.getByRole('list', { name: /的版本$/u });
    await expect.poll(() => history.getByRole('listitem').count(), { timeout: 20_000 }).toBe(4);
    const items = await history.getByRole('listitem').allTextContents();
    expect(items.map((text) => text.split(' · ')[0]).sort()).toEqual(['第 1 版', '第 2 版', '第 3 版', '第 4 版']);
  });

  it('lists the saved scenario by search', async () => {
    await bob.getByRole('searchbox', { name: '搜索已保存的情景' }).fill('planner');
    await bob.getByRole('button', { name: '列出' }).click();
    await expect.poll(() => bob.getByRole('link', { name: '打开 planner-shared' }).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('logged no error in either page', () => {
    expect(errors).toEqual([]);
  });
});
