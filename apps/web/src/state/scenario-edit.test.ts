import { GUANGXI_2021, parseScenario } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { addSource, clearOverride, overrideOf, removeSource, setEnvelope, setFunding, setOverride, setSource } from './scenario-edit';

describe('scenario edits', () => {
  it('set and clear a programme’s parameter without touching the original file', () => {
    const edited = setOverride(GUANGXI_2021, 'rd_incentive', { path: 'rd_incentive.increment.cap_above', value: '8000000.00' });
    expect(overrideOf(edited, 'rd_incentive', 'rd_incentive.increment.cap_above')?.value).toBe('8000000.00');
    expect(overrideOf(GUANGXI_2021, 'rd_incentive', 'rd_incentive.increment.cap_above')).toBeUndefined();
    const again = setOverride(edited, 'rd_incentive', { path: 'rd_incentive.increment.cap_above', value: '9000000.00' });
    expect(again.programmes.find((p) => p.programme === 'rd_incentive')?.reform).toHaveLength(1);
    const cleared = clearOverride(again, 'rd_incentive', 'rd_incentive.increment.cap_above');
    expect(cleared.programmes.find((p) => p.programme === 'rd_incentive')).not.toHaveProperty('reform');
    expect(parseScenario(cleared).ok).toBe(true);
  });

  it('keeps a single source’s amount equal to a new envelope, so the file stays valid', () => {
    const edited = setEnvelope(GUANGXI_2021, 'talent', '2亿');
    expect(edited.programmes.find((p) => p.programme === 'talent')?.funding).toEqual({ talent_fund: '2亿' });
    expect(parseScenario(edited).ok).toBe(true);
  });

  it('leaves a split of several sources to the person, and core says by how much it is off', () => {
    const edited = setEnvelope(GUANGXI_2021, 'nev_support', '16亿');
    const parsed = parseScenario(edited);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]?.code).toBe('FUNDING.SPLIT_MISMATCH');
    const fixed = setFunding(edited, 'nev_support', 'innovation_fund', '6亿');
    expect(parseScenario(fixed).ok).toBe(true);
  });

  it('renames a source everywhere it funds, and removes it everywhere', () => {
    const index = GUANGXI_2021.sources.findIndex((s) => s.key === 'talent_fund');
    const renamed = setSource(GUANGXI_2021, index, 'key', 'talent_money');
    expect(renamed.programmes.find((p) => p.programme === 'talent')?.funding).toEqual({ talent_money: '1.56亿' });
    expect(parseScenario(renamed).ok).toBe(true);
    const added = addSource(renamed);
    expect(added.sources.at(-1)?.key).toBe(`source_${GUANGXI_2021.sources.length + 1}`);
    const removed = removeSource(renamed, index);
    expect(removed.programmes.find((p) => p.programme === 'talent')?.funding).toEqual({});
  });
});
