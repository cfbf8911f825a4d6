export { compareFractions, lastRemainder, mulDivFloor } from './mul-div.js';
export { Exact } from './decimal.js';
export { parseRate, rateToString, type Rate } from './rate.js';
