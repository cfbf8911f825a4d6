export type { Programme, ProgrammeOutcome, ProgrammeTotals } from './programme.js';
export type { TraceParameter, TraceStep } from './trace.js';
export { rdIncentiveProgramme } from './rd-incentive/programme.js';
export { PROGRAMMES, PROGRAMME_KEYS, findProgramme, parameterRegistry, programmeOfParameter, programmeRegistry } from './catalogue.js';
