import { ALLOCATION_METHODS, type AllocationMethod } from '../../allocation/index.js';
import { fail, ok, problem } from '../../errors/index.js';
import { excludedApplicants } from '../common/envelope.js';
import type { Programme } from '../programme.js';
import {
  ENTERPRISE_FIELDS,
  enterpriseTableReader,
  enterprisesFromRecords,
  parseEnterprisesCsv,
  type EnterpriseTable,
} from './enterprises.js';
import { evaluateRdIncentive } from './evaluate.js';
import { RD_INCENTIVE_PARAMETERS } from './parameters.js';
import { compileRule } from './rule.js';

/** A 0/1 column as group labels (a plain loop: Array.from with a mapper is several times slower). */
function labels(flags: Uint8Array, one: string, zero: string): string[] {
  const out = new Array<string>(flags.length);
  for (let i = 0; i < flags.length; i++) out[i] = flags[i] === 1 ? one : zero;
  return out;
}

const isMethod = (m: string): m is AllocationMethod => (ALLOCATION_METHODS as readonly string[]).includes(m);

/** 企业研发投入财政奖补: the R&D investment incentive as a programme (docs/rd-incentive.md). */
export const rdIncentiveProgramme: Programme<EnterpriseTable> = {
  key: 'rd_incentive',
  label: { zh: '企业研发投入财政奖补', en: 'R&D investment incentives' },
  citation: 'letter 一(一)三',
  parameters: RD_INCENTIVE_PARAMETERS,
  methods: ALLOCATION_METHODS,
  defaultMethod: 'pro_rata',
  applicantNoun: 'enterprise',
  applicantFields: ENTERPRISE_FIELDS.map((f) => ('default' in f ? { ...f, default: String(f.default) } : f)),
  readApplicants: enterprisesFromRecords,
  readApplicantsCsv: parseEnterprisesCsv,
  applicantTable: enterpriseTableReader,
  evaluate(table, parameters, { budget, method, eligibility }) {
    if (!isMethod(method)) {
      return fail(
        problem('METHOD.UNKNOWN', `unknown envelope method ${method}; use one of ${ALLOCATION_METHODS.join(', ')}`, { value: method }),
      );
    }
    const excluded = excludedApplicants(table.ids, table.creditCodes, eligibility);
    const evaluation = evaluateRdIncentive(table, compileRule(parameters), {
      budget,
      method,
      ...(excluded.length > 0 ? { excluded } : {}),
    });
    return ok({
      programme: 'rd_incentive',
      budget,
      method,
      parametersVersion: parameters.version,
      totals: { ...evaluation.totals, recipients: table.count },
      ids: table.ids,
      entitlements: evaluation.entitlements,
      awards: evaluation.allocation.awards,
      groups: {
        scale: labels(table.scale, 'above', 'below'),
        city: table.cities,
        industry: table.industries,
        high_tech: labels(table.highTech, 'true', 'false'),
        gazelle: labels(table.gazelle, 'true', 'false'),
      },
      creditCodes: table.creditCodes,
      ...(evaluation.certificateNotes.length === 0 ? {} : { eligibilityNotes: evaluation.certificateNotes }),
      ...(eligibility === undefined ? {} : { excluded }),
      trace: (i) => evaluation.trace(i),
      capsBound: (i) => evaluation.capsBound(i),
    });
  },
};
