import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagui, VECTORS } from './bagui.js';

/**
 * The conformance vectors of docs/rd-incentive.md (stored once, in packages/core/src/programmes/rd-incentive/fixtures/vectors/): 67 firms,
 * budget 20,000,000, every method; every figure must match to the fen.
 */
interface Expected {
  budget: string;
  method: string;
  totals: { entitlement: string; awarded: string; unallocated: string; enterprises: number };
  enterprises: { id: string; entitlement: string; award: string }[];
}

const FIRMS = join(VECTORS, 'rd-enterprises-67.csv');
const METHODS = ['pro_rata', 'uniform_cap', 'ranked'] as const;

function expected(method: string): Expected {
  return JSON.parse(readFileSync(join(VECTORS, `rd-expected-${method}-20000000.json`), 'utf8')) as Expected;
}

describe.each(METHODS)('conformance vectors, --method %s --budget 20000000', (method) => {
  const want = expected(method);
  const args = ['evaluate', 'rd_incentive', '--enterprises', FIRMS, '--budget', '20000000', '--method', method, '--date', '2024-06-30'];

  it("prints every firm's entitlement and award, and the totals, to the fen (JSON)", async () => {
    const { code, stdout, stderr } = await bagui(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const got = JSON.parse(stdout) as Omit<Expected, 'enterprises'> & {
      program: string;
      enterprises: { id: string; entitlement: string; award: string; trace: unknown[] }[];
    };
    expect(got.program).toBe('rd_incentive');
    expect(got.budget).toBe(want.budget);
    expect(got.method).toBe(method);
    expect(got.totals).toEqual(want.totals);
    expect(got.enterprises.map(({ id, entitlement, award }) => ({ id, entitlement, award }))).toEqual(want.enterprises);
    expect(got.enterprises.every((e) => e.trace.length > 0)).toBe(true);
  });

  it('prints the same awards as CSV', async () => {
    const { code, stdout } = await bagui([...args, '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toBe('id,name,scale,entitlement,award,explanation');
    // id, name and scale never hold a comma or a quote in this file, so the first five cells split plainly.
    const got = rows.map((row) => {
      const [id = '', , , entitlement = '', award = ''] = row.split(',');
      return { id, entitlement, award };
    });
    expect(got).toEqual(want.enterprises);
  });
});
