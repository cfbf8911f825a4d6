import type { Decimal } from 'decimal.js';
import { compareCodePoints } from '../../allocation/index.js';
import { fail, ok, problem, type Result } from '../../errors/index.js';
import { MAX_FEN, type Fen } from '../../money/index.js';
import type { ParameterSet } from '../../parameters/index.js';
import { shareEnvelope, type EnvelopeRequest, type Keyed, type Ranking } from './envelope.js';
import { roundToEntitlement, showYuan } from './exact.js';
import type { ProgrammeOutcome } from '../programme.js';
import type { TraceStep } from '../trace.js';

/**
 * The step between a rule and the envelope: every applicant's exact amount, rounded down once
 * to the programme's rounding unit by the one `roundToEntitlement`, and refused as a value (not
 * a thrown RangeError) when an entitlement is beyond what an amount can hold — a head count or a
 * reformed parameter can make a product of two valid numbers that large.
 *
 * Shared by talent, digital_subsidy and nev_support; like `guidance-fund/common/`, it belongs
 * in `programmes/common/` and lives here only because of who may create files where.
 */

/** A rule as the envelope needs it: an exact amount per applicant, and where its rounding unit is. */
export interface AmountRule<A> {
  readonly parameters: ParameterSet;
  /** The path of the programme's rounding unit, e.g. `talent.rounding_unit`. */
  readonly unitPath: string;
  /** The applicant's exact amount in fen before the rule's one rounding; its steps pushed on `trace`. */
  readonly amount: (applicant: A, trace?: TraceStep[]) => Decimal;
}

/**
 * The applicant's entitlement in fen: its amount rounded down to the rounding unit, the rounding
 * step last in `trace`. The amount must be within MAX_FEN (`entitlementsOf` checks it).
 */
export function entitlementOf<A>(rule: AmountRule<A>, applicant: A, trace?: TraceStep[]): Fen {
  const { entitlement, step } = roundToEntitlement(rule.amount(applicant, trace), rule.parameters, rule.unitPath);
  trace?.push(step);
  return entitlement;
}

/**
 * Entitlements in integer fen, in input order, or ENTITLEMENT.TOO_LARGE naming the first
 * applicant whose entitlement is beyond what an amount can hold. (Their total is checked by
 * `shareEnvelope`.)
 */
export function entitlementsOf<A extends Keyed>(rule: AmountRule<A>, applicants: readonly A[]): Result<Float64Array> {
  const entitlements = new Float64Array(applicants.length);
  for (const [i, applicant] of applicants.entries()) {
    const amount = rule.amount(applicant);
    if (amount.floor().gt(MAX_FEN)) {
      return fail(
        problem(
          'ENTITLEMENT.TOO_LARGE',
          `the entitlement of ${applicant.id} would be ${showYuan(amount)} yuan, beyond the largest amount an award can hold ` +
            '(about 90 trillion yuan): check its inputs and the parameters a reform set',
          { value: applicant.id },
        ),
      );
    }
    entitlements[i] = roundToEntitlement(amount, rule.parameters, rule.unitPath).entitlement;
  }
  return ok(entitlements);
}

export type CheckedEnvelopeRequest<A extends Keyed> = Omit<EnvelopeRequest<A>, 'entitlement' | 'parameters' | 'unitPath' | 'ranking'> & {
  readonly rule: AmountRule<A>;
  /** The order of `ranked`, or how to make it from the entitlements (in fen, input order). */
  readonly ranking: Ranking | ((entitlements: Float64Array) => Ranking);
};

/** A programme's evaluation: entitlements checked by `entitlementsOf`, then the shared envelope. */
export function shareCheckedEnvelope<A extends Keyed>(request: CheckedEnvelopeRequest<A>): Result<ProgrammeOutcome> {
  const { rule, ranking, ...envelope } = request;
  const checked = entitlementsOf(rule, request.applicants);
  if (!checked.ok) return checked;
  return shareEnvelope({
    ...envelope,
    parameters: rule.parameters,
    unitPath: rule.unitPath,
    entitlement: (applicant, trace) => entitlementOf(rule, applicant, trace),
    ranking: typeof ranking === 'function' ? ranking(checked.value) : ranking,
  });
}

/**
 * The order of `ranked` by entitlement, smallest or largest first, ties by id in Unicode
 * code-point order: exact (entitlements are integer fen) and independent of the input order.
 */
export function rankByEntitlement(order: 'ascending' | 'descending', ids: readonly string[]): (entitlements: Float64Array) => Ranking {
  const sign = order === 'ascending' ? 1 : -1;
  return (entitlements) => ({
    compare: (a, b) => sign * ((entitlements[a] ?? 0) - (entitlements[b] ?? 0)) || compareCodePoints(ids[a] ?? '', ids[b] ?? ''),
    description: `entitlement (${order === 'ascending' ? 'smallest' : 'largest'} first, ties by id)`,
  });
}
