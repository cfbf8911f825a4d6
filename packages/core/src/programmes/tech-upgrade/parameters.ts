import type { ParameterDefinition } from '../../parameters/index.js';

const FROM = '2021-01-01';
const GXZF = { citation: 'en.gxzf.gov.cn 2021-02-23', title: 'Guangxi to boost industrial revitalization with 40b yuan fund' } as const;

export const PATHS = {
  equipmentRate: 'tech_upgrade.equipment_rate',
  equipmentRateAdvanced: 'tech_upgrade.equipment_rate_advanced',
  projectCap: 'tech_upgrade.project_cap',
  projectCapAppliesToTotal: 'tech_upgrade.project_cap_applies_to_total',
  smartFactoryAward: 'tech_upgrade.smart_factory_award',
  digitalWorkshopAward: 'tech_upgrade.digital_workshop_award',
  robotRate: 'tech_upgrade.robot_rate',
  robotCap: 'tech_upgrade.robot_cap',
  robotMinCount: 'tech_upgrade.robot_min_count',
  roundingUnit: 'tech_upgrade.rounding_unit',
} as const;

/** "千企技改" subsidies: the parameters, as data (README.md, "Parameters"). */
export const TECH_UPGRADE_PARAMETERS: readonly ParameterDefinition[] = [
  {
    path: PATHS.equipmentRate,
    kind: 'rate',
    unit: 'ratio',
    label: { zh: '设备投资补助比例', en: 'Subsidy rate on eligible equipment investment' },
    source: {
      citation: 'en.gxzf.gov.cn 2021-02-23 ("a maximum of 10 percent of equipment investment": we pay the maximum)',
      title: GXZF.title,
    },
    assumption: false,
    values: [{ from: FROM, value: '0.10' }],
  },
  {
    path: PATHS.equipmentRateAdvanced,
    kind: 'rate',
    unit: 'ratio',
    label: { zh: '采用先进设备项目的设备投资补助比例', en: 'Subsidy rate on equipment investment, projects with advanced equipment' },
    source: {
      citation:
        'higher support for advanced equipment: regional news 2020-09-17 (广西日报, 按设备投资分类分档); value ⚠ assumption: ' +
        '12% — above the 10% the 2021 rules name as the general maximum; set it to 0.10 to keep every project within it',
    },
    assumption: true,
    values: [{ from: FROM, value: '0.12' }],
  },
  {
    path: PATHS.projectCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '单个项目设备投资补助上限', en: 'Equipment subsidy cap per project' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '10000000' }],
  },
  {
    path: PATHS.projectCapAppliesToTotal,
    kind: 'boolean',
    unit: 'boolean',
    label: { zh: '项目上限是否涵盖一次性奖励和机器人补助', en: 'The project cap also bounds the one-off awards and the robot subsidy' },
    source: {
      citation:
        '⚠ assumption: the public rules attach the 10,000,000 cap to the equipment subsidy only; the other awards have their own amounts and cap',
    },
    assumption: true,
    values: [{ from: FROM, value: false }],
  },
  {
    path: PATHS.smartFactoryAward,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '自治区认定智能工厂一次性奖励', en: 'One-off award for a recognised smart factory' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '1000000' }],
  },
  {
    path: PATHS.digitalWorkshopAward,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '自治区认定数字化车间一次性奖励', en: 'One-off award for a recognised digital workshop' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '500000' }],
  },
  {
    path: PATHS.robotRate,
    kind: 'rate',
    unit: 'ratio',
    label: { zh: '工业机器人购置补助比例', en: 'Subsidy rate on the purchase of industrial robots' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '0.20' }],
  },
  {
    path: PATHS.robotCap,
    kind: 'amount',
    unit: 'CNY',
    label: { zh: '工业机器人购置补助上限', en: 'Robot subsidy cap' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '5000000' }],
  },
  {
    path: PATHS.robotMinCount,
    kind: 'decimal',
    unit: 'robots a year',
    label: { zh: '享受机器人补助的年度最少购置台数', en: 'Fewest industrial robots bought in a year for the robot subsidy' },
    source: GXZF,
    assumption: false,
    values: [{ from: FROM, value: '10' }],
  },
  {
    path: PATHS.roundingUnit,
    kind: 'unit',
    unit: 'CNY',
    label: { zh: '补助金额取整单位', en: 'Rounding unit of subsidies' },
    source: { citation: 'Bagui: awards are paid to the fen' },
    assumption: false,
    values: [{ from: FROM, value: '0.01' }],
  },
];
