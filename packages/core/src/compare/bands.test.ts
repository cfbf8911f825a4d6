import { describe, expect, it } from 'vitest';
import { parseDiffSettings } from './index.js';

describe('parseDiffSettings', () => {
  it('reads the threshold and the band edges in any amount spelling, in fen', () => {
    expect(parseDiffSettings({ threshold: '1', bands: ['1万', 100000, '100万元'] })).toEqual({
      ok: true,
      value: { threshold: 100, bands: [1_000_000, 10_000_000, 100_000_000] },
    });
    expect(parseDiffSettings({})).toEqual({ ok: true, value: {} });
  });

  it('names every problem at once, at its place: a bad amount, and edges out of order', () => {
    const read = parseDiffSettings({ threshold: '1e3', bands: ['10万', 'ten'] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.code.split('.')[0], p.location?.path])).toEqual([
      ['AMOUNT', ['threshold']],
      ['AMOUNT', ['bands', 1]],
    ]);
    const order = parseDiffSettings({ bands: ['10万', '1万'] });
    expect(order.ok ? [] : order.problems.map((p) => [p.code, p.message, p.location?.path])).toEqual([
      ['BANDS.INVALID', 'band edges must be strictly ascending, e.g. 1万, 10万, 100万', ['bands']],
    ]);
  });
});
