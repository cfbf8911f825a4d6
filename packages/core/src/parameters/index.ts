export * from './types.js';
export { ParameterRegistry, isoDateSchema, overrideSchema, reformSchema, type ParameterSet } from './registry.js';
export { displayValue, parseParameterValue } from './values.js';
export { canonicalJson, contentHash } from './hash.js';

/**
 * The last day the parameter sets were checked against their sources (the 2026-12 revision of
 * docs/rd-incentive.md). For a later date the last known values still apply, but a change we do not
 * know of may have been made: the CLI warns.
 */
export const PARAMETERS_KNOWN_THROUGH = '2026-12-31';
export { parseAssignments, type Assignments } from './assignments.js';
