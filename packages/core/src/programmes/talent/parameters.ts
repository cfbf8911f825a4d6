import type { ParameterDefinition } from '../../parameters/index.js';

const FROM = '2021-01-01';

/**
 * The major regional talent programmes (自治区重大人才项目) the letter names: 一(五) names the
 * three that the 2021 money (1.56亿) supports, "等" (among others); 二 六是 names 特聘专家
 * beside 八桂学者 as another. Their order is the letter's, and the order of `ranked`.
 */
export const TALENT_PROGRAMMES = [
  {
    key: 'bagui_scholar',
    zh: '八桂学者',
    en: 'Bagui Scholars',
    citation: 'letter 一(五)',
    stipend: {
      value: '1000000',
      citation:
        '⚠ assumption: 《八桂学者制度试行办法》(2013, reported by 中国博士人才网 2013-04-10) gives a year’s regional money per ' +
        'scholar as 60万 research grant (natural sciences; 20万 humanities) + 20万 post allowance + 20万 team allowance; ' +
        'no 2021 figure published',
    },
  },
  {
    key: 'academician_reserve',
    zh: '院士后备人选工程',
    en: 'Academician reserve candidates programme',
    citation: 'letter 一(五)',
    stipend: { value: '500000', citation: '⚠ assumption: no public per-person figure found' },
  },
  {
    key: 'agri_tech_service',
    zh: '农业科技人才服务',
    en: 'Agricultural science and technology talent service',
    citation: 'letter 一(五)',
    stipend: { value: '20000', citation: '⚠ assumption: no public per-person figure found' },
  },
  {
    key: 'distinguished_expert',
    zh: '特聘专家',
    en: 'Distinguished experts',
    citation: 'letter 二 六是',
    stipend: { value: '200000', citation: '⚠ assumption: no public per-person figure found' },
  },
] as const;

export type TalentProgrammeKey = (typeof TALENT_PROGRAMMES)[number]['key'];

export const PATHS = {
  stipend: (programme: TalentProgrammeKey): string => `talent.stipend.${programme}`,
  wholeStipends: 'talent.whole_stipends',
  roundingUnit: 'talent.rounding_unit',
} as const;

/** 自治区重大人才项目: the talent programmes' parameters, as data (README.md, "Parameters"). */
export const TALENT_PARAMETERS: readonly ParameterDefinition[] = [
  ...TALENT_PROGRAMMES.map((programme): ParameterDefinition => ({
    path: PATHS.stipend(programme.key),
    kind: 'amount',
    unit: 'CNY',
    label: { zh: `${programme.zh}人均年度资助标准`, en: `${programme.en}: stipend per person per year` },
    source: { citation: programme.stipend.citation },
    assumption: true,
    values: [{ from: FROM, value: programme.stipend.value }],
  })),
  {
    path: PATHS.wholeStipends,
    kind: 'boolean',
    unit: 'boolean',
    label: { zh: '资助按人足额发放（不按比例核减）', en: 'Stipends paid in full or not at all (whole stipends per person)' },
    source: {
      citation:
        '⚠ assumption: no public rule for a short envelope; the stipends are fixed sums per person per year (《八桂学者制度试行办法》 ' +
        '2013), so a person is paid the whole stipend or not at all (lines in the order of ranked), never a share of it; money that ' +
        'a whole stipend cannot use stays unallocated',
    },
    assumption: true,
    values: [{ from: FROM, value: true }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '资助金额取整单位', en: 'Rounding unit of awards' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
