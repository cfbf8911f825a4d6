export * from './amount.js';
export { parseAmount, parsePlainYuan } from './parse.js';
export { formatEn, formatJson, formatZh } from './format.js';
