import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey, findSyntaxFault, isExact, lineAndColumn, parseJsonExactly, readJsonExactly } from '../src/http/json.js';
import { HttpProblem } from '../src/http/problem.js';

const validJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('reading JSON exactly', () => {
  it('keeps numbers a double holds exactly, and turns the others into their text', () => {
    expect(parseJsonExactly('{"a": 20000000.50, "b": [0.1, -3, 0]}')).toEqual({ a: 20000000.5, b: [0.1, -3, 0] });
    expect(parseJsonExactly('{"a": 80000000000000.01, "b": 1e6, "c": "1e6", "d": 9007199254740993}')).toEqual({
      a: '80000000000000.01',
      b: '1e6',
      c: '1e6',
      d: '9007199254740993',
    });
    expect(parseJsonExactly('12345678901234567.89')).toBe('12345678901234567.89');
    expect(parseJsonExactly('"5,000,000"')).toBe('5,000,000');
  });

  it('never changes a string, whatever it holds', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const reread = parseJsonExactly(text);
        // Only numbers can change, and only into the text they were written as.
        expect(JSON.stringify(reread, (_k, v: unknown) => (typeof v === 'string' && /^-?\d/u.test(v) ? Number(v) : v))).toBe(
          JSON.stringify(JSON.parse(text), (_k, v: unknown) => (typeof v === 'string' && /^-?\d/u.test(v) ? Number(v) : v)),
        );
      }),
    );
  });

  it('tells exact decimals from inexact ones', () => {
    expect(['0', '-0.5', '20000000.50', '0.10', '70000000000000.01'].map(isExact)).toEqual([true, true, true, true, true]);
    const inexact = ['80000000000000.01', '90071992547409.91', '1e6', '9007199254740993', '0.1000000000000000055511151231257827', '1E2'];
    expect(inexact.map(isExact)).toEqual(inexact.map(() => false));
  });
});

describe('locating JSON syntax errors', () => {
  it('agrees with JSON.parse on what is valid, for any text', () => {
    const nearJson = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
      fc
        .tuple(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.nat(),
          fc.constantFrom('', ',', '}', ']', '"', ':', 'x', ' ', '\n'),
        )
        .map(([t, i, c]) => {
          const at = t.length === 0 ? 0 : i % t.length;
          return t.slice(0, at) + c + t.slice(at + 1);
        }),
    );
    fc.assert(
      fc.property(nearJson, (text) => {
        expect(findSyntaxFault(text) === undefined).toBe(validJson(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('points at the first offending character, by line and column', () => {
    const text = '{\n  "budget": "1",\n  "enterprises": [}';
    expect(findSyntaxFault(text)).toEqual({
      offset: text.indexOf('}', 20),
      expected: 'a value (object, array, string, number, true, false or null)',
    });
    expect(lineAndColumn(text, text.indexOf('}', 20))).toEqual({ line: 3, column: 19 });
    expect(findSyntaxFault('{"a": 1,}')).toEqual({ offset: 8, expected: 'a property name in double quotes' });
    expect(findSyntaxFault('[1 2]')).toEqual({ offset: 3, expected: "',' or ']'" });
    expect(findSyntaxFault('{} x')).toEqual({ offset: 3, expected: 'the end of the body after the JSON value' });
  });

  it('survives deep nesting without overflowing the stack', () => {
    expect(findSyntaxFault('['.repeat(200_000))).toEqual({
      offset: 200_000,
      expected: 'a value (object, array, string, number, true, false or null)',
    });
  });

  it('refuses malformed JSON with a located problem', () => {
    expect(() => parseJsonExactly('{"a": tru}')).toThrow(HttpProblem);
    try {
      parseJsonExactly('{"a": tru}');
    } catch (error) {
      expect((error as HttpProblem).errors).toEqual([
        {
          code: 'JSON.SYNTAX',
          message: 'expected a value (object, array, string, number, true, false or null) at line 1, column 7, found "tru}"',
          line: 1,
          column: 7,
        },
      ]);
    }
  });
});

describe('a key given twice', () => {
  it('is refused, at its pointer, line and column: JSON.parse would keep the last silently', () => {
    const text = '{"budget": "1",\n "enterprises": [{"id": "E1", "revenue": "1"}, {"id": "E2", "revenue": "2", "revenue": "3"}]}';
    expect(readJsonExactly(text)).toEqual({
      ok: false,
      path: ['enterprises', 1, 'revenue'],
      problem: {
        code: 'JSON.DUPLICATE_KEY',
        message: '"revenue" is given twice in one object (line 2, column 77): give each field once',
        pointer: '#/enterprises/1/revenue',
        line: 2,
        column: 77,
      },
    });
    expect(() => parseJsonExactly('{"budget": "1", "budget": "2"}')).toThrow(HttpProblem);
  });

  it('is not confused by colons inside strings, the same key in sibling objects, or keys that escape alike', () => {
    expect(parseJsonExactly('{"a": "x:y", "b": [{"a": 1}, {"a": 2}], "c": {"a": "1:2:3"}}')).toEqual({
      a: 'x:y',
      b: [{ a: 1 }, { a: 2 }],
      c: { a: '1:2:3' },
    });
    expect(findDuplicateKey('{"a": "x:y", "b": [{"a": 1}, {"a": 2}]}')).toBeUndefined();
    expect(findDuplicateKey('{"\\\\u0061": 1, "a": 2}')).toBeUndefined();
    expect(findDuplicateKey('{"\\u0061": 1, "a": 2}')).toEqual({ offset: 14, path: ['a'] });
    expect(findDuplicateKey('[[], {"x": {}, "y": [true, null, {"k": false, "k": 1}]}]')).toEqual({ offset: 46, path: [1, 'y', 2, 'k'] });
  });

  it('finds a key written twice anywhere, at its path, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.jsonValue(), fc.jsonValue(), (around, key, first, second) => {
        // An object with `key` twice, placed inside an array beside any JSON value.
        const inner = `{${JSON.stringify(key)}: ${JSON.stringify(first)}, ${JSON.stringify(key)}: ${JSON.stringify(second)}}`;
        const text = `[${JSON.stringify(around)}, ${inner}]`;
        expect(findDuplicateKey(text)?.path).toEqual([1, key]);
        const read = readJsonExactly(text);
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.problem.code).toBe('JSON.DUPLICATE_KEY');
      }),
    );
  });

  it('agrees with a key count on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(findDuplicateKey(text)).toBeUndefined();
        expect(readJsonExactly(text).ok).toBe(true);
      }),
    );
  });
});
