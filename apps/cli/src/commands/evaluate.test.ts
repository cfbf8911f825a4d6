import { problem } from '@bagui/core/errors';
import { describe, expect, it } from 'vitest';
import { describeFileProblems } from '../applicants-file.js';

describe('describeFileProblems', () => {
  const at = (line: number) => problem('X', 'x', { line });

  it('counts invalid rows once each, apart from the header', () => {
    expect(describeFileProblems([at(3), at(3), at(7)])).toBe('2 invalid rows');
    expect(describeFileProblems([at(2)])).toBe('1 invalid row');
    expect(describeFileProblems([at(1), at(1)])).toBe('an invalid header');
    expect(describeFileProblems([at(1), at(4)])).toBe('an invalid header and 1 invalid row');
  });

  it('says "at least" when core stopped listing problems', () => {
    expect(describeFileProblems([at(2), at(5), problem('PROBLEMS.TRUNCATED', '9 more problems')])).toBe('at least 2 invalid rows');
  });
});
