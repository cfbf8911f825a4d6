import { randomBytes } from 'node:crypto';

/**
 * Crockford's base32 in lowercase: digits and letters without i, l, o and u, so that an id read
 * aloud or copied by hand is not mistaken.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `length` base32 characters from the bytes (5 bits each; length × 5 ≤ bytes × 8). */
export function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const word = ((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0);
    out += ALPHABET[(word >> (11 - (bit & 7))) & 31];
  }
  return out;
}

export type RandomBytes = (size: number) => Uint8Array;
export const cryptoRandom: RandomBytes = (size) => randomBytes(size);

/** A scenario id: `s_` and 16 base32 characters (80 random bits), e.g. `s_7k2m9q4rt8v3hzpa`. */
export const SCENARIO_ID = /^s_[0-9a-hjkmnp-tv-z]{16}$/u;

/**
 * Words the API routes give a meaning beside scenario ids (`/v1/scenarios/run`,
 * `/v1/scenarios/{id}/revisions`): an id is never one of them.
 */
export const ROUTE_WORDS: readonly string[] = ['run', 'compare', 'revisions', 'archive', 'restore', 'search', 'new'];

/**
 * A fresh scenario id. Its shape alone keeps it apart from the route words, and it is checked
 * against the names it must never equal (the built-in scenarios'): a match, which 80 random bits
 * make all but impossible, draws again.
 */
export function newScenarioId(reserved: (id: string) => boolean, random: RandomBytes = cryptoRandom): string {
  for (;;) {
    const id = `s_${base32(random(10), 16)}`;
    if (!reserved(id) && !ROUTE_WORDS.includes(id)) return id;
  }
}

/** A key's public id: `k_` and 10 base32 characters (50 random bits), shown in lists and the audit log. */
export const newKeyId = (random: RandomBytes = cryptoRandom): string => `k_${base32(random(7), 10)}`;
