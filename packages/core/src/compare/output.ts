import { formatJson } from '../money/index.js';
import type { ProgrammeOutcome, ProgrammeTotals } from '../programmes/programme.js';
import type { Band } from './bands.js';
import type { Comparison, MethodComparison } from './compare.js';
import type { OutcomeDiff } from './diff.js';
import type { Reform } from './reform.js';
import type { ScenarioComparison } from './scenario.js';
import type { ReformSummary } from './summary.js';
import type { GroupMetrics, PointMetrics, Sweep } from './sweep.js';

/**
 * JSON forms of comparisons and sweeps: amounts as strings with two decimals, counts as numbers.
 * `count` names the recipients in totals: `enterprises` for rd_incentive, as `evaluate` prints.
 */
export interface JsonOptions {
  readonly count?: string;
  /** Include every recipient's changes (large for a big population). */
  readonly recipients?: boolean;
}

type Json = Record<string, unknown>;

export function totalsJson(t: ProgrammeTotals, count = 'recipients'): Json {
  return {
    entitlement: formatJson(t.entitlement),
    awarded: formatJson(t.awarded),
    unallocated: formatJson(t.unallocated),
    [count]: t.recipients,
  };
}

const amounts = <K extends string>(o: Readonly<Record<K, number>>): Record<K, string> =>
  Object.fromEntries(Object.entries<number>(o).map(([k, v]) => [k, formatJson(v)])) as Record<K, string>;

function bandJson(band: Band): Json {
  return {
    label: band.label,
    from: band.zero === true ? '0.00' : band.lower === undefined ? null : formatJson(band.lower),
    to: band.zero === true ? '0.00' : band.upper === undefined ? null : formatJson(band.upper),
  };
}

function reformJson(reform: Reform, summary: ReformSummary): Json {
  return {
    name: reform.name,
    ...(reform.description === undefined ? {} : { description: reform.description }),
    hash: reform.hash,
    key: reform.key,
    layers: reform.layers.map((l) => l.name),
    overrides: reform.overrides,
    summary: summary.text,
    changes: summary.changes.map((c) => ({
      path: c.path,
      label: c.label,
      baseline: c.baseline,
      reform: c.reform,
      ...(c.from === undefined ? {} : { from: c.from, inForce: c.inForce }),
      layer: c.layer,
      source: c.source,
      assumption: c.assumption,
    })),
  };
}

function diffJson(diff: OutcomeDiff, ids: readonly string[], options: JsonOptions): Json {
  const count = options.count ?? 'recipients';
  return {
    totals: {
      baseline: totalsJson(diff.totals.baseline, count),
      reform: totalsJson(diff.totals.reform, count),
      change: amounts(diff.totals.change),
    },
    threshold: formatJson(diff.threshold),
    awards: diff.awards,
    entitlements: diff.entitlements,
    bands: diff.bands.map((b) => ({ ...bandJson(b.band), [count]: b.recipients, change: formatJson(b.change) })),
    groups: Object.fromEntries(
      Object.entries(diff.groups).map(([key, rows]) => [
        key,
        rows.map((r) => ({
          value: r.value,
          [count]: r.recipients,
          baseline: amounts(r.baseline),
          reform: amounts(r.reform),
          change: amounts(r.change),
          winners: r.winners,
          losers: r.losers,
        })),
      ]),
    ),
    caps: diff.caps,
    ...(options.recipients === true
      ? {
          [count]: ids.map((id, i) => ({
            id,
            entitlementChange: formatJson(diff.entitlementChange[i] ?? 0),
            awardChange: formatJson(diff.awardChange[i] ?? 0),
          })),
        }
      : {}),
  };
}

function methodsJson(methods: readonly MethodComparison[], count: string): Json[] {
  return methods.map((m) => ({
    variant: m.variant,
    noEntitlement: m.noEntitlement,
    methods: m.methods.map((x) => ({
      method: x.method,
      totals: totalsJson(x.totals, count),
      bands: x.bands.map((b) => ({
        ...bandJson(b.band),
        [count]: b.recipients,
        entitlement: formatJson(b.entitlement),
        awarded: formatJson(b.awarded),
        share: b.share,
        minShare: b.minShare,
        fullyFunded: b.fullyFunded,
        unfunded: b.unfunded,
      })),
    })),
  }));
}

/** A programme comparison as JSON. */
export function comparisonToJson(c: Comparison, options: JsonOptions = {}): Json {
  const count = options.count ?? 'recipients';
  return {
    programme: c.programme,
    date: c.date,
    budget: formatJson(c.budget),
    method: c.method,
    engineVersion: c.engineVersion,
    baseline: { key: c.baselineKey, parametersVersion: c.baseline.parametersVersion, totals: totalsJson(c.baseline.totals, count) },
    reforms: c.reforms.map((r) => ({
      ...reformJson(r.reform, r.summary),
      parametersVersion: r.parameters.version,
      ...diffJson(r.diff, c.baseline.ids, options),
    })),
    methods: methodsJson(c.methods, count),
  };
}

/** A scenario comparison as JSON: cost by programme and by source, and each programme's diff. */
export function scenarioComparisonToJson(c: ScenarioComparison, options: JsonOptions = {}): Json {
  return {
    scenario: c.scenario,
    engineVersion: c.engineVersion,
    baseline: {
      totals: {
        ...amounts({
          envelope: c.baseline.totals.envelope,
          entitlement: c.baseline.totals.entitlement,
          awarded: c.baseline.totals.awarded,
          unallocated: c.baseline.totals.unallocated,
        }),
        applicants: c.baseline.totals.applicants,
        paid: c.baseline.totals.paid,
      },
    },
    reforms: c.reforms.map((r) => ({
      name: r.reform.name,
      ...(r.reform.description === undefined ? {} : { description: r.reform.description }),
      hash: r.reform.hash,
      key: r.reform.key,
      layers: r.reform.layers.map((l) => l.name),
      overrides: r.reform.overrides,
      totals: { change: amounts(r.totals.change), paid: r.result.totals.paid },
      sources: r.sources.map((s) => ({ key: s.key, baseline: amounts(s.baseline), reform: amounts(s.reform), change: amounts(s.change) })),
      programmes: r.programmes.map((p) => {
        const baseline = c.baseline.programmes.find((x) => x.entry.id === p.id);
        return { id: p.id, programme: p.programme, summary: p.summary.text, ...diffJson(p.diff, baseline?.outcome.ids ?? [], options) };
      }),
    })),
  };
}

function metricsJson(m: PointMetrics & { readonly unallocated?: number }, count: string): Json {
  return {
    [count]: m.recipients,
    entitlement: formatJson(m.entitlement),
    cost: formatJson(m.cost),
    ...(m.unallocated === undefined ? {} : { unallocated: formatJson(m.unallocated) }),
    funded: m.funded,
    capped: m.capped,
    meanAward: formatJson(m.meanAward),
    medianAward: formatJson(m.medianAward),
  };
}

/**
 * A sweep as JSON: `{ path, points: [{ value, totals }] }`, with `grid` (the second path) and
 * each point's `grid` value for a grid; `metrics` adds each point's figures and groups.
 */
export function sweepToJson(s: Sweep, options: { readonly count?: string; readonly metrics?: boolean } = {}): Json {
  const count = options.count ?? 'recipients';
  const [first, second] = s.axes;
  return {
    path: first?.path,
    ...(second === undefined ? {} : { grid: second.path }),
    points: s.points.map((p) => ({
      value: p.values[0],
      ...(second === undefined ? {} : { grid: p.values[1] }),
      totals: totalsJson(p.totals, count),
      ...(options.metrics === true
        ? {
            metrics: {
              ...metricsJson(p.metrics, count),
              groups: Object.fromEntries(
                Object.entries(p.groups).map(([key, rows]) => [
                  key,
                  rows.map((g: GroupMetrics) => ({ value: g.value, ...metricsJson(g, count) })),
                ]),
              ),
            },
          }
        : {}),
    })),
  };
}

/**
 * A text cell of CSV: quoted when it must be, and prefixed with an apostrophe when a spreadsheet
 * would run it as a formula (OWASP's advice). Amounts are written as they are: a change may be
 * negative, and `-273410.80` is a number, not a formula.
 */
function textCell(value: string | null | undefined): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
  return /[",\n\r]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const CHANGE_COLUMNS = [
  'baseline_entitlement',
  'reform_entitlement',
  'entitlement_change',
  'baseline_award',
  'reform_award',
  'award_change',
];

function* changeRows(
  reform: string,
  prefix: readonly string[],
  baseline: ProgrammeOutcome,
  reformed: ProgrammeOutcome,
  groups: readonly string[],
): Generator<string> {
  let batch: string[] = [];
  for (let i = 0; i < baseline.ids.length; i++) {
    const be = baseline.entitlements[i] ?? 0;
    const re = reformed.entitlements[i] ?? 0;
    const ba = baseline.awards[i] ?? 0;
    const ra = reformed.awards[i] ?? 0;
    const text = [reform, ...prefix, baseline.ids[i], ...groups.map((g) => baseline.groups[g]?.[i])].map(textCell);
    batch.push(`${[...text, ...[be, re, re - be, ba, ra, ra - ba].map((x) => formatJson(x))].join(',')}\n`);
    if (batch.length === 1000) {
      yield batch.join('');
      batch = [];
    }
  }
  yield batch.join('');
}

/** A programme comparison as CSV: one row per reform and recipient, with its groups and changes. */
export function* comparisonToCsv(c: Comparison): Generator<string> {
  const groups = Object.keys(c.baseline.groups);
  yield `${['reform', 'id', ...groups, ...CHANGE_COLUMNS].join(',')}\n`;
  for (const r of c.reforms) yield* changeRows(r.reform.name, [], c.baseline, r.outcome, groups);
}

/** A scenario comparison as CSV: one row per reform, programme and recipient. */
export function* scenarioComparisonToCsv(c: ScenarioComparison): Generator<string> {
  yield `${['reform', 'programme', 'id', ...CHANGE_COLUMNS].join(',')}\n`;
  for (const r of c.reforms) {
    for (const [i, p] of c.baseline.programmes.entries()) {
      const reformed = r.result.programmes[i];
      if (reformed !== undefined) yield* changeRows(r.reform.name, [p.entry.id], p.outcome, reformed.outcome, []);
    }
  }
}

/**
 * A sweep as CSV: one row per point, headed by the swept paths; with `by`, one more row per value
 * of that group after each point's (its `unallocated` empty: only the envelope has one).
 */
export function* sweepToCsv(s: Sweep, options: { readonly count?: string; readonly by?: string } = {}): Generator<string> {
  const count = options.count ?? 'recipients';
  const by = options.by;
  const metrics = [count, 'entitlement', 'cost', 'unallocated', 'funded', 'capped', 'mean_award', 'median_award'];
  yield `${[...s.axes.map((a) => textCell(a.path)), ...(by === undefined ? [] : ['group', 'group_value']), ...metrics].join(',')}\n`;
  const figures = (m: PointMetrics, unallocated: string): string[] => [
    String(m.recipients),
    formatJson(m.entitlement),
    formatJson(m.cost),
    unallocated,
    String(m.funded),
    String(m.capped),
    formatJson(m.meanAward),
    formatJson(m.medianAward),
  ];
  for (const p of s.points) {
    const values = p.values.map(textCell);
    yield `${[...values, ...(by === undefined ? [] : ['', '']), ...figures(p.metrics, formatJson(p.metrics.unallocated))].join(',')}\n`;
    if (by === undefined) continue;
    for (const g of p.groups[by] ?? []) yield `${[...values, textCell(by), textCell(g.value), ...figures(g, '')].join(',')}\n`;
  }
}
