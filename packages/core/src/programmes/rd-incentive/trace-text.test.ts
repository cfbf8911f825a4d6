import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../errors/index.js';
import { fen, formatJson } from '../../money/index.js';
import type { Override } from '../../parameters/index.js';
import { shareTextReference } from '../common/envelope.js';
import { fixedText, intensityText, shareText } from '../common/trace-text.js';
import { intensityTextReference } from './explain.js';
import {
  enterprisesFromRecords,
  evaluateRdIncentive,
  GENERATED_HEADER,
  generateEnterpriseRows,
  parseEnterprisesCsv,
  resolveRdRule,
  toCsvChunks,
  toJsonChunks,
} from './index.js';
import { ByteChunks } from '../common/bytes.js';
import { compactTrace, summarizeTrace } from './evaluate.js';

/**
 * The fast trace (trace-text.ts, common/trace-text.ts: formatted from the kernel's integers) is
 * held to the reference (explain.ts and envelope.ts in decimal.js), byte for byte.
 */

const amount = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000_000 }),
  fc.integer({ min: 0, max: 100 }),
  fc.constantFrom(0, 1, 99, 100, 300_000_000, 1_000_000_000_000),
  fc.integer({ min: 0, max: 9_000_000_000_000 }),
);

describe('figures written from integers equal the decimal.js ones', () => {
  it('fixedText is show(n / 10^k)', () => {
    expect(fixedText(0, 2)).toBe('0.00');
    expect(fixedText(5, 2)).toBe('0.05');
    expect(fixedText(1234500, 5)).toBe('12.345');
    expect(fixedText(1000000, 4)).toBe('100.00');
  });

  it('intensityText: the exact quotient to 20 digits, shown to 8, ≈ when they differ', () => {
    expect(intensityText(3, 100)).toBe(intensityTextReference(3, 100));
    expect(intensityText(1, 3)).toBe('≈0.33333333');
    expect(intensityText(5, 0)).toBe('undefined (revenue 0)');
    fc.assert(
      fc.property(amount, amount, (rd, revenue) => {
        expect(intensityText(rd, revenue)).toBe(intensityTextReference(rd, revenue));
      }),
      { numRuns: 3000 },
    );
  });

  it('intensityText on quotients near a rounding boundary (…9999 and …5 digits)', () => {
    for (const [rd, revenue] of [
      [99999999, 100000000],
      [999999995, 1000000000],
      [1, 7],
      [2, 3],
      [123456785, 1000000000],
      [1234567850, 10],
    ] as const) {
      expect(intensityText(rd, revenue)).toBe(intensityTextReference(rd, revenue));
    }
  });

  it('shareText: e × B / E in yuan as the envelope step shows it', () => {
    expect(shareText(100, 50, 100)).toBe(shareTextReference(100, 50, 100));
    expect(shareText(1, 1, 3)).toBe('≈0.003333');
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 1, max: 9_000_000_000_000_000 }), (e, b, total) => {
        expect(shareText(e, b, total)).toBe(shareTextReference(e, b, total));
      }),
      { numRuns: 3000 },
    );
  });
});

const firm = fc.record({
  scale: fc.constantFrom('above', 'below'),
  revenue: amount,
  rd_expense: amount,
  rd_expense_prev: amount,
  high_tech: fc.boolean(),
  gazelle: fc.boolean(),
  super_deduction: fc.oneof(fc.constant(true), fc.constant(true), fc.boolean()),
});

/** Reforms that move the caps, rates and the unit, so bounds and roundings of every kind happen. */
const reform = fc.oneof(
  fc.constant<Override[]>([]),
  fc.constant<Override[]>([{ path: 'rd_incentive.increment.cap_above', value: '1万' }]),
  fc.constant<Override[]>([
    { path: 'rd_incentive.high_tech.rate', value: '0.1234' },
    { path: 'rd_incentive.rounding_unit', value: '100' },
  ]),
  fc.constant<Override[]>([{ path: 'rd_incentive.firm_cap', value: '5万' }]),
  fc.constant<Override[]>([{ path: 'rd_incentive.special.min_rd_expense', value: '0' }]),
);

describe('an evaluation’s trace text equals JSON.stringify of its reference trace', () => {
  it('on generated populations, rules and methods, JSON and CSV', () => {
    fc.assert(
      fc.property(
        fc.array(firm, { minLength: 1, maxLength: 25 }),
        reform,
        fc.constantFrom('pro_rata', 'uniform_cap', 'ranked'),
        fc.integer({ min: 0, max: 50_000_000 }),
        (firms, overrides, method, budget) => {
          const records = firms.map((f, n) => ({
            id: `F${n}`,
            ...f,
            revenue: String((f.scale === 'above' ? Math.max(1, f.revenue) : f.revenue) / 100),
            rd_expense: String(f.rd_expense / 100),
            rd_expense_prev: String(f.rd_expense_prev / 100),
          }));
          const table = unwrap(enterprisesFromRecords(records));
          const rule = unwrap(resolveRdRule('2021-06-30', overrides));
          const evaluation = evaluateRdIncentive(table, rule, { budget: fen(budget), method });
          for (let i = 0; i < table.count; i++) {
            const reference = evaluation.trace(i);
            expect(evaluation.traceJson(i)).toBe(JSON.stringify(reference));
            expect(evaluation.traceSummary(i)).toBe(summarizeTrace(reference));
            const compact = new ByteChunks(64);
            evaluation.writeTrace(i, compact, true);
            expect(new TextDecoder().decode(compact.take())).toBe(JSON.stringify(compactTrace(reference)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on a generated population of 2,000 firms, the whole JSON and CSV answers', () => {
    const table = unwrap(parseEnterprisesCsv(`${GENERATED_HEADER}\n${[...generateEnterpriseRows(2000, 7)].join('')}`));
    const rule = unwrap(resolveRdRule('2021-06-30'));
    for (const method of ['pro_rata', 'uniform_cap', 'ranked'] as const) {
      const evaluation = evaluateRdIncentive(table, rule, { budget: fen(40_000_000_00), method });
      const json = [...toJsonChunks(evaluation)].join('');
      // The writer before trace-text.ts: JSON.stringify of each row object, the reference trace in it.
      const rows = Array.from({ length: table.count }, (_, i) =>
        JSON.stringify({
          id: table.ids[i],
          entitlement: formatJson(evaluation.entitlements[i] ?? 0),
          award: formatJson(evaluation.allocation.awards[i] ?? 0),
          trace: evaluation.trace(i),
        }),
      );
      expect(json.slice(json.indexOf('"enterprises": [') + 16)).toBe(`${rows.map((r) => `\n    ${r}`).join(',')}\n  ]\n}\n`);
      const csv = [...toCsvChunks(evaluation)].join('').split('\n');
      expect(csv).toHaveLength(table.count + 2);
      for (let i = 0; i < table.count; i += 97) expect(csv[i + 1]).toContain(summarizeTrace(evaluation.trace(i)).replaceAll('"', '""'));
    }
  });
});

describe('trace=compact', () => {
  it('lists the parameters once and keeps every figure, branch and bound of each step', () => {
    const table = unwrap(parseEnterprisesCsv(`${GENERATED_HEADER}\n${[...generateEnterpriseRows(300, 11)].join('')}`));
    const rule = unwrap(resolveRdRule('2021-06-30'));
    const evaluation = evaluateRdIncentive(table, rule, { budget: fen(1_000_000_00), method: 'ranked' });
    const full = JSON.parse([...toJsonChunks(evaluation)].join('')) as { enterprises: { trace: Record<string, unknown>[] }[] };
    const compact = JSON.parse([...toJsonChunks(evaluation, { trace: 'compact' })].join('')) as {
      trace: string;
      parameters: { path: string }[];
      enterprises: { trace: Record<string, unknown>[] }[];
    };
    expect(compact.trace).toBe('compact');
    const cited = new Set(
      full.enterprises.flatMap((e) => e.trace.flatMap((s) => ((s.parameters ?? []) as { path: string }[]).map((p) => p.path))),
    );
    expect(new Set(compact.parameters.map((p) => p.path))).toEqual(new Set([...cited, ...compact.parameters.map((p) => p.path)]));
    expect(compact.enterprises).toEqual(
      full.enterprises.map((e) => ({ ...e, trace: e.trace.map(({ rule: _r, parameters: _p, ...rest }) => rest) })),
    );
  });
});
