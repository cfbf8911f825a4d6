import { GUANGXI_2021 } from '@bagui/core/scenario';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { EngineClient } from '../../engine/client';
import { createI18n } from '../../i18n';

/** A worker that never answers: the page's fields do not wait for results. */
const silentWorker = (): Worker => ({ postMessage() {}, terminate() {} }) as unknown as Worker;

describe('the scenario page’s citations', () => {
  it('keeps core’s text in each citation field and says a built-in one in Chinese under it', async () => {
    render(<App i18n={createI18n('zh-CN')} engine={new EngineClient(silentWorker)} at="/scenarios" />);
    const entry = GUANGXI_2021.programmes[0];
    if (entry === undefined) throw new Error('no entry');
    const field = await screen.findByDisplayValue(entry.citation, {}, { timeout: 10_000 });
    expect(field.getAttribute('aria-describedby')).toBe(`citation-shown-${entry.id ?? entry.programme}`);
    expect(document.getElementById(`citation-shown-${entry.id ?? entry.programme}`)?.textContent).toBe(
      '复函 一(一)二：2021年自治区财政安排广西技术创新引导专项1.5亿元',
    );
    const source = screen.getByRole('textbox', { name: '出处 1' });
    expect((source as HTMLInputElement).value).toBe(GUANGXI_2021.sources[0]?.citation);
    expect(document.getElementById('citation-shown-source-0')?.textContent).toBe('复函 一(一)二：自治区财政安排广西技术创新引导专项');
  });

  it('shows nothing under a citation in the English planner', async () => {
    render(<App i18n={createI18n('en')} engine={new EngineClient(silentWorker)} at="/scenarios" />);
    await screen.findByDisplayValue(GUANGXI_2021.programmes[0]?.citation ?? '', {}, { timeout: 10_000 });
    expect(document.querySelectorAll('.citation-shown')).toHaveLength(0);
  });
});
