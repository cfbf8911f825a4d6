import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exact } from '../exact/index.js';
import { formatJson } from '../money/index.js';
import { valueOf } from '../programmes/common/test-support/index.js';
import { runScenario } from './evaluate.js';
import { expectAttributionBalances } from './test-support/index.js';
import { cityTotals, enterpriseTotals, levelLedger } from './views.js';

const CODES = ['91450100MA5K0001X6', '91450200MA5K0002XC', '91450300MA5K0003XJ', '91450500MA5K0004XX', '91450700MA5K0005X9'];
const CITIES = ['南宁', '柳州', '桂林'];
const TALENT = ['bagui_scholar', 'academician_reserve', 'agri_tech_service', 'distinguished_expert'];

const applicant = fc.record({
  code: fc.option(fc.integer({ min: 0, max: CODES.length - 1 }), { nil: undefined }),
  amount: fc.integer({ min: 0, max: 800_000_000 }),
  score: fc.integer({ min: 50, max: 100 }),
  heads: fc.integer({ min: 0, max: 6 }),
  talent: fc.integer({ min: 0, max: 3 }),
  city: fc.integer({ min: 0, max: CITIES.length - 1 }),
});

const entry = fc.record({
  programme: fc.constantFrom('talent', 'guidance_fund', 'nev_support'),
  year: fc.integer({ min: 2021, max: 2023 }),
  envelope: fc.integer({ min: 0, max: 3_000_000_000 }),
  share: fc.integer({ min: 0, max: 100 }),
  method: fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
  commitment: fc.option(fc.integer({ min: 2, max: 3 }), { nil: undefined }),
  regional: fc.option(fc.constantFrom('0.5', '0.6', '0.75', '1'), { nil: undefined }),
  applicants: fc.array(applicant, { maxLength: 6 }),
});

const scenario = fc.record({
  entries: fc.array(entry, { minLength: 1, maxLength: 6 }),
  batched: fc.boolean(),
  unallocated: fc.constantFrom('return', 'carry_over', undefined),
  cap: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: undefined }),
  exclusions: fc.array(fc.record({ code: fc.integer({ min: 0, max: CODES.length - 1 }), from: fc.integer({ min: 2020, max: 2023 }) }), {
    maxLength: 2,
  }),
});

const yuan = (fen: number): string => formatJson(fen);

type Generated = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function file(s: Generated): unknown {
  const batches = new Map<string, number>();
  return {
    schemaVersion: 1,
    name: 'random',
    title: 'Random',
    date: '2021-06-30',
    ...(s.unallocated === undefined ? {} : { unallocated: s.unallocated }),
    sources: [
      { key: 'a', label: { zh: '甲', en: 'A' }, citation: 'test' },
      { key: 'b', label: { zh: '乙', en: 'B' }, citation: 'test' },
    ],
    exclusions: s.exclusions.map((e) => ({ creditCode: CODES[e.code], kind: 'blacklist', reason: 'test', from: `${e.from}-01-01` })),
    ...(s.cap === undefined ? {} : { enterpriseCap: { amount: yuan(s.cap), citation: 'test' } }),
    programmes: s.entries.map((e, k) => {
      const a = Math.floor((e.envelope * e.share) / 100);
      const series = `${e.programme}@${e.year}`;
      const batch = (batches.get(series) ?? 0) + 1;
      batches.set(series, batch);
      return {
        id: `e${k}`,
        programme: e.programme,
        envelope: yuan(e.envelope),
        citation: 'test',
        date: `${e.year}-06-30`,
        year: e.year,
        ...(s.batched ? { batch } : {}),
        method: e.method,
        funding: { a: yuan(a), b: yuan(e.envelope - a) },
        ...(e.commitment === undefined ? {} : { commitment: { years: e.commitment, citation: 'test' } }),
        ...(e.regional === undefined ? {} : { cofinancing: { regional: e.regional, citation: 'test' } }),
        applicants: {
          records: e.applicants.map((x, j) => ({
            id: `x${j}`,
            city: CITIES[x.city],
            ...(x.code === undefined ? {} : { credit_code: CODES[x.code] }),
            ...(e.programme === 'talent'
              ? { programme: TALENT[x.talent], head_count: x.heads }
              : e.programme === 'guidance_fund'
                ? { requested: yuan(x.amount), score: x.score }
                : { requested: yuan(x.amount) }),
          })),
        },
      };
    }),
  };
}

describe('years, batches, commitments, exclusions, the enterprise cap and co-financing: money is conserved to the fen (properties)', () => {
  it('per entry, per year, per source, per level, per city and per enterprise', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = valueOf(runScenario(file(s)));
        const rule = s.unallocated;
        let paid = 0;
        for (const p of result.programmes) {
          const f = p.flow;
          // An entry: what it had is what it paid and what it left; what it left was carried or returned.
          expect(f.envelope + f.carriedIn).toBe(f.commitmentsPaid + f.awarded + f.unallocated);
          expect(f.available).toBe(f.envelope + f.carriedIn);
          expect(f.budget).toBe(f.available - f.commitmentsPaid);
          if (rule === 'carry_over') expect(f.carriedOut).toBe(f.unallocated);
          if (rule === 'return') expect(f.returned).toBe(f.unallocated);
          if (rule === undefined) expect(f.carriedIn + f.carriedOut + f.returned).toBe(0);
          expect(f.commitmentsPaid).toBeLessThanOrEqual(f.available);
          expect(f.commitmentsPaid + f.commitmentsLapsed).toBeLessThanOrEqual(f.commitmentsDue);
          if (f.carriedFrom !== undefined) {
            expect(result.programmes.find((q) => q.entry.id === f.carriedFrom)?.flow.carriedOut).toBe(f.carriedIn);
          }
          expect(p.ledger.awarded).toBe(f.commitmentsPaid + f.awarded);
          // Excluded applicants are paid nothing; every award within its entitlement.
          for (const x of p.outcome.excluded ?? []) expect(p.outcome.awards[x.index]).toBe(0);
          p.outcome.awards.forEach((a, i) => expect(a).toBeLessThanOrEqual(p.outcome.entitlements[i] ?? 0));
          // Each payment split by source, exactly.
          const split = p.recipients();
          expectAttributionBalances(
            Float64Array.from([...p.outcome.awards, ...p.commitments.map((c) => c.paid)]),
            split.bySource.map((c, k) => Float64Array.from([...c, ...(split.commitments[k] ?? [])])),
            p.ledger.lines.map((l) => l.awarded),
          );
          // Co-financing: the city's part of each award, exactly floor(award × (1 − r) / r).
          const r = p.entry.cofinancing?.regional;
          if (r !== undefined) {
            p.outcome.awards.forEach((a, i) => {
              expect(p.cityShares?.[i]).toBe(new Exact(a).times(new Exact(1).minus(r)).div(r).floor().toNumber());
            });
          }
          paid += f.commitmentsPaid + f.awarded;
        }
        // Per year: the same balance, and the years add up to the whole.
        const years = result.years ?? [];
        for (const y of years) expect(y.envelope + y.carriedIn).toBe(y.commitmentsPaid + y.awarded + y.unallocated);
        expect(years.reduce((t, y) => t + y.envelope, 0)).toBe(result.totals.envelope);
        expect(years.reduce((t, y) => t + y.commitmentsPaid + y.awarded, 0)).toBe(paid);
        // Per source and in all: given = paid + not paid out (returned, or carried beyond the scenario).
        for (const src of result.ledger.sources) {
          expect(src.awarded + src.unallocated).toBe(src.allocated);
          if (rule !== undefined) expect((src.returned ?? 0) + (src.carriedBeyond ?? 0)).toBe(src.unallocated);
        }
        expect(result.totals.awarded).toBe(paid);
        expect(result.totals.awarded + result.totals.unallocated).toBe(result.totals.envelope);
        // Per level: the region paid everything the envelopes paid; the cities their parts.
        const levels = levelLedger(result);
        if (levels !== undefined) {
          expect(levels.regional).toBe(paid);
          expect(levels.total).toBe(levels.regional + levels.cities);
          expect(levels.byCity.reduce((t, c) => t + c.amount, 0)).toBe(levels.cities);
        }
        // Per city: every applicant and every fen paid is in one city.
        const cities = cityTotals(result);
        expect(cities.reduce((t, c) => t + c.awarded, 0)).toBe(paid);
        expect(cities.reduce((t, c) => t + c.applicants, 0)).toBe(result.totals.applicants);
        // Per enterprise: its lines add up to its total; what has no credit code is the rest; awards never pass the cap.
        const enterprises = enterpriseTotals(result);
        let keyed = 0;
        for (const e of enterprises) {
          expect(e.programmes.reduce((t, l) => t + l.award, 0)).toBe(e.total);
          keyed += e.total;
          if (s.cap !== undefined) {
            const owed = e.programmes.filter((l) => l.commitment).reduce((t, l) => t + l.award, 0);
            expect(e.total).toBeLessThanOrEqual(Math.max(s.cap, 0) + owed);
          }
        }
        let unkeyed = 0;
        for (const p of result.programmes) {
          p.outcome.awards.forEach((a, i) => {
            if (p.outcome.creditCodes?.[i] === undefined) unkeyed += a;
          });
          for (const c of p.commitments) if (c.creditCode === undefined) unkeyed += c.paid;
        }
        expect(keyed + unkeyed).toBe(paid);
      }),
      { numRuns: 300 },
    );
  });
});
