import { applicantReaders, type ApplicantField, type ApplicantRow } from '../common/applicant-reader.js';

export const KINDS = [
  { value: 'national_zone', zh: '国家高新区' },
  { value: 'regional_zone', zh: '自治区级高新区' },
  { value: 'rd_institution', zh: '新型研发机构' },
  { value: 'major_project', zh: '国家重大项目' },
] as const;

/**
 * The input columns: one row per applicant. `requested` is the institution's request for an
 * `rd_institution` and the national funding won (国拨经费) for a `major_project`; zones
 * receive a fixed award and need none. `score` is the merit review (择优) that ranks applicants.
 */
export const ZONE_APPLICANT_FIELDS = [
  { name: 'id', zh: '编号', kind: 'id', required: true },
  { name: 'name', zh: '名称', kind: 'text', required: false },
  { name: 'kind', zh: '类别', kind: 'choice', required: true, choices: KINDS },
  { name: 'score', zh: '评审得分', kind: 'decimal', required: false, max: '100' },
  { name: 'requested', zh: '申请金额', kind: 'amount', required: false },
  { name: 'city', zh: '所属城市', kind: 'text', required: false },
  { name: 'credit_code', zh: '统一社会信用代码', kind: 'credit_code', required: false },
] as const satisfies readonly ApplicantField[];

export type ZoneApplicant = ApplicantRow<typeof ZONE_APPLICANT_FIELDS>;
export type ZoneApplicantKind = ZoneApplicant['kind'];

const NEEDS_REQUESTED: Partial<Record<ZoneApplicantKind, string>> = {
  rd_institution: "the institution's request",
  major_project: 'the national funding (国拨经费) the project won',
};

/** Applicants from JSON records or CSV text (English or Chinese headers), refused whole if any cell is invalid. */
export const zoneApplicants = applicantReaders({
  noun: 'applicant',
  fields: ZONE_APPLICANT_FIELDS,
  check(row, report) {
    const what = NEEDS_REQUESTED[row.kind];
    if (what !== undefined && row.requested === undefined) {
      report(
        'requested',
        'APPLICANT.REQUIRED_FOR_KIND',
        `requested (申请金额) is required for kind ${row.kind}: give ${what}, an amount in yuan`,
      );
    }
  },
});
