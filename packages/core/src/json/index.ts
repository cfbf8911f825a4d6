export { findStructureFault, findSyntaxFault, isExactNumber, lineAndColumn, MAX_JSON_DEPTH, readJson } from './read.js';
export type { JsonReadOptions, StructureFault } from './read.js';
export { recordOf } from './record.js';
