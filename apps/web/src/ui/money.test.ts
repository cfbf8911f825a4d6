import { formatJson } from '@bagui/core/money';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyText } from './money';

describe('moneyText: one formatter for every amount shown', () => {
  it('writes 万元 and 亿元 as the letter does, exactly when it can', () => {
    expect(moneyText(15_000_000_000, 'zh-CN')).toEqual({ short: '1.5亿元', exact: '1.5亿元', copy: '150000000.00' });
    expect(moneyText(500_000_000, 'zh-CN').short).toBe('500万元');
    expect(moneyText(123_456, 'zh-CN').short).toBe('1,234.56元');
    expect(moneyText(0, 'zh-CN').short).toBe('0.00元');
  });

  it('rounds a long amount half up at the unit’s second decimal, and keeps the exact value for hover and copy', () => {
    // 404,790,123.45 yuan = 4.0479012345亿 → 4.05亿元
    expect(moneyText(40_479_012_345, 'zh-CN')).toEqual({ short: '4.05亿元', exact: '404,790,123.45元', copy: '404790123.45' });
    // 4,047,949.99 yuan = 404.794999万 → 404.79万元; 4,047,950.01 yuan = 404.795001万 → 404.80万元
    expect(moneyText(404_794_999, 'zh-CN').short).toBe('404.79万元');
    expect(moneyText(404_795_001, 'zh-CN').short).toBe('404.80万元');
    expect(moneyText(-404_795_001, 'zh-CN').short).toBe('-404.80万元');
    // Exact in 万 with four decimals or fewer: core's own spelling, nothing rounded.
    expect(moneyText(404_795_000, 'zh-CN').short).toBe('404.795万元');
  });

  it('writes millions in English, with core’s exact yuan', () => {
    expect(moneyText(40_700_000_000, 'en')).toEqual({ short: '¥407.00 m', exact: '¥407,000,000.00', copy: '407000000.00' });
    expect(moneyText(12_345, 'en').short).toBe('¥123.45');
  });

  it('copies core’s JSON spelling of any amount, to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), fc.constantFrom('zh-CN' as const, 'en' as const), (fen, lang) => {
        const text = moneyText(fen, lang);
        expect(text.copy).toBe(formatJson(fen));
        expect(text.short.startsWith('-')).toBe(fen < 0);
      }),
    );
  });
});
