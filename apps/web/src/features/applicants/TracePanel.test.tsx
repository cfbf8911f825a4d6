import { findProgramme } from '@bagui/core/programmes';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../engine/client';
import { inProcessWorker } from '../../engine/in-process';
import { createI18n, type Lang } from '../../i18n';
import { PlannerProvider } from '../../state/planner';
import { TracePanel } from './TracePanel';

function panel(lang: Lang, programmeId: string, index: number) {
  render(
    <I18nextProvider i18n={createI18n(lang)}>
      <PlannerProvider engine={new EngineClient(() => inProcessWorker())}>
        <TracePanel programmeId={programmeId} programme={findProgramme(programmeId)} index={index} id="X" onClose={() => {}} />
      </PlannerProvider>
    </I18nextProvider>,
  );
}

/** The panel's words without core's quoted rule text, the letter's citations and the field names in brackets. */
async function words(name: string): Promise<string> {
  const aside = await screen.findByRole('complementary', { name }, { timeout: 10_000 });
  await within(aside).findAllByRole('heading', { level: 3 }, { timeout: 10_000 });
  const copy = aside.cloneNode(true) as HTMLElement;
  for (const el of copy.querySelectorAll('[lang="en"], .muted')) el.remove();
  return (copy.textContent ?? '').replace(/（[a-z_.]+）/gu, '');
}

describe('<TracePanel>', () => {
  it('explains a recipient in Chinese: every branch and result in words, amounts in 万元 with the exact yuan on hover', async () => {
    panel('zh-CN', 'rd_incentive', 0);
    const text = await words('X 的计算说明');
    expect(text).toContain('资格审查');
    expect(text).toContain('分支：符合条件');
    expect(text).toMatch(/分支：按比例份额 约 [\d,.]+ 元/u);
    expect(text).toMatch(/主营业务收入[\d.]+万元结果：[\d.]+%/u);
    // No English word left outside the quoted rule text, and no raw yuan such as 58919.00.
    expect(text).not.toMatch(/[A-Za-z]{3,}/u);
    expect(text).not.toMatch(/\d\.\d{2}(?![\d万亿元%]| 元)/u);
    const aside = screen.getByRole('complementary', { name: 'X 的计算说明' });
    const amounts = [...aside.querySelectorAll('data.money')];
    expect(amounts.length).toBeGreaterThan(10);
    for (const amount of amounts) {
      expect(amount.textContent).toMatch(/元$/u);
      expect(amount.getAttribute('title')).toMatch(/^-?[\d,]+(\.\d+)?[万亿]?元$/u);
      expect(amount.getAttribute('value')).toMatch(/^-?\d+\.\d{2}$/u);
    }
    expect(screen.getAllByText('200万元').some((el) => el.getAttribute('value') === '2000000.00')).toBe(true);
    // Each parameter's source in Chinese, as the programme page gives it.
    const sources = [...aside.querySelectorAll('.params .muted')].map((el) => el.textContent ?? '');
    expect(sources).toContain('（复函 一(一)三）');
    expect(sources).toContain('（新华社 2020-10-28）');
    for (const source of sources) expect(source).not.toMatch(/letter|assumption|Xinhua/u);
  });

  it('explains the same recipient in English when English is chosen', async () => {
    panel('en', 'rd_incentive', 0);
    const text = await words('How X was computed');
    expect(text).toContain('Branch: eligible');
    expect(text).toMatch(/Branch: pro rata share ≈ ¥[\d,.]+/u);
    expect(text).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it('says a tiered rate and a cap that bound in words', async () => {
    panel('zh-CN', 'tech_upgrade', 0);
    const text = await words('X 的计算说明');
    expect(text).toMatch(/分支：(先进|一般)设备：比例 \d+%/u);
    expect(text).not.toMatch(/[A-Za-z]{3,}/u);
  });
});
