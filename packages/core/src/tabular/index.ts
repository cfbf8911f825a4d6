export { parseCsv, readCsv, type CsvRecord, type CsvTable, type CsvVisitor } from './csv.js';
export { jsonText, jsonType, MAX_PROBLEMS, ProblemList, suggestField } from './problems.js';
export { nfc } from './text.js';
