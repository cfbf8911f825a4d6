import { formatJson, type Fen } from '../money/index.js';
import { rateToString } from '../exact/index.js';
import type { FundingLine } from './ledger.js';
import type { ProgrammeResult, ScenarioResult, ScenarioTotals } from './evaluate.js';
import type { EntryFlow } from './plan.js';
import { cityTotals, enterpriseTotals, exclusionMatches, levelLedger } from './views.js';
import type { YearLedger } from './years.js';

/** A funding line in JSON: amounts as strings with two decimals (carriedIn, carriedOut, returned when the scenario moves money). */
export interface FundingLineJson {
  readonly allocated: string;
  readonly carriedIn?: string;
  readonly awarded: string;
  readonly unallocated: string;
  readonly carriedOut?: string;
  readonly returned?: string;
}

export interface RecipientJson {
  readonly id: string;
  readonly creditCode?: string;
  readonly entitlement: string;
  readonly award: string;
  /** What the enterprise cap took. */
  readonly capped?: string;
  /** Co-financing: what the recipient's city adds on top of `award`. */
  readonly cityShare?: string;
  /** Why it is not eligible (the exclusion list). */
  readonly excluded?: { readonly kind: string; readonly reason: string };
  /** The award by source: adds up to `award` exactly. */
  readonly sources: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;

/** A programme's or the scenario's totals in JSON: amounts as strings with two decimals, `excluded` when there is an exclusion list. */
interface TotalsJson {
  readonly entitlement: string;
  readonly awarded: string;
  readonly unallocated: string;
  readonly recipients: number;
  readonly applicants: number;
  readonly paid: number;
  readonly excluded?: number;
}

/** A commitment charged to an entry, in JSON. */
export interface CommitmentJson {
  readonly from: string;
  readonly id: string;
  readonly creditCode?: string;
  readonly city?: string;
  readonly due: string;
  readonly paid: string;
  readonly lapsed?: { readonly kind: string; readonly reason: string };
  readonly cityShare?: string;
  readonly sources?: Readonly<Record<string, string>>;
}

export interface ProgrammeResultJson {
  readonly id: string;
  readonly programme: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly citation: string;
  /** Whose money the envelope is: `letter`, `public` (a published figure from elsewhere) or `assumption`. */
  readonly basis: string;
  readonly assumptions?: readonly string[];
  readonly date: string;
  readonly method: string;
  readonly parametersVersion: string;
  readonly envelope: string;
  readonly year?: number;
  readonly batch?: number;
  readonly paidOn?: string;
  readonly series?: string;
  readonly totals: TotalsJson;
  readonly flow?: Json;
  readonly funding: readonly (FundingLineJson & { readonly source: string })[];
  readonly cofinancing?: Json;
  readonly excluded?: readonly Json[];
  /** Applicants whose claim the programme's date changed (a certificate that does not count), with why. */
  readonly eligibilityNotes?: readonly { readonly id: string; readonly note: string }[];
  readonly commitments?: readonly CommitmentJson[];
  readonly recipients?: readonly RecipientJson[];
}

export interface ScenarioResultJson {
  readonly scenario: string;
  readonly title: string;
  readonly date: string;
  readonly totals: TotalsJson & {
    readonly envelope: string;
    /** The envelopes by whose money they are. */
    readonly basis: { readonly letter: string; readonly public: string; readonly assumption: string };
  };
  readonly programmes: readonly ProgrammeResultJson[];
  readonly sources: readonly (FundingLineJson & {
    readonly key: string;
    readonly label: { readonly zh: string; readonly en: string };
    readonly citation: string;
    /** With a rule for unallocated money: what was returned, and carried beyond the scenario's last entries. */
    readonly carriedBeyond?: string;
    readonly programmes: readonly (FundingLineJson & { readonly programme: string })[];
  })[];
  readonly cities: readonly Json[];
  readonly years?: readonly Json[];
  readonly outstanding?: readonly Json[];
  readonly enterprises?: Json;
  readonly levels?: Json;
  readonly exclusions?: readonly Json[];
}

const amount = (x: Fen | number): string => formatJson(x);

/** Totals as JSON, in the order every answer has written them. */
function totalsJson(
  totals: Pick<ScenarioTotals, 'entitlement' | 'awarded' | 'unallocated' | 'recipients' | 'applicants' | 'paid'>,
  excluded: number | undefined,
): TotalsJson {
  return {
    entitlement: amount(totals.entitlement),
    awarded: amount(totals.awarded),
    unallocated: amount(totals.unallocated),
    recipients: totals.recipients,
    applicants: totals.applicants,
    paid: totals.paid,
    ...(excluded === undefined ? {} : { excluded }),
  };
}

const line = (
  l: Pick<FundingLine, 'allocated' | 'awarded' | 'unallocated' | 'carriedIn' | 'carriedOut' | 'returned'>,
): FundingLineJson => ({
  allocated: amount(l.allocated),
  ...(l.carriedIn === undefined ? {} : { carriedIn: amount(l.carriedIn) }),
  awarded: amount(l.awarded),
  unallocated: amount(l.unallocated),
  ...(l.carriedOut === undefined ? {} : { carriedOut: amount(l.carriedOut) }),
  ...(l.returned === undefined ? {} : { returned: amount(l.returned) }),
});

/**
 * The result as JSON: per-programme totals (applicants and paid beside `recipients`) and funding
 * lines, the per-source ledger, the per-city totals; for a scenario that uses them, the ledger per
 * year, per enterprise, per level and the exclusion list's matches; and — with `recipients` —
 * every recipient's award and its split by source (large for a big population).
 */
export function scenarioResultToJson(result: ScenarioResult, options: { readonly recipients?: boolean } = {}): ScenarioResultJson {
  const { scenario, totals } = result;
  const listed = scenario.exclusions.length > 0;
  const moves = scenario.multiYear || scenario.enterpriseCap !== undefined;
  const enterprises = enterpriseTotals(result);
  const levels = levelLedger(result);
  return {
    scenario: scenario.name,
    title: scenario.title,
    date: scenario.date,
    totals: {
      envelope: amount(totals.envelope),
      ...totalsJson(totals, listed ? totals.excluded : undefined),
      basis: { letter: amount(totals.basis.letter), public: amount(totals.basis.public), assumption: amount(totals.basis.assumption) },
    },
    programmes: result.programmes.map((p) =>
      programmeJson(p, { listed, moves, multiYear: scenario.multiYear, recipients: options.recipients === true }),
    ),
    sources: result.ledger.sources.map((s) => {
      const source = scenario.sources.find((x) => x.key === s.key);
      return {
        key: s.key,
        label: source?.label ?? { zh: s.key, en: s.key },
        citation: source?.citation ?? '',
        ...line(s),
        ...(s.returned === undefined ? {} : { returned: amount(s.returned), carriedBeyond: amount(s.carriedBeyond ?? 0) }),
        programmes: s.programmes.map((l) => ({ programme: l.programme, ...line(l) })),
      };
    }),
    cities: cityTotals(result).map((c) => ({
      city: c.city ?? null,
      applicants: c.applicants,
      paid: c.paid,
      awarded: amount(c.awarded),
      ...(levels === undefined ? {} : { cofinanced: amount(c.cofinanced) }),
      programmes: c.programmes.map((x) => ({
        id: x.id,
        applicants: x.applicants,
        paid: x.paid,
        awarded: amount(x.awarded),
        ...(levels === undefined ? {} : { cofinanced: amount(x.cofinanced) }),
      })),
    })),
    ...(result.years === undefined
      ? {}
      : {
          years: result.years.map(yearJson),
          outstanding: result.outstanding.map((o) => ({
            year: o.year,
            series: o.series,
            from: o.from,
            id: o.id,
            ...(o.creditCode === undefined ? {} : { creditCode: o.creditCode }),
            amount: amount(o.amount),
          })),
        }),
    ...(enterprises.length === 0 && scenario.enterpriseCap === undefined
      ? {}
      : {
          enterprises: {
            ...(scenario.enterpriseCap === undefined
              ? {}
              : {
                  cap: {
                    amount: amount(scenario.enterpriseCap.amount),
                    order: result.order,
                    citation: scenario.enterpriseCap.citation,
                  },
                }),
            list: enterprises.map((e) => ({
              creditCode: e.creditCode,
              year: e.year,
              total: amount(e.total),
              capped: amount(e.capped),
              programmes: e.programmes.map((l) => ({
                id: l.id,
                applicant: l.applicant,
                award: amount(l.award),
                ...(l.capped > 0 ? { capped: amount(l.capped) } : {}),
                ...(l.commitment ? { commitment: true } : {}),
              })),
            })),
          },
        }),
    ...(levels === undefined
      ? {}
      : {
          levels: {
            regional: amount(levels.regional),
            cities: amount(levels.cities),
            total: amount(levels.total),
            byCity: levels.byCity.map((c) => ({ city: c.city, amount: amount(c.amount) })),
            programmes: levels.programmes.map((p) => ({ id: p.id, regional: amount(p.regional), cities: amount(p.cities) })),
          },
        }),
    ...(listed
      ? {
          // The checked entry as given (its fields are present only when given), then whom it excluded.
          exclusions: exclusionMatches(result).map(({ exclusion: { index: _index, ...given }, matched }) => ({
            ...given,
            matched: matched.map((m) => ({
              programme: m.programme,
              applicant: m.applicant,
              ...(m.commitment ? { commitment: true } : {}),
            })),
          })),
        }
      : {}),
  };
}

function programmeJson(
  p: ProgrammeResult,
  options: { readonly listed: boolean; readonly moves: boolean; readonly multiYear: boolean; readonly recipients: boolean },
): ProgrammeResultJson {
  const { entry, outcome } = p;
  const excluded = outcome.excluded ?? [];
  const cofinancing = entry.cofinancing;
  return {
    id: entry.id,
    programme: entry.programme.key,
    label: entry.programme.label,
    citation: entry.citation,
    basis: entry.basis,
    ...(entry.assumptions.length === 0 ? {} : { assumptions: entry.assumptions }),
    date: entry.date,
    method: entry.method,
    parametersVersion: outcome.parametersVersion,
    envelope: amount(entry.envelope),
    ...(options.multiYear
      ? {
          year: entry.year,
          ...(entry.batch === undefined ? {} : { batch: entry.batch }),
          ...(entry.paidOn === undefined ? {} : { paidOn: entry.paidOn }),
          series: entry.series,
        }
      : {}),
    totals: totalsJson({ ...outcome.totals, applicants: outcome.ids.length, paid: p.paid }, options.listed ? excluded.length : undefined),
    ...(options.moves ? { flow: flowJson(p.flow) } : {}),
    funding: p.ledger.lines.map((l) => ({ source: l.source, ...line(l) })),
    ...(cofinancing === undefined
      ? {}
      : {
          cofinancing: {
            regionalShare: rateToString(cofinancing.regional),
            ...(cofinancing.cities.size === 0
              ? {}
              : { cityShares: Object.fromEntries([...cofinancing.cities].map(([city, r]) => [city, rateToString(r)])) }),
            citation: cofinancing.citation,
            regional: amount(p.ledger.awarded),
            cities: amount(p.flow.cofinanced),
            total: amount(p.ledger.awarded + p.flow.cofinanced),
          },
        }),
    ...(options.listed
      ? {
          excluded: excluded.map((x) => ({
            id: outcome.ids[x.index] ?? '',
            ...(outcome.creditCodes?.[x.index] === undefined ? {} : { creditCode: outcome.creditCodes[x.index] }),
            kind: x.kind,
            reason: x.reason,
            ...(x.citation === undefined ? {} : { citation: x.citation }),
          })),
        }
      : {}),
    ...(outcome.eligibilityNotes === undefined
      ? {}
      : { eligibilityNotes: outcome.eligibilityNotes.map((n) => ({ id: outcome.ids[n.index] ?? '', note: n.note })) }),
    ...(p.commitments.length === 0 ? {} : { commitments: commitmentsJson(p, options.recipients) }),
    ...(options.recipients ? { recipients: recipientsJson(p) } : {}),
  };
}

function flowJson(f: EntryFlow): Json {
  return {
    envelope: amount(f.envelope),
    carriedIn: amount(f.carriedIn),
    ...(f.carriedFrom === undefined ? {} : { carriedFrom: f.carriedFrom }),
    available: amount(f.available),
    commitmentsDue: amount(f.commitmentsDue),
    commitmentsPaid: amount(f.commitmentsPaid),
    commitmentsLapsed: amount(f.commitmentsLapsed),
    budget: amount(f.budget),
    awarded: amount(f.awarded),
    capped: amount(f.capped),
    unallocated: amount(f.unallocated),
    carriedOut: amount(f.carriedOut),
    ...(f.carriedTo === undefined ? {} : { carriedTo: f.carriedTo }),
    returned: amount(f.returned),
    committedLater: amount(f.committedLater),
    cofinanced: amount(f.cofinanced),
  };
}

function yearJson(y: YearLedger): Json {
  return {
    year: y.year,
    programmes: y.programmes,
    envelope: amount(y.envelope),
    carriedIn: amount(y.carriedIn),
    commitmentsDue: amount(y.commitmentsDue),
    commitmentsPaid: amount(y.commitmentsPaid),
    commitmentsLapsed: amount(y.commitmentsLapsed),
    awarded: amount(y.awarded),
    capped: amount(y.capped),
    unallocated: amount(y.unallocated),
    carriedOut: amount(y.carriedOut),
    returned: amount(y.returned),
    committedLater: amount(y.committedLater),
    cofinanced: amount(y.cofinanced),
    outstanding: amount(y.outstanding),
  };
}

function commitmentsJson(p: ProgrammeResult, withSources: boolean): CommitmentJson[] {
  const attribution = withSources ? p.recipients() : undefined;
  return p.commitments.map((c, k) => ({
    from: c.from,
    id: c.id,
    ...(c.creditCode === undefined ? {} : { creditCode: c.creditCode }),
    ...(c.city === undefined ? {} : { city: c.city }),
    due: amount(c.due),
    paid: amount(c.paid),
    ...(c.lapsed === undefined ? {} : { lapsed: { kind: c.lapsed.kind, reason: c.lapsed.reason } }),
    ...(c.cityShare === undefined ? {} : { cityShare: amount(c.cityShare) }),
    ...(attribution === undefined
      ? {}
      : { sources: Object.fromEntries(attribution.sources.map((s, j) => [s, amount(attribution.commitments[j]?.[k] ?? 0)])) }),
  }));
}

function recipientsJson(p: ProgrammeResult): RecipientJson[] {
  const { outcome } = p;
  const { sources, bySource } = p.recipients();
  const exclusionOf = new Map((outcome.excluded ?? []).map((x) => [x.index, x]));
  return outcome.ids.map((id, i) => {
    const code = outcome.creditCodes?.[i];
    const excluded = exclusionOf.get(i);
    const capped = p.capped?.[i] ?? 0;
    return {
      id,
      ...(code === undefined ? {} : { creditCode: code }),
      entitlement: amount(outcome.entitlements[i] ?? 0),
      award: amount(outcome.awards[i] ?? 0),
      ...(capped > 0 ? { capped: amount(capped) } : {}),
      ...(p.cityShares === undefined ? {} : { cityShare: amount(p.cityShares[i] ?? 0) }),
      ...(excluded === undefined ? {} : { excluded: { kind: excluded.kind, reason: excluded.reason } }),
      sources: Object.fromEntries(sources.map((s, k) => [s, amount(bySource[k]?.[i] ?? 0)])),
    };
  });
}
