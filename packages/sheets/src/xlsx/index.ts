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
