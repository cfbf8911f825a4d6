import { mulDivFloor, lastRemainder } from '../exact/index.js';
import { fen, type Fen } from '../money/index.js';
import { distributeRemainders } from './largest-remainder.js';
import type { Allocation, AllocationInput } from './types.js';

/**
 * Shares an envelope B among entitlements e_i (rd-incentive.md, "The budget envelope").
 * Exact: every share is a rational kept as integer quotient and remainder; nothing is float.
 */
export function allocate(input: AllocationInput): Allocation {
  const { budget, unit, entitlements } = input;
  const n = entitlements.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += entitlements[i] ?? 0;
  const totalEntitlement = fen(total);
  const base = { method: input.method, budget, unit, totalEntitlement };

  if (totalEntitlement <= budget) {
    return {
      ...base,
      awarded: totalEntitlement,
      unallocated: fen(budget - totalEntitlement),
      oversubscribed: false,
      awards: Float64Array.from(entitlements),
      extraUnit: new Uint8Array(n),
    };
  }
  switch (input.method) {
    case 'pro_rata':
      return finish(base, proRata(input, totalEntitlement));
    case 'uniform_cap':
      return finish(base, uniformCap(input));
    case 'ranked':
      return finish(base, ranked(input));
    default:
      throw new Error(`unknown allocation method ${String(input.method)}`);
  }
}

interface Shares {
  readonly awards: Float64Array;
  readonly extraUnit: Uint8Array;
  readonly cap?: { numerator: number; denominator: number };
  readonly rankPosition?: Int32Array;
  readonly cutoffPosition?: number;
}

function finish(base: Pick<Allocation, 'method' | 'budget' | 'unit' | 'totalEntitlement'>, shares: Shares): Allocation {
  let awarded = 0;
  for (const a of shares.awards) awarded += a;
  return { ...base, ...shares, awarded: fen(awarded), unallocated: fen(base.budget - awarded), oversubscribed: true };
}

/** Floors each share to the unit, then gives the left-over units by largest remainder. */
function roundShares(input: AllocationInput, awards: Float64Array, remainders: Float64Array): Uint8Array {
  let floored = 0;
  for (const a of awards) floored += a;
  const k = Math.floor((input.budget - floored) / input.unit);
  const extraUnit = new Uint8Array(awards.length);
  for (const i of distributeRemainders(awards, remainders, input.ids, k, input.unit)) extraUnit[i] = 1;
  return extraUnit;
}

/** s_i = e_i × B / E. */
function proRata(input: AllocationInput, total: Fen): Shares {
  const { entitlements, budget, unit } = input;
  const n = entitlements.length;
  const awards = new Float64Array(n);
  const remainders = new Float64Array(n);
  const denominator = total * unit; // s_i / u = e_i·B / (E·u)
  for (let i = 0; i < n; i++) {
    const q = mulDivFloor(entitlements[i] ?? 0, budget, denominator);
    awards[i] = q * unit;
    remainders[i] = lastRemainder.value;
  }
  return { awards, extraUnit: roundShares(input, awards, remainders) };
}

/** s_i = min(e_i, c) with Σ min(e_i, c) = B; c = numerator / denominator exactly. */
function uniformCap(input: AllocationInput): Shares {
  const { entitlements, budget, unit } = input;
  const n = entitlements.length;
  const sorted = Float64Array.from(entitlements).sort();
  // Find the first m with S_m + (n − m)·v_m ≥ B; then c = (B − S_m) / (n − m) ≤ v_m.
  let below = 0;
  let m = 0;
  for (; m < n; m++) {
    const v = sorted[m] ?? 0;
    if (below + (n - m) * v >= budget) break;
    below += v;
  }
  const numerator = budget - below;
  const denominator = n - m;
  const awards = new Float64Array(n);
  const remainders = new Float64Array(n);
  const capUnits = mulDivFloor(numerator, 1, denominator * unit);
  const capRemainder = lastRemainder.value;
  for (let i = 0; i < n; i++) {
    const e = entitlements[i] ?? 0;
    if (e * denominator <= numerator) {
      const units = Math.floor(e / unit);
      awards[i] = units * unit;
      remainders[i] = (e - units * unit) * denominator;
    } else {
      awards[i] = capUnits * unit;
      remainders[i] = capRemainder;
    }
  }
  return { awards, extraUnit: roundShares(input, awards, remainders), cap: { numerator, denominator } };
}

/** In rank order, each takes its full entitlement while it fits; the first that does not takes the rest. */
function ranked(input: AllocationInput): Shares {
  const { entitlements, budget, unit, rank } = input;
  if (rank === undefined) throw new Error('ranked allocation needs a rank order');
  const n = entitlements.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(rank);
  const awards = new Float64Array(n);
  const rankPosition = new Int32Array(n);
  let left: number = budget;
  let cutoffPosition = -1;
  for (let p = 0; p < n; p++) {
    const i = order[p] ?? 0;
    rankPosition[i] = p;
    if (cutoffPosition >= 0) continue;
    const e = entitlements[i] ?? 0;
    if (e <= left) {
      awards[i] = e;
      left -= e;
    } else {
      const rest = left - (left % unit);
      awards[i] = rest;
      left -= rest;
      cutoffPosition = p;
    }
  }
  return { awards, extraUnit: new Uint8Array(n), rankPosition, cutoffPosition };
}
