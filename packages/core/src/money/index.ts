export * from './amount.js';
export { parseAmount, parseAmountIn, parsePlainYuan, parsePlainYuanAt } from './parse.js';
export { formatEn, formatJson, formatZh } from './format.js';
