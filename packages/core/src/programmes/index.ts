export type {
  ApplicantFieldInfo,
  Eligibility,
  EvaluateOptions,
  ExcludedApplicant,
  Exclusion,
  Programme,
  ProgrammeOutcome,
  ProgrammeTotals,
} from './programme.js';
export { creditCodeCheckCharacter, parseCreditCode } from './common/credit-code.js';
export { outcomeJsonChunks, type OutcomeJsonOptions } from './output.js';
export type { TraceParameter, TraceStep } from './trace.js';
export { rdIncentiveProgramme } from './rd-incentive/programme.js';
export { PROGRAMMES, PROGRAMME_KEYS, findProgramme, parameterRegistry, programmeOfParameter, programmeRegistry } from './catalogue.js';
export { baselineProblemAt, resolveBaseline, type BaselineSetting, type BaselineSettings, type ResolvedBaseline } from './baseline.js';
