import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorToUnit, formatEn, formatJson, formatZh, parseAmount, type Fen } from './index.js';

const fenOf = (text: string): number => {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.problems[0]?.message}`);
  return r.value;
};
const codeOf = (text: string): string | undefined => {
  const r = parseAmount(text);
  return r.ok ? undefined : r.problems[0]?.code;
};

describe('parseAmount', () => {
  it.each([
    ['5000000', 500_000_000],
    ['5000000.00', 500_000_000],
    ['5,000,000', 500_000_000],
    ['¥5,000,000', 500_000_000],
    ['￥5,000,000', 500_000_000],
    ['5000000元', 500_000_000],
    ['500万', 500_000_000],
    ['500万元', 500_000_000],
    ['0.05亿', 500_000_000],
    ['0.05亿元', 500_000_000],
    ['  5000000  ', 500_000_000],
    ['4.07亿', 40_700_000_000],
    ['1,234.56', 123_456],
    ['0', 0],
    ['0.1', 10],
    ['1.234567万', 1_234_567],
    ['0万', 0],
    ['0.0000000001亿', 1],
    ['3000 万', 3_000_000_000],
    ['3000 元', 300_000],
    ['3000万 元', 3_000_000_000],
    ['  0.05 亿元 ', 500_000_000],
    ['¥5,000,000 元', 500_000_000],
    ['１，２００．５０', 120_050],
    ['１２００', 120_000],
    ['￥１，２００．５０', 120_050],
    ['３０００　万', 3_000_000_000],
    ['　５００万元　', 500_000_000],
  ])('reads %s as %i fen', (text, expected) => {
    expect(fenOf(text)).toBe(expected);
  });

  it.each([
    ['', 'AMOUNT.EMPTY'],
    ['   ', 'AMOUNT.EMPTY'],
    ['-5', 'AMOUNT.NEGATIVE'],
    ['¥-5', 'AMOUNT.NEGATIVE'],
    ['5e6', 'AMOUNT.EXPONENT'],
    ['5E+6', 'AMOUNT.EXPONENT'],
    ['5000000.001', 'AMOUNT.TOO_MANY_DECIMALS'],
    ['1.2345678万', 'AMOUNT.TOO_MANY_DECIMALS'],
    ['0.00000000001亿', 'AMOUNT.TOO_MANY_DECIMALS'],
    ['five', 'AMOUNT.INVALID'],
    ['50,00,000', 'AMOUNT.INVALID'],
    ['5.', 'AMOUNT.INVALID'],
    ['.5', 'AMOUNT.INVALID'],
    ['5 000', 'AMOUNT.INVALID'],
    ['500千', 'AMOUNT.INVALID'],
    ['100000000000000亿', 'AMOUNT.TOO_LARGE'],
    ['－５', 'AMOUNT.NEGATIVE'],
    ['５ｅ６', 'AMOUNT.EXPONENT'],
    ['１．２３４', 'AMOUNT.TOO_MANY_DECIMALS'],
    ['3 000 万', 'AMOUNT.INVALID'],
    ['万 3000', 'AMOUNT.INVALID'],
    ['¥ 5000', 'AMOUNT.INVALID'],
    ['500万 万', 'AMOUNT.INVALID'],
    ['５。０', 'AMOUNT.INVALID'],
    ['①②', 'AMOUNT.INVALID'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('names a full-width value as written, and what would be right', () => {
    expect(parseAmount('１，２００．５０１')).toEqual({
      ok: false,
      problems: [
        {
          code: 'AMOUNT.TOO_MANY_DECIMALS',
          message:
            'an amount has at most two decimals of a yuan (to the fen) once its unit is applied; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
          location: { value: '１，２００．５０１' },
        },
      ],
    });
    expect(parseAmount('3000 千')).toEqual({
      ok: false,
      problems: [
        {
          code: 'AMOUNT.INVALID',
          message: 'not an amount; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
          location: { value: '3000 千' },
        },
      ],
    });
  });

  it('reads a full-width spelling as its ASCII form, for any amount', () => {
    const fullWidth = (text: string): string => text.replace(/[!-~]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (v) => {
        expect(fenOf(fullWidth(formatEn(v as Fen).slice(1)))).toBe(v);
        expect(fenOf(fullWidth(formatJson(v as Fen)))).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('names the value and what would be right', () => {
    const r = parseAmount('5000000.001');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.location?.value).toBe('5000000.001');
    expect(r.problems[0]?.message).toBe(
      'an amount has at most two decimals of a yuan (to the fen) once its unit is applied; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
    );
  });
});

describe('formatting', () => {
  it('formats JSON amounts with two decimals and no grouping', () => {
    expect(formatJson(500_000_000)).toBe('5000000.00');
    expect(formatJson(5)).toBe('0.05');
    expect(formatJson(0)).toBe('0.00');
    expect(formatJson(-12_345 as Fen)).toBe('-123.45');
  });

  it('formats zh-CN with 万 and 亿 only when exact', () => {
    expect(formatZh(15_000_000_000)).toBe('1.5亿元');
    expect(formatZh(40_700_000_000)).toBe('4.07亿元');
    expect(formatZh(500_000_000)).toBe('500万元');
    expect(formatZh(123_456)).toBe('1,234.56元');
    expect(formatZh(1_234_567_891)).toBe('12,345,678.91元');
    expect(formatZh(1_500_000)).toBe('1.5万元');
  });

  it('formats en with the yuan sign and grouping', () => {
    expect(formatEn(15_000_000_000)).toBe('¥150,000,000.00');
    expect(formatEn(5)).toBe('¥0.05');
  });

  it('parse ∘ format is the identity on amounts (JSON, zh, en)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (v) => {
        expect(fenOf(formatJson(v as Fen))).toBe(v);
        expect(fenOf(formatZh(v as Fen))).toBe(v);
        expect(fenOf(formatEn(v as Fen))).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('floorToUnit', () => {
  it('rounds down to a whole unit', () => {
    expect(floorToUnit(12_345, 100)).toBe(12_300);
    expect(floorToUnit(12_300, 100)).toBe(12_300);
    expect(floorToUnit(99, 100)).toBe(0);
  });
});
