export type { ApplicantFieldInfo, Programme, ProgrammeOutcome, ProgrammeTotals } from './programme.js';
export { outcomeJsonChunks, type OutcomeJsonOptions } from './output.js';
export type { TraceParameter, TraceStep } from './trace.js';
export { rdIncentiveProgramme } from './rd-incentive/programme.js';
export { PROGRAMMES, PROGRAMME_KEYS, findProgramme, parameterRegistry, programmeOfParameter, programmeRegistry } from './catalogue.js';
