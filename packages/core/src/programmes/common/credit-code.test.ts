import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from './credit-code.js';

const codeOf = (r: ReturnType<typeof parseCreditCode>) => (r.ok ? r.value : r.problems.map((p) => [p.code, p.message]));

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the standard’s example, in any case and with spaces around it', () => {
    // 9 1 350100 M000100Y4 → Σ Ci·Wi = 9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M(21)·20 + 0·29 + 0·25 + 0·13
    //   + 1·8 + 0·24 + 0·10 + Y(30)·30 + 4·28 = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28;
    //   31 − 28 = 3: the check character is 3.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(codeOf(parseCreditCode('91350100M000100Y43'))).toBe('91350100M000100Y43');
    expect(codeOf(parseCreditCode(' 91350100m000100y43 '))).toBe('91350100M000100Y43');
    expect(codeOf(parseCreditCode('91110000600037341L'))).toBe('91110000600037341L');
  });

  it('a weighted sum that is a multiple of 31 gives the check character 0 (31 is written 0)', () => {
    // 9145010000000000J: 9·1 + 1·3 + 4·9 + 5·27 + 0·19 + 1·26 + 0 … + J(18)·28 = 9 + 3 + 36 + 135 + 26 + 504 = 713 = 23 × 31.
    expect(creditCodeCheckCharacter('9145010000000000J')).toBe('0');
    expect(codeOf(parseCreditCode('9145010000000000J0'))).toBe('9145010000000000J0');
    // With 0 in place of J: 209 mod 31 = 23, 31 − 23 = 8.
    expect(creditCodeCheckCharacter('91450100000000000')).toBe('8');
  });

  it('refuses a wrong length, a letter it never uses, a division code with a letter, a mistyped check character', () => {
    expect(codeOf(parseCreditCode('91350100M000100Y4'))).toEqual([
      ['CREDIT_CODE.LENGTH', 'a 统一社会信用代码 has 18 characters, not 17: check for a missing or extra character'],
    ]);
    expect(codeOf(parseCreditCode('91350100I000100Y43'))).toEqual([
      [
        'CREDIT_CODE.CHARACTER',
        'character 9 ("I") cannot be in a 统一社会信用代码: it uses the digits and the capital letters other than I, O, Z, S and V',
      ],
    ]);
    expect(codeOf(parseCreditCode('9135A100M000100Y43'))).toEqual([
      ['CREDIT_CODE.DIVISION', 'characters 3–8 of a 统一社会信用代码 are the administrative division code, six digits, not "35A100"'],
    ]);
    expect(codeOf(parseCreditCode('91350100M000100Y44'))).toEqual([
      [
        'CREDIT_CODE.CHECK_CHARACTER',
        'the check character is "4", but the first 17 characters give "3" (GB 32100-2015): a character is mistyped',
      ],
    ]);
  });

  it('detects every single mistyped character (property)', () => {
    const character = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY');
    fc.assert(
      fc.property(
        fc.array(character, { minLength: 9, maxLength: 9 }),
        fc.stringMatching(/^\d{6}$/u),
        fc.integer({ min: 0, max: 16 }),
        character,
        (organisation, division, at, other) => {
          const first17 = `91${division}${organisation.join('')}`;
          const code = first17 + creditCodeCheckCharacter(first17);
          expect(codeOf(parseCreditCode(code))).toBe(code);
          const typo = code.slice(0, at) + other + code.slice(at + 1);
          fc.pre(typo !== code && (at < 2 || at > 7 || /\d/u.test(other)));
          expect(parseCreditCode(typo).ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
