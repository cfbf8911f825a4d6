import { formatJson } from '../money/index.js';
import type { FundingLine } from './ledger.js';
import type { ScenarioResult } from './evaluate.js';

/** A funding line in JSON: amounts as strings with two decimals. */
export interface FundingLineJson {
  readonly allocated: string;
  readonly awarded: string;
  readonly unallocated: string;
}

export interface RecipientJson {
  readonly id: string;
  readonly entitlement: string;
  readonly award: string;
  /** The award by source: adds up to `award` exactly. */
  readonly sources: Readonly<Record<string, string>>;
}

export interface ProgrammeResultJson {
  readonly id: string;
  readonly programme: string;
  readonly label: { readonly zh: string; readonly en: string };
  readonly citation: string;
  readonly date: string;
  readonly method: string;
  readonly parametersVersion: string;
  readonly envelope: string;
  readonly totals: { readonly entitlement: string; readonly awarded: string; readonly unallocated: string; readonly recipients: number };
  readonly funding: readonly (FundingLineJson & { readonly source: string })[];
  readonly recipients?: readonly RecipientJson[];
}

export interface ScenarioResultJson {
  readonly scenario: string;
  readonly title: string;
  readonly date: string;
  readonly totals: {
    readonly envelope: string;
    readonly entitlement: string;
    readonly awarded: string;
    readonly unallocated: string;
    readonly recipients: number;
  };
  readonly programmes: readonly ProgrammeResultJson[];
  readonly sources: readonly (FundingLineJson & {
    readonly key: string;
    readonly label: { readonly zh: string; readonly en: string };
    readonly citation: string;
    readonly programmes: readonly (FundingLineJson & { readonly programme: string })[];
  })[];
}

const line = (l: Pick<FundingLine, 'allocated' | 'awarded' | 'unallocated'>): FundingLineJson => ({
  allocated: formatJson(l.allocated),
  awarded: formatJson(l.awarded),
  unallocated: formatJson(l.unallocated),
});

/**
 * The result as JSON: per-programme totals and funding lines, the per-source ledger, and — with
 * `recipients` — every recipient's award and its split by source (large for a big population).
 */
export function scenarioResultToJson(result: ScenarioResult, options: { readonly recipients?: boolean } = {}): ScenarioResultJson {
  const { scenario, totals } = result;
  return {
    scenario: scenario.name,
    title: scenario.title,
    date: scenario.date,
    totals: {
      envelope: formatJson(totals.envelope),
      entitlement: formatJson(totals.entitlement),
      awarded: formatJson(totals.awarded),
      unallocated: formatJson(totals.unallocated),
      recipients: totals.recipients,
    },
    programmes: result.programmes.map((p) => {
      const { entry, outcome } = p;
      return {
        id: entry.id,
        programme: entry.programme.key,
        label: entry.programme.label,
        citation: entry.citation,
        date: entry.date,
        method: entry.method,
        parametersVersion: outcome.parametersVersion,
        envelope: formatJson(entry.envelope),
        totals: {
          entitlement: formatJson(outcome.totals.entitlement),
          awarded: formatJson(outcome.totals.awarded),
          unallocated: formatJson(outcome.totals.unallocated),
          recipients: outcome.totals.recipients,
        },
        funding: p.ledger.lines.map((l) => ({ source: l.source, ...line(l) })),
        ...(options.recipients === true ? { recipients: recipientsJson(p) } : {}),
      };
    }),
    sources: result.ledger.sources.map((s) => {
      const source = scenario.sources.find((x) => x.key === s.key);
      return {
        key: s.key,
        label: source?.label ?? { zh: s.key, en: s.key },
        citation: source?.citation ?? '',
        ...line(s),
        programmes: s.programmes.map((l) => ({ programme: l.programme, ...line(l) })),
      };
    }),
  };
}

function recipientsJson(p: ScenarioResult['programmes'][number]): RecipientJson[] {
  const { outcome } = p;
  const { sources, bySource } = p.recipients();
  return outcome.ids.map((id, i) => ({
    id,
    entitlement: formatJson(outcome.entitlements[i] ?? 0),
    award: formatJson(outcome.awards[i] ?? 0),
    sources: Object.fromEntries(sources.map((s, k) => [s, formatJson(bySource[k]?.[i] ?? 0)])),
  }));
}
