export { excelDecimal } from './decimal.js';
export { neutraliseCsvText, restoreCsvText, startsLikeFormula } from './formula.js';
export { cellRef, columnLetter, columnNumber, parseRange, rangeText, sheetCellRef, type CellRange } from './address.js';
