import { allocate, ALLOCATION_METHODS, type AllocationMethod } from '../allocation/index.js';
import { fail, ok, problem, type Result } from '../errors/index.js';
import { fen, type Fen } from '../money/index.js';
import type { ParameterSet } from '../parameters/index.js';
import type { Programme, ProgrammeTotals } from '../programmes/programme.js';
import {
  compileRule,
  computeEntitlements,
  rankByIntensity,
  rdIncentiveProgramme,
  type EnterpriseTable,
} from '../programmes/rd-incentive/index.js';

/** What a sweep needs of one evaluation: totals, each recipient's figures, and who was capped. */
export interface PointOutcome {
  readonly totals: ProgrammeTotals;
  readonly entitlements: Float64Array;
  readonly awards: Float64Array;
  /** 1 where a cap bound the recipient's entitlement. */
  readonly capped: Uint8Array;
}

export type Groups = Readonly<Record<string, readonly (string | undefined)[]>>;

/** Evaluates one population, parsed once, under many parameter sets. */
export interface PointEvaluator {
  evaluate(parameters: ParameterSet, budget: Fen, method: string): Result<PointOutcome>;
  /** The recipients' groups (scale, city, …): attributes of the population, the same at every point. Call after an evaluation. */
  groups(): Groups;
}

/** Any programme, through its own `evaluate`. */
export function programmeEvaluator<A>(programme: Programme<A>, applicants: A): PointEvaluator {
  let groups: Groups | undefined;
  return {
    evaluate(parameters, budget, method) {
      const outcome = programme.evaluate(applicants, parameters, { budget, method });
      if (!outcome.ok) return outcome;
      const o = outcome.value;
      groups = o.groups;
      const capped = new Uint8Array(o.ids.length);
      for (let i = 0; i < capped.length; i++) capped[i] = o.capsBound(i).length > 0 ? 1 : 0;
      const { entitlement, awarded, unallocated, recipients } = o.totals;
      return ok({ totals: { entitlement, awarded, unallocated, recipients }, entitlements: o.entitlements, awards: o.awards, capped });
    },
    groups() {
      if (groups === undefined) throw new Error('groups() before any evaluation');
      return groups;
    },
  };
}

/** Entitlements kept for this many parameter sets: a budget swept inside a parameter reuses them. */
const CACHED_PARAMETER_SETS = 4;

/**
 * The R&D rule for sweeps, on one parsed table: what does not depend on the swept values is
 * computed once — the ranking by intensity (an exact sort) — and each parameter set's
 * entitlements once however many budgets are tried with them. Per point: computeEntitlements
 * (unless cached) and allocate: the same figures as `rdIncentiveProgramme.evaluate`, whose
 * groups are taken only when asked for.
 */
export function rdIncentiveEvaluator(table: EnterpriseTable): PointEvaluator {
  let rankPosition: Int32Array | undefined;
  let groups: Groups | undefined;
  let last: ParameterSet | undefined;
  const cache = new Map<string, { entitlements: Float64Array; capped: Uint8Array }>();
  const rank = (a: number, b: number): number => (rankPosition?.[a] ?? 0) - (rankPosition?.[b] ?? 0);
  return {
    evaluate(parameters, budget, method) {
      if (!ALLOCATION_METHODS.includes(method as AllocationMethod)) {
        return fail(
          problem('METHOD.UNKNOWN', `unknown envelope method ${method}; use one of ${ALLOCATION_METHODS.join(', ')}`, { value: method }),
        );
      }
      last = parameters;
      const rule = compileRule(parameters);
      let figures = cache.get(parameters.version);
      if (figures === undefined) {
        const bound = new Uint8Array(table.count);
        figures = { entitlements: computeEntitlements(table, rule, bound), capped: bound.map((b) => (b === 0 ? 0 : 1)) };
        if (cache.size >= CACHED_PARAMETER_SETS) cache.delete(cache.keys().next().value ?? '');
        cache.set(parameters.version, figures);
      }
      if (method === 'ranked' && rankPosition === undefined) rankPosition = rankPositions(table);
      const allocation = allocate({
        method: method as AllocationMethod,
        budget,
        unit: rule.roundingUnit,
        entitlements: figures.entitlements,
        ids: table.ids,
        ...(method === 'ranked' ? { rank } : {}),
      });
      return ok({
        totals: {
          entitlement: allocation.totalEntitlement,
          awarded: allocation.awarded,
          unallocated: allocation.unallocated,
          recipients: table.count,
        },
        entitlements: figures.entitlements,
        awards: allocation.awards,
        capped: figures.capped,
      });
    },
    groups() {
      if (groups === undefined) {
        if (last === undefined) throw new Error('groups() before any evaluation');
        const outcome = rdIncentiveProgramme.evaluate(table, last, { budget: fen(0), method: 'pro_rata' });
        if (!outcome.ok) throw new Error('the R&D rule refused parameters it has evaluated');
        groups = outcome.value.groups;
      }
      return groups;
    },
  };
}

/** Each firm's place in the ranked order, which depends on no parameter: sorted once. */
function rankPositions(table: EnterpriseTable): Int32Array {
  const order = Array.from({ length: table.count }, (_, i) => i).sort(rankByIntensity(table));
  const position = new Int32Array(table.count);
  order.forEach((i, p) => {
    position[i] = p;
  });
  return position;
}
