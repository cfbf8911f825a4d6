import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';
import { fen, formatEn, formatZh, parseAmount, type Fen } from '../money/index.js';

/** A range of amounts (fen): `lower < x ≤ upper` when positive, `lower ≤ x < upper` when negative; `exact` for x = 0. */
export interface Band {
  readonly lower?: Fen;
  readonly upper?: Fen;
  readonly zero?: true;
  readonly label: { readonly zh: string; readonly en: string };
}

/** The default bands of a change in award: edges at 1万, 10万 and 100万 on either side of 0. */
export const DEFAULT_CHANGE_EDGES: readonly Fen[] = [fen(1_000_000), fen(10_000_000), fen(100_000_000)];

/** The default size bands of an entitlement, for comparing envelope methods: 10万, 50万, 100万, 500万. */
export const DEFAULT_SIZE_EDGES: readonly Fen[] = [fen(10_000_000), fen(50_000_000), fen(100_000_000), fen(500_000_000)];

const MINUS = '−';
const signed = (x: number, f: (a: number) => string): string => (x === 0 ? '0' : x < 0 ? `${MINUS}${f(-x)}` : f(x));
const zh = (x: number): string => signed(x, formatZh);
const en = (x: number): string => signed(x, formatEn);

/** Positive bands (0, e1], (e1, e2], …, (en, ∞), from ascending positive edges. */
export function positiveBands(edges: readonly Fen[]): Band[] {
  const bands: Band[] = [];
  let lower = fen(0);
  for (const upper of edges) {
    bands.push({ lower, upper, label: { zh: `(${zh(lower)}, ${zh(upper)}]`, en: `(${en(lower)}, ${en(upper)}]` } });
    lower = upper;
  }
  bands.push({ lower, label: { zh: `> ${zh(lower)}`, en: `> ${en(lower)}` } });
  return bands;
}

/** Bands of a change, from the largest fall to the largest rise, with exactly 0 in the middle. */
export function changeBands(edges: readonly Fen[]): Band[] {
  const up = positiveBands(edges);
  const down = up
    .map((b): Band => {
      const lower = b.upper === undefined ? undefined : fen(-(b.upper as number));
      const upper = fen(-((b.lower ?? 0) as number));
      return lower === undefined
        ? { upper, label: { zh: `< ${zh(upper)}`, en: `< ${en(upper)}` } }
        : { lower, upper, label: { zh: `[${zh(lower)}, ${zh(upper)})`, en: `[${en(lower)}, ${en(upper)})` } };
    })
    .reverse();
  return [...down, { zero: true, label: { zh: '0（不变）', en: '0 (no change)' } }, ...up];
}

/** Ascending, positive, distinct edges; otherwise an error naming what is wrong. */
export function checkEdges(edges: readonly number[]): string | undefined {
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] ?? 0;
    if (!(e > 0)) return 'band edges must be positive amounts';
    if (i > 0 && e <= (edges[i - 1] ?? 0)) return 'band edges must be strictly ascending';
  }
  return undefined;
}

/** A comparison's diff settings as given: amounts in any accepted spelling, or numbers of yuan. */
export interface DiffSettings {
  /** A change of at most this much is no change. */
  readonly threshold?: string | number | undefined;
  /** The positive edges of the bands of change, ascending. */
  readonly bands?: readonly (string | number)[] | undefined;
}

/**
 * The threshold and band edges of a comparison (bagui compare --threshold/--band, the API's
 * `threshold` and `bands`, the planner's), read once: each an amount, the edges positive and
 * strictly ascending. Problems at `['threshold']`, `['bands', i]` (an amount that is not one) and
 * `['bands']` (edges out of order, `BANDS.INVALID`), every one at once.
 */
export function parseDiffSettings(settings: DiffSettings): Result<{ threshold?: Fen; bands?: Fen[] }> {
  const problems: Problem[] = [];
  const out: { threshold?: Fen; bands?: Fen[] } = {};
  if (settings.threshold !== undefined) {
    const threshold = parseAmount(String(settings.threshold));
    if (threshold.ok) out.threshold = threshold.value;
    else problems.push(...threshold.problems.map((p) => problem(p.code, p.message, { ...p.location, path: ['threshold'] })));
  }
  if (settings.bands !== undefined) {
    const bands: Fen[] = [];
    settings.bands.forEach((band, i) => {
      const edge = parseAmount(String(band));
      if (edge.ok) bands.push(edge.value);
      else problems.push(...edge.problems.map((p) => problem(p.code, p.message, { ...p.location, path: ['bands', i] })));
    });
    const wrong = bands.length === settings.bands.length ? checkEdges(bands) : undefined;
    if (wrong !== undefined) {
      problems.push(problem('BANDS.INVALID', `${wrong}, e.g. 1万, 10万, 100万`, { path: ['bands'], value: settings.bands.join(' ') }));
    } else out.bands = bands;
  }
  return problems.length > 0 ? fail(...problems) : ok(out);
}

/** The index in `positiveBands(edges)` of a positive x. */
export function positiveBandIndex(x: number, edges: readonly Fen[]): number {
  let k = 0;
  while (k < edges.length && x > (edges[k] ?? 0)) k++;
  return k;
}

/** The index in `changeBands(edges)` of a change d. */
export function changeBandIndex(d: number, edges: readonly Fen[]): number {
  const m = edges.length + 1;
  if (d === 0) return m;
  const k = positiveBandIndex(Math.abs(d), edges);
  return d > 0 ? m + 1 + k : m - 1 - k;
}
