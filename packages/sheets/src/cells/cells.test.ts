import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellRef, columnLetter, columnNumber, excelDecimal, neutraliseCsvText, parseRange, restoreCsvText, sheetCellRef } from './index.js';

describe('excelDecimal', () => {
  it.each([
    [1234.5, '1234.5'],
    [0.1 + 0.2, '0.3'],
    [1234.565, '1234.565'],
    [5000000, '5000000'],
    [123456789012.34, '123456789012.34'],
    [1e21, '1000000000000000000000'],
    [3e-7, '0.0000003'],
    [-12.5, '-12.5'],
    [0, '0'],
    [-0, '0'],
    [2 ** 60, '1152921504606850000'],
    [1 / 3, '0.333333333333333'],
  ])('shows %d as %s', (value, shown) => {
    expect(excelDecimal(value)).toBe(shown);
  });

  it('is the shortest round-trip decimal of any amount in fen up to 10^13 yuan: two decimals come back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 15 }), (fen) => {
        const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`.replace(/\.?0+$/u, '') || '0';
        expect(excelDecimal(Number(yuan))).toBe(yuan);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses what is not a finite number', () => {
    expect(() => excelDecimal(Number.NaN)).toThrow(RangeError);
  });
});

describe('cell references', () => {
  it('converts columns both ways', () => {
    expect([1, 26, 27, 52, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(['A', 'Z', 'AA', 'XFD'].map(columnNumber)).toEqual([1, 26, 27, 16384]);
    expect(cellRef(4, 7)).toBe('D7');
  });

  it('quotes sheet names as Excel does', () => {
    expect(sheetCellRef('Sheet1', 4, 7)).toBe('Sheet1!D7');
    expect(sheetCellRef('申报表', 1, 2)).toBe('申报表!A2');
    expect(sheetCellRef("R&D 'x'", 1, 2)).toBe("'R&D ''x'''!A2");
  });

  it('parses ranges', () => {
    expect(parseRange('$B$2:A1')).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(parseRange('C3')).toEqual({ top: 3, left: 3, bottom: 3, right: 3 });
    expect(parseRange('nonsense')).toBeUndefined();
  });
});

describe('neutraliseCsvText', () => {
  it('is undone by restoreCsvText for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(restoreCsvText(neutraliseCsvText(text))).toBe(text);
      }),
    );
  });
});
