import { formatEn } from '@bagui/core/money';
import { cityTotals, enterpriseTotals, exclusionMatches, levelLedger, type ScenarioResult } from '@bagui/core/scenario';
import { alignColumns } from './table.js';

/**
 * `bagui run`'s table: per programme (applicants and paid apart), the envelopes by whose money
 * they are, every ⚠ assumption with its reason, per source, per city; and, for a scenario that
 * uses them, per year, per level (区本级 / 市县), per enterprise and the exclusion list.
 */
export function scenarioTable(result: ScenarioResult): string {
  const { scenario } = result;
  return [
    `${scenario.name}: ${scenario.title}. Parameters in force on ${scenario.date} unless a programme gives its own date.`,
    '⚠ = an amount, source or choice that is our assumption, not a published figure (listed below the programmes).',
    '',
    ...programmeLines(result),
    '',
    ...basisLines(result),
    ...assumptionLines(result),
    '',
    ...sourceLines(result),
    '',
    ...cityLines(result),
    ...section(yearLines(result)),
    ...section(levelLines(result)),
    ...section(enterpriseLines(result)),
    ...section(exclusionLines(result)),
    '',
  ].join('\n');
}

const section = (lines: readonly string[]): string[] => (lines.length === 0 ? [] : ['', ...lines]);
const count = (n: number): string => n.toLocaleString('en-US');
const flagged = (texts: readonly string[]): string => (texts.some((t) => t.includes('⚠')) ? '⚠' : '');

/** Amounts right-aligned, so that a column of figures reads like a ledger. */
function rightAligned(rows: string[][], columns: readonly number[]): string[][] {
  for (const c of columns) {
    const width = Math.max(...rows.map((r) => (r[c] ?? '').length));
    for (const r of rows) r[c] = (r[c] ?? '').padStart(width);
  }
  return rows;
}

function programmeLines(result: ScenarioResult): string[] {
  const { totals } = result;
  const multiYear = result.scenario.multiYear;
  const rows = [
    [
      '',
      'PROGRAMME',
      ...(multiYear ? ['YEAR'] : []),
      'METHOD',
      'DATE',
      'ENVELOPE',
      'ENTITLEMENT',
      'AWARDED',
      'UNALLOCATED',
      'APPLICANTS',
      'PAID',
      'NAME',
    ],
    ...result.programmes.map((p) => [
      flagged([p.entry.citation, ...p.entry.assumptions]),
      p.entry.id,
      ...(multiYear ? [`${p.entry.year}${p.entry.batch === undefined ? '' : ` #${p.entry.batch}`}`] : []),
      p.entry.method,
      p.entry.date,
      formatEn(p.entry.envelope),
      formatEn(p.outcome.totals.entitlement),
      formatEn(p.outcome.totals.awarded),
      formatEn(p.outcome.totals.unallocated),
      count(p.outcome.ids.length),
      count(p.paid),
      p.entry.programme.label.zh,
    ]),
    [
      '',
      'total',
      ...(multiYear ? [''] : []),
      '',
      '',
      formatEn(totals.envelope),
      formatEn(totals.entitlement),
      formatEn(totals.awarded),
      formatEn(totals.unallocated),
      count(totals.applicants),
      count(totals.paid),
      '',
    ],
  ];
  const shift = multiYear ? 1 : 0;
  return alignColumns(
    rightAligned(
      rows,
      [4, 5, 6, 7, 8, 9].map((c) => c + shift),
    ),
  );
}

/** The plan's total, apart: the letter's money, public figures from elsewhere, our assumptions. */
function basisLines(result: ScenarioResult): string[] {
  const { basis } = result.totals;
  const ids = (b: string) => result.programmes.filter((p) => p.entry.basis === b).map((p) => p.entry.id);
  const part = (label: string, amount: number, b: string) =>
    amount === 0 && ids(b).length === 0 ? [] : [`  ${label}: ${formatEn(amount)}${ids(b).length === 0 ? '' : ` (${ids(b).join(', ')})`}`];
  const excluded = result.scenario.exclusions.length > 0 ? `, ${count(result.totals.excluded)} excluded` : '';
  return [
    `Envelopes ${formatEn(result.totals.envelope)}, of which`,
    ...part("the letter's money", basis.letter, 'letter'),
    ...part('public figures from elsewhere', basis.public, 'public'),
    ...part('our assumptions ⚠', basis.assumption, 'assumption'),
    `Applicants ${count(result.totals.applicants)}, paid ${count(result.totals.paid)}${excluded}.`,
  ];
}

function assumptionLines(result: ScenarioResult): string[] {
  const lines = result.programmes.flatMap((p) => p.entry.assumptions.map((a) => `  ${p.entry.id}: ${a}`));
  return lines.length === 0 ? [] : ['', 'Assumptions:', ...lines];
}

function sourceLines(result: ScenarioResult): string[] {
  const { scenario, ledger } = result;
  const ruled = ledger.sources.some((s) => s.returned !== undefined);
  const rows = [
    ['', 'SOURCE', 'ALLOCATED', 'AWARDED', 'UNALLOCATED', ...(ruled ? ['RETURNED', 'CARRIED BEYOND'] : []), 'PROGRAMMES', 'NAME'],
    ...ledger.sources.map((s) => {
      const source = scenario.sources.find((x) => x.key === s.key);
      return [
        flagged([source?.citation ?? '']),
        s.key,
        formatEn(s.allocated),
        formatEn(s.awarded),
        formatEn(s.unallocated),
        ...(ruled ? [formatEn(s.returned ?? 0), formatEn(s.carriedBeyond ?? 0)] : []),
        s.programmes.map((l) => l.programme).join(', '),
        source?.label.zh ?? '',
      ];
    }),
    [
      '',
      'total',
      formatEn(ledger.totals.allocated),
      formatEn(ledger.totals.awarded),
      formatEn(ledger.totals.unallocated),
      ...(ruled ? ['', ''] : []),
      '',
      '',
    ],
  ];
  return alignColumns(rightAligned(rows, ruled ? [2, 3, 4, 5, 6] : [2, 3, 4]));
}

function cityLines(result: ScenarioResult): string[] {
  const cofinanced = levelLedger(result) !== undefined;
  const rows = [
    ['CITY', 'APPLICANTS', 'PAID', 'AWARDED', ...(cofinanced ? ['CITY ADDS (市县)'] : []), 'PROGRAMMES PAID'],
    ...cityTotals(result).map((c) => [
      c.city ?? '(none given)',
      count(c.applicants),
      count(c.paid),
      formatEn(c.awarded),
      ...(cofinanced ? [formatEn(c.cofinanced)] : []),
      c.programmes
        .filter((x) => x.awarded > 0)
        .map((x) => x.id)
        .join(', '),
    ]),
  ];
  return alignColumns(rightAligned(rows, cofinanced ? [1, 2, 3, 4] : [1, 2, 3]));
}

function yearLines(result: ScenarioResult): string[] {
  if (result.years === undefined) return [];
  const rows = [
    [
      'YEAR',
      'ENVELOPE',
      'CARRIED IN',
      'COMMITMENTS PAID',
      'LAPSED',
      'AWARDED',
      'CAPPED',
      'UNALLOCATED',
      'CARRIED OUT',
      'RETURNED',
      'COMMITTED LATER',
      'OUTSTANDING',
    ],
    ...result.years.map((y) => [
      String(y.year),
      ...[
        y.envelope,
        y.carriedIn,
        y.commitmentsPaid,
        y.commitmentsLapsed,
        y.awarded,
        y.capped,
        y.unallocated,
        y.carriedOut,
        y.returned,
        y.committedLater,
        y.outstanding,
      ].map((x) => formatEn(x)),
    ]),
  ];
  const rule = result.scenario.unallocated;
  return [
    `Per year (programme years, 年度; unallocated money is ${rule === 'carry_over' ? 'carried over to the next entry of its series' : rule === 'return' ? 'returned' : 'left unallocated'}):`,
    ...alignColumns(rightAligned(rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])),
  ];
}

function levelLines(result: ScenarioResult): string[] {
  const levels = levelLedger(result);
  if (levels === undefined) return [];
  return [
    `Per level: 区本级 (the envelopes) ${formatEn(levels.regional)} + 市县 (co-financing) ${formatEn(levels.cities)} = ${formatEn(levels.total)}`,
    ...levels.byCity.map((c) => `  ${c.city}: ${formatEn(c.amount)}`),
  ];
}

const SHOWN = 20;

function enterpriseLines(result: ScenarioResult): string[] {
  const list = enterpriseTotals(result);
  const cap = result.scenario.enterpriseCap;
  if (list.length === 0 && cap === undefined) return [];
  const rows = [
    ['ENTERPRISE (统一社会信用代码)', 'YEAR', 'TOTAL', 'CAPPED', 'PROGRAMMES'],
    ...list
      .slice(0, SHOWN)
      .map((e) => [
        e.creditCode,
        String(e.year),
        formatEn(e.total),
        formatEn(e.capped),
        e.programmes.map((l) => `${l.id}${l.commitment ? ' (commitment)' : ''}`).join(', '),
      ]),
  ];
  return [
    cap === undefined
      ? 'Per enterprise and year:'
      : `Per enterprise and year, capped at ${formatEn(cap.amount)} a year, counted in the order ${result.order.join(', ')}${flagged([cap.citation]) === '' ? '' : ' ⚠'}:`,
    ...alignColumns(rightAligned(rows, [2, 3])),
    ...(list.length > SHOWN ? [`  … ${list.length - SHOWN} more: --format json`] : []),
  ];
}

function exclusionLines(result: ScenarioResult): string[] {
  const notes = result.programmes.flatMap((p) =>
    (p.outcome.eligibilityNotes ?? []).map((n) => `  ${p.outcome.ids[n.index] ?? ''} in ${p.entry.id}: ${n.note}`),
  );
  const claims = notes.length === 0 ? [] : ['Claims that do not count on the programme’s date (certificates):', ...notes];
  if (result.scenario.exclusions.length === 0) return claims;
  return [
    ...claims,
    'Exclusion list (checked on each programme’s date):',
    ...exclusionMatches(result).map(({ exclusion: e, matched }) => {
      const who = e.creditCode ?? e.id ?? '';
      const whom =
        matched.length === 0
          ? 'excluded no one'
          : matched.map((m) => `${m.applicant} in ${m.programme}${m.commitment ? ' (a commitment, lapsed)' : ''}`).join('; ');
      return `  ${who}${e.name === undefined ? '' : ` ${e.name}`} [${e.kind}] ${e.reason}: ${whom}`;
    }),
  ];
}
