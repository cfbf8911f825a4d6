import type { Fen } from '../money/index.js';

export const ALLOCATION_METHODS = ['pro_rata', 'uniform_cap', 'ranked'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

export const METHOD_LABELS: Record<AllocationMethod, { zh: string; en: string }> = {
  pro_rata: { zh: '按比例核减', en: 'pro rata' },
  uniform_cap: { zh: '统一封顶', en: 'uniform cap' },
  ranked: { zh: '择优排序', en: 'ranked' },
};

export interface AllocationInput {
  readonly method: AllocationMethod;
  /** The envelope B, in fen. */
  readonly budget: Fen;
  /** The rounding unit u, in fen (1 = to the fen). */
  readonly unit: Fen;
  /** e_i, in fen (safe non-negative integers). */
  readonly entitlements: Float64Array;
  /** Unique ids: the tie-break of the largest-remainder step and of `ranked`. */
  readonly ids: readonly string[];
  /** For `ranked`: orders two recipients, the one to serve first negative. Required for ranked. */
  readonly rank?: (a: number, b: number) => number;
  /**
   * Priority classes, optional: recipient i is in class `priority[i]`, class 0 served first. Each
   * class is paid in full, in order, while what is left of the envelope covers it; the first class
   * it does not cover is shared among its members by `method` (with what is left); every later
   * class receives 0. Never beyond the envelope. Absent, everyone is in one class: the result is
   * exactly that of `allocate` without classes.
   */
  readonly priority?: Uint8Array;
}

/** How the priority classes were served (`Allocation.priority`). */
export interface PriorityOutcome {
  /** Each recipient's class, as given. */
  readonly classOf: Uint8Array;
  /** The class shared by the method; −1 when every class was paid in full. */
  readonly sharedClass: number;
  /** Per class present, in order: its total entitlement, what it was awarded, and how it was served. */
  readonly classes: readonly PriorityClassOutcome[];
}

export interface PriorityClassOutcome {
  readonly priority: number;
  readonly entitlement: Fen;
  readonly awarded: Fen;
  /** `full`: paid in full; `shared`: the class the envelope ran out in; `none`: after it, 0. */
  readonly served: 'full' | 'shared' | 'none';
}

/** How the envelope was shared, for totals and for each recipient's explanation. */
export interface Allocation {
  readonly method: AllocationMethod;
  readonly budget: Fen;
  readonly unit: Fen;
  readonly totalEntitlement: Fen;
  readonly awarded: Fen;
  readonly unallocated: Fen;
  /** E > B: the method had to cut. */
  readonly oversubscribed: boolean;
  readonly awards: Float64Array;
  /** Recipients that received one more unit in the largest-remainder step. */
  readonly extraUnit: Uint8Array;
  /** uniform_cap: the cap c as the exact fraction numerator / denominator (fen). */
  readonly cap?: { readonly numerator: number; readonly denominator: number };
  /** ranked: 0-based position of each recipient in the ranking. */
  readonly rankPosition?: Int32Array;
  /** ranked: position of the first recipient that did not fit in full (−1 if none). */
  readonly cutoffPosition?: number;
  /** ranked: the index of that recipient, the marginal one (−1 if none). */
  readonly marginal?: number;
  /** With priority classes: how each class was served. */
  readonly priority?: PriorityOutcome;
}
