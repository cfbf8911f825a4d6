import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTexts, utf8Text } from './utf8.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('utf8Text', () => {
  it('decodes any valid UTF-8 as TextDecoder does, short or long, at any offset', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (text, before, after) => {
          const bytes = encode(before + text + after);
          const from = encode(before).length;
          const to = bytes.length - encode(after).length;
          expect(utf8Text(bytes, from, to)).toBe(new TextDecoder().decode(bytes.subarray(from, to)));
        },
      ),
      { numRuns: 2000 },
    );
    const long = '南宁𠀀a'.repeat(200);
    expect(utf8Text(encode(long), 0, encode(long).length)).toBe(long);
  });
});

describe('ByteTexts', () => {
  it('finds a cell by its bytes once set, and nothing else', () => {
    const texts = new ByteTexts(3);
    const row = encode('x,南宁,柳州,南宁 ,Guilin');
    texts.set(row, 2, 8, '南宁');
    expect(texts.get(row, 2, 8)).toBe('南宁');
    expect(texts.get(row, 9, 15)).toBeUndefined();
    expect(texts.get(row, 16, 23)).toBeUndefined(); // '南宁 ' is another cell as written
    expect(texts.get(row, 2, 2)).toBeUndefined();
    texts.set(row, 9, 15, '柳州');
    texts.set(row, 16, 23, '南宁');
    texts.set(row, 24, 30, 'Guilin'); // past the limit: not kept
    expect([texts.get(row, 9, 15), texts.get(row, 16, 23), texts.get(row, 24, 30)]).toEqual(['柳州', '南宁', undefined]);
  });

  it('keeps many keys apart (growing its slots)', () => {
    const texts = new ByteTexts(10_000);
    const keys = Array.from({ length: 2000 }, (_, i) => encode(`城市${i}`));
    keys.forEach((key, i) => texts.set(key, 0, key.length, `v${i}`));
    keys.forEach((key, i) => expect(texts.get(key, 0, key.length)).toBe(`v${i}`));
  });
});
