import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { yuan, type Fen } from '../../money/index.js';
import { problemsOf, valueOf, wherePath } from '../common/test-support/index.js';
import { NEV_FUNDING_SOURCES, NEV_SUPPORT_EARMARK_2021, validateFundingSplit } from './index.js';

const EARMARK = NEV_SUPPORT_EARMARK_2021.amount;
const PATH = ['scenario', 'nev_support', 'funding'];

describe('NEV_FUNDING_SOURCES', () => {
  it('are the three the letter names, each citing 一(一)四', () => {
    expect(NEV_FUNDING_SOURCES.map((s) => [s.key, s.name.zh, s.citation])).toEqual([
      ['industry_it_fund', '工业和信息化发展专项资金', 'letter 一(一)四'],
      ['winter_spring_fund', '“今冬明春”重大工业产业补助资金', 'letter 一(一)四'],
      ['innovation_fund', '创新驱动发展专项资金', 'letter 一(一)四'],
    ]);
    expect(EARMARK).toBe(150_000_000_000);
  });
});

describe('validateFundingSplit', () => {
  it('accepts a split that adds up to the earmark exactly, in any amount spelling or in fen', () => {
    const split = { industry_it_fund: '6亿', winter_spring_fund: '500,000,000.00', innovation_fund: 40_000_000_000 };
    expect(valueOf(validateFundingSplit(EARMARK, split, PATH))).toEqual({
      industry_it_fund: 60_000_000_000,
      winter_spring_fund: 50_000_000_000,
      innovation_fund: 40_000_000_000,
    });
  });

  it('a source the split leaves out gives 0', () => {
    expect(valueOf(validateFundingSplit(EARMARK, { industry_it_fund: '10亿', innovation_fund: '5亿' }))).toEqual({
      industry_it_fund: 100_000_000_000,
      winter_spring_fund: 0,
      innovation_fund: 50_000_000_000,
    });
  });

  it('one fen short: says by how much, at the split’s path', () => {
    const r = validateFundingSplit(EARMARK, { industry_it_fund: '6亿', winter_spring_fund: '5亿', innovation_fund: '399,999,999.99' }, PATH);
    expect(problemsOf(r)).toEqual([
      {
        code: 'FUNDING.SPLIT_MISMATCH',
        message:
          'the split adds up to 1,499,999,999.99, 0.01 short of the earmark 1,500,000,000.00: the funding sources must add up to the earmark exactly, to the fen',
        location: { path: PATH, value: '1499999999.99' },
      },
    ]);
  });

  it('one fen over: says by how much', () => {
    const r = validateFundingSplit(EARMARK, { industry_it_fund: '6亿', winter_spring_fund: '5亿', innovation_fund: '400000000.01' }, PATH);
    expect(problemsOf(r)[0]?.message).toBe(
      'the split adds up to 1,500,000,000.01, 0.01 over the earmark 1,500,000,000.00: the funding sources must add up to the earmark exactly, to the fen',
    );
  });

  it('an empty split is the whole earmark short', () => {
    expect(problemsOf(validateFundingSplit(EARMARK, {}))[0]?.message).toMatch(/^the split adds up to 0\.00, 1,500,000,000\.00 short of the earmark/u);
  });

  it('refuses an unknown source and a negative amount, every problem at once, each at its JSON path', () => {
    const r = validateFundingSplit(
      EARMARK,
      { industry_it_fund: '-1', 创新驱动发展专项资金: '5亿', winter_spring_fund: -100, central_fund: '1亿', innovation_fund: 'five' },
      PATH,
    );
    expect(wherePath(r)).toEqual([
      ['FUNDING.NEGATIVE_AMOUNT', [...PATH, 'industry_it_fund'], '-1'],
      ['FUNDING.UNKNOWN_SOURCE', [...PATH, '创新驱动发展专项资金'], '5亿'],
      ['FUNDING.NEGATIVE_AMOUNT', [...PATH, 'winter_spring_fund'], '-100'],
      ['FUNDING.UNKNOWN_SOURCE', [...PATH, 'central_fund'], '1亿'],
      ['AMOUNT.INVALID', [...PATH, 'innovation_fund'], 'five'],
    ]);
    expect(problemsOf(r).map((p) => p.message)).toEqual([
      'industry_it_fund gives a negative amount: a funding source gives 0 or more; write yuan as text, e.g. "500000000", "5亿" or "500,000,000.00", or integer fen as a JSON number',
      'unknown funding source "创新驱动发展专项资金" (did you mean innovation_fund?): the letter (一(一)四) names industry_it_fund (工业和信息化发展专项资金), winter_spring_fund (“今冬明春”重大工业产业补助资金), innovation_fund (创新驱动发展专项资金)',
      'winter_spring_fund gives a negative amount: a funding source gives 0 or more; write yuan as text, e.g. "500000000", "5亿" or "500,000,000.00", or integer fen as a JSON number',
      'unknown funding source "central_fund": the letter (一(一)四) names industry_it_fund (工业和信息化发展专项资金), winter_spring_fund (“今冬明春”重大工业产业补助资金), innovation_fund (创新驱动发展专项资金)',
      'innovation_fund: not an amount; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
    ]);
  });

  it('refuses a number that is not a whole number of fen, and a value that is not an amount', () => {
    const r = validateFundingSplit(EARMARK, { industry_it_fund: 1.5, winter_spring_fund: null, innovation_fund: '1.001' });
    expect(wherePath(r)).toEqual([
      ['FUNDING.AMOUNT_INVALID', ['industry_it_fund'], '1.5'],
      ['FUNDING.WRONG_TYPE', ['winter_spring_fund'], 'null'],
      ['AMOUNT.TOO_MANY_DECIMALS', ['innovation_fund'], '1.001'],
    ]);
  });

  it('the sum is exact even where it passes 2^53 fen', () => {
    const max = Number.MAX_SAFE_INTEGER as Fen;
    const r = validateFundingSplit(yuan(0), { industry_it_fund: max, winter_spring_fund: max, innovation_fund: 1 });
    // 2 × 9,007,199,254,740,991 + 1 fen = 18,014,398,509,481,983 fen.
    expect(problemsOf(r)[0]?.message).toMatch(/^the split adds up to 180,143,985,094,819\.83, 180,143,985,094,819\.83 over the earmark 0\.00/u);
  });

  it('for random splits: accepted exactly when the parts add up to the total, else the gap is named', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat({ max: 10 ** 12 }), fc.nat({ max: 10 ** 12 }), fc.nat({ max: 10 ** 12 })),
        fc.integer({ min: -3, max: 3 }),
        ([a, b, c], off) => {
          const total = a + b + c + off;
          fc.pre(total >= 0);
          const r = validateFundingSplit(total as Fen, { industry_it_fund: a, winter_spring_fund: b, innovation_fund: c });
          if (off === 0) {
            expect(valueOf(r)).toEqual({ industry_it_fund: a, winter_spring_fund: b, innovation_fund: c });
          } else {
            const [found] = problemsOf(r);
            expect(found?.code).toBe('FUNDING.SPLIT_MISMATCH');
            expect(found?.message).toContain(`, 0.0${Math.abs(off)} ${off > 0 ? 'short of' : 'over'} the earmark`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
