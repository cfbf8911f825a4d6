export { scenarioFileSchema, type ScenarioFile, type ScenarioFileProgramme, type ScenarioFileSource } from './schema.js';
export {
  parseScenario,
  type ApplicantsSpec,
  type Cofinancing,
  type EnterpriseCap,
  type EnvelopeBasis,
  type FundingSource,
  type Scenario,
  type ScenarioExclusion,
  type ScenarioProgramme,
} from './parse.js';
export type { CommitmentPayment, EntryFlow, Obligation } from './plan.js';
export type { YearLedger } from './years.js';
export {
  cityTotals,
  enterpriseTotals,
  exclusionMatches,
  levelLedger,
  type CityProgrammeTotals,
  type CityTotals,
  type EnterpriseLine,
  type EnterpriseTotals,
  type ExclusionMatches,
  type LevelLedger,
} from './views.js';
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
  programmeLedger,
  sourceLedger,
  type FundingLine,
  type Ledger,
  type LedgerProgrammeInput,
  type ProgrammeLedger,
  type SourceLedger,
} from './ledger.js';
export {
  scenarioResultToJson,
  type CommitmentJson,
  type FundingLineJson,
  type ProgrammeResultJson,
  type RecipientJson,
  type ScenarioResultJson,
} from './output.js';
export { BUILTIN_SCENARIOS, GUANGXI_2020_2022, GUANGXI_2021, findBuiltinScenario } from './builtin/index.js';
