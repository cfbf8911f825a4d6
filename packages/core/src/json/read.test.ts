import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Problem, Result } from '../errors/index.js';
import { findStructureFault, findSyntaxFault, isExactNumber, lineAndColumn, MAX_JSON_DEPTH, readJson } from './read.js';
import { recordOf } from './record.js';

/** The value read, or a test failure naming the problems. */
function parseJsonExactly(text: string): unknown {
  const read = readJson(text);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}

function problemsOf(read: Result<unknown>): readonly Problem[] {
  return read.ok ? [] : read.problems;
}

const findDuplicateKey = (text: string): { offset: number; path: readonly (string | number)[] } | undefined => {
  const found = findStructureFault(text);
  return found === undefined ? undefined : { offset: found.offset, path: found.path };
};

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
    expect(['0', '-0.5', '20000000.50', '0.10', '70000000000000.01'].map(isExactNumber)).toEqual([true, true, true, true, true]);
    const inexact = ['80000000000000.01', '90071992547409.91', '1e6', '9007199254740993', '0.1000000000000000055511151231257827', '1E2'];
    expect(inexact.map(isExactNumber)).toEqual(inexact.map(() => false));
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
    expect(findSyntaxFault('{} x')).toEqual({ offset: 3, expected: 'nothing after the JSON value' });
  });

  it('survives deep nesting without overflowing the stack', () => {
    expect(findSyntaxFault('['.repeat(200_000))).toEqual({
      offset: 200_000,
      expected: 'a value (object, array, string, number, true, false or null)',
    });
  });

  it('refuses malformed JSON with a located problem', () => {
    expect(readJson('{"a": tru}')).toEqual({
      ok: false,
      problems: [
        {
          code: 'JSON.SYNTAX',
          message: 'expected a value (object, array, string, number, true, false or null) at line 1, column 7, found "tru}"',
          location: { line: 1, column: 7 },
        },
      ],
    });
    expect(problemsOf(readJson('{"a": [1, 2'))[0]?.message).toBe("expected ',' or ']' at line 1, column 12, found the end of the text");
  });
});

describe('a key given twice', () => {
  it('is refused, at its pointer, line and column: JSON.parse would keep the last silently', () => {
    const text = '{"budget": "1",\n "enterprises": [{"id": "E1", "revenue": "1"}, {"id": "E2", "revenue": "2", "revenue": "3"}]}';
    expect(readJson(text)).toEqual({
      ok: false,
      problems: [
        {
          code: 'JSON.DUPLICATE_KEY',
          message: '"revenue" is given twice in one object (line 2, column 77): give each field once',
          location: { line: 2, column: 77, path: ['enterprises', 1, 'revenue'] },
        },
      ],
    });
    expect(problemsOf(readJson('{"budget": "1", "budget": "2"}'))[0]?.code).toBe('JSON.DUPLICATE_KEY');
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
        expect(problemsOf(readJson(text)).map((p) => p.code)).toEqual(['JSON.DUPLICATE_KEY']);
      }),
    );
  });

  it('agrees with a key count on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(findDuplicateKey(text)).toBeUndefined();
        expect(readJson(text).ok).toBe(true);
      }),
    );
  });
});

describe('nesting', () => {
  const nested = (depth: number, inner = '1'): string => '{"a": ['.repeat(depth / 2) + inner + ']}'.repeat(depth / 2);

  it(`reads ${MAX_JSON_DEPTH} levels, and refuses one more at the bracket that opens it, with its path`, () => {
    expect(readJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    const text = nested(MAX_JSON_DEPTH, '[]');
    expect(readJson(text)).toEqual({
      ok: false,
      problems: [
        {
          code: 'JSON.TOO_DEEP',
          message: 'objects and arrays are nested more than 64 deep (line 1, column 225): at most 64 levels are read',
          location: { line: 1, column: 225, path: Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 'a' : 0)) },
        },
      ],
    });
    expect(text[224]).toBe('[');
    expect(problemsOf(readJson('[[[1]]]', { maxDepth: 2 }))[0]?.location).toEqual({ line: 1, column: 3, path: [0, 0] });
  });

  it('refuses 5,000 and 200,000 levels without overflowing the stack', () => {
    for (const depth of [5_000, 200_000]) {
      const read = readJson('['.repeat(depth) + ']'.repeat(depth));
      expect(problemsOf(read).map((p) => [p.code, p.location?.column])).toEqual([['JSON.TOO_DEEP', 65]]);
    }
  });

  it('reports whichever comes first in the text: a key twice, or nesting too deep', () => {
    expect(problemsOf(readJson(`[{"k": 1, "k": 2}, ${'['.repeat(70)}${']'.repeat(70)}]`))[0]?.code).toBe('JSON.DUPLICATE_KEY');
    expect(problemsOf(readJson(`[${'['.repeat(70)}${']'.repeat(70)}, {"k": 1, "k": 2}]`))[0]?.code).toBe('JSON.TOO_DEEP');
  });
});

describe('a __proto__ key', () => {
  it('is kept as an ordinary own key, never as a prototype', () => {
    const read = parseJsonExactly('{"__proto__": {"polluted": true}, "a": 1.5e3}') as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(read.a).toBe('1.5e3');
    expect(problemsOf(readJson('{"__proto__": 1, "__proto__": 2}'))[0]?.code).toBe('JSON.DUPLICATE_KEY');
  });

  it('is refused as an unknown key by a record, where zod alone would drop it', () => {
    const schema = z.strictObject({ funding: recordOf(z.string(), z.string()) });
    expect(z.record(z.string(), z.string()).safeParse(parseJsonExactly('{"__proto__": "x"}'))).toEqual({ success: true, data: {} });
    const parsed = schema.safeParse(parseJsonExactly('{"funding": {"a": "1", "__proto__": "2"}}'));
    expect(parsed.success ? [] : parsed.error.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['unrecognized_keys', ['funding'], 'Unrecognized key: "__proto__"'],
    ]);
    expect(schema.parse(parseJsonExactly('{"funding": {"constructor": "1", "a": "2"}}'))).toEqual({
      funding: { constructor: '1', a: '2' },
    });
  });
});
