import { fail, ok, problem, type Problem, type Result } from '../errors/index.js';

/** How deep objects and arrays may nest in any JSON input: deeper is refused, never recursed into. */
export const MAX_JSON_DEPTH = 64;

export interface JsonReadOptions {
  /** Objects and arrays nested deeper than this are refused (JSON.TOO_DEEP). Default {@link MAX_JSON_DEPTH}. */
  readonly maxDepth?: number;
}

/**
 * Reads JSON text so that nothing changes on the way in, the one way every app reads a JSON
 * input (a request body, a reform or scenario file, JSON inside a query parameter):
 *
 * - a number whose shortest spelling as a double is not the number written (or that uses an
 *   exponent) is kept as its text, which the domain then reads exactly or refuses with a reason:
 *   `JSON.parse` would turn `12345678901234567.89` into the nearest double and `5e6` into 5000000;
 * - an object with a key twice is refused (JSON.DUPLICATE_KEY): `JSON.parse` keeps the last
 *   silently, and a second `budget` must not quietly replace the first;
 * - objects and arrays nested more than `maxDepth` deep are refused (JSON.TOO_DEEP), so that no
 *   later step recursing over the value can overflow the stack;
 * - malformed text is refused at the line and column of its first error (JSON.SYNTAX);
 * - a `__proto__` key stays an ordinary own key, as `JSON.parse` makes it, so that validation
 *   refuses it as an unknown field rather than anything dropping it or setting a prototype.
 *
 * Every problem has `location.line`, `location.column` (1-based) and, for a key or a container,
 * `location.path` within the value. The messages do not depend on where the text came from, so
 * that every app words the same mistake the same way.
 */
export function readJson(text: string, options: JsonReadOptions = {}): Result<unknown> {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(syntaxProblem(text));
  }
  const shape = measure(value);
  if (shape.depth > maxDepth || hasDuplicateKeys(text, shape.keys)) {
    const found = findStructureFault(text, maxDepth);
    if (found !== undefined) return fail(structureProblem(text, found, maxDepth));
  }
  const inexact = inexactNumbers(text);
  if (inexact.length === 0) return ok(value);
  let rewritten = '';
  let from = 0;
  for (const [start, end] of inexact) {
    rewritten += `${text.slice(from, start)}"${text.slice(start, end)}"`;
    from = end;
  }
  return ok(JSON.parse(rewritten + text.slice(from)));
}

/** Keys of every object in a parsed JSON value, and how deep its objects and arrays nest: one walk with an explicit stack. */
function measure(value: unknown): { keys: number; depth: number } {
  let keys = 0;
  let depth = 0;
  // Two parallel stacks rather than a pair per container: this walk is on every read's fast path.
  const nodes: object[] = [];
  const levels: number[] = [];
  if (value !== null && typeof value === 'object') {
    nodes.push(value);
    levels.push(1);
  }
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const level = levels.pop() ?? 1;
    if (level > depth) depth = level;
    if (Array.isArray(node)) {
      for (const item of node as unknown[]) {
        if (item !== null && typeof item === 'object') {
          nodes.push(item);
          levels.push(level + 1);
        }
      }
      continue;
    }
    // JSON.parse makes plain objects, every key an own enumerable property, `__proto__` included.
    for (const key in node) {
      keys++;
      const item = (node as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') {
        nodes.push(item);
        levels.push(level + 1);
      }
    }
  }
  return { keys, depth };
}

/**
 * False when every key written in `text` is in the value: each key is written with one ':'
 * after it, so as many ':' in the text as keys in the value proves there is no duplicate, in
 * cheap passes. More ':' (in strings, or a key given twice) calls for the exact scan.
 */
function hasDuplicateKeys(text: string, keys: number): boolean {
  let colons = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) colons++;
  return colons > keys;
}

/** A number outside a string can only follow one of these, perhaps after whitespace. */
const MAY_HAVE_NUMBER = /[:,[]\s*-?\d/u;
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/gu;

/** [start, end) of each number in valid JSON text that a double does not hold exactly. */
function inexactNumbers(text: string): [number, number][] {
  // Amounts travel as strings, so most inputs hold no number at all: one cheap test skips the scan.
  if (!MAY_HAVE_NUMBER.test(text) && !/^\s*-?\d/u.test(text)) return [];
  const found: [number, number][] = [];
  TOKENS.lastIndex = 0;
  for (let m = TOKENS.exec(text); m !== null; m = TOKENS.exec(text)) {
    const token = m[0];
    if (token.charCodeAt(0) === 34 /* " */) continue;
    if (!isExactNumber(token)) found.push([m.index, m.index + token.length]);
  }
  return found;
}

/** True when the double nearest the JSON number `token` prints back as the same decimal number. */
export function isExactNumber(token: string): boolean {
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

/** 1-based line and column (in UTF-16 code units) of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// -------------------------------------------------------------------------------------------
// The slow paths: where malformed JSON goes wrong (`JSON.parse` does not always say: V8 on
// Node 20 often gives no position), and where a key is given twice or nesting goes too deep.
// Both are loops over an explicit stack, so that deep input cannot overflow the call stack.

interface SyntaxFault {
  readonly offset: number;
  readonly expected: string;
}

function syntaxProblem(text: string): Problem {
  const fault = findSyntaxFault(text) ?? { offset: 0, expected: 'valid JSON' };
  const { line, column } = lineAndColumn(text, fault.offset);
  const found = fault.offset >= text.length ? 'the end of the text' : JSON.stringify(text.slice(fault.offset, fault.offset + 12));
  return problem('JSON.SYNTAX', `expected ${fault.expected} at line ${line}, column ${column}, found ${found}`, { line, column });
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
      if (closer === undefined) return at < text.length ? fault('nothing after the JSON value') : undefined;
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

/** The first key given twice in one object, or the first object or array nested too deep. */
export interface StructureFault {
  readonly kind: 'duplicate-key' | 'too-deep';
  /** Where the key or the container's opening bracket is written. */
  readonly offset: number;
  /** The path of the key given twice, or of the container nested too deep. */
  readonly path: readonly (string | number)[];
}

interface Frame {
  readonly closer: '}' | ']';
  readonly keys: Set<string>;
  /** The current key (object) or index (array). */
  at: string | number;
}

/** The first structure fault of valid JSON `text`, in text order, or undefined when there is none. */
export function findStructureFault(text: string, maxDepth = MAX_JSON_DEPTH): StructureFault | undefined {
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
      if (top.keys.has(key)) return { kind: 'duplicate-key', offset: start, path: frames.map((f) => f.at) };
      top.keys.add(key);
      skip();
      at++; // ':'
      want = 'value';
    } else if (want === 'value') {
      want = 'next';
      if (c === '{' || c === '[') {
        if (frames.length >= maxDepth) return { kind: 'too-deep', offset: at, path: frames.map((f) => f.at) };
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

function structureProblem(text: string, fault: StructureFault, maxDepth: number): Problem {
  const { line, column } = lineAndColumn(text, fault.offset);
  const location = { line, column, path: fault.path };
  if (fault.kind === 'too-deep') {
    return problem(
      'JSON.TOO_DEEP',
      `objects and arrays are nested more than ${maxDepth} deep (line ${line}, column ${column}): at most ${maxDepth} levels are read`,
      location,
    );
  }
  return problem(
    'JSON.DUPLICATE_KEY',
    `${JSON.stringify(fault.path.at(-1))} is given twice in one object (line ${line}, column ${column}): give each field once`,
    location,
  );
}
