import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

/** The input columns: one row per project that applies for a grant. */
export const PROJECT_FIELDS = [
  { name: 'id', zh: '项目编号', kind: 'id', required: true },
  { name: 'name', zh: '项目名称', kind: 'text', required: false },
  { name: 'enterprise', zh: '承担企业', kind: 'text', required: false },
  { name: 'requested', zh: '申请金额', kind: 'amount', required: true },
  { name: 'score', zh: '评审得分', kind: 'decimal', required: true, max: '100' },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

/** One project: `requested` in integer fen, `score` an exact decimal from 0 to 100. */
export type GuidanceProject = ApplicantRow<typeof PROJECT_FIELDS>;

/** Projects from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const guidanceProjects = applicantReaders({ noun: 'project', fields: PROJECT_FIELDS });
