import { HttpProblem } from './problem.js';

/**
 * Reads a JSON request body so that no number changes on the way in. `JSON.parse` turns
 * `12345678901234567.89` into the nearest double and `5e6` into 5000000, so an amount could
 * silently differ from what the client wrote. Here a number whose shortest spelling as a double
 * is not the number written (or that uses an exponent) is kept as its text: the domain then
 * reads that text exactly, or refuses it with a reason. Malformed JSON is refused with the
 * line and column of the first error.
 */
export function parseJsonExactly(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw syntaxProblem(text);
  }
  const inexact = inexactNumbers(text);
  if (inexact.length === 0) return value;
  let rewritten = '';
  let from = 0;
  for (const [start, end] of inexact) {
    rewritten += `${text.slice(from, start)}"${text.slice(start, end)}"`;
    from = end;
  }
  return JSON.parse(rewritten + text.slice(from));
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

function syntaxProblem(text: string): HttpProblem {
  const fault = findSyntaxFault(text) ?? { offset: 0, expected: 'valid JSON' };
  const { line, column } = lineAndColumn(text, fault.offset);
  const found = fault.offset >= text.length ? 'the end of the body' : JSON.stringify(text.slice(fault.offset, fault.offset + 12));
  return new HttpProblem('REQUEST.MALFORMED', 'the request body is not valid JSON', [
    {
      code: 'JSON.SYNTAX',
      message: `expected ${fault.expected} at line ${line}, column ${column}, found ${found}`,
      line,
      column,
    },
  ]);
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

/** The first syntax error of `text`, or undefined if it is valid JSON. */
export function findSyntaxFault(text: string): SyntaxFault | undefined {
  let at = 0;
  const skip = (): void => {
    WS.lastIndex = at;
    WS.exec(text);
    at = WS.lastIndex;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = at;
    if (re.exec(text) === null) return false;
    at = re.lastIndex;
    return true;
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
