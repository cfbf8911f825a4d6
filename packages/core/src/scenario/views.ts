import { GUANGXI_CITIES } from '../programmes/rd-incentive/generate.js';
import { compareCodePoints } from '../allocation/index.js';
import { fen, type Fen } from '../money/index.js';
import { exclusionsFor } from './eligibility.js';
import type { ScenarioResult } from './evaluate.js';
import type { ScenarioExclusion } from './parse.js';

/**
 * Views of a scenario's result across its programmes: per city, per enterprise (by credit code),
 * per level of government (区本级 / 市县), and who the exclusion list excluded. Each adds up, to the
 * fen, to the programmes' figures (property-tested).
 */

/**
 * One programme's figures in a city: a line of `CityTotals.programmes`, the figures `CityTotals`
 * adds up.
 * @public A type of core's public surface: what the public `cityTotals` returns is made of it.
 */
export interface CityProgrammeTotals {
  readonly id: string;
  readonly applicants: number;
  readonly paid: number;
  /** Awards and commitment payments to recipients in the city. */
  readonly awarded: Fen;
  /** What the city adds on top (co-financing). */
  readonly cofinanced: Fen;
}

export interface CityTotals extends Omit<CityProgrammeTotals, 'id'> {
  /** undefined: applicants without a city. */
  readonly city: string | undefined;
  readonly programmes: readonly CityProgrammeTotals[];
}

/** Per city, every programme: applicants, paid, awarded, co-financed. Guangxi's 14 cities in order, then others, then no city. */
export function cityTotals(result: ScenarioResult): CityTotals[] {
  const byCity = new Map<string | undefined, Map<string, { applicants: number; paid: number; awarded: number; cofinanced: number }>>();
  const line = (city: string | undefined, id: string) => {
    let programmes = byCity.get(city);
    if (programmes === undefined)
      byCity.set(city, (programmes = new Map<string, { applicants: number; paid: number; awarded: number; cofinanced: number }>()));
    let totals = programmes.get(id);
    if (totals === undefined) programmes.set(id, (totals = { applicants: 0, paid: 0, awarded: 0, cofinanced: 0 }));
    return totals;
  };
  for (const p of result.programmes) {
    const cities = p.outcome.groups.city ?? [];
    p.outcome.ids.forEach((_, i) => {
      const t = line(cities[i], p.entry.id);
      const award = p.outcome.awards[i] ?? 0;
      t.applicants += 1;
      if (award > 0) t.paid += 1;
      t.awarded += award;
      t.cofinanced += p.cityShares?.[i] ?? 0;
    });
    for (const c of p.commitments) {
      const t = line(c.city, p.entry.id);
      t.awarded += c.paid;
      t.cofinanced += c.cityShare ?? 0;
    }
  }
  const rank = (city: string | undefined): number => {
    if (city === undefined) return Number.MAX_SAFE_INTEGER;
    const k = (GUANGXI_CITIES as readonly string[]).indexOf(city);
    return k >= 0 ? k : GUANGXI_CITIES.length;
  };
  const order = result.programmes.map((p) => p.entry.id);
  return [...byCity.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || compareCodePoints(a ?? '', b ?? ''))
    .map(([city, programmes]) => {
      const rows = order.flatMap((id) => {
        const t = programmes.get(id);
        return t === undefined ? [] : [{ id, ...t, awarded: fen(t.awarded), cofinanced: fen(t.cofinanced) }];
      });
      const total = (k: 'applicants' | 'paid' | 'awarded' | 'cofinanced') => rows.reduce((s, r) => s + r[k], 0);
      return {
        city,
        applicants: total('applicants'),
        paid: total('paid'),
        awarded: fen(total('awarded')),
        cofinanced: fen(total('cofinanced')),
        programmes: rows,
      };
    });
}

/**
 * One programme's award to an enterprise in a year: a line of `EnterpriseTotals.programmes`.
 * @public A type of core's public surface: what the public `enterpriseTotals` returns is made of it.
 */
export interface EnterpriseLine {
  readonly id: string;
  /** The applicant (or, for a commitment, the recipient) id in that programme. */
  readonly applicant: string;
  readonly award: Fen;
  /** What the enterprise cap took from it. */
  readonly capped: Fen;
  /** A commitment payment (from an earlier entry), not an award of this programme's applicants. */
  readonly commitment: boolean;
}

export interface EnterpriseTotals {
  readonly creditCode: string;
  readonly year: number;
  /** Everything paid to it in the year, over every programme. */
  readonly total: Fen;
  readonly capped: Fen;
  readonly programmes: readonly EnterpriseLine[];
}

/** Per enterprise (统一社会信用代码) and year: what each programme paid it, and what the cap took. Largest first. */
export function enterpriseTotals(result: ScenarioResult): EnterpriseTotals[] {
  const byKey = new Map<string, { creditCode: string; year: number; lines: EnterpriseLine[] }>();
  const add = (creditCode: string, year: number, line: EnterpriseLine) => {
    const key = `${year}|${creditCode}`;
    let e = byKey.get(key);
    if (e === undefined) byKey.set(key, (e = { creditCode, year, lines: [] }));
    e.lines.push(line);
  };
  const order = new Map(result.order.map((id, k) => [id, k]));
  const runs = [...result.programmes].sort((a, b) => (order.get(a.entry.id) ?? 0) - (order.get(b.entry.id) ?? 0));
  for (const p of runs) {
    for (const c of p.commitments) {
      if (c.creditCode !== undefined)
        add(c.creditCode, p.entry.year, { id: p.entry.id, applicant: c.id, award: c.paid, capped: fen(0), commitment: true });
    }
    const codes = p.outcome.creditCodes ?? [];
    codes.forEach((code, i) => {
      if (code === undefined) return;
      add(code, p.entry.year, {
        id: p.entry.id,
        applicant: p.outcome.ids[i] ?? '',
        award: fen(p.outcome.awards[i] ?? 0),
        capped: fen(p.capped?.[i] ?? 0),
        commitment: false,
      });
    });
  }
  return [...byKey.values()]
    .map(({ creditCode, year, lines }) => ({
      creditCode,
      year,
      total: fen(lines.reduce((s, l) => s + l.award, 0)),
      capped: fen(lines.reduce((s, l) => s + l.capped, 0)),
      programmes: lines,
    }))
    .sort((a, b) => a.year - b.year || b.total - a.total || compareCodePoints(a.creditCode, b.creditCode));
}

export interface LevelLedger {
  /** 区本级: everything the scenario's envelopes paid. */
  readonly regional: Fen;
  /** 市县: what the cities added on top (co-financing). */
  readonly cities: Fen;
  readonly total: Fen;
  readonly byCity: readonly { readonly city: string; readonly amount: Fen }[];
  readonly programmes: readonly { readonly id: string; readonly regional: Fen; readonly cities: Fen }[];
}

/** The ledger per level of government, when a programme is co-financed; undefined otherwise. */
export function levelLedger(result: ScenarioResult): LevelLedger | undefined {
  if (!result.programmes.some((p) => p.entry.cofinancing !== undefined)) return undefined;
  const programmes = result.programmes.map((p) => ({ id: p.entry.id, regional: p.ledger.awarded, cities: p.flow.cofinanced }));
  const regional = programmes.reduce((s, p) => s + p.regional, 0);
  const cities = programmes.reduce((s, p) => s + p.cities, 0);
  const byCity = cityTotals(result)
    .filter((c) => c.cofinanced > 0 && c.city !== undefined)
    .map((c) => ({ city: c.city ?? '', amount: c.cofinanced }));
  return { regional: fen(regional), cities: fen(cities), total: fen(regional + cities), byCity, programmes };
}

export interface ExclusionMatches {
  readonly exclusion: ScenarioExclusion;
  /** Applicants it excluded (entitlement 0), and commitments it made lapse, by programme entry. */
  readonly matched: readonly { readonly programme: string; readonly applicant: string; readonly commitment: boolean }[];
}

/** Every entry of the exclusion list with whom it excluded: an entry that matched no one says so (an empty list). */
export function exclusionMatches(result: ScenarioResult): ExclusionMatches[] {
  const { scenario } = result;
  const matched = new Map<number, { programme: string; applicant: string; commitment: boolean }[]>();
  const note = (e: ScenarioExclusion | undefined, programme: string, applicant: string, commitment: boolean) => {
    if (e === undefined) return;
    const list = matched.get(e.index) ?? [];
    list.push({ programme, applicant, commitment });
    matched.set(e.index, list);
  };
  for (const p of result.programmes) {
    const list = exclusionsFor(scenario, p.entry);
    for (const x of p.outcome.excluded ?? []) {
      const id = p.outcome.ids[x.index] ?? '';
      note(list?.listed(id, p.outcome.creditCodes?.[x.index]), p.entry.id, id, false);
    }
    for (const c of p.commitments) note(c.lapsed, p.entry.id, c.id, true);
  }
  return scenario.exclusions.map((exclusion) => ({ exclusion, matched: matched.get(exclusion.index) ?? [] }));
}
