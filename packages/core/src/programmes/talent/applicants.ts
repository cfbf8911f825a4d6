import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';
import { TALENT_PROGRAMMES } from './parameters.js';

/** The input columns: one line per programme and host (a university, an institute, a county). */
export const TALENT_LINE_FIELDS = [
  { name: 'id', zh: '编号', kind: 'id', required: true },
  {
    name: 'programme',
    zh: '人才项目',
    kind: 'choice',
    required: true,
    choices: TALENT_PROGRAMMES.map(({ key, zh }) => ({ value: key, zh })),
  },
  { name: 'head_count', zh: '人数', kind: 'count', required: true },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'institution', zh: '依托单位', kind: 'text', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

/** One line: `programme` one of the TALENT_PROGRAMMES keys, `head_count` a whole number ≥ 0. */
export type TalentLine = ApplicantRow<typeof TALENT_LINE_FIELDS>;

/** Lines from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const talentLines = applicantReaders({ noun: 'line', fields: TALENT_LINE_FIELDS });
