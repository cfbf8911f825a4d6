import { ALLOCATION_METHODS } from '../../allocation/index.js';
import type { Programme } from '../programme.js';
import type { ApplicantReaders } from './applicant-reader.js';

/** What a programme whose applicants a field schema reads says of itself; the rest comes from its readers. */
export type SchemaProgrammeSpec<Row> = Pick<
  Programme<readonly Row[]>,
  'key' | 'label' | 'citation' | 'parameters' | 'defaultMethod' | 'evaluate'
> & {
  /** Its applicants' readers (`applicantReaders`): their noun, their fields and their three ways in. */
  readonly applicants: ApplicantReaders<Row>;
};

/**
 * A programme read by `applicantReaders` (every programme but rd_incentive): every method of
 * `allocation/`, and the noun, the fields, the JSON, CSV and table readers of its applicants.
 */
export function schemaProgramme<Row>(spec: SchemaProgrammeSpec<Row>): Programme<readonly Row[]> {
  const { applicants } = spec;
  return {
    key: spec.key,
    label: spec.label,
    citation: spec.citation,
    parameters: spec.parameters,
    methods: ALLOCATION_METHODS,
    defaultMethod: spec.defaultMethod,
    applicantNoun: applicants.noun,
    applicantFields: applicants.fields,
    readApplicants: applicants.fromRecords,
    readApplicantsCsv: applicants.fromCsv,
    applicantTable: applicants.fromTable,
    evaluate: spec.evaluate,
  };
}
