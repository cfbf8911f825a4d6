import { describe, expect, it } from 'vitest';
import { etagOf, ifMatchRevisions } from './etag.js';

const ID = 's_7k2m9q4rt8v3hzpa';

describe('ETags', () => {
  it('name the scenario and its revision, quoted (strong)', () => {
    expect(etagOf(ID, 3)).toBe('"s_7k2m9q4rt8v3hzpa.3"');
  });

  it.each([
    ['*', 'any'],
    [' * ', 'any'],
    ['"s_7k2m9q4rt8v3hzpa.3"', [3]],
    ['"s_7k2m9q4rt8v3hzpa.3", "s_7k2m9q4rt8v3hzpa.4"', [3, 4]],
    ['"other", "s_7k2m9q4rt8v3hzpa.12"', [12]],
    // Weak tags never match in If-Match (RFC 9110 §13.1.1).
    ['W/"s_7k2m9q4rt8v3hzpa.3"', []],
    ['"s_0000000000000000.3"', []],
    ['"s_7k2m9q4rt8v3hzpa.0"', []],
    ['"s_7k2m9q4rt8v3hzpa.x"', []],
    ['s_7k2m9q4rt8v3hzpa.3', []],
    ['', []],
  ])('If-Match %j accepts %j', (field, expected) => {
    expect(ifMatchRevisions(field, ID)).toEqual(expected);
  });
});
