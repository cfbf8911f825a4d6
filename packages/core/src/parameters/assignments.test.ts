import { describe, expect, it } from 'vitest';
import { parseAssignments } from './assignments.js';

describe('parseAssignments', () => {
  it('reads PATH=VALUE in order, the value as text (a tier list, an amount with its unit), the path trimmed', () => {
    expect(parseAssignments([' rd_incentive.firm_cap =800万', 'a.b=[{"min_intensity":"0","rate":"0.1"}]', 'x=a=b'])).toEqual({
      overrides: [
        { path: 'rd_incentive.firm_cap', value: '800万' },
        { path: 'a.b', value: '[{"min_intensity":"0","rate":"0.1"}]' },
        { path: 'x', value: 'a=b' },
      ],
      problems: [],
    });
  });

  it('names every text that is not PATH=VALUE, and keeps the others', () => {
    const read = parseAssignments(['rd_incentive.firm_cap', '=5', 'a=1']);
    expect(read.overrides).toEqual([{ path: 'a', value: '1' }]);
    expect(read.problems.map((p) => [p.code, p.message, p.location?.value])).toEqual([
      ['OVERRIDE.SHAPE', 'expected PATH=VALUE, e.g. rd_incentive.firm_cap=8000000', 'rd_incentive.firm_cap'],
      ['OVERRIDE.SHAPE', 'expected PATH=VALUE, e.g. rd_incentive.firm_cap=8000000', '=5'],
    ]);
  });
});
