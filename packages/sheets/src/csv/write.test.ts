import { parseCsv } from '@bagui/core/tabular';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreCsvText } from '../cells/index.js';
import { csvChunks, csvField, decodeCsv, UTF8_BOM } from './index.js';

describe('csvField', () => {
  it.each([
    ['=2+3', "'=2+3"],
    ['+86 771', "'+86 771"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-5', '-5'],
    ['1234.56', '1234.56'],
    ['南宁, 广西', '"南宁, 广西"'],
    ['plain', 'plain'],
  ])('writes %j as %s', (value, written) => {
    expect(csvField(value)).toBe(written);
  });
});

describe('csvChunks', () => {
  it('starts a file with a UTF-8 byte-order mark, and a pipe without one', () => {
    expect([...csvChunks(['id', '名称'], [['E1', '甲']], { bom: true })].join('')).toBe(`${UTF8_BOM}id,名称\nE1,甲\n`);
    expect([...csvChunks(['id'], [], { bom: false })].join('')).toBe('id\n');
  });

  it('round-trips any table: written, decoded and read by core, with the apostrophes taken off, it is the same', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '甲', ',', '"', '\n', ' ', '1', '=', '+', '-', '@', '\t', "'"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }), (rows) => {
        // A record that is only blanks reads as a blank line: keep one visible cell.
        const records = rows.map((r) => (r.every((c) => c.trim() === '') ? ['x', ...r.slice(1)] : r));
        const text = [...csvChunks(['id', 'name', 'note'], records, { bom: true })].join('');
        const decoded = decodeCsv(new TextEncoder().encode(text));
        if (!decoded.ok) throw new Error('not decoded');
        expect(decoded.value.bom).toBe(true);
        const table = parseCsv(decoded.value.text);
        if (!table.ok) throw new Error(JSON.stringify(table.problems));
        expect(table.value.records.map((r) => r.cells.map(restoreCsvText))).toEqual(records);
      }),
      { numRuns: 300 },
    );
  });
});
