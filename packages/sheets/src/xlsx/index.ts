export { parseXlsx, readXlsx } from './read.js';
export { NOTES_MARKER } from './walker.js';
export type {
  CellKind,
  HeaderField,
  SheetCell,
  SheetLocation,
  SheetReadOptions,
  SheetReadSummary,
  SheetRow,
  SheetTable,
  SheetVisitor,
} from './types.js';
export { resultWorkbook, ResultWorkbook, type ExplanationRow, type RunAbout } from './write/book.js';
export { explainTrace, type ExplainLabels, type Lang } from './write/explain.js';
export { buildProblemsReport, writeProblemsReport, type InputRow, type ProblemsReportInput } from './write/report.js';
export {
  applicantAccessor,
  enterpriseRecord,
  intensityColumn,
  resultTable,
  type EnterpriseColumns,
  type ExtraColumn,
  type ResultFigures,
  type ResultTableInput,
} from './write/results.js';
export { XLSX_MAX_ROWS, YUAN_FORMAT } from './write/style.js';
export {
  writeTable,
  yuanNumber,
  type ColumnKind,
  type TableColumn,
  type TableSpec,
  type TableValue,
  type TableWritten,
} from './write/table.js';
export { inMemoryTarget, type WorkbookTarget } from './write/target.js';
export { buildTemplate, fieldNote, writeTemplate, type TemplateInput } from './write/template.js';
