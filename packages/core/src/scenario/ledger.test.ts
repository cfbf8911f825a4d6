import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen, type Fen } from '../money/index.js';
import { attributeAwards, buildLedger, type LedgerProgrammeInput } from './ledger.js';
import { expectAttributionBalances, expectLedgerBalances } from './test-support/index.js';

const f = (n: number): Fen => fen(n);

describe('buildLedger (hand-worked)', () => {
  // A programme of 10,000,000.00 funded 3,333,333.33 by B and 6,666,666.67 by C awards 9,000,000.00.
  // B: 333,333,333 fen × 0.9 = 299,999,999.7 → 299,999,999 (remainder 0.7); C: 666,666,667 × 0.9 =
  // 600,000,000.3 → 600,000,000 (0.3). One fen is left: it goes to B, the larger remainder.
  const ledger = buildLedger(
    ['A', 'B', 'C'],
    [
      {
        id: 'p1',
        funding: [
          { source: 'A', amount: f(700_000_000) },
          { source: 'B', amount: f(300_000_000) },
        ],
        awarded: f(900_000_000),
      },
      {
        id: 'p2',
        funding: [
          { source: 'B', amount: f(333_333_333) },
          { source: 'C', amount: f(666_666_667) },
        ],
        awarded: f(900_000_000),
      },
    ],
  );

  it("attributes each programme's award and rest to its sources pro rata, to the fen", () => {
    expect(ledger.programmes).toEqual([
      {
        id: 'p1',
        envelope: 1_000_000_000,
        awarded: 900_000_000,
        unallocated: 100_000_000,
        lines: [
          { source: 'A', allocated: 700_000_000, awarded: 630_000_000, unallocated: 70_000_000 },
          { source: 'B', allocated: 300_000_000, awarded: 270_000_000, unallocated: 30_000_000 },
        ],
      },
      {
        id: 'p2',
        envelope: 1_000_000_000,
        awarded: 900_000_000,
        unallocated: 100_000_000,
        lines: [
          { source: 'B', allocated: 333_333_333, awarded: 300_000_000, unallocated: 33_333_333 },
          { source: 'C', allocated: 666_666_667, awarded: 600_000_000, unallocated: 66_666_667 },
        ],
      },
    ]);
  });

  it('sums each source over the programmes it funds', () => {
    expect(ledger.sources.map(({ key, allocated, awarded, unallocated }) => ({ key, allocated, awarded, unallocated }))).toEqual([
      { key: 'A', allocated: 700_000_000, awarded: 630_000_000, unallocated: 70_000_000 },
      { key: 'B', allocated: 633_333_333, awarded: 570_000_000, unallocated: 63_333_333 },
      { key: 'C', allocated: 666_666_667, awarded: 600_000_000, unallocated: 66_666_667 },
    ]);
    expect(ledger.sources[1]?.programmes.map((l) => l.programme)).toEqual(['p1', 'p2']);
    expect(ledger.totals).toEqual({ allocated: 2_000_000_000, awarded: 1_800_000_000, unallocated: 200_000_000 });
  });

  it("attributes each recipient's award to the sources: rows add up to the award, columns to the source", () => {
    // Sources in turn: B's 3,000,000.00 over awards of 4,000,000 and 5,000,000 is 1,333,333.333… and
    // 1,666,666.666…: floors 1,333,333.33 and 1,666,666.66, the leftover fen to the larger remainder.
    const [b, c] = attributeAwards(Float64Array.from([400_000_000, 500_000_000, 0]), ['X', 'Y', 'Z'], ledger.programmes[1]?.lines ?? []);
    expect(Array.from(b ?? [])).toEqual([133_333_333, 166_666_667, 0]);
    expect(Array.from(c ?? [])).toEqual([266_666_667, 333_333_333, 0]);
  });

  it('a source that gives nothing is attributed nothing', () => {
    const l = buildLedger(
      ['A', 'B'],
      [
        {
          id: 'p',
          funding: [
            { source: 'A', amount: f(0) },
            { source: 'B', amount: f(500) },
          ],
          awarded: f(499),
        },
      ],
    );
    expect(l.programmes[0]?.lines).toEqual([
      { source: 'A', allocated: 0, awarded: 0, unallocated: 0 },
      { source: 'B', allocated: 500, awarded: 499, unallocated: 1 },
    ]);
  });
});

describe('the ledger balances for random funding and awards (property)', () => {
  const sourceKeys = ['s0', 's1', 's2', 's3', 's4'];
  const programme = fc
    .record({
      split: fc.array(fc.integer({ min: 0, max: 50_000_000_000 }), { minLength: 1, maxLength: 5 }),
      awards: fc.array(fc.integer({ min: 0, max: 5_000_000_000 }), { minLength: 0, maxLength: 40 }),
      cut: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ split, awards, cut }) => {
      // Awards scaled down to fit the envelope, then cut by a random fraction: awarded ≤ envelope.
      const envelope = split.reduce((a, b) => a + b, 0);
      const total = awards.reduce((a, b) => a + b, 0);
      const scaled = awards.map((a) => (total <= envelope ? a : Math.floor((a / total) * envelope)));
      const kept = scaled.map((a) => Math.floor((a * cut) / 1000));
      return { split, awards: Float64Array.from(kept) };
    });

  it('at every level: sources, programmes, recipients (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.array(programme, { minLength: 1, maxLength: 4 }), (programmes) => {
        const inputs: LedgerProgrammeInput[] = programmes.map((p, i) => ({
          id: `p${i}`,
          funding: p.split.map((amount, s) => ({ source: sourceKeys[s] ?? '', amount: f(amount) })),
          awarded: f(p.awards.reduce((a, b) => a + b, 0)),
        }));
        const ledger = buildLedger(sourceKeys, inputs);
        expectLedgerBalances(ledger, inputs);
        programmes.forEach((p, i) => {
          const lines = ledger.programmes[i]?.lines ?? [];
          const ids = Array.from(p.awards, (_, k) => `r${k}`);
          expectAttributionBalances(
            p.awards,
            attributeAwards(p.awards, ids, lines),
            lines.map((l) => l.awarded),
          );
        });
      }),
      { numRuns: 1000 },
    );
  });
});
