import { GUANGXI_CITIES, seededRandom } from '../programmes/rd-incentive/generate.js';

/** The 14 prefecture-level cities (设区市) of Guangxi, the `city` of every generated row. */
export { GUANGXI_CITIES };

/**
 * Seeded draws for the generators, on the one PRNG of `rd-incentive/generate.ts` (mulberry32),
 * so that a seed gives the same rows on every machine. Amounts are drawn in float and floored
 * to whole units at once: a generated amount is always an exact number of fen.
 */
export interface Draw {
  /** Uniform in [0, 1). */
  next(): number;
  /** A whole number from lo to hi, both included. */
  between(lo: number, hi: number): number;
  /** Log-uniform in [lo, hi): as many values between 1 and 10 as between 10 and 100. */
  logUniform(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  city(): string;
  /** The list in a seeded random order (Fisher–Yates). */
  shuffle<T>(list: readonly T[]): T[];
}

export function draw(seed: number): Draw {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(random() * list.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return {
    next: random,
    between,
    logUniform: (lo, hi) => Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo))),
    chance: (p) => random() < p,
    pick,
    city: () => pick(GUANGXI_CITIES),
    shuffle<T>(list: readonly T[]): T[] {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = between(0, i);
        const a = out[i] as T;
        out[i] = out[j] as T;
        out[j] = a;
      }
      return out;
    },
  };
}

/** Fen in whole 万 yuan (1,000,000 fen), rounded down: requests are written in round figures. */
export function wholeWan(fen: number): number {
  return Math.floor(fen / 1_000_000) * 1_000_000;
}

/** Fen in whole yuan, rounded down. */
export function wholeYuan(fen: number): number {
  return Math.floor(fen / 100) * 100;
}

/** A score with one decimal from a whole number of tenths: `725` → `72.5`. */
export function tenths(value: number): string {
  return `${Math.floor(value / 10)}.${value % 10}`;
}

/**
 * Kinds in fixed proportions rather than drawn one by one, so that a small population has the
 * shape its documentation promises (20 zone applicants always include one national zone):
 * `counts` for n rows from `shares` (numerators over a common `of`), the last kind taking the rest;
 * then shuffled.
 */
export function quota<K>(d: Draw, count: number, shares: readonly (readonly [K, number])[], of: number): K[] {
  const kinds: K[] = [];
  shares.forEach(([kind, share], i) => {
    const n = i === shares.length - 1 ? count - kinds.length : Math.floor((count * share) / of);
    for (let k = 0; k < n; k++) kinds.push(kind);
  });
  return d.shuffle(kinds);
}
