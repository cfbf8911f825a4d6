import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

/** The input columns: one row per project that asks for NEV support. */
export const NEV_PROJECT_FIELDS = [
  { name: 'id', zh: '项目编号', kind: 'id', required: true },
  { name: 'name', zh: '项目名称', kind: 'text', required: false },
  { name: 'enterprise', zh: '承担企业', kind: 'text', required: false },
  { name: 'requested', zh: '申请金额', kind: 'amount', required: true },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

/** One project: `requested` in integer fen. */
export type NevProject = ApplicantRow<typeof NEV_PROJECT_FIELDS>;

/** Projects from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const nevProjects = applicantReaders({ noun: 'project', fields: NEV_PROJECT_FIELDS });
