import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nfc } from './text.js';

describe('nfc', () => {
  it('composes what normalize composes, and leaves NFC text as it is', () => {
    expect(nfc('cafe\u0301')).toBe('caf\u00e9');
    expect(nfc('\uf900')).toBe('\u8c48'); // a CJK compatibility ideograph becomes its unified form
    expect(nfc('a\u302a')).toBe('a\u302a');
    expect(nfc('广西南宁科技有限公司（柳州）、RD-0001')).toBe('广西南宁科技有限公司（柳州）、RD-0001');
  });

  it('agrees with String.prototype.normalize on any text', () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'grapheme-composite' }),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('e\u0301', '\u1100\u1161', '\u3099', '\uff9e', '\u302b\u302a', '\uf900', 'Å', 'A\u030a'),
    );
    fc.assert(
      fc.property(fc.array(pieces), (parts) => {
        const text = parts.join('');
        expect(nfc(text)).toBe(text.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});
