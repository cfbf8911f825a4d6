import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { EngineClient } from '../../engine/client';
import { inProcessWorker } from '../../engine/in-process';
import { createI18n } from '../../i18n';

/** A worker that never answers: what the page shows before any result. */
const silentWorker = (): Worker => ({ postMessage() {}, terminate() {} }) as unknown as Worker;

describe('the home page', () => {
  it('names every programme of the 2021 plan in Chinese, with its envelope and section, before any result', () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(silentWorker)} at="/" />);
    expect(screen.getByRole('heading', { level: 1, name: '2021年计划：来函中的全部财政项目' })).toBeDefined();
    const table = screen.getAllByRole('table')[0] as HTMLElement;
    for (const entry of GUANGXI_2021.programmes) {
      const name = findProgramme(entry.programme)?.label.zh ?? '';
      const row = within(table)
        .getAllByRole('row')
        .find((r) => r.querySelector('th')?.textContent?.startsWith(name) === true);
      if (row === undefined) throw new Error(`no row for ${name}`);
      expect(within(row).getByText(name)).toBeDefined();
      expect(row.textContent).toContain(entry.citation.slice(0, 10));
    }
    expect(screen.getByText('1.5亿元')).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('正在重新计算…');
    expect(screen.getAllByText('⚠ 假设').length).toBeGreaterThan(0);
  });

  it('fills in awarded, unallocated and recipients when the engine answers', async () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(() => inProcessWorker())} at="/" />);
    const total = await screen.findByRole('row', { name: /合计/u }, { timeout: 10_000 });
    expect(total.textContent).toContain('24.73亿元');
    expect(screen.getByRole('status').textContent).toMatch(/^计算用时 \d+ 毫秒$/u);
  });
});
