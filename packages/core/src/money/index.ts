export * from './amount.js';
export { parseAmount, parseAmountIn, parsePlainYuan } from './parse.js';
export { formatEn, formatJson, formatZh } from './format.js';
