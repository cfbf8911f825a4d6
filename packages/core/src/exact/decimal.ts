import { Decimal } from 'decimal.js';

/**
 * decimal.js with room for every digit of a rule's arithmetic. The default Decimal rounds every
 * result to 20 significant digits, and an amount of 16 digits in fen times a rate of 5 digits
 * already needs 21. With 1000, the sums, products, minima and comparisons the rules make of
 * amounts and rates are exact for any rate a person can write. Every decimal in core is made
 * with it (an operation takes the precision of its left operand's constructor).
 */
export const Exact = Decimal.clone({ precision: 1000 });
