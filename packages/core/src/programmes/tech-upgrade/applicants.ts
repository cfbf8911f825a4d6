import { formatEn } from '../../money/index.js';
import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

/**
 * The input columns: one row per technical-upgrade project. `equipment_investment` is the
 * eligible equipment investment other than the robots of `robot_investment` (⚠ our reading:
 * a robot is not subsidised twice). `fixed_asset_investment` and `total_investment`, optional,
 * place it in the project: equipment and robots are part of the fixed assets, which are part of
 * the total (the 2021 batch: 123亿 total, of which 91亿 planned fixed assets, 广西日报 2021-05-17).
 */
export const UPGRADE_FIELDS = [
  { name: 'id', zh: '项目编号', kind: 'id', required: true },
  { name: 'name', zh: '项目名称', kind: 'text', required: false },
  { name: 'enterprise', zh: '企业名称', kind: 'text', required: false },
  { name: 'equipment_investment', zh: '设备投资', kind: 'amount', required: true },
  { name: 'advanced', zh: '先进设备', kind: 'boolean', required: false, default: 'false' },
  { name: 'smart_factory', zh: '智能工厂', kind: 'boolean', required: false, default: 'false' },
  { name: 'digital_workshop', zh: '数字化车间', kind: 'boolean', required: false, default: 'false' },
  { name: 'robots', zh: '工业机器人台数', kind: 'count', required: false, default: '0' },
  { name: 'robot_investment', zh: '工业机器人购置金额', kind: 'amount', required: false, default: '0' },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'fixed_asset_investment', zh: '固定资产投资', kind: 'amount', required: false },
  { name: 'total_investment', zh: '项目总投资', kind: 'amount', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

/** One project: amounts in integer fen, flags false and robot figures 0 unless given. */
export type UpgradeProject = ApplicantRow<typeof UPGRADE_FIELDS>;

/** Projects from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const upgradeProjects = applicantReaders({
  noun: 'project',
  fields: UPGRADE_FIELDS,
  check(row, report) {
    const equipment = row.equipment_investment + row.robot_investment;
    const fixed = row.fixed_asset_investment;
    if (fixed !== undefined && equipment > fixed) {
      report(
        'fixed_asset_investment',
        'APPLICANT.INVESTMENT_INCONSISTENT',
        `fixed_asset_investment (固定资产投资) ${formatEn(fixed)} is less than the equipment and robots it includes ` +
          `(${formatEn(equipment)}): give the project's whole fixed-asset investment, or correct the equipment`,
      );
    }
    const total = row.total_investment;
    if (total !== undefined && Math.max(fixed ?? 0, equipment) > total) {
      report(
        'total_investment',
        'APPLICANT.INVESTMENT_INCONSISTENT',
        `total_investment (项目总投资) ${formatEn(total)} is less than the ${fixed === undefined ? 'equipment and robots' : 'fixed-asset investment'} ` +
          `it includes (${formatEn(Math.max(fixed ?? 0, equipment))}): give the project's total investment`,
      );
    }
  },
});
