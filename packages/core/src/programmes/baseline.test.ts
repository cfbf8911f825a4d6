import { describe, expect, it } from 'vitest';
import { yuan } from '../money/index.js';
import { baselineProblemAt, resolveBaseline } from './baseline.js';
import { findProgramme } from './catalogue.js';
import { rdIncentiveProgramme } from './rd-incentive/programme.js';

const talent = findProgramme('talent');

describe('resolveBaseline', () => {
  it('resolves the envelope, the default method and the parameters in force on the date', () => {
    const r = resolveBaseline(rdIncentiveProgramme, { budget: '20000000' }, '2021-06-30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.method).toBe('pro_rata');
    expect(r.value.date).toBe('2021-06-30');
    expect(r.value.budget).toBe(yuan(20_000_000));
  });

  it('reports every problem at once, each with its setting first in its path', () => {
    const r = resolveBaseline(
      rdIncentiveProgramme,
      { budget: '-1', method: 'lottery', overrides: [{ path: 'rd_incentive.nope', value: '1' }] },
      '2021-06-30',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.location?.path?.[0]])).toEqual([
      [r.problems[0]?.code, 'budget'],
      ['METHOD.UNKNOWN', 'method'],
      [r.problems[2]?.code, 'overrides'],
    ]);
    expect(baselineProblemAt(r.problems[1]!)).toEqual({
      setting: 'method',
      problem: { code: 'METHOD.UNKNOWN', message: expect.any(String), location: { value: 'lottery' } },
    });
  });

  it('refuses a missing envelope and a date with no parameters', () => {
    const r = resolveBaseline(talent!, { budget: undefined, date: '1990-01-01' }, '2021-06-30');
    expect(r.ok ? [] : r.problems.map((p) => baselineProblemAt(p).setting)).toEqual(['budget', 'date']);
    expect(r.ok ? undefined : r.problems[0]?.code).toBe('BUDGET.REQUIRED');
  });
});
