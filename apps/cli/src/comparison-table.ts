import type { Comparison, OutcomeDiff, ReformSummary, ScenarioComparison } from '@bagui/core/compare';
import { formatEn, formatZh } from '@bagui/core/money';
import { alignColumns } from './table.js';

/** The text tables of `bagui compare` (a programme's reforms, or a scenario's) and the alignment `bagui sweep` shares. */
const MINUS = '−';

/** `+¥1.00`, `−¥1.00`, `¥0.00`. */
function signedEn(x: number): string {
  return x > 0 ? `+${formatEn(x)}` : x < 0 ? `${MINUS}${formatEn(-x)}` : formatEn(0);
}

/** `0.8771` → `87.71%`, exactly (the share is already rounded down to four places). */
function percentOf(share: string | null): string {
  if (share === null) return '';
  const [whole = '0', fraction = ''] = share.split('.');
  const digits = `${whole}${fraction.padEnd(4, '0')}`.replace(/^0+(?=\d{3})/u, '');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

/** Columns aligned, the given ones (figures) to the right. */
export function tableLines(rows: readonly (readonly string[])[], right: readonly number[]): string[] {
  const widths = right.map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const padded = rows.map((r) => r.map((cell, c) => (right.includes(c) ? cell.padStart(widths[right.indexOf(c)] ?? 0) : cell)));
  return alignColumns(padded);
}

const count = (n: number): string => n.toLocaleString('en-US');

function summaryLines(summary: ReformSummary): string[] {
  const [enHead = '', ...enRest] = summary.text.en;
  const [zhHead = '', ...zhRest] = summary.text.zh;
  return [enHead, ...enRest.map((l) => `  ${l}`), zhHead, ...zhRest.map((l) => `  ${l}`)];
}

function movementLine(diff: OutcomeDiff, noun: string): string {
  const { awards, entitlements } = diff;
  return (
    `awards: ${count(awards.winners)} up, ${count(awards.losers)} down, ${count(awards.unchanged)} unchanged (by more than ±${formatEn(diff.threshold)}); ` +
    `entitlements: ${count(entitlements.winners)} up, ${count(entitlements.losers)} down, ${count(entitlements.unchanged)} unchanged — of ${count(awards.winners + awards.losers + awards.unchanged)} ${noun}`
  );
}

function bandLines(diff: OutcomeDiff, noun: string): string[] {
  return tableLines(
    [
      ['CHANGE IN AWARD', noun.toUpperCase(), 'TOTAL CHANGE', '变化区间'],
      ...diff.bands.map((b) => [b.band.label.en, count(b.recipients), signedEn(b.change), b.band.label.zh]),
    ],
    [1, 2],
  );
}

function totalsLines(diff: OutcomeDiff): string[] {
  const { baseline, reform, change } = diff.totals;
  return tableLines(
    [
      ['', 'BASELINE', 'REFORM', 'CHANGE'],
      ['entitlement', formatEn(baseline.entitlement), formatEn(reform.entitlement), signedEn(change.entitlement)],
      ['awarded (cost)', formatEn(baseline.awarded), formatEn(reform.awarded), signedEn(change.awarded)],
      ['unallocated', formatEn(baseline.unallocated), formatEn(reform.unallocated), signedEn(change.unallocated)],
    ],
    [1, 2, 3],
  );
}

export function comparisonTable(c: Comparison, noun: string): string {
  const n = c.baseline.ids.length;
  const out = [
    `${c.programme}: ${count(n)} ${noun}, envelope ${formatEn(c.budget)} (${formatZh(c.budget)}) shared ${c.method}, parameters in force on ${c.date}.`,
    `Baseline (key ${c.baselineKey}): entitlement ${formatEn(c.baseline.totals.entitlement)}, awarded ${formatEn(c.baseline.totals.awarded)}, unallocated ${formatEn(c.baseline.totals.unallocated)}.`,
  ];
  for (const r of c.reforms) {
    const { diff } = r;
    out.push('', ...summaryLines(r.summary), '', ...totalsLines(diff), movementLine(diff, noun), '', ...bandLines(diff, noun));
    for (const [key, rows] of Object.entries(diff.groups)) {
      out.push(
        '',
        ...tableLines(
          [
            [`BY ${key.toUpperCase()}`, 'ENTERPRISES', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'UP', 'DOWN'],
            ...rows.map((g) => [
              g.value ?? '(none)',
              count(g.recipients),
              formatEn(g.baseline.awarded),
              formatEn(g.reform.awarded),
              signedEn(g.change.awarded),
              count(g.winners),
              count(g.losers),
            ]),
          ],
          [1, 2, 3, 4, 5, 6],
        ),
      );
    }
    out.push(
      '',
      ...(diff.caps.length === 0
        ? ['No cap bound any enterprise.']
        : tableLines(
            [['CAP (enterprises it bound)', 'BASELINE', 'REFORM'], ...diff.caps.map((x) => [x.path, count(x.baseline), count(x.reform)])],
            [1, 2],
          )),
    );
  }
  for (const m of c.methods) {
    const methods = m.methods;
    const first = methods[0];
    if (first === undefined) continue;
    out.push(
      '',
      `Envelope methods, ${m.variant === 'baseline' ? 'baseline parameters' : `reform "${m.variant}"`}: the share of their entitlement that ${noun} of each size receive`,
      '(Σ awards ÷ Σ entitlements in the band, rounded down to 0.01%; the lowest share of any one enterprise in brackets).',
      ...tableLines(
        [
          ['ENTITLEMENT', 'ENTERPRISES', ...methods.map((x) => x.method)],
          ...first.bands.map((b, k) => [
            b.band.label.en,
            count(b.recipients),
            ...methods.map((x) => {
              const row = x.bands[k];
              return row === undefined || row.share === null ? '' : `${percentOf(row.share)} (${percentOf(row.minShare)})`;
            }),
          ]),
          ['paid in full', '', ...methods.map((x) => count(x.bands.reduce((s, b) => s + b.fullyFunded, 0)))],
          ['paid nothing', '', ...methods.map((x) => count(x.bands.reduce((s, b) => s + b.unfunded, 0)))],
          ['unallocated', '', ...methods.map((x) => formatEn(x.totals.unallocated))],
        ],
        [1, ...methods.map((_, k) => k + 2)],
      ),
      ...(m.noEntitlement > 0 ? [`${count(m.noEntitlement)} ${noun} have no entitlement and are in no band.`] : []),
    );
  }
  return `${out.join('\n')}\n`;
}

export function scenarioComparisonTable(c: ScenarioComparison): string {
  const out = [`${c.scenario.name}: ${c.scenario.title} (key ${c.scenario.key}).`];
  for (const r of c.reforms) {
    const touched = r.programmes.filter((p) => p.summary.changes.length > 0);
    out.push('', ...touched.flatMap((p) => [`${p.id}:`, ...summaryLines(p.summary).map((l) => `  ${l}`)]));
    out.push(
      '',
      ...tableLines(
        [
          ['PROGRAMME', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'ENTITLEMENT CHANGE', 'UP', 'DOWN', 'UNCHANGED'],
          ...r.programmes.map((p) => {
            const { totals, awards } = p.diff;
            return [
              p.id,
              formatEn(totals.baseline.awarded),
              formatEn(totals.reform.awarded),
              signedEn(totals.change.awarded),
              signedEn(totals.change.entitlement),
              count(awards.winners),
              count(awards.losers),
              count(awards.unchanged),
            ];
          }),
          [
            'total',
            formatEn(c.baseline.totals.awarded),
            formatEn(r.result.totals.awarded),
            signedEn(r.totals.change.awarded),
            signedEn(r.totals.change.entitlement),
            '',
            '',
            '',
          ],
        ],
        [1, 2, 3, 4, 5, 6, 7],
      ),
      '',
      ...tableLines(
        [
          ['SOURCE', 'BASELINE AWARDED', 'REFORM AWARDED', 'CHANGE', 'UNALLOCATED CHANGE'],
          ...r.sources.map((s) => [
            s.key,
            formatEn(s.baseline.awarded),
            formatEn(s.reform.awarded),
            signedEn(s.change.awarded),
            signedEn(s.change.unallocated),
          ]),
        ],
        [1, 2, 3, 4],
      ),
    );
    for (const p of touched) out.push('', `${p.id}: ${movementLine(p.diff, 'recipients')}`, ...bandLines(p.diff, 'recipients'));
  }
  return `${out.join('\n')}\n`;
}
