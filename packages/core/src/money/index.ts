export * from './amount.js';
export { parseAmount, parseAmountIn, parsePlainYuan, parsePlainYuanAt, parsePlainYuanBytes, parseWanAt, parseWanBytes } from './parse.js';
export { formatEn, formatJson, formatZh } from './format.js';
