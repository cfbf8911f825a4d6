export * from './amount.js';
export { parseAmount, parseAmountIn, parsePlainYuan, parsePlainYuanAt, parseWanAt } from './parse.js';
export { formatEn, formatJson, formatZh } from './format.js';
