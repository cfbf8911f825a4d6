import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../errors/index.js';
import { fen, formatJson } from '../../money/index.js';
import { evaluateRdIncentive, parseEnterprisesCsv, resolveRdRule, toJsonObject } from './index.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/vectors/${name}`, import.meta.url), 'utf8');

interface Expected {
  budget: string;
  method: 'pro_rata' | 'uniform_cap' | 'ranked';
  totals: { entitlement: string; awarded: string; unallocated: string; enterprises: number };
  enterprises: { id: string; entitlement: string; award: string }[];
}

describe('conformance vectors (../shared/domain/vectors), through the core', () => {
  const table = unwrap(parseEnterprisesCsv(fixture('rd-enterprises-67.csv')));
  const rule = unwrap(resolveRdRule('2021-06-30'));

  it.each(['pro_rata', 'uniform_cap', 'ranked'] as const)('%s with a budget of 20,000,000 reproduces every figure to the fen', (method) => {
    const expected = JSON.parse(fixture(`rd-expected-${method}-20000000.json`)) as Expected;
    const evaluation = evaluateRdIncentive(table, rule, { budget: fen(2_000_000_000), method });
    const json = toJsonObject(evaluation) as unknown as Expected & { program: string };
    expect(json.program).toBe('rd_incentive');
    expect(json.budget).toBe(expected.budget);
    expect(json.method).toBe(expected.method);
    expect(json.totals).toEqual(expected.totals);
    expect(json.enterprises.map(({ id, entitlement, award }) => ({ id, entitlement, award }))).toEqual(expected.enterprises);
    const awarded = Array.from(evaluation.allocation.awards).reduce((a, b) => a + b, 0);
    expect(formatJson(awarded + evaluation.allocation.unallocated)).toBe('20000000.00');
  });
});
