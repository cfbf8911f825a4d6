// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { afterAll, describe, expect, it } from 'vitest';
import { bagui, VECTORS } from '../support';
import { expectAccessible, plannerSession, screenshot, settled as settledOn, SCREENSHOTS } from './harness';

/**
 * The planner in Debian's Chromium, served by the real API process from the built files, used as
 * a person would: elements found by role and accessible name. The tests run in order on one page
 * (the planner keeps its scenario in memory, as a person's tab does) and take the screenshots
 * (into docs/screenshots/ with UPDATE_SCREENSHOTS=1, else into a temporary folder named at the end).
 */

const session = plannerSession('planner');
afterAll(() => console.info(`screenshots: ${SCREENSHOTS}`));

/** The exact yuan of a named figure (Figures: a group named by its label; Money: <data value>). */
async function figure(name: string): Promise<string> {
  const value = await session.page.getByRole('group', { name, exact: true }).first().locator('data').getAttribute('value');
  if (value === null) throw new Error(`no amount in ${name}`);
  return value;
}

/** The page's results, none being recomputed. */
const settled = (): Promise<void> => settledOn(session.page);

describe('the scenario planner in a browser', () => {
  it('opens on the 2021 plan in Chinese (the browser says en-US), every programme by its Chinese name', async () => {
    await session.page.goto(session.server.url);
    expect(await session.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => session.page.getByRole('heading', { level: 1 }).textContent()).toBe('2021年计划：来函中的全部财政项目');
    for (const entry of GUANGXI_2021.programmes) {
      const name = findProgramme(entry.programme)?.label.zh ?? '';
      await expect.poll(() => session.page.getByRole('link', { name: `${name}的规则` }).isVisible(), { timeout: 10_000 }).toBe(true);
    }
    await settled();
    await expect.poll(() => session.page.getByRole('row', { name: /合计/u }).textContent()).toContain('24.73亿元');
    await expect
      .poll(() => session.page.getByRole('img', { name: '资金来源 → 项目' }).locator('canvas').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await session.page.getByText('⚠ 假设').count()).toBeGreaterThan(0);
    await expectAccessible(session.page, 'plan');
    await screenshot(session.page, 'plan');
  });

  it('changes the 规上 increment cap and the totals change at once', async () => {
    await session.page.getByRole('link', { name: '项目规则' }).click();
    await settled();
    const before = await figure('应得额');
    const cap = session.page.getByRole('textbox', { name: '规上企业增量奖励上限（rd_incentive.increment.cap_above）' });
    await cap.fill('800万');
    await expect.poll(() => figure('应得额'), { timeout: 30_000 }).not.toBe(before);
    await settled();
    expect(Number(await figure('应得额'))).toBeGreaterThan(Number(before));
    await cap.fill('-1');
    await expect.poll(() => session.page.getByRole('alert').first().textContent()).toMatch(/negative/u);
    expect(await cap.getAttribute('aria-invalid')).toBe('true');
    await session.page.getByRole('button', { name: '恢复默认' }).first().click();
    await expect.poll(() => figure('应得额'), { timeout: 30_000 }).toBe(before);
    await expectAccessible(session.page, 'programme');
    await screenshot(session.page, 'programme');
  });

  it('imports a broken CSV and shows its report in place: line, column, value, reason', async () => {
    await session.page.getByRole('link', { name: '申报对象' }).click();
    const input = session.page.getByLabel('导入申报文件：选择文件');
    const broken = 'id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,1000万,50万,40万\nE2,sideways,1000万,-5,40万\n';
    await input.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    const report = session.page.getByRole('alert').filter({ has: session.page.getByRole('heading', { name: /文件有 \d+ 个问题/u }) });
    await expect.poll(() => report.isVisible(), { timeout: 20_000 }).toBe(true);
    const rows = report.getByRole('row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const cells = await rows.nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['3', 'scale', 'sideways']);
    expect(await report.textContent()).toContain('rd_expense');
    await screenshot(session.page, 'applicants-report');
  });

  it('imports a good CSV, lists every applicant, and opens one applicant’s explanation', async () => {
    await session.page.getByLabel('导入申报文件：选择文件').setInputFiles(VECTORS);
    await expect.poll(() => session.page.getByText('已载入 rd-enterprises-67.csv：67 条').isVisible(), { timeout: 20_000 }).toBe(true);
    await settled();
    await expect.poll(() => session.page.getByText('显示 67 / 67 条').isVisible(), { timeout: 20_000 }).toBe(true);
    await session.page.getByRole('searchbox', { name: '搜索编号或分组' }).fill('南宁');
    await expect.poll(async () => (await session.page.getByText(/显示 \d+ \/ 67 条/u).textContent()) ?? '').not.toBe('显示 67 / 67 条');
    await session.page.getByRole('searchbox', { name: '搜索编号或分组' }).fill('');
    const first = session.page.getByRole('button', { name: /^查看 .+ 的计算说明$/u }).first();
    const id = ((await first.textContent()) ?? '').trim();
    await first.click();
    const panel = session.page.getByRole('complementary', { name: `${id} 的计算说明` });
    await expect.poll(() => panel.isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => panel.getByRole('heading', { name: '资格审查' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await panel.getByRole('heading', { name: '增量奖励' }).count()).toBe(1);
    expect(await panel.textContent()).toContain('研发费用增长额 = 本年研发费用减上年研发费用，最少为零。');
    await expectAccessible(session.page, 'applicants');
    await screenshot(session.page, 'applicants');
    await panel.getByRole('button', { name: '关闭' }).click();
    expect(await panel.count()).toBe(0);
  });

  it('switches the envelope method and shows the three side by side', async () => {
    await session.page.getByRole('link', { name: '分配结果' }).click();
    await settled();
    const methods = session.page.getByRole('table').filter({ has: session.page.getByRole('columnheader', { name: '全额获资助' }) });
    await expect.poll(() => methods.getByRole('row').count(), { timeout: 20_000 }).toBe(4);
    for (const name of ['按比例核减', '统一封顶', '择优排序']) expect(await methods.getByRole('rowheader', { name }).count()).toBe(1);
    const pro = await figure('未分配');
    await session.page.getByRole('radio', { name: '择优排序' }).check();
    await settled();
    expect(await session.page.getByRole('radio', { name: '择优排序' }).isChecked()).toBe(true);
    expect(await methods.locator('tr.chosen').getByRole('rowheader').textContent()).toBe('择优排序');
    await expect.poll(() => session.page.getByRole('img', { name: '资助额分布' }).locator('canvas').count(), { timeout: 20_000 }).toBe(1);
    expect(typeof pro).toBe('string');
    await expectAccessible(session.page, 'results');
    await screenshot(session.page, 'results');
    await session.page.getByRole('radio', { name: '按比例核减' }).check();
    await settled();
  });

  it('compares two reforms side by side, each with its plain-language summary', async () => {
    await session.page.getByRole('link', { name: '改革比较' }).click();
    await session.page.getByRole('button', { name: '比较', exact: true }).click();
    const cap = session.page.getByRole('region', { name: 'cap-800' });
    const below = session.page.getByRole('region', { name: 'below-10pct' });
    await expect.poll(() => cap.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => below.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await cap.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('规上企业增量奖励上限：500万元 → 800万元')]),
    );
    expect(await below.textContent()).toContain('规下企业增量奖励比例');
    expect(await session.page.getByRole('rowheader', { name: 'cap-800' }).count()).toBe(1);
    await expectAccessible(session.page, 'compare');
    await screenshot(session.page, 'compare');
  });

  it('runs a sweep of the cap: a line chart and a row per point', async () => {
    await session.page.getByRole('link', { name: '参数扫描' }).click();
    await session.page.getByRole('button', { name: '扫描', exact: true }).click();
    await expect.poll(() => session.page.getByText('21 个点').isVisible(), { timeout: 30_000 }).toBe(true);
    const table = session.page.getByRole('table').filter({ has: session.page.getByRole('columnheader', { name: '总成本' }) });
    expect(await table.getByRole('row').count()).toBe(22);
    await expect.poll(() => session.page.getByRole('img', { name: '参数扫描' }).locator('canvas').count(), { timeout: 20_000 }).toBe(1);
    await expectAccessible(session.page, 'sweep');
    await screenshot(session.page, 'sweep');
  });

  it('downloads the scenario (and its applicants file), and bagui run gives the same totals', async () => {
    await session.page.getByRole('link', { name: '情景文件' }).click();
    await settled();
    const awarded = await figure('已分配');
    const unallocated = await figure('未分配');
    const [scenario] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByRole('button', { name: '下载情景文件' }).click(),
    ]);
    await scenario.saveAs(join(session.downloads, 'scenario.json'));
    const [applicants] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByRole('button', { name: /^下载申报文件 rd-enterprises-67\.csv/u }).click(),
    ]);
    expect(applicants.suggestedFilename()).toBe('rd-enterprises-67.csv');
    await applicants.saveAs(join(session.downloads, 'rd-enterprises-67.csv'));
    const file = JSON.parse(readFileSync(join(session.downloads, 'scenario.json'), 'utf8')) as { programmes: { applicants: unknown }[] };
    expect(file.programmes.some((p) => JSON.stringify(p.applicants) === '{"file":"rd-enterprises-67.csv"}')).toBe(true);
    const run = JSON.parse(bagui(['run', join(session.downloads, 'scenario.json'), '--format', 'json'])) as {
      totals: { awarded: string; unallocated: string };
    };
    expect(run.totals.awarded).toBe(awarded);
    expect(run.totals.unallocated).toBe(unallocated);
    const [results] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByRole('button', { name: '导出全部结果（CSV）' }).click(),
    ]);
    await results.saveAs(join(session.downloads, 'results.csv'));
    const csv = readFileSync(join(session.downloads, 'results.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFprogramme_id,programme,programme_zh,recipient,entitlement,award,')).toBe(true);
    await expectAccessible(session.page, 'scenarios');
    await screenshot(session.page, 'scenarios');
  });

  it('keeps a table of 100,000 generated firms to the rows in view, sorting and searching all of them', async () => {
    await session.page.getByRole('navigation').getByRole('link', { name: '申报对象' }).click();
    await session.page.getByRole('spinbutton', { name: '数量' }).fill('100000');
    await session.page.getByRole('spinbutton', { name: '随机种子' }).fill('7');
    await session.page.getByRole('button', { name: '生成', exact: true }).click();
    await expect.poll(() => session.page.getByText('显示 100,000 / 100,000 条').isVisible(), { timeout: 60_000 }).toBe(true);
    const table = session.page.getByRole('region', { name: '申报对象表（可滚动）' });
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => table.locator('tr[aria-rowindex="100001"]').count()).toBe(1);
    await session.page.getByRole('button', { name: '按编号排序' }).click();
    await table.evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => table.locator('tr[aria-rowindex="2"]').getByRole('button').textContent()).toMatch(/^RD-000001$/u);
    await session.page.getByRole('searchbox', { name: '搜索编号或分组' }).fill('RD-099999');
    await expect.poll(() => session.page.getByText('显示 1 / 100,000 条').isVisible()).toBe(true);
    await session.page.getByRole('searchbox', { name: '搜索编号或分组' }).fill('');
  });

  it('is usable at 1024×768', async () => {
    await session.page.setViewportSize({ width: 1024, height: 768 });
    await session.page.getByRole('link', { name: '2021年计划' }).click();
    await settled();
    // The sankey redrawn at the new width before the picture is taken.
    const sankey = session.page.getByRole('img', { name: '资金来源 → 项目' });
    await expect
      .poll(() => sankey.evaluate((el) => Math.abs((el.querySelector('canvas')?.clientWidth ?? 0) - el.clientWidth) < 2), {
        timeout: 20_000,
      })
      .toBe(true);
    const overflow = await session.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(session.page, 'plan-1024');
    await session.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('switches to English by the visible switch, and remembers it', async () => {
    await session.page.getByRole('button', { name: '切换到英文界面' }).click();
    await expect
      .poll(() => session.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('The 2021 plan: every fiscal programme of the letter');
    expect(await session.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await session.page.getByRole('link', { name: 'Rules of R&D investment incentives' }).count()).toBe(1);
    await session.page.reload();
    await expect.poll(() => session.page.getByRole('link', { name: 'Programme rules' }).isVisible()).toBe(true);
    await session.page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await expect.poll(() => session.page.getByRole('link', { name: '项目规则' }).isVisible()).toBe(true);
  });

  it('logged no error in the page', () => {
    expect(session.errors).toEqual([]);
  });
});
