import { fail, ok, problem, type Result } from '../errors/index.js';
import { MAX_FEN, type Fen } from './amount.js';

/**
 * Parses every spelling of an amount that docs/rd-incentive.md accepts:
 * `5000000`, `5000000.00`, `5,000,000`, `¥5,000,000`, `￥5,000,000`, `5000000元`, `500万`,
 * `500万元`, `0.05亿`, `0.05亿元`, with surrounding spaces ignored, spaces between the number
 * and its unit (`3000 万`, `3000 元`), and full-width digits and punctuation read as their ASCII
 * forms (`１，２００．５０`). The result is exact integer fen; a value that would need more than
 * two decimals of a yuan is refused, never rounded.
 */
export function parseAmount(text: string): Result<Fen> {
  const fast = parsePlainYuan(text);
  if (fast >= 0) return ok(fast as Fen);
  return parseAmountSlow(text);
}

/**
 * The hot path for machine-written files: `123` or `123.4` or `123.45`, nothing else.
 * Returns the amount in fen, or -1 when the text is not of that plain shape (the caller then
 * takes the full parser, which also explains what is wrong).
 */
export function parsePlainYuan(text: string): number {
  return parsePlainYuanAt(text, 0, text.length);
}

/** `parsePlainYuan` of `text.substring(from, to)`, without building that string. */
export function parsePlainYuanAt(text: string, from: number, to: number): number {
  const n = to - from;
  if (n <= 0 || n > 16) return -1;
  let value = 0;
  let i = from;
  for (; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (i === from || i - from > 13) return -1;
  if (i === to) return value * 100;
  if (text.charCodeAt(i) !== 46 /* . */) return -1;
  const decimals = to - i - 1;
  if (decimals < 1 || decimals > 2) return -1;
  const d1 = text.charCodeAt(i + 1) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  if (decimals === 1) return value * 100 + d1 * 10;
  const d2 = text.charCodeAt(i + 2) - 48;
  if (d2 < 0 || d2 > 9) return -1;
  return value * 100 + d1 * 10 + d2;
}

/**
 * The commonest spelling in 万, `text.substring(from, to)` as ASCII digits (1–9 of them), up to
 * six decimals and `万` right after (`82279.0681万`), in fen; -1 for anything else (then read by
 * `parseAmount`, which gives every such cell the same value).
 */
export function parseWanAt(text: string, from: number, to: number): number {
  if (to - from < 2 || text.charCodeAt(to - 1) !== 0x4e07 /* 万 */) return -1;
  const end = to - 1;
  let whole = 0;
  let i = from;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === from || i - from > 9) return -1;
  if (i === end) return whole * 1_000_000;
  if (text.charCodeAt(i) !== 46 /* . */) return -1;
  const decimals = end - i - 1;
  if (decimals < 1 || decimals > 6) return -1;
  let fraction = 0;
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j) - 48;
    if (c < 0 || c > 9) return -1;
    fraction = fraction * 10 + c;
  }
  return whole * 1_000_000 + fraction * 10 ** (6 - decimals);
}

/** `parsePlainYuanAt` on UTF-8 bytes (a CSV file's, before decoding): the same answers for the same text. */
export function parsePlainYuanBytes(bytes: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 0 || n > 16) return -1;
  let value = 0;
  let i = from;
  for (; i < to; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  if (i === from || i - from > 13) return -1;
  if (i === to) return value * 100;
  if (bytes[i] !== 46 /* . */) return -1;
  const decimals = to - i - 1;
  if (decimals < 1 || decimals > 2) return -1;
  const d1 = (bytes[i + 1] ?? 0) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  if (decimals === 1) return value * 100 + d1 * 10;
  const d2 = (bytes[i + 2] ?? 0) - 48;
  if (d2 < 0 || d2 > 9) return -1;
  return value * 100 + d1 * 10 + d2;
}

/** `parseWanAt` on UTF-8 bytes: `万` is E4 B8 87. The same answers for the same text. */
export function parseWanBytes(bytes: Uint8Array, from: number, to: number): number {
  if (to - from < 4 || bytes[to - 1] !== 0x87 || bytes[to - 2] !== 0xb8 || bytes[to - 3] !== 0xe4) return -1;
  const end = to - 3;
  let whole = 0;
  let i = from;
  for (; i < end; i++) {
    const c = (bytes[i] ?? 0) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === from || i - from > 9) return -1;
  if (i === end) return whole * 1_000_000;
  if (bytes[i] !== 46 /* . */) return -1;
  const decimals = end - i - 1;
  if (decimals < 1 || decimals > 6) return -1;
  let fraction = 0;
  for (let j = i + 1; j < end; j++) {
    const c = (bytes[j] ?? 0) - 48;
    if (c < 0 || c > 9) return -1;
    fraction = fraction * 10 + c;
  }
  return whole * 1_000_000 + fraction * 10 ** (6 - decimals);
}

const UNIT_SUFFIXES: Readonly<Record<number, string>> = { 0: '', 4: '万', 8: '亿' };
const UNIT_NAMES: Readonly<Record<number, string>> = { 0: '元', 4: '万元', 8: '亿元' };

/**
 * An amount in a column whose header gives its unit (`研发费用（万元）`: unit 4, `（亿元）` 8,
 * `（元）` 0): the cell is a number in that unit, exact, with at most two decimals of a yuan once
 * the unit is applied (`1.5` in 万元 is 15000 yuan). A cell that names a unit itself (`500万`,
 * `¥5`… any of 万, 亿, 元) is refused: the header already said.
 */
export function parseAmountIn(text: string, unit: 0 | 4 | 8): Result<Fen> {
  if (unit === 0) {
    const fast = parsePlainYuan(text);
    if (fast >= 0) return ok(fast as Fen);
  }
  const plain = halfWidth(text).trim();
  if (/[万亿元]/u.test(plain)) {
    return fail(
      problem(
        'AMOUNT.UNIT_TWICE',
        `the column's header gives the unit (${UNIT_NAMES[unit] ?? ''}), so a cell is a number alone, e.g. 3000 or 1,200.50: remove the unit from the cell or from the header`,
        { value: text },
      ),
    );
  }
  if (plain === '') return parseAmountSlow(text);
  const parsed = parseAmount(`${plain}${UNIT_SUFFIXES[unit] ?? ''}`);
  return parsed.ok ? parsed : fail(...parsed.problems.map((p) => ({ ...p, location: { value: text } })));
}

const AMOUNT_SHAPE = /^(?<currency>[¥￥])?(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?(?:\s*(?<unit>万|亿))?(?:\s*(?<yuan>元))?$/u;

const FULL_WIDTH = /[\uFF01-\uFF5E]/u;

/** Full-width ASCII forms (U+FF01–U+FF5E: `１`, `，`, `．`, `－`…) as ASCII; other text unchanged. */
function halfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const UNIT_EXPONENT: Record<string, number> = { '': 0, 万: 4, 亿: 8 };

const ACCEPTED = 'write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元';

function parseAmountSlow(raw: string): Result<Fen> {
  const text = halfWidth(raw).trim();
  const at = { value: raw };
  if (text === '') return fail(problem('AMOUNT.EMPTY', `an amount is required; ${ACCEPTED}`, at));
  if (/^[-−]/u.test(text) || /^[¥￥][-−]/u.test(text)) {
    return fail(problem('AMOUNT.NEGATIVE', `an amount cannot be negative; ${ACCEPTED}`, at));
  }
  if (/^[¥￥]?[\d.,]+[eE][+-]?\d+/u.test(text)) {
    return fail(problem('AMOUNT.EXPONENT', `exponent notation is not accepted; ${ACCEPTED}`, at));
  }
  const m = AMOUNT_SHAPE.exec(text);
  if (m?.groups === undefined) {
    return fail(problem('AMOUNT.INVALID', `not an amount; ${ACCEPTED}`, at));
  }
  const intDigits = (m.groups.int ?? '').replaceAll(',', '');
  const fracDigits = m.groups.frac ?? '';
  const exponent = UNIT_EXPONENT[m.groups.unit ?? ''] ?? 0;
  // value in fen = digits × 10^(exponent + 2 − fracDigits.length), which must be an integer.
  const shift = exponent + 2 - fracDigits.length;
  let digits = (intDigits + fracDigits).replace(/^0+(?=\d)/u, '');
  if (shift < 0) {
    const keep = digits.length + shift;
    if (/[1-9]/u.test(keep > 0 ? digits.slice(keep) : digits)) {
      return fail(
        problem(
          'AMOUNT.TOO_MANY_DECIMALS',
          `an amount has at most two decimals of a yuan (to the fen) once its unit is applied; ${ACCEPTED}`,
          at,
        ),
      );
    }
    digits = keep > 0 ? digits.slice(0, keep) : '0';
  } else {
    digits += '0'.repeat(shift);
  }
  const value = BigInt(digits);
  if (value > BigInt(MAX_FEN)) {
    return fail(problem('AMOUNT.TOO_LARGE', `an amount must be below 90 trillion yuan`, at));
  }
  return ok(Number(value) as Fen);
}
