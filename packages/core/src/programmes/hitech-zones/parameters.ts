import type { ParameterDefinition } from '../../parameters/index.js';

/** 桂政办发〔2021〕81号 was issued on 2021-08-04: its rewards are in force from then. */
const FROM = '2021-08-04';
const MEASURES = 'kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号)';
const TITLE = '关于促进广西高新技术产业开发区高质量发展的若干措施';

export const PATHS = {
  nationalZoneAward: 'hitech_zones.national_zone_award',
  regionalZoneAward: 'hitech_zones.regional_zone_award',
  rdInstitutionCap: 'hitech_zones.rd_institution_cap',
  majorProjectMatchRate: 'hitech_zones.major_project_match_rate',
  majorProjectCap: 'hitech_zones.major_project_cap',
  nationalZoneFirst: 'hitech_zones.national_zone_first',
  roundingUnit: 'hitech_zones.rounding_unit',
} as const;

/** 高新区建设 rewards: the parameters, as data (README.md, "Parameters"). */
export const HITECH_ZONES_PARAMETERS: readonly ParameterDefinition[] = [
  {
    path: PATHS.nationalZoneAward,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '新获批国家高新区财政资金补助', en: 'Award to a newly approved national high-tech zone' },
    source: { citation: `${MEASURES} 措施(一)`, title: TITLE },
    assumption: false,
    values: [{ from: FROM, value: '10000000' }],
  },
  {
    path: PATHS.regionalZoneAward,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '新获批自治区级高新区择优补助', en: 'Award to a newly approved regional high-tech zone, chosen on merit' },
    source: { citation: `${MEASURES} 措施(二)`, title: TITLE },
    assumption: false,
    values: [{ from: FROM, value: '5000000' }],
  },
  {
    path: PATHS.rdInstitutionCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '高新区内新认定自治区新型研发机构补助上限', en: 'Cap on the award to a new regional R&D institution in a zone' },
    source: { citation: `${MEASURES} 措施(三)`, title: TITLE },
    assumption: false,
    values: [{ from: FROM, value: '5000000' }],
  },
  {
    path: PATHS.majorProjectMatchRate,
    kind: 'rate',
    unit: 'ratio',
    label: {
      zh: '国家科技重大专项、重点研发计划项目配套比例（占国拨经费）',
      en: 'Matching rate on national funding won for a major S&T project',
    },
    source: { citation: '⚠ assumption: letter 一(一)一 and 桂政办发〔2021〕81号 promise "一定配套支持" without a rate' },
    assumption: true,
    values: [{ from: FROM, value: '0.20' }],
  },
  {
    path: PATHS.majorProjectCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '国家重大项目配套支持上限', en: 'Cap on the matching support for a major S&T project' },
    source: { citation: '⚠ assumption: no public cap found; set to the 5,000,000 that the same measures give a new R&D institution' },
    assumption: true,
    values: [{ from: FROM, value: '5000000' }],
  },
  {
    path: PATHS.nationalZoneFirst,
    kind: 'boolean',
    unit: 'boolean',
    label: {
      zh: '新获批国家高新区补助优先足额安排（不参与择优排序）',
      en: 'Pay a new national zone’s award in full before any award chosen on merit',
    },
    source: {
      citation:
        `${MEASURES} 措施(一) grants a newly approved national zone 1000万 outright (给予…财政资金补助), while 措施(二) rewards ` +
        'regional zones 择优 (on merit): the outright award is a first priority class, paid in full before anything discretionary',
      title: TITLE,
    },
    assumption: false,
    values: [{ from: FROM, value: true }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '奖补金额取整单位', en: 'Rounding unit of rewards' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
