import { BUILTIN_SCENARIOS } from '@bagui/core/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32, newKeyId, newScenarioId, ROUTE_WORDS, SCENARIO_ID } from './ids.js';

describe('ids', () => {
  it('spells bytes in lowercase Crockford base32, five bits a character', () => {
    // 0xff 0x00 → 11111 11100 00000 0…: 31, 28, 0 → "z", "w", "0".
    expect(base32(Uint8Array.of(0xff, 0x00), 3)).toBe('zw0');
    expect(base32(new Uint8Array(10).fill(0xff), 16)).toBe('z'.repeat(16));
    expect(base32(new Uint8Array(10), 16)).toBe('0'.repeat(16));
  });

  it('makes scenario ids of the documented shape, never a built-in scenario’s name or a route word', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const id = newScenarioId(
          () => false,
          () => bytes,
        );
        expect(id).toMatch(SCENARIO_ID);
        expect(BUILTIN_SCENARIOS.map((s) => s.name)).not.toContain(id);
        expect(ROUTE_WORDS).not.toContain(id);
      }),
    );
    for (const word of [...ROUTE_WORDS, ...BUILTIN_SCENARIOS.map((s) => s.name)]) expect(word).not.toMatch(SCENARIO_ID);
  });

  it('draws again when an id is reserved', () => {
    const draws = [new Uint8Array(10), new Uint8Array(10).fill(0xff)];
    const id = newScenarioId(
      (candidate) => candidate === 's_0000000000000000',
      () => draws.shift() ?? new Uint8Array(10),
    );
    expect(id).toBe('s_zzzzzzzzzzzzzzzz');
  });

  it('makes readable key ids', () => {
    expect(newKeyId(() => new Uint8Array(7))).toBe('k_0000000000');
    expect(newKeyId()).toMatch(/^k_[0-9a-hjkmnp-tv-z]{10}$/u);
  });
});
