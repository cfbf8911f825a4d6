/**
 * An amount of money is an integer number of fen (0.01 yuan), held in a JS number that is
 * asserted to be a safe integer. Every figure of a provincial budget fits with room to spare:
 * Number.MAX_SAFE_INTEGER fen is about 90 trillion yuan. Arithmetic on amounts is integer
 * arithmetic; anything fractional (rates, shares) goes through `../exact`.
 */
declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: 'fen' };

export const FEN_PER_YUAN = 100;
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/** Wraps a safe, non-negative-or-negative integer count of fen; throws on anything else (a bug). */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`an amount must be a safe integer number of fen, got ${value}`);
  }
  return value as Fen;
}

/** Whole yuan to fen, for literals in code and tests. */
export function yuan(value: number): Fen {
  return fen(value * FEN_PER_YUAN);
}

export const ZERO = 0 as Fen;

export function add(a: Fen, b: Fen): Fen {
  return fen(a + b);
}

export function subtract(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

export function sum(values: Iterable<number>): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}

export function min(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}

export function max(a: Fen, b: Fen): Fen {
  return a > b ? a : b;
}

/** Rounds down to a whole multiple of `unit` (both in fen): the one rounding the rules use. */
export function floorToUnit(value: number, unit: number): Fen {
  return fen(value - (value % unit));
}
