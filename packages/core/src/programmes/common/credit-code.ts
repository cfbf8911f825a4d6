import { fail, ok, problem, type Result } from '../../errors/index.js';

/**
 * 统一社会信用代码, the unified social credit code (GB 32100-2015): the key that names one
 * enterprise (or institution) across programmes. 18 characters from the digits and the capital
 * letters other than I, O, Z, S and V: the registration authority (1), the kind of entity (1), the
 * administrative division (6 digits), the organisation code (9) and a check character computed
 * from the first 17: C18 = 31 − (Σ Ci × Wi mod 31), Wi = 3^(i−1) mod 31, with 31 written as 0.
 */

const CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LENGTH = 18;
const DIVISION = /^\d{6}$/u;

/** The check character of the first 17 characters of a code (each one of CHARACTERS). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARACTERS.indexOf(first17[i] ?? '0') * (WEIGHTS[i] ?? 0);
  return CHARACTERS[(31 - (sum % 31)) % 31] ?? '0';
}

/**
 * A credit code as written (spaces around it ignored, letters in any case), checked: its length,
 * its characters, the six digits of its division code and its check character. The value is the
 * code in capitals; a problem's message says what is wrong and what would be right.
 */
export function parseCreditCode(text: string): Result<string> {
  const code = text.trim().toUpperCase();
  const characters = [...code];
  if (characters.length !== LENGTH) {
    return fail(
      problem(
        'CREDIT_CODE.LENGTH',
        `a 统一社会信用代码 has 18 characters, not ${characters.length}: check for a missing or extra character`,
        { value: text },
      ),
    );
  }
  const wrong = characters.findIndex((c) => !CHARACTERS.includes(c));
  if (wrong >= 0) {
    return fail(
      problem(
        'CREDIT_CODE.CHARACTER',
        `character ${wrong + 1} (${JSON.stringify(characters[wrong])}) cannot be in a 统一社会信用代码: it uses the digits and the ` +
          'capital letters other than I, O, Z, S and V',
        { value: text },
      ),
    );
  }
  if (!DIVISION.test(code.slice(2, 8))) {
    return fail(
      problem(
        'CREDIT_CODE.DIVISION',
        `characters 3–8 of a 统一社会信用代码 are the administrative division code, six digits, not ${JSON.stringify(code.slice(2, 8))}`,
        { value: text },
      ),
    );
  }
  const expected = creditCodeCheckCharacter(code);
  if (code[17] !== expected) {
    return fail(
      problem(
        'CREDIT_CODE.CHECK_CHARACTER',
        `the check character is ${JSON.stringify(code[17])}, but the first 17 characters give ${JSON.stringify(expected)} ` +
          '(GB 32100-2015): a character is mistyped',
        { value: text },
      ),
    );
  }
  return ok(code);
}
