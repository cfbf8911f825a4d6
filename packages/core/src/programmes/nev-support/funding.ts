/**
 * The funding sources the letter names for the NEV earmark (一(一)四): the 15亿 was arranged
 * "by pooling" (统筹) these three. How much each gives is not stated, so a scenario supplies
 * the split, which must add up to the earmark exactly (scenario/parse.ts, FUNDING.SPLIT_MISMATCH).
 */
export const NEV_FUNDING_SOURCES = [
  {
    key: 'industry_it_fund',
    name: { zh: '工业和信息化发展专项资金', en: 'Industry and IT development fund' },
    citation: 'letter 一(一)四',
  },
  {
    key: 'winter_spring_fund',
    name: { zh: '“今冬明春”重大工业产业补助资金', en: '“This winter, next spring” major-industry subsidy fund' },
    citation: 'letter 一(一)四',
  },
  {
    key: 'innovation_fund',
    name: { zh: '创新驱动发展专项资金', en: 'Innovation-driven development fund' },
    citation: 'letter 一(一)四',
  },
] as const;

export type NevFundingSourceKey = (typeof NEV_FUNDING_SOURCES)[number]['key'];
