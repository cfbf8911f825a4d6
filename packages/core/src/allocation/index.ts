export { allocate } from './allocate.js';
export { compareCodePoints, distributeRemainders } from './largest-remainder.js';
export * from './types.js';
