export { scenarioFileSchema, type ScenarioFile, type ScenarioFileProgramme, type ScenarioFileSource } from './schema.js';
export { parseScenario, type ApplicantsSpec, type FundingSource, type Scenario, type ScenarioProgramme } from './parse.js';
export {
  applicantFiles,
  evaluateScenario,
  runScenario,
  type EvaluateScenarioOptions,
  type ProgrammeResult,
  type RecipientAttribution,
  type ScenarioResult,
  type ScenarioTotals,
} from './evaluate.js';
export {
  attributeAwards,
  buildLedger,
  type FundingLine,
  type Ledger,
  type LedgerProgrammeInput,
  type ProgrammeLedger,
  type SourceLedger,
} from './ledger.js';
export {
  scenarioResultToJson,
  type FundingLineJson,
  type ProgrammeResultJson,
  type RecipientJson,
  type ScenarioResultJson,
} from './output.js';
export { BUILTIN_SCENARIOS, GUANGXI_2021, findBuiltinScenario } from './builtin/index.js';
