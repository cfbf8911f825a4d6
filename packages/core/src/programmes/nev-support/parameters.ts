import type { ParameterDefinition } from '../../parameters/index.js';

const FROM = '2021-01-01';

export const PATHS = {
  projectCap: 'nev_support.project_cap',
  roundingUnit: 'nev_support.rounding_unit',
} as const;

/** 新能源汽车产业: the NEV support's parameters, as data (README.md, "Parameters"). */
export const NEV_SUPPORT_PARAMETERS: readonly ParameterDefinition[] = [
  {
    path: PATHS.projectCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '单个项目扶持上限', en: 'Maximum support per project' },
    source: {
      citation:
        '⚠ assumption: no per-project maximum published; the letter (一(一)四) earmarks the whole 15亿 for one project, ' +
        'the Geely smart NEV plant’s R&D, so the default cap is the earmark itself',
    },
    assumption: true,
    values: [{ from: FROM, value: '1500000000' }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '扶持金额取整单位', en: 'Rounding unit of awards' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
