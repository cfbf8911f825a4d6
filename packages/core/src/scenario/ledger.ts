import { allocate } from '../allocation/index.js';
import { fen, type Fen } from '../money/index.js';

/**
 * The funding ledger: sources (专项资金) → programmes → recipients, balancing to the fen at every
 * level. A programme's award and its unallocated rest are attributed to the sources that fund it
 * in proportion to what each gives, through the one `allocate` (pro_rata, to the fen, largest
 * remainder with ties by source key) — so the attribution is exact and adds up by construction.
 */

/**
 * What one source gives one programme, and how much of it was awarded or left unallocated:
 * `allocated + carriedIn = awarded + unallocated`. With a rule for unallocated money (a scenario's
 * `unallocated`), the unallocated part is `carriedOut` to the series' next entry or `returned`.
 */
export interface FundingLine {
  readonly source: string;
  readonly allocated: Fen;
  /** Money of this source carried over from the series' previous entry (when the scenario carries money over). */
  readonly carriedIn?: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly carriedOut?: Fen;
  readonly returned?: Fen;
}

export interface LedgerProgrammeInput {
  readonly id: string;
  /** What each source gives, in the order of the scenario's sources; adds up to the envelope. */
  readonly funding: readonly { readonly source: string; readonly amount: Fen }[];
  /** Money carried over from the series' previous entry, by source (its unallocated lines). */
  readonly carriedIn?: readonly { readonly source: string; readonly amount: Fen }[];
  /** What the programme paid (commitments and awards): at most its envelope and what was carried in. */
  readonly awarded: Fen;
  /** Where the unallocated money goes, when the scenario has a rule for it. */
  readonly unallocatedGoes?: 'carried' | 'returned';
}

export interface ProgrammeLedger {
  readonly id: string;
  readonly envelope: Fen;
  readonly carriedIn?: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly lines: readonly FundingLine[];
}

/**
 * A source over the programmes it funds: `allocated = awarded + unallocated`, where `unallocated`
 * is what it gave and the scenario did not pay out (returned, or carried beyond the last entry).
 */
export interface SourceLedger {
  readonly key: string;
  readonly allocated: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  /** With a rule for unallocated money: of `unallocated`, what was returned, and what was carried beyond the scenario. */
  readonly returned?: Fen;
  readonly carriedBeyond?: Fen;
  /** One line per programme the source funds, in the order of the programmes. */
  readonly programmes: readonly (FundingLine & { readonly programme: string })[];
}

export interface Ledger {
  readonly programmes: readonly ProgrammeLedger[];
  readonly sources: readonly SourceLedger[];
  readonly totals: { readonly allocated: Fen; readonly awarded: Fen; readonly unallocated: Fen };
}

/** Splits `amount` over `weights` (which add up to at least `amount`) pro rata, to the fen, exactly. */
function shareOut(amount: Fen, weights: Float64Array, ids: readonly string[]): Float64Array {
  return allocate({ method: 'pro_rata', budget: amount, unit: fen(1), entitlements: weights, ids }).awards;
}

export function buildLedger(sourceKeys: readonly string[], programmes: readonly LedgerProgrammeInput[]): Ledger {
  return sourceLedger(sourceKeys, programmes.map(programmeLedger));
}

/**
 * One programme's lines: its funding and what was carried in, by source (in the order of the
 * funding, then any source only carried in); its award shared over them pro rata to the fen.
 */
export function programmeLedger(p: LedgerProgrammeInput): ProgrammeLedger {
  const sources = [...new Set([...p.funding.map((f) => f.source), ...(p.carriedIn ?? []).map((c) => c.source)])];
  const own = sources.map((s) => p.funding.find((f) => f.source === s)?.amount ?? 0);
  const carried = sources.map((s) => p.carriedIn?.find((c) => c.source === s)?.amount ?? 0);
  const available = Float64Array.from(sources, (_, i) => (own[i] ?? 0) + (carried[i] ?? 0));
  let envelope = 0;
  let carriedIn = 0;
  for (let i = 0; i < sources.length; i++) {
    envelope += own[i] ?? 0;
    carriedIn += carried[i] ?? 0;
  }
  if (p.awarded > envelope + carriedIn) throw new Error(`${p.id} awarded ${p.awarded} fen of ${envelope + carriedIn}`);
  const awarded = shareOut(p.awarded, available, sources);
  const withCarry = p.carriedIn !== undefined;
  return {
    id: p.id,
    envelope: fen(envelope),
    ...(withCarry ? { carriedIn: fen(carriedIn) } : {}),
    awarded: p.awarded,
    unallocated: fen(envelope + carriedIn - p.awarded),
    lines: sources.map((source, i): FundingLine => {
      const rest = fen((available[i] ?? 0) - (awarded[i] ?? 0));
      return {
        source,
        allocated: fen(own[i] ?? 0),
        ...(withCarry ? { carriedIn: fen(carried[i] ?? 0) } : {}),
        awarded: fen(awarded[i] ?? 0),
        unallocated: rest,
        ...(p.unallocatedGoes === undefined
          ? {}
          : p.unallocatedGoes === 'carried'
            ? { carriedOut: rest, returned: fen(0) }
            : { carriedOut: fen(0), returned: rest }),
      };
    }),
  };
}

/**
 * Each source over the programmes it funds, and the totals. With carried money, a source's
 * `unallocated` is net of what moved between its programmes: what it gave and was not paid out.
 * `carriedBeyond` is what the last entries carried out to no further entry (`beyond` gives, per
 * programme, whether its carried-out money leaves the scenario).
 */
export function sourceLedger(
  sourceKeys: readonly string[],
  programmes: readonly ProgrammeLedger[],
  beyond: (programme: string) => boolean = () => true,
): Ledger {
  const ruled = programmes.some((p) => p.lines.some((l) => l.returned !== undefined));
  const sources = sourceKeys.map((key): SourceLedger => {
    const lines = programmes.flatMap((p) => p.lines.filter((l) => l.source === key).map((l) => ({ ...l, programme: p.id })));
    const sums = sumLines(lines);
    if (!ruled) return { key, ...sums, programmes: lines };
    let returned = 0;
    let carriedBeyond = 0;
    for (const l of lines) {
      returned += l.returned ?? 0;
      if (beyond(l.programme)) carriedBeyond += l.carriedOut ?? 0;
    }
    return { key, ...sums, returned: fen(returned), carriedBeyond: fen(carriedBeyond), programmes: lines };
  });
  return { programmes, sources, totals: sumLines(sources) };
}

/** Allocated and awarded added up; unallocated what was allocated and not awarded (net of money carried between lines). */
function sumLines(lines: readonly Pick<FundingLine, 'allocated' | 'awarded'>[]) {
  let allocated = 0;
  let awarded = 0;
  for (const l of lines) {
    allocated += l.allocated;
    awarded += l.awarded;
  }
  return { allocated: fen(allocated), awarded: fen(awarded), unallocated: fen(allocated - awarded) };
}

/**
 * Each recipient's award attributed to the sources that fund the programme: row i adds up to
 * award i and column s to what source s awarded (`lines[s].awarded`), both exactly. Sources are
 * taken in turn: source s's award is shared pro rata over what the recipients have not yet been
 * attributed, and the last source takes the rest, so each share stays close to award × the
 * source's share of the programme's award (property-tested: within one fen per source).
 * O(recipients × sources): call it on demand.
 */
export function attributeAwards(awards: Float64Array, ids: readonly string[], lines: readonly FundingLine[]): Float64Array[] {
  let rest = Float64Array.from(awards);
  return lines.map((line, s) => {
    if (s === lines.length - 1) return rest;
    const share = shareOut(line.awarded, rest, ids);
    rest = rest.map((r, i) => r - (share[i] ?? 0));
    return share;
  });
}
