import { allocate } from '../allocation/index.js';
import { fen, type Fen } from '../money/index.js';

/**
 * `total` split in proportion to `weights`, in whole `unit`s, adding up to `total` exactly:
 * the one `allocate` of `allocation/` and its largest-remainder step. `allocate` shares a budget
 * pro rata only when the entitlements exceed it, so the weights are first scaled to whole
 * numbers near four times the total. `total` must be a multiple of `unit` and 4 × total must
 * be a safe integer.
 */
export function splitExactly(total: Fen, weights: readonly number[], unit: Fen, ids: readonly string[]): Float64Array {
  if (weights.length === 0) return new Float64Array(0);
  let sum = 0;
  for (const w of weights) sum += w;
  const scale = (4 * total) / sum;
  const entitlements = Float64Array.from(weights, (w) => Math.floor(w * scale) + 1);
  const shared = allocate({ method: 'pro_rata', budget: fen(total), unit, entitlements, ids });
  if (shared.unallocated !== 0) throw new Error(`split of ${total} left ${shared.unallocated} over: total is not a multiple of the unit`);
  return shared.awards;
}
