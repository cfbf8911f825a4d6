import { describe, expect, it } from 'vitest';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import type { ResultKey } from './result-cache.js';

const key = (n: number, engineVersion = '0.1.0'): ResultKey => ({
  scenarioHash: `scenario-${n}`,
  datasetsHash: 'none',
  engineVersion,
  output: 'json',
});
const body = (text: string) => ({ mediaType: 'application/json', body: new TextEncoder().encode(text) });
const text = (result: { body: Uint8Array } | undefined) => (result === undefined ? undefined : Buffer.from(result.body).toString());

/** A clock one second a call, so that "least recently used" is never a tie. */
function ticking(): () => string {
  let second = 0;
  return () => new Date(Date.UTC(2026, 11, 1, 0, 0, second++)).toISOString();
}

describe.each(BACKENDS)('the result cache on %s', (kind) => {
  const stores = storeFixture(kind);

  it('keeps a result by scenario hash, data sets hash, engine version and output', async () => {
    const store = await stores.open();
    expect(await store.results.get(key(1))).toBeUndefined();
    expect(await store.results.put(key(1), body('{"a":1}'))).toEqual({ stored: true, evicted: 0 });
    expect(text(await store.results.get(key(1)))).toBe('{"a":1}');
    expect(await store.results.get(key(1, '0.2.0'))).toBeUndefined();
    expect(await store.results.get({ ...key(1), output: 'json+recipients' })).toBeUndefined();
    expect(await store.results.get({ ...key(1), datasetsHash: 'other' })).toBeUndefined();
    await store.results.put(key(1), body('{"a":2}'));
    expect(text(await store.results.get(key(1)))).toBe('{"a":2}');
    expect(await store.results.stats()).toMatchObject({ entries: 1, bytes: 7 });
  });

  it('holds at most maxEntries, evicting the least recently used', async () => {
    const store = await stores.open({ now: ticking(), resultCache: { maxEntries: 3 } });
    for (const n of [1, 2, 3]) await store.results.put(key(n), body(`${n}`));
    await store.results.get(key(1)); // 1 is now more recent than 2 and 3
    expect(await store.results.put(key(4), body('4'))).toEqual({ stored: true, evicted: 1 });
    expect(await store.results.get(key(2))).toBeUndefined();
    expect(await Promise.all([1, 3, 4].map(async (n) => text(await store.results.get(key(n)))))).toEqual(['1', '3', '4']);
    for (let n = 5; n <= 20; n++) await store.results.put(key(n), body(`${n}`));
    const stats = await store.results.stats();
    expect(stats).toMatchObject({ entries: 3, maxEntries: 3 });
    expect(await Promise.all([18, 19, 20].map(async (n) => text(await store.results.get(key(n)))))).toEqual(['18', '19', '20']);
  });

  it('holds at most maxBytes, and does not keep a result larger than that alone', async () => {
    const store = await stores.open({ now: ticking(), resultCache: { maxBytes: 10 } });
    await store.results.put(key(1), body('1234'));
    await store.results.put(key(2), body('5678'));
    expect(await store.results.put(key(3), body('abcd'))).toEqual({ stored: true, evicted: 1 });
    expect(await store.results.stats()).toMatchObject({ entries: 2, bytes: 8 });
    expect(await store.results.get(key(1))).toBeUndefined();
    expect(await store.results.put(key(4), body('x'.repeat(11)))).toEqual({ stored: false, evicted: 0 });
    expect(await store.results.put(key(5), body('y'.repeat(10)))).toEqual({ stored: true, evicted: 2 });
    expect(await store.results.stats()).toMatchObject({ entries: 1, bytes: 10 });
  });

  it('never evicts the result just put, even when another instance’s clock is ahead', async () => {
    const location = await stores.database();
    const ahead = await stores.openAt(location, { now: () => '2030-01-01T00:00:00.000Z', resultCache: { maxEntries: 1 } });
    const behind = await stores.openAt(location, { now: () => '2026-01-01T00:00:00.000Z', resultCache: { maxEntries: 1 } });
    await ahead.results.put(key(1), body('1'));
    expect(await behind.results.put(key(2), body('2'))).toEqual({ stored: true, evicted: 1 });
    expect(text(await behind.results.get(key(2)))).toBe('2');
  });
});
