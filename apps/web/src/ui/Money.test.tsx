import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../i18n';
import { Money } from './Money';

describe('<Money>', () => {
  it('shows 万元 with the exact yuan and fen on hover, and copies the exact value', () => {
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <Money fen={404_794_999} />
      </I18nextProvider>,
    );
    const amount = screen.getByText('404.79万元');
    expect(amount.getAttribute('title')).toBe('4,047,949.99元');
    expect(amount.getAttribute('value')).toBe('4047949.99');
    vi.spyOn(window, 'getSelection').mockReturnValue({ toString: () => '404.79万元' } as Selection);
    const setData = vi.fn();
    fireEvent.copy(amount, { clipboardData: { setData } });
    expect(setData).toHaveBeenCalledWith('text/plain', '4047949.99');
  });
});
