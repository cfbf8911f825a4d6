import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

/**
 * The input columns: one row per technical-upgrade project. `equipment_investment` is the
 * eligible equipment investment other than the robots of `robot_investment` (⚠ our reading:
 * a robot is not subsidised twice).
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
] as const satisfies readonly ApplicantField[];

/** One project: amounts in integer fen, flags false and robot figures 0 unless given. */
export type UpgradeProject = ApplicantRow<typeof UPGRADE_FIELDS>;

/** Projects from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const upgradeProjects = applicantReaders({ noun: 'project', fields: UPGRADE_FIELDS });
