export * from './types.js';
export { ParameterRegistry, isoDateSchema, overrideSchema, reformSchema, type ParameterSet } from './registry.js';
export { displayValue, parseParameterValue } from './values.js';
export { canonicalJson, contentHash } from './hash.js';
