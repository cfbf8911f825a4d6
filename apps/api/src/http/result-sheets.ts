import type { ParameterSet } from '@bagui/core/parameters';
import { rdIncentiveProgramme, type Programme, type ProgrammeOutcome } from '@bagui/core/programmes';
import type { RdEvaluation } from '@bagui/core/programmes/rd-incentive';
import type { ScenarioResult } from '@bagui/core/scenario';
import { applicantAccessor, enterpriseRecord, intensityColumn, type Lang } from '@bagui/sheets/xlsx';
import type { ResultSheet } from './answers.js';

/** A programme's evaluation as a result sheet: its applicants' columns beside each entitlement and award. */
export function outcomeSheet(
  programme: Programme,
  applicants: unknown,
  outcome: ProgrammeOutcome,
  parameters: ParameterSet,
  lang: Lang,
): ResultSheet {
  return {
    sheet: programme.label[lang],
    programme: programme.key,
    fields: programme.applicantFields,
    applicant: applicantAccessor(applicants),
    figures: outcome,
    trace: (i) => outcome.trace(i),
    parameters: parameters.all(),
    definitions: programme.parameters,
  };
}

/** rd_incentive's own evaluation (its contract's route) as a result sheet, with each firm's R&D intensity. */
export function rdEvaluationSheet(evaluation: RdEvaluation, lang: Lang): ResultSheet {
  const table = evaluation.table;
  return {
    sheet: rdIncentiveProgramme.label[lang],
    programme: 'rd_incentive',
    fields: rdIncentiveProgramme.applicantFields,
    applicant: (i) => enterpriseRecord(table, i),
    figures: { ids: table.ids, entitlements: evaluation.entitlements, awards: evaluation.allocation.awards },
    extra: [intensityColumn(table, lang)],
    trace: (i) => evaluation.trace(i),
    parameters: evaluation.rule.parameters.all(),
    definitions: rdIncentiveProgramme.parameters,
  };
}

const ID_FIELD = [{ name: 'id', zh: '编号', kind: 'id', required: true }] as const;

/**
 * A scenario's result, a sheet per programme entry (named by its id): each recipient's id,
 * entitlement and award (the scenario's awards, its enterprise cap applied). The applicants'
 * other columns are not kept by a scenario's result.
 */
export function scenarioSheets(result: ScenarioResult): ResultSheet[] {
  return result.programmes.map(({ entry, outcome }) => ({
    sheet: entry.id,
    programme: entry.id,
    fields: ID_FIELD,
    applicant: (i) => ({ id: outcome.ids[i] }),
    figures: outcome,
    trace: (i) => outcome.trace(i),
    parameters: entry.parameters.all(),
    definitions: entry.programme.parameters,
  }));
}
