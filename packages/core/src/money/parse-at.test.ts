import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount, parsePlainYuan, parsePlainYuanAt, parsePlainYuanBytes, parseWanAt, parseWanBytes } from './index.js';

/** The readers' fast paths on a span of a text must give parseAmount's value wherever they answer. */
const near = fc
  .array(fc.constantFrom('0', '1', '7', '9', '.', '万', '亿', ',', ' ', '１', '元', '-'), { minLength: 0, maxLength: 18 })
  .map((parts) => parts.join(''));

describe('parsePlainYuanAt and parseWanAt: parseAmount on a span, without the string', () => {
  it('agree with parseAmount wherever they answer, and answer for the commonest spellings', () => {
    fc.assert(
      fc.property(near, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (cell, before, after) => {
        const text = before + cell + after;
        const from = before.length;
        const to = from + cell.length;
        const amount = parseAmount(cell);
        for (const fast of [parsePlainYuanAt(text, from, to), parseWanAt(text, from, to)]) {
          if (fast >= 0) expect(amount).toEqual({ ok: true, value: fast });
        }
        expect(parsePlainYuanAt(text, from, to)).toBe(parsePlainYuan(cell));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads 万 with up to six decimals, exactly', () => {
    const at = (cell: string): number => parseWanAt(`,${cell},`, 1, cell.length + 1);
    expect(at('82279.0681万')).toBe(82_279_068_100);
    expect(at('3000万')).toBe(3_000_000_000);
    expect(at('0.000001万')).toBe(1);
    expect(at('999999999.999999万')).toBe(999_999_999_999_999);
    expect([at('1.0000001万'), at('1234567890万'), at('1.万'), at('万'), at('3000 万'), at('1,000万')]).toEqual([-1, -1, -1, -1, -1, -1]);
  });
});

describe('parsePlainYuanBytes and parseWanBytes: the same on the UTF-8 bytes of the text', () => {
  it('give what parsePlainYuanAt and parseWanAt give on the text, at any offset', () => {
    const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
    fc.assert(
      fc.property(near, fc.string({ unit: 'binary', maxLength: 3 }), fc.string({ unit: 'binary', maxLength: 3 }), (cell, before, after) => {
        const bytes = encode(before + cell + after);
        const from = encode(before).length;
        const to = from + encode(cell).length;
        expect(parsePlainYuanBytes(bytes, from, to)).toBe(parsePlainYuan(cell));
        expect(parseWanBytes(bytes, from, to)).toBe(parseWanAt(cell, 0, cell.length));
      }),
      { numRuns: 20_000 },
    );
    const wan = encode(',82279.0681万,');
    expect(parseWanBytes(wan, 1, wan.length - 1)).toBe(82_279_068_100);
  });
});
