import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

/**
 * The innovation centres the letter names (一(三)三, 一(三)四): the AI and Kunpeng centres
 * called for resource and cash subsidy applications on 2021-05-14; the Huawei–Nanning centre
 * paid 3000万 in May 2021. `zh` is the short name a file may use.
 */
export const DIGITAL_CENTRES = [
  {
    key: 'ai',
    zh: '人工智能创新中心',
    name: { zh: '中国—东盟（华为）人工智能创新中心', en: 'China–ASEAN (Huawei) AI innovation centre' },
    applications: 104,
  },
  {
    key: 'kunpeng',
    zh: '鲲鹏生态创新中心',
    name: { zh: '中国—东盟信息港鲲鹏生态创新中心', en: 'China–ASEAN Information Harbour Kunpeng ecosystem innovation centre' },
    applications: 65,
  },
  {
    key: 'nanning',
    zh: '数字经济产业创新中心',
    name: { zh: '华为—南宁数字经济产业创新中心', en: 'Huawei–Nanning digital-economy industry innovation centre' },
    applications: undefined,
  },
] as const;

export const APPLICANT_KINDS = [
  { value: 'enterprise', zh: '企业' },
  { value: 'university', zh: '高校' },
] as const;

/** The input columns: one row per enterprise or university that applies for a subsidy. */
export const DIGITAL_APPLICANT_FIELDS = [
  { name: 'id', zh: '申报编号', kind: 'id', required: true },
  { name: 'name', zh: '单位名称', kind: 'text', required: false },
  { name: 'kind', zh: '单位类型', kind: 'choice', required: true, choices: APPLICANT_KINDS },
  {
    name: 'centre',
    zh: '创新中心',
    kind: 'choice',
    required: false,
    choices: DIGITAL_CENTRES.map(({ key, zh }) => ({ value: key, zh })),
  },
  { name: 'resource_requested', zh: '申请资源补贴', kind: 'amount', required: true },
  { name: 'cash_requested', zh: '申请现金补贴', kind: 'amount', required: true },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

/** One applicant: amounts in integer fen; `centre` absent when not given. */
export type DigitalApplicant = ApplicantRow<typeof DIGITAL_APPLICANT_FIELDS>;

/** Applicants from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const digitalApplicants = applicantReaders({ noun: 'applicant', fields: DIGITAL_APPLICANT_FIELDS });
