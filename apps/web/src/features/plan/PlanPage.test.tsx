import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { EngineClient } from '../../engine/client';
import { inProcessWorker } from '../../engine/in-process';
import { createI18n } from '../../i18n';
import { citationText } from '../../ui/citations';

/** A worker that never answers: what the page shows before any result. */
const silentWorker = (): Worker => ({ postMessage() {}, terminate() {} }) as unknown as Worker;

describe('the home page', () => {
  it('names every programme of the 2021 plan in Chinese, with its envelope and section, before any result', () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(silentWorker)} at="/" />);
    expect(screen.getByRole('heading', { level: 1, name: '2021年计划：来函中的全部财政项目' })).toBeDefined();
    expect(screen.getByText('情景：广西2021年（复函）')).toBeDefined();
    const table = screen.getAllByRole('table')[0] as HTMLElement;
    for (const entry of GUANGXI_2021.programmes) {
      const name = findProgramme(entry.programme)?.label.zh ?? '';
      const row = within(table)
        .getAllByRole('row')
        .find((r) => r.querySelector('th')?.textContent?.startsWith(name) === true);
      if (row === undefined) throw new Error(`no row for ${name}`);
      expect(within(row).getByText(name)).toBeDefined();
      // The letter's section in Chinese (复函 …), not core's English.
      expect(row.textContent).toContain(citationText(entry.citation, 'zh-CN'));
      expect(row.textContent).not.toContain(entry.citation);
    }
    expect(table.textContent).toContain('出处：复函 一(一)二：2021年自治区财政安排广西技术创新引导专项1.5亿元');
    expect(table.textContent).not.toMatch(/letter|assumption/u);
    expect(screen.getByText('1.5亿元')).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('正在重新计算…');
    expect(screen.getAllByText('⚠ 假设').length).toBeGreaterThan(0);
  });

  it('gives core’s citations as written in the English planner', () => {
    render(<App i18n={createI18n('en')} engine={new EngineClient(silentWorker)} at="/" />);
    const table = screen.getAllByRole('table')[0] as HTMLElement;
    for (const entry of GUANGXI_2021.programmes) expect(table.textContent).toContain(entry.citation);
  });

  it('gives a programme’s section and its parameters’ sources in Chinese on the programme page', async () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(silentWorker)} at="/programme/guidance_fund" />);
    const table = await screen.findByRole('table', {}, { timeout: 10_000 });
    expect(screen.getByText('出处：复函 一(一)二：2021年自治区财政安排广西技术创新引导专项1.5亿元')).toBeDefined();
    expect(table.textContent).toContain('⚠ 假设：未查到公开的合格分数线；取专家评审常用的及格线，即百分制60分');
    expect(table.textContent).toContain('本模型设定：奖补金额精确到分');
    expect(table.textContent).not.toMatch(/letter|assumption: |Bagui:/u);
  });

  it('fills in awarded, unallocated and recipients when the engine answers', async () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(() => inProcessWorker())} at="/" />);
    const total = await screen.findByRole('row', { name: /合计/u }, { timeout: 10_000 });
    expect(total.textContent).toContain('24.73亿元');
    expect(screen.getByRole('status').textContent).toMatch(/^计算用时 \d+ 毫秒$/u);
  });
});
