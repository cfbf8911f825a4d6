import type { ParameterDefinition } from '../../parameters/index.js';

const FROM = '2021-01-01';
const NOT_PUBLIC = 'no public rule of the innovation centres’ subsidy notice (2021-05-14) found';

export const PATHS = {
  resourceShare: 'digital_subsidy.resource_share',
  resourceCap: 'digital_subsidy.resource_cap',
  cashCapEnterprise: 'digital_subsidy.cash_cap_enterprise',
  cashCapUniversity: 'digital_subsidy.cash_cap_university',
  roundingUnit: 'digital_subsidy.rounding_unit',
} as const;

/** The digital innovation centres' resource and cash subsidies: parameters as data (README.md). */
export const DIGITAL_SUBSIDY_PARAMETERS: readonly ParameterDefinition[] = [
  {
    path: PATHS.resourceShare,
    kind: 'rate',
    unit: 'ratio',
    label: { zh: '资源补贴比例（占申请资源金额）', en: 'Share of the requested resources covered' },
    source: { citation: `⚠ assumption: ${NOT_PUBLIC}; the letter (一(三)三) says only that projects are subsidised with resources` },
    assumption: true,
    values: [{ from: FROM, value: '0.50' }],
  },
  {
    path: PATHS.resourceCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '单个申报单位资源补贴上限', en: 'Resource subsidy cap per applicant' },
    source: { citation: `⚠ assumption: ${NOT_PUBLIC}` },
    assumption: true,
    values: [{ from: FROM, value: '500000' }],
  },
  {
    path: PATHS.cashCapEnterprise,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '企业现金补贴上限', en: 'Cash subsidy cap per enterprise' },
    source: { citation: `⚠ assumption: ${NOT_PUBLIC}` },
    assumption: true,
    values: [{ from: FROM, value: '200000' }],
  },
  {
    path: PATHS.cashCapUniversity,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '高校现金补贴上限', en: 'Cash subsidy cap per university' },
    source: { citation: `⚠ assumption: ${NOT_PUBLIC}; universities are taken to draw mainly on resources` },
    assumption: true,
    values: [{ from: FROM, value: '100000' }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '补贴金额取整单位', en: 'Rounding unit of awards' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
