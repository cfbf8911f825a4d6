import type { Decimal } from 'decimal.js';
import { Exact } from '../../exact/index.js';
import { floorToUnit, type Fen } from '../../money/index.js';
import type { ParameterKind, ParameterSet } from '../../parameters/index.js';
import type { TraceParameter, TraceStep } from '../trace.js';

/** The one exact decimal of core (precision 1000), re-exported for the rules. */
export { Exact };

/** An amount in fen as an exact decimal. */
export function exactFen(amount: number): Decimal {
  return new Exact(amount);
}

/** An exact amount in fen shown in yuan with at least two decimals: `"5000000.00"`, `"0.125"`. */
export function showYuan(amount: Decimal | number): string {
  const yuan = new Exact(amount).div(100);
  return yuan.decimalPlaces() < 2 ? yuan.toFixed(2) : yuan.toFixed();
}

/** A parameter as a trace shows it: path, value, source and the ⚠ flag. */
export function traceParameter(parameters: ParameterSet, path: string, kind: ParameterKind): TraceParameter {
  const p = parameters.get(path, kind);
  return { path, value: p.display, source: p.definition.source.citation, assumption: p.definition.assumption };
}

/**
 * The rule's one rounding, its last step: the exact amount rounded down to the rounding unit
 * (`floor_to_unit`, as rd_incentive's step 7). Returns the entitlement in fen and its trace step.
 */
export function roundToEntitlement(amount: Decimal, parameters: ParameterSet, unitPath: string): { entitlement: Fen; step: TraceStep } {
  const unit = parameters.get(unitPath, 'unit').value;
  // floor(x / u)·u = floor_to_unit(floor(x), u) for x ≥ 0 and a whole number of fen u.
  const entitlement = floorToUnit(amount.floor().toNumber(), unit);
  const roundedBy = amount.minus(entitlement);
  return {
    entitlement,
    step: {
      step: 'rounding',
      rule: 'entitlement = the amount rounded down to rounding_unit',
      inputs: { amount: showYuan(amount) },
      parameters: [traceParameter(parameters, unitPath, 'unit')],
      branch: roundedBy.isZero() ? 'already a whole unit' : `rounded down by ${showYuan(roundedBy)}`,
      result: showYuan(entitlement),
    },
  };
}

/**
 * What an applicant requested, capped by an amount parameter (`min(requested, cap)`), exact,
 * with its `project_cap` step pushed on `trace` when one is given; `rule` is the step's formula
 * as the programme writes it, e.g. `grant = min(requested, max_per_project)`.
 */
export function cappedRequest(
  requested: Fen,
  cap: { readonly amount: Fen; readonly path: string; readonly rule: string },
  parameters: ParameterSet,
  trace?: TraceStep[],
): Decimal {
  const capped = requested > cap.amount;
  const amount = exactFen(capped ? cap.amount : requested);
  trace?.push({
    step: 'project_cap',
    rule: cap.rule,
    inputs: { requested: showYuan(requested) },
    parameters: [traceParameter(parameters, cap.path, 'amount')],
    branch: capped ? 'requested is above the maximum: capped' : 'requested is within the maximum',
    ...(capped ? { bound: cap.path } : {}),
    result: showYuan(amount),
  });
  return amount;
}
