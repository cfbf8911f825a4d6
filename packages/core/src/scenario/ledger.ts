import { allocate } from '../allocation/index.js';
import { fen, type Fen } from '../money/index.js';

/**
 * The funding ledger: sources (专项资金) → programmes → recipients, balancing to the fen at every
 * level. A programme's award and its unallocated rest are attributed to the sources that fund it
 * in proportion to what each gives, through the one `allocate` (pro_rata, to the fen, largest
 * remainder with ties by source key) — so the attribution is exact and adds up by construction.
 */

/** What one source gives one programme, and how much of it was awarded or left unallocated. */
export interface FundingLine {
  readonly source: string;
  readonly allocated: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
}

export interface LedgerProgrammeInput {
  readonly id: string;
  /** What each source gives, in the order of the scenario's sources; adds up to the envelope. */
  readonly funding: readonly { readonly source: string; readonly amount: Fen }[];
  /** What the programme awarded: at most its envelope. */
  readonly awarded: Fen;
}

export interface ProgrammeLedger {
  readonly id: string;
  readonly envelope: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  readonly lines: readonly FundingLine[];
}

export interface SourceLedger {
  readonly key: string;
  readonly allocated: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
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
  const programmeLedgers = programmes.map((p): ProgrammeLedger => {
    const allocated = Float64Array.from(p.funding, (f) => f.amount);
    let envelope = 0;
    for (const a of allocated) envelope += a;
    if (p.awarded > envelope) throw new Error(`${p.id} awarded ${p.awarded} fen of an envelope of ${envelope}`);
    const awarded = shareOut(
      p.awarded,
      allocated,
      p.funding.map((f) => f.source),
    );
    return {
      id: p.id,
      envelope: fen(envelope),
      awarded: p.awarded,
      unallocated: fen(envelope - p.awarded),
      lines: p.funding.map((f, i) => ({
        source: f.source,
        allocated: f.amount,
        awarded: fen(awarded[i] ?? 0),
        unallocated: fen(f.amount - (awarded[i] ?? 0)),
      })),
    };
  });
  const sources = sourceKeys.map((key): SourceLedger => {
    const lines = programmeLedgers.flatMap((p) => p.lines.filter((l) => l.source === key).map((l) => ({ ...l, programme: p.id })));
    return { key, ...sumLines(lines), programmes: lines };
  });
  return { programmes: programmeLedgers, sources, totals: sumLines(sources) };
}

function sumLines(lines: readonly Pick<FundingLine, 'allocated' | 'awarded' | 'unallocated'>[]) {
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
