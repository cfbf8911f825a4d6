export { parseCsv, readCsv, type CsvByteSpans, type CsvRecord, type CsvSpans, type CsvTable, type CsvVisitor } from './csv.js';
export { CsvReader, readCsvPieces } from './csv-stream.js';
export { jsonText, jsonType, MAX_PROBLEMS, ProblemList, suggestField } from './problems.js';
export { nfc } from './text.js';
export { ByteTexts, utf8Text } from './utf8.js';
export { mapHeader, type HeaderFieldSpec, type HeaderMap, type HeaderUnit } from './header.js';
export {
  dateWhereAmount,
  finishTable,
  type ExcludedRow,
  type TableCellInfo,
  type TableReader,
  type TableReading,
  type TableReadOptions,
  type TableRowInfo,
} from './table.js';
export { MAX_ID_LENGTH, parseBoolean } from './cells.js';
