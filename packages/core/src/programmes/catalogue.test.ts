import { describe, expect, it } from 'vitest';
import { findProgramme, parameterRegistry, PROGRAMME_KEYS, PROGRAMMES, programmeOfParameter, programmeRegistry } from './catalogue.js';

describe('the programme catalogue', () => {
  it('holds the seven programmes of the letter, in the order of fiscal-items.md', () => {
    expect(PROGRAMME_KEYS).toEqual([
      'guidance_fund',
      'tech_upgrade',
      'rd_incentive',
      'nev_support',
      'hitech_zones',
      'talent',
      'digital_subsidy',
    ]);
    expect(findProgramme('talent')?.label.zh).toBe('自治区重大人才项目');
    expect(findProgramme('roads')).toBeUndefined();
  });

  it('every programme uses the shared envelope methods', () => {
    for (const p of PROGRAMMES) expect([...p.methods].sort()).toEqual(['pro_rata', 'ranked', 'uniform_cap']);
  });

  it("one registry over every programme's parameters, each path defined once and owned by its programme", () => {
    const paths = parameterRegistry.definitions().map((d) => d.path);
    expect(paths).toHaveLength(PROGRAMMES.reduce((n, p) => n + p.parameters.length, 0));
    for (const path of paths) expect(path.startsWith(`${programmeOfParameter(path)?.key ?? '?'}.`)).toBe(true);
  });

  it("a programme's own registry resolves on dates another programme has no values for", () => {
    // rd_incentive's rules are in force from 2019-07-01; the guidance fund's only from 2021-01-01.
    expect(programmeRegistry('rd_incentive').resolve('2019-12-31').ok).toBe(true);
    expect(parameterRegistry.resolve('2019-12-31').ok).toBe(false);
    expect(() => programmeRegistry('roads')).toThrow('no programme roads');
  });
});
