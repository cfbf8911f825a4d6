import { mulDivFloor, lastRemainder } from '../exact/index.js';
import { fen, type Fen } from '../money/index.js';
import { distributeRemainders } from './largest-remainder.js';
import type { Allocation, AllocationInput, PriorityClassOutcome } from './types.js';

/**
 * Shares an envelope B among entitlements e_i (docs/rd-incentive.md, "The budget envelope").
 * Exact: every share is a rational kept as integer quotient and remainder; nothing is float.
 */
export function allocate(input: AllocationInput): Allocation {
  if (input.priority !== undefined) return allocateByPriority(input, input.priority);
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
    case 'ranked': {
      const { positions, ...shares } = ranked(input);
      return withLazyPositions(finish(base, shares), positions);
    }
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
  readonly marginal?: number;
}

function finish(base: Pick<Allocation, 'method' | 'budget' | 'unit' | 'totalEntitlement'>, shares: Shares): Allocation {
  let awarded = 0;
  for (const a of shares.awards) awarded += a;
  return { ...base, ...shares, awarded: fen(awarded), unallocated: fen(base.budget - awarded), oversubscribed: true };
}

/**
 * `rankPosition` read on demand, once: the full order is needed only for the traces. A spread of
 * the allocation reads it (and copies the array), so the result is the same either way.
 */
function withLazyPositions(allocation: Allocation, positions: () => Int32Array): Allocation {
  let memo: Int32Array | undefined;
  return Object.defineProperty(allocation, 'rankPosition', {
    enumerable: true,
    get: () => (memo ??= positions()),
  });
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

/**
 * In rank order, each takes its full entitlement while it fits; the first that does not (the
 * marginal) takes the rest. Only the marginal needs finding: everyone ranked before it is paid in
 * full whatever their order among themselves, everyone after it receives 0. So the ranking is
 * selected, not sorted: a quickselect that partitions by the rank order and keeps the running
 * sum of the entitlements ranked before the pivot (O(n) comparisons on average, against
 * O(n log n) for a sort). Every position in the ranking (`rankPosition`, for the traces) is sorted
 * only when first read, and then only within each side of the marginal.
 */
function ranked(input: AllocationInput): Shares & { readonly positions: () => Int32Array } {
  const { entitlements, budget, unit, rank } = input;
  if (rank === undefined) throw new Error('ranked allocation needs a rank order');
  const n = entitlements.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let left: number = budget;
  let cutoffPosition = -1;
  let lo = 0;
  let hi = n;
  // Invariant: order[0, lo) all rank before order[lo, hi) and fit in full; order[hi, n) rank after.
  while (lo < hi) {
    const m = partition(order, lo, hi, rank);
    let before = 0;
    for (let j = lo; j < m; j++) before += entitlements[order[j] as number] ?? 0;
    if (before > left) {
      hi = m;
      continue;
    }
    const e = entitlements[order[m] as number] ?? 0;
    if (before + e > left) {
      left -= before;
      cutoffPosition = m;
      break;
    }
    left -= before + e;
    lo = m + 1;
  }
  const awards = new Float64Array(n);
  const paidInFull = cutoffPosition < 0 ? n : cutoffPosition;
  for (let p = 0; p < paidInFull; p++) {
    const i = order[p] as number;
    awards[i] = entitlements[i] ?? 0;
  }
  if (cutoffPosition >= 0) awards[order[cutoffPosition] as number] = left - (left % unit);
  const positions = (): Int32Array => {
    const sorted = Array.from(order);
    const head = sorted.slice(0, paidInFull).sort(rank);
    const tail = sorted.slice(paidInFull + (cutoffPosition >= 0 ? 1 : 0)).sort(rank);
    const rankPosition = new Int32Array(n);
    head.forEach((i, p) => (rankPosition[i] = p));
    if (cutoffPosition >= 0) rankPosition[order[cutoffPosition] as number] = cutoffPosition;
    tail.forEach((i, p) => (rankPosition[i] = paidInFull + 1 + p));
    return rankPosition;
  };
  const marginal = cutoffPosition >= 0 ? (order[cutoffPosition] as number) : -1;
  return { awards, extraUnit: new Uint8Array(n), cutoffPosition, marginal, positions };
}

/** Lomuto partition of order[lo, hi) around a median-of-three pivot; returns the pivot's place. */
function partition(order: Int32Array, lo: number, hi: number, rank: (a: number, b: number) => number): number {
  const last = hi - 1;
  const mid = lo + ((hi - lo) >> 1);
  const a = order[lo] as number;
  const b = order[mid] as number;
  const c = order[last] as number;
  // the median of a, b, c by rank goes to `last`
  let median = mid;
  if (rank(a, b) < 0) {
    if (rank(b, c) < 0) median = mid;
    else median = rank(a, c) < 0 ? last : lo;
  } else if (rank(a, c) < 0) median = lo;
  else median = rank(b, c) < 0 ? last : mid;
  const pivot = order[median] as number;
  order[median] = c;
  order[last] = pivot;
  let store = lo;
  for (let j = lo; j < last; j++) {
    const x = order[j] as number;
    if (rank(x, pivot) < 0) {
      order[j] = order[store] as number;
      order[store] = x;
      store++;
    }
  }
  order[last] = order[store] as number;
  order[store] = pivot;
  return store;
}

/**
 * Priority classes (`AllocationInput.priority`): each class in order paid in full while what is
 * left covers it; the first class it does not cover shared by the method with what is left;
 * later classes 0. `ranked` is the same as ranking by class first, so it ranks that way (and its
 * positions and cut-off are over everyone); the other methods share the one class alone.
 */
function allocateByPriority(input: AllocationInput, classOf: Uint8Array): Allocation {
  const { budget, entitlements } = input;
  const n = entitlements.length;
  if (classOf.length !== n) throw new RangeError(`${classOf.length} priority classes for ${n} recipients`);
  const totals = new Float64Array(256);
  const present = new Uint8Array(256);
  for (let i = 0; i < n; i++) {
    const c = classOf[i] ?? 0;
    totals[c] = (totals[c] ?? 0) + (entitlements[i] ?? 0);
    present[c] = 1;
  }
  let left: number = budget;
  let sharedClass = -1;
  const served: { priority: number; served: PriorityClassOutcome['served'] }[] = [];
  for (let c = 0; c < 256; c++) {
    if (present[c] !== 1) continue;
    const total = totals[c] ?? 0;
    if (sharedClass >= 0) served.push({ priority: c, served: 'none' });
    else if (total <= left) {
      served.push({ priority: c, served: 'full' });
      left -= total;
    } else {
      sharedClass = c;
      served.push({ priority: c, served: 'shared' });
    }
  }
  const { priority: _classes, ...single } = input;
  let allocation: Allocation;
  if (sharedClass < 0) allocation = allocate(single);
  else if (input.method === 'ranked') {
    const { rank } = input;
    if (rank === undefined) throw new Error('ranked allocation needs a rank order');
    allocation = allocate({ ...single, rank: (a, b) => (classOf[a] ?? 0) - (classOf[b] ?? 0) || rank(a, b) });
  } else allocation = shareOneClass(input, classOf, sharedClass, fen(left));
  const awardedBy = new Float64Array(256);
  for (let i = 0; i < n; i++) {
    const c = classOf[i] ?? 0;
    awardedBy[c] = (awardedBy[c] ?? 0) + (allocation.awards[i] ?? 0);
  }
  const classes = served.map((s): PriorityClassOutcome => ({
    ...s,
    entitlement: fen(totals[s.priority] ?? 0),
    awarded: fen(awardedBy[s.priority] ?? 0),
  }));
  return { ...allocation, priority: { classOf, sharedClass, classes } };
}

/** Classes before `shared` in full, `shared` shared by the method with `left`, later ones 0. */
function shareOneClass(input: AllocationInput, classOf: Uint8Array, shared: number, left: Fen): Allocation {
  const { entitlements, ids } = input;
  const n = entitlements.length;
  const members: number[] = [];
  const awards = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = classOf[i] ?? 0;
    if (c < shared) awards[i] = entitlements[i] ?? 0;
    else if (c === shared) members.push(i);
  }
  const sub = allocate({
    method: input.method,
    budget: left,
    unit: input.unit,
    entitlements: Float64Array.from(members, (i) => entitlements[i] ?? 0),
    ids: members.map((i) => ids[i] ?? ''),
  });
  const extraUnit = new Uint8Array(n);
  members.forEach((i, k) => {
    awards[i] = sub.awards[k] ?? 0;
    extraUnit[i] = sub.extraUnit[k] ?? 0;
  });
  let total = 0;
  for (let i = 0; i < n; i++) total += entitlements[i] ?? 0;
  const base = { method: input.method, budget: input.budget, unit: input.unit, totalEntitlement: fen(total) };
  return finish(base, { awards, extraUnit, ...(sub.cap === undefined ? {} : { cap: sub.cap }) });
}
