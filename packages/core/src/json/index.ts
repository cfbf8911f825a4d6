export { MAX_JSON_DEPTH, readJson } from './read.js';
export type { JsonReadOptions } from './read.js';
export { recordOf } from './record.js';
