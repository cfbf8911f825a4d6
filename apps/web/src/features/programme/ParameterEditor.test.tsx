import { programmeRegistry } from '@bagui/core/programmes';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n';
import { ParameterEditor } from './ParameterEditor';
import type { ParameterRow } from './use-parameters';
import { parseParameterValue } from '@bagui/core/parameters';

const resolved = programmeRegistry('rd_incentive').resolve('2021-06-30');
if (!resolved.ok) throw new Error('no parameters');
const row = (path: string): ParameterRow => {
  const p = resolved.value.all().find((x) => x.definition.path === path);
  if (p === undefined) throw new Error(path);
  return { definition: p.definition, resolved: p, edited: false };
};
/** What the page's edit does: core checks the value; problems come back as core wrote them. */
const edit = vi.fn((definition: ParameterRow['definition'], raw: unknown) => {
  const value = parseParameterValue(definition.kind, raw, [definition.path]);
  return value.ok ? [] : value.problems;
});
const wrap = (ui: React.ReactNode) => render(<I18nextProvider i18n={createI18n('zh-CN')}>{ui}</I18nextProvider>);

describe('<ParameterEditor>', () => {
  it('takes any spelling core accepts, and shows core’s own message for one it refuses', () => {
    wrap(<ParameterEditor row={row('rd_incentive.increment.cap_above')} label="规上企业增量奖励上限" edit={edit} />);
    const input = screen.getByRole('textbox', { name: '规上企业增量奖励上限' });
    expect((input as HTMLInputElement).value).toBe('5000000.00');
    fireEvent.change(input, { target: { value: '800万' } });
    expect(edit).toHaveBeenLastCalledWith(expect.objectContaining({ path: 'rd_incentive.increment.cap_above' }), '800万');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(input, { target: { value: '5e6' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const problem = parseParameterValue('amount', '5e6', []);
    expect(screen.getByRole('alert').textContent).toBe(problem.ok ? '' : problem.problems[0]?.message);
  });

  it('edits tiers as a table, naming the tier core finds out of order', () => {
    wrap(<ParameterEditor row={row('rd_incentive.increment.tiers_above')} label="分档" edit={edit} />);
    expect(screen.getByRole('table', { name: '分档：分档表' })).toBeDefined();
    fireEvent.change(screen.getByRole('textbox', { name: '第 3 档 最低研发投入强度' }), { target: { value: '0.02' } });
    expect(screen.getByRole('alert').textContent).toBe('tiers must have strictly ascending min_intensity: 0.02 follows 0.03');
    expect(screen.getByRole('textbox', { name: '第 3 档 最低研发投入强度' }).getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '添加一档' }));
    expect(screen.getAllByRole('row')).toHaveLength(5);
  });

  it('moves a rate with its slider', () => {
    wrap(<ParameterEditor row={row('rd_incentive.increment.rate_below')} label="规下企业增量奖励比例" edit={edit} />);
    fireEvent.change(screen.getByRole('slider', { name: '规下企业增量奖励比例 滑块' }), { target: { value: '0.12' } });
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: '规下企业增量奖励比例' }).value).toBe('0.12');
  });
});
