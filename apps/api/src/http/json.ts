import { HttpProblem, jsonPointer, type ProblemDetail } from './problem.js';

/**
 * Reads a JSON request body so that no number changes on the way in. `JSON.parse` turns
 * `12345678901234567.89` into the nearest double and `5e6` into 5000000, so an amount could
 * silently differ from what the client wrote. Here a number whose shortest spelling as a double
 * is not the number written (or that uses an exponent) is kept as its text: the domain then
 * reads that text exactly, or refuses it with a reason. Malformed JSON is refused with the
 * line and column of the first error, and so is an object with a key twice (`JSON.parse` would
 * keep the last silently: a second `budget` must not quietly replace the first).
 */
export function parseJsonExactly(text: string): unknown {
  const read = readJsonExactly(text);
  if (read.ok) return read.value;
  throw new HttpProblem(
    'REQUEST.MALFORMED',
    read.problem.code === 'JSON.DUPLICATE_KEY' ? 'the request body has a key twice' : 'the request body is not valid JSON',
    [read.problem],
  );
}

export type JsonRead =
  | { readonly ok: true; readonly value: unknown }
  /** `path`: of a key given twice, within the JSON value. */
  | { readonly ok: false; readonly problem: ProblemDetail; readonly path?: readonly (string | number)[] };

/** As `parseJsonExactly`, for JSON inside a parameter: the problem, with its line and column in `text`, instead of a throw. */
export function readJsonExactly(text: string, what = 'the body'): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: syntaxProblem(text, what) };
  }
  const duplicate = hasDuplicateKeys(text, value) ? findDuplicateKey(text) : undefined;
  if (duplicate !== undefined) {
    const { line, column } = lineAndColumn(text, duplicate.offset);
    return {
      ok: false,
      path: duplicate.path,
      problem: {
        code: 'JSON.DUPLICATE_KEY',
        message: `${JSON.stringify(duplicate.path.at(-1))} is given twice in one object (line ${line}, column ${column}): give each field once`,
        pointer: jsonPointer(duplicate.path),
        line,
        column,
      },
    };
  }
  const inexact = inexactNumbers(text);
  if (inexact.length === 0) return { ok: true, value };
  let rewritten = '';
  let from = 0;
  for (const [start, end] of inexact) {
    rewritten += `${text.slice(from, start)}"${text.slice(start, end)}"`;
    from = end;
  }
  return { ok: true, value: JSON.parse(rewritten + text.slice(from)) };
}

/**
 * False when every key of `text` is in `value`: each key is written with one ':' after it, so
 * as many ':' in the text as keys in the value proves there is no duplicate, in two cheap
 * passes. More ':' (in strings, or a key given twice) calls for the exact scan.
 */
function hasDuplicateKeys(text: string, value: unknown): boolean {
  let colons = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) colons++;
  if (colons === 0) return false;
  let keys = 0;
  const stack: unknown[] = [value];
  for (let next = stack.pop(); next !== undefined || stack.length > 0; next = stack.pop()) {
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      for (const item of next) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in next) {
      keys++;
      const item = (next as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
  return colons > keys;
}

/** A number outside a string can only follow one of these, perhaps after whitespace. */
const MAY_HAVE_NUMBER = /[:,[]\s*-?\d/u;
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/gu;

/** [start, end) of each number in valid JSON text that a double does not hold exactly. */
function inexactNumbers(text: string): [number, number][] {
  // Amounts travel as strings, so most bodies hold no number at all: one cheap test skips the scan.
  if (!MAY_HAVE_NUMBER.test(text) && !/^\s*-?\d/u.test(text)) return [];
  const found: [number, number][] = [];
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m !== null; m = TOKENS.exec(text)) {
    const token = m[0];
    if (token.charCodeAt(0) === 34 /* " */) continue;
    if (!isExact(token)) found.push([m.index, m.index + token.length]);
  }
  return found;
}

/** True when the double nearest `token` prints back as the same decimal number. */
export function isExact(token: string): boolean {
  if (/[eE]/u.test(token)) return false;
  const printed = String(Number(token));
  if (/e/u.test(printed)) return false;
  return canonicalDecimal(printed) === canonicalDecimal(token);
}

function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const int = whole.replace(/^0+(?=\d)/u, '');
  const frac = fraction.replace(/0+$/u, '');
  return `${negative ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

// -------------------------------------------------------------------------------------------
// Where malformed JSON goes wrong. `JSON.parse` does not always say (V8 on Node 20 often gives
// no position), so a small scanner finds the first offending character.

interface SyntaxFault {
  readonly offset: number;
  readonly expected: string;
}

function syntaxProblem(text: string, what: string): ProblemDetail {
  const fault = findSyntaxFault(text) ?? { offset: 0, expected: 'valid JSON' };
  const { line, column } = lineAndColumn(text, fault.offset);
  const found = fault.offset >= text.length ? `the end of ${what}` : JSON.stringify(text.slice(fault.offset, fault.offset + 12));
  return { code: 'JSON.SYNTAX', message: `expected ${fault.expected} at line ${line}, column ${column}, found ${found}`, line, column };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const WS = /[ \t\n\r]*/uy;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy;
// JSON forbids raw control characters in strings: the pattern must name them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/uy;

/** Where a match of the sticky `re` at `at` ends, or undefined when it does not match there. */
function matchEnd(re: RegExp, text: string, at: number): number | undefined {
  re.lastIndex = at;
  return re.exec(text) === null ? undefined : re.lastIndex;
}

/** The first syntax error of `text`, or undefined if it is valid JSON. */
export function findSyntaxFault(text: string): SyntaxFault | undefined {
  let at = 0;
  const skip = (): void => {
    at = matchEnd(WS, text, at) ?? at;
  };
  const match = (re: RegExp): boolean => {
    const end = matchEnd(re, text, at);
    if (end !== undefined) at = end;
    return end !== undefined;
  };
  const literal = (): boolean => {
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, at));
    if (word !== undefined) at += word.length;
    return word !== undefined;
  };
  const fault = (expected: string): SyntaxFault => ({ offset: at, expected });

  // A loop over an explicit stack, so that deeply nested input cannot overflow the call stack.
  const closers: string[] = [];
  let want: 'value' | 'key' | 'next' = 'value';
  for (;;) {
    skip();
    const c = text[at];
    if (want === 'key') {
      if (c !== '"' || !match(STRING)) return fault('a property name in double quotes');
      skip();
      if (text[at] !== ':') return fault("':' after the property name");
      at++;
      want = 'value';
    } else if (want === 'value') {
      want = 'next';
      if (c === '{' || c === '[') {
        const closer = c === '{' ? '}' : ']';
        at++;
        skip();
        if (text[at] === closer) at++;
        else {
          closers.push(closer);
          want = closer === '}' ? 'key' : 'value';
        }
      } else if (c === '"') {
        if (!match(STRING)) return fault('a string with valid escapes and no raw control characters');
      } else if (!match(NUMBER) && !literal()) {
        return fault('a value (object, array, string, number, true, false or null)');
      }
    } else {
      const closer = closers.at(-1);
      if (closer === undefined) return at < text.length ? fault('the end of the body after the JSON value') : undefined;
      if (c === ',') {
        at++;
        want = closer === '}' ? 'key' : 'value';
      } else if (c === closer) {
        at++;
        closers.pop();
      } else {
        return fault(`',' or '${closer}'`);
      }
    }
  }
}

interface Frame {
  readonly closer: '}' | ']';
  readonly keys: Set<string>;
  /** The current key (object) or index (array). */
  at: string | number;
}

/** The first key given twice in one object of valid JSON `text`: where it is written, and its path. */
export function findDuplicateKey(text: string): { offset: number; path: (string | number)[] } | undefined {
  const frames: Frame[] = [];
  let at = 0;
  // The text is valid JSON: every token matches where the grammar expects it.
  const skip = (): void => {
    at = matchEnd(WS, text, at) ?? at;
  };
  const step = (re: RegExp): boolean => {
    const end = matchEnd(re, text, at);
    if (end !== undefined) at = end;
    return end !== undefined;
  };
  let want: 'value' | 'key' | 'next' = 'value';
  for (;;) {
    skip();
    const c = text[at];
    const top = frames.at(-1);
    if (want === 'key') {
      const start = at;
      step(STRING);
      const key = JSON.parse(text.slice(start, at)) as string;
      if (top === undefined) return undefined;
      top.at = key;
      if (top.keys.has(key)) return { offset: start, path: frames.map((f) => f.at) };
      top.keys.add(key);
      skip();
      at++; // ':'
      want = 'value';
    } else if (want === 'value') {
      want = 'next';
      if (c === '{' || c === '[') {
        at++;
        skip();
        const closer = c === '{' ? '}' : ']';
        if (text[at] === closer) at++;
        else {
          frames.push({ closer, keys: new Set(), at: 0 });
          want = closer === '}' ? 'key' : 'value';
        }
      } else if (c === '"') step(STRING);
      else if (!step(NUMBER)) at += text.startsWith('false', at) ? 5 : 4;
    } else {
      if (top === undefined) return undefined;
      if (c === ',') {
        at++;
        if (top.closer === ']') top.at = (top.at as number) + 1;
        want = top.closer === '}' ? 'key' : 'value';
      } else {
        at++;
        frames.pop();
      }
    }
  }
}
