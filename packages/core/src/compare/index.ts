export {
  applyReform,
  buildReform,
  duplicateReformNames,
  overridesHash,
  parseReform,
  parseReforms,
  reformFileSchema,
  stackReform,
  type Reform,
  type ReformFile,
  type ReformLayer,
  type ReformList,
} from './reform.js';
export { summarizeReform, type ReformChange, type ReformSummary } from './summary.js';
export {
  changeBands,
  checkEdges,
  DEFAULT_CHANGE_EDGES,
  DEFAULT_SIZE_EDGES,
  parseDiffSettings,
  positiveBands,
  type Band,
  type DiffSettings,
} from './bands.js';
export { meanFen, medianFen, shareText } from './stats.js';
export {
  capCounts,
  diffOutcomes,
  type BandCount,
  type CapCount,
  type DiffOptions,
  type Figures,
  type GroupRow,
  type Movement,
  type OutcomeDiff,
  type TotalsChange,
} from './diff.js';
export {
  baselineKey,
  compare,
  sizeBandRows,
  type CompareOptions,
  type Comparison,
  type MethodComparison,
  type MethodOutcome,
  type ReformComparison,
  type SizeBandRow,
} from './compare.js';
export type { Baseline } from '../programmes/baseline.js';
export {
  compareScenario,
  reformProblems,
  scenarioHash,
  type ProgrammeChange,
  type ScenarioComparison,
  type ScenarioReformComparison,
  type SourceChange,
} from './scenario.js';
export { programmeEvaluator, rdIncentiveEvaluator, type Groups, type PointEvaluator, type PointOutcome } from './evaluators.js';
export {
  BUDGET_PATH,
  MAX_AXIS_POINTS,
  MAX_GRID_POINTS,
  sweep,
  sweepAxis,
  type GroupMetrics,
  type PointMetrics,
  type RangeSpec,
  type Sweep,
  type SweepAxis,
  type SweepBaseline,
  type SweepKind,
  type SweepOptions,
  type SweepPoint,
} from './sweep.js';
export {
  comparisonToCsv,
  comparisonToJson,
  scenarioComparisonToCsv,
  scenarioComparisonToJson,
  sweepToCsv,
  sweepToJson,
  totalsJson,
  type JsonOptions,
} from './output.js';
