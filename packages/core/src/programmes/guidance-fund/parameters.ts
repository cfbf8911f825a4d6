import type { ParameterDefinition } from '../../parameters/index.js';

const FROM = '2021-01-01';

export const PATHS = {
  maxPerProject: 'guidance_fund.max_per_project',
  minScore: 'guidance_fund.min_score',
  partialMarginal: 'guidance_fund.partial_marginal',
  roundingUnit: 'guidance_fund.rounding_unit',
} as const;

/** 广西技术创新引导专项: the guidance fund's parameters, as data (README.md, "Parameters"). */
export const GUIDANCE_FUND_PARAMETERS: readonly ParameterDefinition[] = [
  {
    path: PATHS.maxPerProject,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '单个项目资助上限', en: 'Maximum grant per project' },
    source: { citation: '⚠ assumption: no public per-project maximum found for 2021 (letter 一(一)二 gives only the 1.5亿 total)' },
    assumption: true,
    values: [{ from: FROM, value: '5000000' }],
  },
  {
    path: PATHS.minScore,
    kind: 'decimal',
    unit: 'points',
    label: { zh: '立项最低评审得分', en: 'Minimum review score to be funded' },
    source: { citation: '⚠ assumption: no public pass mark found; 60 of 100 is the usual pass mark of expert reviews' },
    assumption: true,
    values: [{ from: FROM, value: '60' }],
  },
  {
    path: PATHS.partialMarginal,
    kind: 'boolean',
    unit: 'boolean',
    label: { zh: '资金不足时边际项目部分资助', en: 'Fund the marginal project partly with what is left (ranked)' },
    source: { citation: '⚠ assumption: no public rule for the project on which the money runs out' },
    assumption: true,
    values: [{ from: FROM, value: true }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '资助金额取整单位', en: 'Rounding unit of grants' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
