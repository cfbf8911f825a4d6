import { fen, type Fen } from '../money/index.js';
import type { Plan } from './plan.js';

/**
 * The ledger of one year (the programme year of the entries): the money of its entries and how it
 * moved. `envelope + carriedIn = commitmentsPaid + awarded + unallocated`, and with a rule for
 * unallocated money `unallocated = carriedOut + returned`. `outstanding` is what commitments of
 * earlier years owe this year where their series has no entry (beyond the scenario): owed, not yet
 * in any envelope.
 */
export interface YearLedger {
  readonly year: number;
  /** Its entries, in the order they were evaluated. */
  readonly programmes: readonly string[];
  readonly envelope: Fen;
  readonly carriedIn: Fen;
  readonly commitmentsDue: Fen;
  readonly commitmentsPaid: Fen;
  readonly commitmentsLapsed: Fen;
  readonly awarded: Fen;
  readonly capped: Fen;
  readonly unallocated: Fen;
  readonly carriedOut: Fen;
  readonly returned: Fen;
  readonly committedLater: Fen;
  /** What the recipients' cities added (co-financing, 市县), on top of what the entries paid (区本级). */
  readonly cofinanced: Fen;
  readonly outstanding: Fen;
}

const FIELDS = [
  'envelope',
  'carriedIn',
  'commitmentsDue',
  'commitmentsPaid',
  'commitmentsLapsed',
  'awarded',
  'capped',
  'unallocated',
  'carriedOut',
  'returned',
  'committedLater',
  'cofinanced',
] as const;

/** Every year with an entry or an outstanding commitment, in order. */
export function yearLedgers(plan: Plan): YearLedger[] {
  const years = [...new Set([...plan.runs.map((r) => r.entry.year), ...plan.outstanding.map((o) => o.year)])].sort((a, b) => a - b);
  return years.map((year): YearLedger => {
    const runs = plan.order.flatMap((id) => plan.runs.filter((r) => r.entry.id === id && r.entry.year === year));
    const totals = Object.fromEntries(FIELDS.map((f) => [f, fen(runs.reduce((s, r) => s + r.flow[f], 0))])) as Record<
      (typeof FIELDS)[number],
      Fen
    >;
    const outstanding = plan.outstanding.filter((o) => o.year === year).reduce((s, o) => s + o.amount, 0);
    return { year, programmes: runs.map((r) => r.entry.id), ...totals, outstanding: fen(outstanding) };
  });
}
