import type { Decimal } from 'decimal.js';
import { Exact } from './decimal.js';
import { fail, ok, problem, type Result } from '../errors/index.js';

/** A rate or ratio between 0 and 1, held exactly as a decimal (never a float). */
export type Rate = Decimal;

const RATE_SHAPE = /^(?<number>\d+(?:\.\d+)?)(?<percent>%)?$/u;

/**
 * Parses `0.15` or `15%` (also a JSON number, read by its shortest decimal spelling, which is
 * the one a person wrote). Refuses anything outside [0, 1], exponents and text.
 */
export function parseRate(input: string | number): Result<Rate> {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const at = { value: String(input) };
  const m = RATE_SHAPE.exec(text);
  if (m?.groups?.number === undefined) {
    return fail(problem('RATE.INVALID', 'not a rate; write a decimal between 0 and 1 (0.15) or a percentage (15%)', at));
  }
  let rate = new Exact(m.groups.number);
  if (m.groups.percent !== undefined) rate = rate.div(100);
  if (rate.gt(1)) {
    return fail(problem('RATE.OUT_OF_RANGE', 'a rate must be between 0 and 1 (0% to 100%)', at));
  }
  return ok(rate);
}

/** The canonical spelling: a plain decimal with at least two places, such as `0.10` or `0.125`. */
export function rateToString(rate: Rate): string {
  return rate.decimalPlaces() < 2 ? rate.toFixed(2) : rate.toFixed();
}
