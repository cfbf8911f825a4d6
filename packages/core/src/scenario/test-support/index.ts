import { expect } from 'vitest';
import type { Result } from '../../errors/index.js';
import type { Ledger, LedgerProgrammeInput } from '../ledger.js';

/** Every level of the ledger adds up, to the fen. */
export function expectLedgerBalances(ledger: Ledger, inputs: readonly LedgerProgrammeInput[]): void {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  ledger.programmes.forEach((p, i) => {
    const input = inputs[i];
    expect(p.envelope).toBe(sum(input?.funding.map((x) => x.amount) ?? []));
    expect(p.awarded).toBe(input?.awarded);
    expect(p.awarded + p.unallocated).toBe(p.envelope);
    expect(sum(p.lines.map((l) => l.allocated))).toBe(p.envelope);
    expect(sum(p.lines.map((l) => l.awarded))).toBe(p.awarded);
    expect(sum(p.lines.map((l) => l.unallocated))).toBe(p.unallocated);
    for (const l of p.lines) {
      expect(Number.isSafeInteger(l.awarded)).toBe(true);
      expect(l.awarded).toBeGreaterThanOrEqual(0);
      expect(l.awarded).toBeLessThanOrEqual(l.allocated);
      expect(l.awarded + l.unallocated).toBe(l.allocated);
    }
  });
  for (const s of ledger.sources) {
    expect(s.allocated).toBe(sum(s.programmes.map((l) => l.allocated)));
    expect(s.awarded).toBe(sum(s.programmes.map((l) => l.awarded)));
    expect(s.unallocated).toBe(sum(s.programmes.map((l) => l.unallocated)));
    expect(s.awarded + s.unallocated).toBe(s.allocated);
  }
  expect(ledger.totals.allocated).toBe(sum(ledger.programmes.map((p) => p.envelope)));
  expect(ledger.totals.allocated).toBe(sum(ledger.sources.map((s) => s.allocated)));
  expect(ledger.totals.awarded).toBe(sum(ledger.sources.map((s) => s.awarded)));
  expect(ledger.totals.unallocated).toBe(sum(ledger.sources.map((s) => s.unallocated)));
}

/**
 * Recipient attribution: rows add up to each award, columns to each source's award; all whole
 * fen ≥ 0; and each share within one fen per source of award × the source's share of the awards.
 */
export function expectAttributionBalances(awards: Float64Array, columns: readonly Float64Array[], sourceAwards: readonly number[]): void {
  const awarded = sourceAwards.reduce((a, b) => a + b, 0);
  awards.forEach((award, i) => {
    expect(columns.reduce((s, c) => s + (c[i] ?? NaN), 0)).toBe(award);
    columns.forEach((column, s) => {
      const exact = awarded === 0 ? 0 : (award * (sourceAwards[s] ?? 0)) / awarded;
      expect(Math.abs((column[i] ?? 0) - exact)).toBeLessThanOrEqual(columns.length);
    });
  });
  columns.forEach((column, s) => {
    let total = 0;
    for (const x of column) {
      expect(Number.isSafeInteger(x) && x >= 0).toBe(true);
      total += x;
    }
    expect(total).toBe(sourceAwards[s]);
  });
}

/** A small valid scenario file: one talent programme of 1000万 from two sources; `change` edits a copy. */
export function smallScenario(
  change: (file: Record<string, unknown> & { programmes: Record<string, unknown>[] }) => void = () => undefined,
): unknown {
  const file = {
    schemaVersion: 1,
    name: 'small',
    title: 'Small',
    date: '2021-06-30',
    sources: [
      { key: 'a', label: { zh: '甲', en: 'A' }, citation: 'test' },
      { key: 'b', label: { zh: '乙', en: 'B' }, citation: 'test' },
    ],
    programmes: [
      {
        programme: 'talent',
        envelope: '1000万',
        citation: 'test',
        funding: { a: '700万', b: 3_000_000 },
        applicants: { records: [{ id: 'T1', programme: 'bagui_scholar', head_count: 3 }] },
      },
    ],
  };
  change(file);
  return file;
}

/** code, JSON path (dotted), message of each problem. */
export function problems(r: Result<unknown>): { code: string; path: string | undefined; message: string }[] {
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems.map((p) => ({ code: p.code, path: p.location?.path?.join('.'), message: p.message }));
}
