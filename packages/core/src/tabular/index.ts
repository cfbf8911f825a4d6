export { parseCsv, readCsv, type CsvRecord, type CsvTable, type CsvVisitor } from './csv.js';
