import { ALLOCATION_METHODS, allocate, compareCodePoints, type AllocationMethod } from '../allocation/index.js';
import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { Exact } from '../exact/index.js';
import { fen, formatJson, type Fen } from '../money/index.js';
import type { ProgrammeOutcome } from '../programmes/programme.js';
import type { TraceStep } from '../programmes/trace.js';
import { exclusionsFor } from './eligibility.js';
import { programmeLedger, type ProgrammeLedger } from './ledger.js';
import type { Scenario, ScenarioExclusion, ScenarioProgramme } from './parse.js';

/**
 * A scenario's programmes in the order money flows: by year, then batch, then the enterprise
 * cap's order, then the file's. Each entry receives what its series carried over, pays the
 * commitments due to it first (a priority class: in full while the money lasts, else shared by
 * the entry's method), shares the rest among its applicants (those on the exclusion list get 0),
 * has its awards cut to the enterprise cap, its city shares computed (co-financing), and passes its
 * unallocated money on or returns it. Every step is exact, to the fen.
 */

/** An award owed again in a later year (a commitment of `years`): charged to the first entry of its series that year. */
export interface Obligation {
  readonly series: string;
  readonly year: number;
  /** The entry whose award recurs, and where it comes in the order (for `ranked`). */
  readonly from: string;
  readonly fromOrder: number;
  readonly id: string;
  readonly creditCode?: string;
  readonly city?: string;
  readonly amount: Fen;
}

/** A commitment charged to an entry: due, paid (less when the money fell short), or lapsed (0, with why). */
export interface CommitmentPayment {
  readonly from: string;
  readonly id: string;
  readonly creditCode?: string;
  readonly city?: string;
  readonly due: Fen;
  readonly paid: Fen;
  readonly lapsed?: ScenarioExclusion;
  /** Co-financing: what the recipient's city adds on top of `paid`. */
  readonly cityShare?: Fen;
}

/** How money moved through one entry. `envelope + carriedIn = commitmentsPaid + awarded + unallocated`. */
export interface EntryFlow {
  readonly envelope: Fen;
  readonly carriedIn: Fen;
  readonly carriedFrom?: string;
  readonly available: Fen;
  readonly commitmentsDue: Fen;
  readonly commitmentsPaid: Fen;
  readonly commitmentsLapsed: Fen;
  /** What the applicants shared: available − commitments paid. */
  readonly budget: Fen;
  /** New awards, after the enterprise cap. */
  readonly awarded: Fen;
  /** What the enterprise cap took from the awards (it stays unallocated). */
  readonly capped: Fen;
  readonly unallocated: Fen;
  readonly carriedOut: Fen;
  readonly carriedTo?: string;
  readonly returned: Fen;
  /** This entry's awards owed again in later years (a commitment), in all. */
  readonly committedLater: Fen;
  /** Co-financing: what the recipients' cities add on top of what this entry paid (市县 level). */
  readonly cofinanced: Fen;
}

interface EntryRun {
  readonly entry: ScenarioProgramme;
  /** The programme's outcome with the enterprise cap applied: `awards` are what is paid. */
  readonly outcome: ProgrammeOutcome;
  readonly flow: EntryFlow;
  readonly commitments: readonly CommitmentPayment[];
  /** What the enterprise cap took from each award, in fen (when the scenario has a cap). */
  readonly capped?: Float64Array;
  /** Co-financing: what each recipient's city adds on top of its award, in fen. */
  readonly cityShares?: Float64Array;
  readonly ledger: ProgrammeLedger;
}

export interface Plan {
  /** In the file's order. */
  readonly runs: readonly EntryRun[];
  /** The entry ids in the order they were evaluated. */
  readonly order: readonly string[];
  /** Commitments due in a year in which their series has no entry (beyond the scenario, or a gap). */
  readonly outstanding: readonly Obligation[];
}

const isMethod = (m: string): m is AllocationMethod => (ALLOCATION_METHODS as readonly string[]).includes(m);

/** The order money flows: year, batch (1 when not given), the cap's order, the file's. */
function flowOrder(scenario: Scenario): ScenarioProgramme[] {
  const rank = new Map(scenario.enterpriseCap?.order.map((id, k) => [id, k]) ?? []);
  const last = Number.MAX_SAFE_INTEGER;
  return [...scenario.programmes].sort(
    (a, b) =>
      a.year - b.year || (a.batch ?? 1) - (b.batch ?? 1) || (rank.get(a.id) ?? last) - (rank.get(b.id) ?? last) || a.index - b.index,
  );
}

type Evaluate = (entry: ScenarioProgramme, budget: Fen, eligibility: ReturnType<typeof exclusionsFor>) => Result<ProgrammeOutcome>;

export function runPlan(scenario: Scenario, evaluate: Evaluate): Result<Plan> {
  const order = flowOrder(scenario);
  const problems: Problem[] = [];
  const runs = new Map<string, EntryRun>();
  const carry = new Map<string, { from: string; lines: { source: string; amount: Fen }[] }>();
  let pending: Obligation[] = [];
  const charged = new Set<string>();
  const capUsed = new Map<string, number>();

  order.forEach((entry, position) => {
    const at = ['programmes', entry.index];
    const next = order.slice(position + 1).find((e) => e.series === entry.series);
    const carried = carry.get(entry.series);
    carry.delete(entry.series);
    const carriedIn = sum((carried?.lines ?? []).map((l) => l.amount));
    const available = entry.envelope + carriedIn;
    const eligibility = exclusionsFor(scenario, entry);

    // Commitments due this year, charged to the first entry of the series in the year.
    const seriesYear = `${entry.series}@${entry.year}`;
    const due = charged.has(seriesYear) ? [] : pending.filter((o) => o.series === entry.series && o.year === entry.year);
    charged.add(seriesYear);
    pending = pending.filter((o) => !due.includes(o));
    const commitments = payCommitments(due, available, entry, eligibility);
    const commitmentsPaid = sum(commitments.map((c) => c.paid));
    const budget = fen(available - commitmentsPaid);

    const evaluated = evaluate(entry, budget, eligibility);
    if (!evaluated.ok) {
      problems.push(...evaluated.problems);
      return;
    }
    const { outcome: capped, taken } = applyCap(scenario, entry, evaluated.value, commitments, capUsed);
    const shares = cofinance(entry, capped, commitments, at);
    if (!shares.ok) {
      problems.push(...shares.problems);
      return;
    }
    const paidCommitments = shares.value.commitments;
    const awarded = capped.totals.awarded;
    const unallocated = fen(available - commitmentsPaid - awarded);
    const rule = scenario.unallocated;
    const ledger = programmeLedger({
      id: entry.id,
      funding: entry.funding,
      ...(rule === 'carry_over' ? { carriedIn: carried?.lines ?? [] } : {}),
      awarded: fen(commitmentsPaid + awarded),
      ...(rule === undefined ? {} : { unallocatedGoes: rule === 'carry_over' ? ('carried' as const) : ('returned' as const) }),
    });
    if (rule === 'carry_over' && next !== undefined) {
      carry.set(entry.series, {
        from: entry.id,
        lines: ledger.lines.filter((l) => l.unallocated > 0).map((l) => ({ source: l.source, amount: l.unallocated })),
      });
    }
    let committedLater = 0;
    if (entry.commitment !== undefined) {
      const { ids, awards } = capped;
      const cities = capped.groups.city ?? [];
      const codes = capped.creditCodes ?? [];
      for (let i = 0; i < ids.length; i++) {
        const amount = awards[i] ?? 0;
        if (amount <= 0) continue;
        const code = codes[i];
        const city = cities[i];
        for (let k = 1; k < entry.commitment.years; k++) {
          pending.push({
            series: entry.series,
            year: entry.year + k,
            from: entry.id,
            fromOrder: position,
            id: ids[i] ?? '',
            ...(code === undefined ? {} : { creditCode: code }),
            ...(city === undefined ? {} : { city }),
            amount: fen(amount),
          });
          committedLater += amount;
        }
      }
    }
    const lapsed = sum(commitments.filter((c) => c.lapsed !== undefined).map((c) => c.due));
    runs.set(entry.id, {
      entry,
      outcome: capped,
      flow: {
        envelope: entry.envelope,
        carriedIn: fen(carriedIn),
        ...(carried === undefined ? {} : { carriedFrom: carried.from }),
        available: fen(available),
        commitmentsDue: fen(sum(commitments.map((c) => c.due))),
        commitmentsPaid: fen(commitmentsPaid),
        commitmentsLapsed: fen(lapsed),
        budget,
        awarded,
        capped: fen(sum(Array.from(taken ?? []))),
        unallocated,
        carriedOut: rule === 'carry_over' ? unallocated : fen(0),
        ...(rule === 'carry_over' && next !== undefined ? { carriedTo: next.id } : {}),
        returned: rule === 'return' ? unallocated : fen(0),
        committedLater: fen(committedLater),
        cofinanced: fen(sum(Array.from(shares.value.awards ?? [])) + sum(paidCommitments.map((c) => c.cityShare ?? 0))),
      },
      commitments: paidCommitments,
      ...(taken === undefined ? {} : { capped: taken }),
      ...(shares.value.awards === undefined ? {} : { cityShares: shares.value.awards }),
      ledger,
    });
  });
  if (problems.length > 0) return fail(...problems);
  return ok({
    runs: scenario.programmes.map((p) => {
      const run = runs.get(p.id);
      if (run === undefined) throw new Error(`${p.id} was not evaluated`);
      return run;
    }),
    order: order.map((p) => p.id),
    outstanding: pending,
  });
}

function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

/**
 * The commitments due to an entry, paid before its applicants: one lapses (0) when its recipient is
 * on the exclusion list on the entry's date; the rest are paid in full when the money covers them,
 * otherwise shared by the entry's method (ranked: in the order of the entries they come from, then
 * by id), never beyond what is available.
 */
function payCommitments(
  due: readonly Obligation[],
  available: number,
  entry: ScenarioProgramme,
  eligibility: ReturnType<typeof exclusionsFor>,
): CommitmentPayment[] {
  const lapsedBy = due.map((o) => eligibility?.listed(o.id, o.creditCode));
  const active = due.filter((_, k) => lapsedBy[k] === undefined);
  const amounts = Float64Array.from(active, (o) => o.amount);
  const paid = allocate({
    method: isMethod(entry.method) ? entry.method : 'pro_rata',
    budget: fen(available),
    unit: fen(1),
    entitlements: amounts,
    ids: active.map((o) => `${o.from}/${o.id}`),
    rank: (a, b) =>
      (active[a]?.fromOrder ?? 0) - (active[b]?.fromOrder ?? 0) || compareCodePoints(active[a]?.id ?? '', active[b]?.id ?? ''),
  }).awards;
  let k = 0;
  return due.map((o, j): CommitmentPayment => {
    const lapsed = lapsedBy[j];
    const base = {
      from: o.from,
      id: o.id,
      ...(o.creditCode === undefined ? {} : { creditCode: o.creditCode }),
      ...(o.city === undefined ? {} : { city: o.city }),
      due: o.amount,
    };
    if (lapsed !== undefined) return { ...base, paid: fen(0), lapsed };
    return { ...base, paid: fen(paid[k++] ?? 0) };
  });
}

/**
 * The enterprise cap: in the order of evaluation, an enterprise's payments in a year (commitments
 * first, then awards in input order) add up to at most the cap; an award that would pass it is cut
 * to what is left, rounded down to the programme's unit. What the cap takes stays unallocated.
 * Commitments count against the cap but are not cut (they are owed).
 */
function applyCap(
  scenario: Scenario,
  entry: ScenarioProgramme,
  outcome: ProgrammeOutcome,
  commitments: readonly CommitmentPayment[],
  used: Map<string, number>,
): { outcome: ProgrammeOutcome; taken?: Float64Array } {
  const cap = scenario.enterpriseCap;
  if (cap === undefined) return { outcome };
  const key = (code: string): string => `${entry.year}|${code}`;
  for (const c of commitments) if (c.creditCode !== undefined) used.set(key(c.creditCode), (used.get(key(c.creditCode)) ?? 0) + c.paid);
  const codes = outcome.creditCodes ?? [];
  const unit = entry.parameters.get(`${entry.programme.key}.rounding_unit`, 'unit').value;
  const n = outcome.ids.length;
  const awards = Float64Array.from(outcome.awards);
  const taken = new Float64Array(n);
  const before = new Float64Array(n);
  let cut = 0;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    if (code === undefined) continue;
    const prior = used.get(key(code)) ?? 0;
    before[i] = prior;
    const allowed = Math.max(0, cap.amount - prior);
    const award = awards[i] ?? 0;
    if (award > allowed) {
      const kept = allowed - (allowed % unit);
      taken[i] = award - kept;
      awards[i] = kept;
      cut += award - kept;
    }
    used.set(key(code), prior + (awards[i] ?? 0));
  }
  const step = (i: number): TraceStep => ({
    step: 'enterprise_cap',
    rule:
      `one enterprise's support from the scenario's programmes in ${entry.year} is at most the cap, counted in the order of ` +
      'evaluation (year, batch, the cap’s order, the file’s); an award that would pass it is cut, rounded down to the unit, and ' +
      `the cut stays unallocated (${cap.citation})`,
    inputs: {
      credit_code: codes[i] ?? '',
      award: formatJson((awards[i] ?? 0) + (taken[i] ?? 0)),
      already_paid_this_year: formatJson(before[i] ?? 0),
      cap: formatJson(cap.amount),
    },
    branch: (taken[i] ?? 0) > 0 ? `cut by ${formatJson(taken[i] ?? 0)}` : 'within the cap',
    ...((taken[i] ?? 0) > 0 ? { bound: 'enterpriseCap' } : {}),
    result: formatJson(awards[i] ?? 0),
  });
  return {
    outcome: {
      ...outcome,
      awards,
      totals: { ...outcome.totals, awarded: fen(outcome.totals.awarded - cut), unallocated: fen(outcome.totals.unallocated + cut) },
      trace: (i) => (codes[i] === undefined ? outcome.trace(i) : [...outcome.trace(i), step(i)]),
    },
    taken,
  };
}

/**
 * Co-financing (区本级 / 市县): each payment is the region's share r of the recipient's support,
 * and the recipient's city adds the rest on top: `city = floor(paid × (1 − r) / r)` to the fen
 * (r the city's own share where the scenario gives one). A payment without a city cannot be
 * co-financed: refused, naming the recipients.
 */
function cofinance(
  entry: ScenarioProgramme,
  outcome: ProgrammeOutcome,
  commitments: readonly CommitmentPayment[],
  at: readonly (string | number)[],
): Result<{ awards?: Float64Array; commitments: readonly CommitmentPayment[] }> {
  const shares = entry.cofinancing;
  if (shares === undefined) return ok({ commitments });
  const cities = outcome.groups.city ?? [];
  const cityShare = (paid: number, city: string | undefined): number => {
    const r = (city === undefined ? undefined : shares.cities.get(city)) ?? shares.regional;
    return new Exact(paid).times(new Exact(1).minus(r)).div(r).floor().toNumber();
  };
  const missing = outcome.ids.filter((_, i) => (outcome.awards[i] ?? 0) > 0 && cities[i] === undefined);
  missing.push(...commitments.filter((c) => c.paid > 0 && c.city === undefined).map((c) => `${c.id} (committed by ${c.from})`));
  if (missing.length > 0) {
    return fail(
      problem(
        'COFINANCING.NO_CITY',
        `${entry.id} is co-financed by the recipients' cities, but ${missing.length} paid ${missing.length === 1 ? 'recipient has' : 'recipients have'} ` +
          `no city: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; give every applicant's city (所属城市)`,
        { path: [...at, 'cofinancing'] },
      ),
    );
  }
  return ok({
    awards: Float64Array.from(outcome.awards, (a, i) => cityShare(a, cities[i])),
    commitments: commitments.map((c) => ({ ...c, cityShare: fen(cityShare(c.paid, c.city)) })),
  });
}
