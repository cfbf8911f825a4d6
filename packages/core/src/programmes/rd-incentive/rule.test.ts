import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../errors/index.js';
import { formatJson } from '../../money/index.js';
import type { Override } from '../../parameters/index.js';
import { computeEntitlements, enterprisesFromRecords, explainEntitlement, resolveRdRule, type TraceStep } from './index.js';

interface Firm {
  id?: string;
  scale?: 'above' | 'below';
  revenue: string;
  rd_expense: string;
  rd_expense_prev: string;
  high_tech?: boolean;
  gazelle?: boolean;
  super_deduction?: boolean;
}

const DATE = '2021-06-30';

function evaluateOne(firm: Firm, reform: Override[] = []): { entitlement: string; trace: TraceStep[]; kernel: string } {
  const table = unwrap(enterprisesFromRecords([{ id: 'F1', scale: 'above', ...firm }]));
  const rule = unwrap(resolveRdRule(DATE, reform));
  const trace: TraceStep[] = [];
  const fen = explainEntitlement(table, 0, rule, trace);
  const kernel = computeEntitlements(table, rule)[0] ?? -1;
  return { entitlement: formatJson(fen), trace, kernel: formatJson(kernel) };
}

/** The entitlement in yuan, checked to agree between the fast kernel and the reference. */
function entitlement(firm: Firm, reform: Override[] = []): string {
  const r = evaluateOne(firm, reform);
  expect(r.kernel).toBe(r.entitlement);
  return r.entitlement;
}

const step = (trace: TraceStep[], name: string): TraceStep | undefined => trace.find((s) => s.step === name);

describe('step 1: eligibility', () => {
  it('a firm without the super deduction gets 0', () => {
    const r = evaluateOne({ revenue: '1亿', rd_expense: '300万', rd_expense_prev: '0', super_deduction: false });
    expect(r.entitlement).toBe('0.00');
    expect(r.kernel).toBe('0.00');
    expect(r.trace).toEqual([expect.objectContaining({ step: 'eligibility', branch: 'not eligible: no super deduction', result: '0.00' })]);
  });
});

describe('steps 2–3: increment award, above-scale tiers', () => {
  it('intensity 0.02 takes the first tier (10%)', () => {
    expect(entitlement({ revenue: '1亿', rd_expense: '200万', rd_expense_prev: '100万' })).toBe('100000.00');
  });
  it('a firm exactly on the 0.03 cut-off takes the higher tier (15%)', () => {
    const r = evaluateOne({ revenue: '1亿', rd_expense: '300万', rd_expense_prev: '200万' });
    expect(r.entitlement).toBe('150000.00');
    expect(r.kernel).toBe('150000.00');
    expect(step(r.trace, 'increment_award')?.branch).toBe('tier 2: min_intensity 0.03 ≤ intensity, rate 0.15');
    expect(step(r.trace, 'intensity')?.result).toBe('0.03');
  });
  it('a fen below the cut-off stays in the lower tier', () => {
    expect(entitlement({ revenue: '1亿', rd_expense: '2999999.99', rd_expense_prev: '1999999.99' })).toBe('100000.00');
  });
  it('exactly on 0.05 takes 20%', () => {
    expect(entitlement({ revenue: '1亿', rd_expense: '500万', rd_expense_prev: '400万' })).toBe('200000.00');
  });
  it('no increment (R&D fell) gives 0', () => {
    expect(entitlement({ revenue: '1亿', rd_expense: '300万', rd_expense_prev: '400万' })).toBe('0.00');
  });
  it('no tier applies when the lowest cut-off is above the intensity', () => {
    const reform = [{ path: 'rd_incentive.increment.tiers_above', value: [{ min_intensity: '0.01', rate: '0.1' }] }];
    const r = evaluateOne({ revenue: '10亿', rd_expense: '500万', rd_expense_prev: '0' }, reform);
    expect(r.entitlement).toBe('0.00');
    expect(r.kernel).toBe('0.00');
    expect(step(r.trace, 'increment_award')?.branch).toBe('no tier applies: rate 0');
  });
  it('cap_above exactly reached binds nothing; exceeded binds', () => {
    const reached = evaluateOne({ revenue: '5亿', rd_expense: '3000万', rd_expense_prev: '500万' });
    expect(reached.entitlement).toBe('5000000.00');
    expect(step(reached.trace, 'increment_award')?.bound).toBeUndefined();
    const exceeded = evaluateOne({ revenue: '5亿', rd_expense: '3500万', rd_expense_prev: '500万' });
    expect(exceeded.entitlement).toBe('5000000.00');
    expect(exceeded.kernel).toBe('5000000.00');
    expect(step(exceeded.trace, 'increment_award')?.bound).toBe('rd_incentive.increment.cap_above');
  });
});

describe('step 3: increment award, below-scale', () => {
  it('8% of the increment', () => {
    expect(entitlement({ scale: 'below', revenue: '1000万', rd_expense: '100万', rd_expense_prev: '50万' })).toBe('40000.00');
  });
  it('cap_below exactly reached and exceeded', () => {
    expect(entitlement({ scale: 'below', revenue: '1000万', rd_expense: '2500万', rd_expense_prev: '0' })).toBe('2000000.00');
    const r = evaluateOne({ scale: 'below', revenue: '1000万', rd_expense: '3000万', rd_expense_prev: '0' });
    expect(r.entitlement).toBe('2000000.00');
    expect(step(r.trace, 'increment_award')?.bound).toBe('rd_incentive.increment.cap_below');
  });
  it('revenue 0 is allowed below scale', () => {
    const r = evaluateOne({ scale: 'below', revenue: '0', rd_expense: '10万', rd_expense_prev: '0' });
    expect(r.entitlement).toBe('8000.00');
    expect(r.kernel).toBe('8000.00');
    expect(step(r.trace, 'intensity')?.result).toBe('undefined (revenue 0)');
  });
});

describe('steps 4–5: high-tech / gazelle award, the larger wins', () => {
  it('the high-tech award wins over a small increment award', () => {
    const r = evaluateOne({ revenue: '1亿', rd_expense: '200万', rd_expense_prev: '190万', high_tech: true });
    expect(r.entitlement).toBe('400000.00');
    expect(step(r.trace, 'base')?.branch).toBe('high-tech award is larger');
  });
  it('a gazelle firm qualifies the same way, and the high-tech cap binds', () => {
    const r = evaluateOne({ scale: 'below', revenue: '1000万', rd_expense: '300万', rd_expense_prev: '290万', gazelle: true });
    expect(r.entitlement).toBe('500000.00');
    expect(step(r.trace, 'high_tech_award')?.bound).toBe('rd_incentive.high_tech.cap');
  });
  it('the increment award wins over a capped high-tech award; they are not added', () => {
    expect(entitlement({ revenue: '1亿', rd_expense: '1000万', rd_expense_prev: '0', high_tech: true })).toBe('2000000.00');
  });
  it('equal awards count once', () => {
    // increment 250万 × 0.20 = 50万; high-tech 500万 × 0.20 = 100万, capped at 50万: 50万, not 100万
    expect(entitlement({ revenue: '1亿', rd_expense: '500万', rd_expense_prev: '250万', high_tech: true })).toBe('500000.00');
  });
});

describe('step 6: special award (above only)', () => {
  it('min_rd_expense exactly met', () => {
    expect(entitlement({ revenue: '20亿', rd_expense: '1亿', rd_expense_prev: '1亿' })).toBe('2000000.00');
  });
  it('min_rd_expense missed by a fen', () => {
    const r = evaluateOne({ revenue: '20亿', rd_expense: '99999999.99', rd_expense_prev: '99999999.99' });
    expect(r.entitlement).toBe('0.00');
    expect(r.kernel).toBe('0.00');
    expect(step(r.trace, 'special_award')?.branch).toBe('not met: rd_expense below special.min_rd_expense');
  });
  it('a decline of exactly max_decline is allowed, and the special cap binds', () => {
    const r = evaluateOne({ revenue: '30亿', rd_expense: '1.8亿', rd_expense_prev: '2亿' });
    expect(r.entitlement).toBe('3000000.00');
    expect(r.kernel).toBe('3000000.00');
    expect(step(r.trace, 'special_award')?.bound).toBe('rd_incentive.special.cap');
  });
  it('a decline a fen past max_decline is not', () => {
    expect(entitlement({ revenue: '30亿', rd_expense: '1.8亿', rd_expense_prev: '200000000.02' })).toBe('0.00');
  });
  it('intensity exactly min_intensity is met; a fen more revenue misses', () => {
    expect(entitlement({ revenue: '40亿', rd_expense: '1.2亿', rd_expense_prev: '1.2亿' })).toBe('2400000.00');
    expect(entitlement({ revenue: '4000000000.01', rd_expense: '1.2亿', rd_expense_prev: '1.2亿' })).toBe('0.00');
  });
  it('below-scale firms never get it', () => {
    const r = evaluateOne({ scale: 'below', revenue: '40亿', rd_expense: '1.2亿', rd_expense_prev: '1.2亿' });
    expect(r.entitlement).toBe('0.00');
    expect(step(r.trace, 'special_award')).toBeUndefined();
  });
});

describe('step 7: firm cap and rounding', () => {
  it('increment cap + special cap exactly reach the firm cap', () => {
    const r = evaluateOne({ revenue: '30亿', rd_expense: '2亿', rd_expense_prev: '1亿' });
    expect(r.entitlement).toBe('8000000.00');
    expect(step(r.trace, 'firm_cap')?.bound).toBeUndefined();
  });
  it('the firm cap binds when the parts exceed it', () => {
    const r = evaluateOne({ revenue: '30亿', rd_expense: '2亿', rd_expense_prev: '1亿' }, [
      { path: 'rd_incentive.increment.cap_above', value: '600万' },
    ]);
    expect(r.entitlement).toBe('8000000.00');
    expect(r.kernel).toBe('8000000.00');
    expect(step(r.trace, 'firm_cap')?.bound).toBe('rd_incentive.firm_cap');
  });
  it('rounds down to the fen, once, at the end', () => {
    // 12,345.67 × 0.08 = 987.6536 → 987.65
    const r = evaluateOne({ scale: 'below', revenue: '100万', rd_expense: '12345.67', rd_expense_prev: '0' });
    expect(r.entitlement).toBe('987.65');
    expect(r.kernel).toBe('987.65');
    expect(step(r.trace, 'increment_award')?.result).toBe('987.6536');
    expect(step(r.trace, 'rounding')?.branch).toBe('rounded down by 0.0036');
  });
  it('rounds down to a larger unit when the parameter says so', () => {
    expect(
      entitlement({ scale: 'below', revenue: '100万', rd_expense: '12345.67', rd_expense_prev: '0' }, [
        { path: 'rd_incentive.rounding_unit', value: '100' },
      ]),
    ).toBe('900.00');
  });
  it('the trace cites each parameter with its source and assumption flag', () => {
    const r = evaluateOne({ revenue: '1亿', rd_expense: '300万', rd_expense_prev: '200万' });
    expect(step(r.trace, 'increment_award')?.parameters).toEqual([
      expect.objectContaining({ path: 'rd_incentive.increment.tiers_above', assumption: true }),
      { path: 'rd_incentive.increment.cap_above', value: '5000000.00', source: 'letter 一(一)三', assumption: false },
    ]);
  });
});

// Random firms and random reforms: the fast kernel must equal the decimal reference exactly,
// including amounts beyond its safe-integer range and rates with many decimals.
const amount = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000_000 }),
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.constantFrom(0, 300_000_000, 10_000_000_000, 2_000_000_000_000),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const rate = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((n) => (n / 100).toFixed(2)),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => `0.${String(n).padStart(6, '0')}`),
  fc.integer({ min: 0, max: 10 ** 12 }).map((n) => `0.${String(n).padStart(12, '0')}`),
);
const firmRecord = fc.record({
  id: fc.uuid(),
  scale: fc.constantFrom('above', 'below'),
  revenue: amount,
  rd_expense: amount,
  rd_expense_prev: amount,
  high_tech: fc.boolean(),
  gazelle: fc.boolean(),
  super_deduction: fc.boolean(),
});
const reform = fc.record(
  {
    rate_below: rate,
    high_tech_rate: rate,
    special_rate: rate,
    cap_above: fc.integer({ min: 0, max: 10 ** 12 }),
    firm_cap: fc.integer({ min: 0, max: 10 ** 12 }),
    unit: fc.constantFrom(1, 10, 100, 1000),
  },
  { requiredKeys: [] },
);

describe('the fast kernel equals the decimal reference', () => {
  it('on random firms and random reforms (property)', () => {
    fc.assert(
      fc.property(fc.array(firmRecord, { minLength: 1, maxLength: 20 }), reform, (firms, r) => {
        const records = firms.map((f) => ({
          ...f,
          revenue: f.scale === 'above' && f.revenue === 0 ? '1' : (f.revenue / 100).toFixed(2),
          rd_expense: (f.rd_expense / 100).toFixed(2),
          rd_expense_prev: (f.rd_expense_prev / 100).toFixed(2),
        }));
        const table = unwrap(enterprisesFromRecords(records));
        const overrides: Override[] = [];
        if (r.rate_below !== undefined) overrides.push({ path: 'rd_incentive.increment.rate_below', value: r.rate_below });
        if (r.high_tech_rate !== undefined) overrides.push({ path: 'rd_incentive.high_tech.rate', value: r.high_tech_rate });
        if (r.special_rate !== undefined) overrides.push({ path: 'rd_incentive.special.rate', value: r.special_rate });
        if (r.cap_above !== undefined) overrides.push({ path: 'rd_incentive.increment.cap_above', value: (r.cap_above / 100).toFixed(2) });
        if (r.firm_cap !== undefined) overrides.push({ path: 'rd_incentive.firm_cap', value: (r.firm_cap / 100).toFixed(2) });
        if (r.unit !== undefined) overrides.push({ path: 'rd_incentive.rounding_unit', value: (r.unit / 100).toFixed(2) });
        const rule = unwrap(resolveRdRule(DATE, overrides));
        const bound = new Uint8Array(table.count);
        const fast = computeEntitlements(table, rule, bound);
        for (let i = 0; i < table.count; i++) {
          const trace: TraceStep[] = [];
          expect(fast[i]).toBe(explainEntitlement(table, i, rule, trace));
          const bits = { increment_award: 1, high_tech_award: 2, special_award: 4, firm_cap: 8 } as Record<string, number>;
          const expected = trace.reduce((flags, s) => (s.bound === undefined ? flags : flags | (bits[s.step] ?? 0)), 0);
          expect(bound[i]).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('exact for any amount and any rate a person can write', () => {
  it('a 16-digit amount in fen times a 22-digit rate loses no digit', () => {
    // 10,000,000,000,000.00 × 0.9999999999999999999999 = 9,999,999,999,999.9999999999 → 9,999,999,999,999.99.
    // At decimal.js's default 20 significant digits the product rounds up to 10,000,000,000,000.
    const r = evaluateOne({ scale: 'below', revenue: '0', rd_expense: '10000000000000', rd_expense_prev: '0' }, [
      { path: 'rd_incentive.increment.rate_below', value: '0.9999999999999999999999' },
      { path: 'rd_incentive.increment.cap_below', value: '10000000000000' },
      { path: 'rd_incentive.firm_cap', value: '10000000000000' },
    ]);
    expect(r.entitlement).toBe('9999999999999.99');
    expect(r.kernel).toBe('9999999999999.99');
  });
});

describe('where float64 goes wrong, exact does not', () => {
  it('a firm exactly at 5% intensity takes the 20% tier (float64 computes 0.049999999999999996)', () => {
    expect(16353138.45 / 327062769).toBeLessThan(0.05);
    const r = evaluateOne({ revenue: '327062769', rd_expense: '16353138.45', rd_expense_prev: '0' });
    expect(r.entitlement).toBe('3270627.69');
    expect(r.kernel).toBe('3270627.69');
  });
});
