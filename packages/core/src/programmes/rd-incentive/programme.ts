import { ALLOCATION_METHODS, type AllocationMethod } from '../../allocation/index.js';
import { fail, ok, problem } from '../../errors/index.js';
import type { Programme } from '../programme.js';
import { enterprisesFromRecords, parseEnterprisesCsv, type EnterpriseTable } from './enterprises.js';
import { evaluateRdIncentive } from './evaluate.js';
import { RD_INCENTIVE_PARAMETERS } from './parameters.js';
import { compileRule } from './rule.js';

const isMethod = (m: string): m is AllocationMethod => (ALLOCATION_METHODS as readonly string[]).includes(m);

/** 企业研发投入财政奖补: the R&D investment incentive as a programme (rd-incentive.md). */
export const rdIncentiveProgramme: Programme<EnterpriseTable> = {
  key: 'rd_incentive',
  label: { zh: '企业研发投入财政奖补', en: 'R&D investment incentives' },
  citation: 'letter 一(一)三',
  parameters: RD_INCENTIVE_PARAMETERS,
  methods: ALLOCATION_METHODS,
  defaultMethod: 'pro_rata',
  readApplicants: enterprisesFromRecords,
  readApplicantsCsv: parseEnterprisesCsv,
  evaluate(table, parameters, { budget, method }) {
    if (!isMethod(method)) {
      return fail(problem('METHOD.UNKNOWN', `unknown envelope method ${method}; use one of ${ALLOCATION_METHODS.join(', ')}`, { value: method }));
    }
    const evaluation = evaluateRdIncentive(table, compileRule(parameters), { budget, method });
    return ok({
      program: 'rd_incentive',
      budget,
      method,
      parametersVersion: parameters.version,
      totals: { ...evaluation.totals, recipients: table.count },
      ids: table.ids,
      entitlements: evaluation.entitlements,
      awards: evaluation.allocation.awards,
      groups: {
        scale: Array.from(table.scale, (s) => (s === 1 ? 'above' : 'below')),
        city: table.cities,
        industry: table.industries,
        high_tech: Array.from(table.highTech, (f) => (f === 1 ? 'true' : 'false')),
        gazelle: Array.from(table.gazelle, (f) => (f === 1 ? 'true' : 'false')),
      },
      trace: (i) => evaluation.trace(i),
      capsBound: (i) => evaluation.capsBound(i),
    });
  },
};
