import { describe, expect, it } from 'vitest';
import { NEV_FUNDING_SOURCES, NEV_SUPPORT_EARMARK_2021 } from './index.js';

describe('NEV_FUNDING_SOURCES', () => {
  it('are the three the letter names, each citing 一(一)四', () => {
    expect(NEV_FUNDING_SOURCES.map((s) => [s.key, s.name.zh, s.citation])).toEqual([
      ['industry_it_fund', '工业和信息化发展专项资金', 'letter 一(一)四'],
      ['winter_spring_fund', '“今冬明春”重大工业产业补助资金', 'letter 一(一)四'],
      ['innovation_fund', '创新驱动发展专项资金', 'letter 一(一)四'],
    ]);
    expect(NEV_SUPPORT_EARMARK_2021.amount).toBe(150_000_000_000);
  });
});
