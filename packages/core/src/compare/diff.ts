import { compareCodePoints } from '../allocation/index.js';
import { fen, type Fen } from '../money/index.js';
import type { ProgrammeOutcome, ProgrammeTotals } from '../programmes/programme.js';
import { changeBandIndex, changeBands, DEFAULT_CHANGE_EDGES, type Band } from './bands.js';
import { groupColumn } from './groups.js';

export interface DiffOptions {
  /** A recipient wins when its award rises by more than this (fen), loses when it falls by more. Default 0. */
  readonly threshold?: Fen;
  /** Positive edges of the bands of change (fen), ascending. Default 1万, 10万, 100万. */
  readonly bands?: readonly Fen[];
}

export interface Movement {
  /** Rose by more than the threshold. */
  readonly winners: number;
  /** Fell by more than the threshold. */
  readonly losers: number;
  readonly unchanged: number;
}

export interface TotalsChange {
  readonly entitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
}

export interface BandCount {
  readonly band: Band;
  readonly recipients: number;
  /** Σ of the award changes in the band. */
  readonly change: Fen;
}

export interface Figures {
  readonly entitlement: Fen;
  readonly awarded: Fen;
}

export interface GroupRow {
  /** The group's value; null where a recipient has none (e.g. no city given). */
  readonly value: string | null;
  readonly recipients: number;
  readonly baseline: Figures;
  readonly reform: Figures;
  readonly change: Figures;
  readonly winners: number;
  readonly losers: number;
}

export interface CapCount {
  readonly path: string;
  /** Recipients whose entitlement this cap bound. */
  readonly baseline: number;
  readonly reform: number;
}

/** How one outcome differs from another on the same recipients. */
export interface OutcomeDiff {
  readonly threshold: Fen;
  readonly totals: { readonly baseline: ProgrammeTotals; readonly reform: ProgrammeTotals; readonly change: TotalsChange };
  /** Per recipient, in input order, integer fen: reform − baseline. */
  readonly entitlementChange: Float64Array;
  readonly awardChange: Float64Array;
  readonly awards: Movement;
  readonly entitlements: Movement;
  /** The award changes in bands, from the largest fall to the largest rise. */
  readonly bands: readonly BandCount[];
  /** Per group key (scale, city, …), per value. */
  readonly groups: Readonly<Record<string, readonly GroupRow[]>>;
  readonly caps: readonly CapCount[];
}

/**
 * Compares two outcomes of one programme on the same recipients (same ids, same order): each
 * recipient's change, who wins and who loses, the changes in bands, by group, and how often each
 * cap bound. Exact: every figure is a sum of integer fen.
 */
export function diffOutcomes(baseline: ProgrammeOutcome, reform: ProgrammeOutcome, options: DiffOptions = {}): OutcomeDiff {
  const n = baseline.ids.length;
  if (reform.ids !== baseline.ids && (reform.ids.length !== n || reform.ids.some((id, i) => id !== baseline.ids[i]))) {
    throw new Error('diffOutcomes: the two outcomes are not of the same recipients in the same order');
  }
  const threshold = options.threshold ?? fen(0);
  const edges = options.bands ?? DEFAULT_CHANGE_EDGES;
  const entitlementChange = new Float64Array(n);
  const awardChange = new Float64Array(n);
  const bands = changeBands(edges);
  const bandRecipients = new Float64Array(bands.length);
  const bandChange = new Float64Array(bands.length);
  const awards = { winners: 0, losers: 0, unchanged: 0 };
  const entitlements = { winners: 0, losers: 0, unchanged: 0 };
  const { entitlements: e0, awards: a0 } = baseline;
  const { entitlements: e1, awards: a1 } = reform;
  for (let i = 0; i < n; i++) {
    const de = (e1[i] as number) - (e0[i] as number);
    const da = (a1[i] as number) - (a0[i] as number);
    entitlementChange[i] = de;
    awardChange[i] = da;
    move(entitlements, de, threshold);
    move(awards, da, threshold);
    const b = changeBandIndex(da, edges);
    bandRecipients[b] = (bandRecipients[b] as number) + 1;
    bandChange[b] = (bandChange[b] as number) + da;
  }
  const change = {
    entitlement: fen(reform.totals.entitlement - baseline.totals.entitlement),
    awarded: fen(reform.totals.awarded - baseline.totals.awarded),
    unallocated: fen(reform.totals.unallocated - baseline.totals.unallocated),
  };
  return {
    threshold,
    totals: { baseline: baseline.totals, reform: reform.totals, change },
    entitlementChange,
    awardChange,
    awards,
    entitlements,
    bands: bands.map((band, b) => ({ band, recipients: bandRecipients[b] ?? 0, change: fen(bandChange[b] ?? 0) })),
    groups: groupRows(baseline, reform, awardChange, threshold),
    caps: capCounts(baseline, reform),
  };
}

function move(m: { winners: number; losers: number; unchanged: number }, d: number, threshold: number): void {
  if (d > threshold) m.winners++;
  else if (d < -threshold) m.losers++;
  else m.unchanged++;
}

function groupRows(
  baseline: ProgrammeOutcome,
  reform: ProgrammeOutcome,
  awardChange: Float64Array,
  threshold: number,
): Record<string, GroupRow[]> {
  const out: Record<string, GroupRow[]> = {};
  const n = baseline.ids.length;
  for (const [key, column] of Object.entries(baseline.groups)) {
    const { values, codes } = groupColumn(column);
    const m = values.length;
    const [recipients, be, ba, re, ra, winners, losers] = Array.from({ length: 7 }, () => new Float64Array(m)) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const { entitlements: e0, awards: a0 } = baseline;
    const { entitlements: e1, awards: a1 } = reform;
    for (let i = 0; i < n; i++) {
      const c = codes[i] as number;
      recipients[c] = (recipients[c] as number) + 1;
      be[c] = (be[c] as number) + (e0[i] as number);
      ba[c] = (ba[c] as number) + (a0[i] as number);
      re[c] = (re[c] as number) + (e1[i] as number);
      ra[c] = (ra[c] as number) + (a1[i] as number);
      const d = awardChange[i] as number;
      if (d > threshold) winners[c] = (winners[c] as number) + 1;
      else if (d < -threshold) losers[c] = (losers[c] as number) + 1;
    }
    out[key] = values.map((value, c) => {
      const at = (xs: Float64Array): number => xs[c] ?? 0;
      return {
        value,
        recipients: at(recipients),
        baseline: { entitlement: fen(at(be)), awarded: fen(at(ba)) },
        reform: { entitlement: fen(at(re)), awarded: fen(at(ra)) },
        change: { entitlement: fen(at(re) - at(be)), awarded: fen(at(ra) - at(ba)) },
        winners: at(winners),
        losers: at(losers),
      };
    });
  }
  return out;
}

const capTallies = new WeakMap<ProgrammeOutcome, ReadonlyMap<string, number>>();

/** How many recipients each cap bound in one outcome: counted once per outcome. */
function capTally(outcome: ProgrammeOutcome): ReadonlyMap<string, number> {
  let tally = capTallies.get(outcome);
  if (tally === undefined) {
    const counts = new Map<string, number>();
    for (let i = 0; i < outcome.ids.length; i++) for (const path of outcome.capsBound(i)) counts.set(path, (counts.get(path) ?? 0) + 1);
    tally = counts;
    capTallies.set(outcome, tally);
  }
  return tally;
}

/** How many recipients each cap bound, in either outcome; paths in code-point order. */
export function capCounts(baseline: ProgrammeOutcome, reform: ProgrammeOutcome): CapCount[] {
  const before = capTally(baseline);
  const after = capTally(reform);
  return [...new Set([...before.keys(), ...after.keys()])]
    .sort(compareCodePoints)
    .map((path) => ({ path, baseline: before.get(path) ?? 0, reform: after.get(path) ?? 0 }));
}
