import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, datasetsHash, sha256 } from './hash.js';

describe('hashes', () => {
  it('sha256 is the standard digest', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('a canonical hash ignores key order, spacing and number spelling (RFC 8785)', () => {
    const a = JSON.parse('{"b": [1.50, {"y": 2, "x": "研发"}], "a": 1e2}') as unknown;
    const b = JSON.parse('{"a":100,"b":[1.5,{"x":"研发","y":2}]}') as unknown;
    expect(canonicalHash(a)).toBe(canonicalHash(b));
    expect(canonicalHash(a)).toBe(sha256('{"a":100,"b":[1.5,{"x":"研发","y":2}]}'));
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: '1' }));
  });

  it('a canonical hash is the same for any order of the keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalHash(reversed)).toBe(canonicalHash(object));
      }),
    );
  });

  it('the data sets hash of no bindings is the hash of {}', () => {
    expect(datasetsHash({})).toBe(sha256('{}'));
  });

  it('refuses text that is not Unicode', () => {
    expect(() => canonicalHash({ a: '\ud800' })).toThrow('Lone surrogate is not allowed');
  });
});
