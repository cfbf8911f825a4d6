import { describe, expect, it } from 'vitest';
import { Exact } from './exact.js';
import { parametersOn, problemsOf, valueOf } from './test-support/index.js';
import type { TraceStep } from '../trace.js';
import { talentRegistry } from '../talent/index.js';
import { entitlementOf, entitlementsOf, rankByEntitlement, type AmountRule } from './entitlements.js';

interface Row {
  readonly id: string;
  readonly amount: string;
}

/** A rule whose amount (in fen) is given by the row, with a rounding unit of `unit` yuan. */
function ruleWithUnit(unit: string): AmountRule<Row> {
  return {
    parameters: parametersOn(talentRegistry, '2021-06-30', [{ path: 'talent.rounding_unit', value: unit }]),
    unitPath: 'talent.rounding_unit',
    amount: (row, trace) => {
      trace?.push({ step: 'given', rule: 'the amount as given', result: row.amount });
      return new Exact(row.amount);
    },
  };
}
const rows = (...amounts: string[]): Row[] => amounts.map((amount, i) => ({ id: `A${i}`, amount }));

describe('entitlementOf', () => {
  it('rounds the exact amount down once, the rounding step last in the trace', () => {
    // 12,399.5 fen = 123.995 yuan, rounded down to a whole yuan: 123.00, by 0.995.
    const trace: TraceStep[] = [];
    expect(entitlementOf(ruleWithUnit('1'), { id: 'A', amount: '12399.5' }, trace)).toBe(12300);
    expect(trace.map((s) => [s.step, s.branch, s.result])).toEqual([
      ['given', undefined, '12399.5'],
      ['rounding', 'rounded down by 0.995', '123.00'],
    ]);
  });
});

describe('entitlementsOf', () => {
  it('rounds each exact amount down once to the rounding unit', () => {
    expect(Array.from(valueOf(entitlementsOf(ruleWithUnit('1'), rows('12399.5', '100', '0', '99.999'))))).toEqual([12300, 100, 0, 0]);
  });

  it('accepts an amount that floors to the largest amount, refuses one fen more', () => {
    const rule = ruleWithUnit('0.01');
    expect(Array.from(valueOf(entitlementsOf(rule, rows('9007199254740991.9'))))).toEqual([9007199254740991]);
    expect(problemsOf(entitlementsOf(rule, rows('9007199254740992')))).toEqual([
      {
        code: 'ENTITLEMENT.TOO_LARGE',
        message:
          'the entitlement of A0 would be 90071992547409.92 yuan, beyond the largest amount an award can hold (about 90 trillion yuan): check its inputs and the parameters a reform set',
        location: { value: 'A0' },
      },
    ]);
  });
});

describe('rankByEntitlement', () => {
  const entitlements = Float64Array.from([300, 100, 300, 200]);
  const ids = ['d', 'c', 'a', 'b'];
  const order = (compare: (a: number, b: number) => number) => [0, 1, 2, 3].sort(compare).map((i) => ids[i]);

  it('orders smallest first, ties by id', () => {
    const ranking = rankByEntitlement('ascending', ids)(entitlements);
    expect(order(ranking.compare)).toEqual(['c', 'b', 'a', 'd']);
    expect(ranking.description).toBe('entitlement (smallest first, ties by id)');
  });

  it('orders largest first, ties by id', () => {
    const ranking = rankByEntitlement('descending', ids)(entitlements);
    expect(order(ranking.compare)).toEqual(['a', 'd', 'b', 'c']);
    expect(ranking.description).toBe('entitlement (largest first, ties by id)');
  });
});
