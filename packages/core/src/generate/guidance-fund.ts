import { formatJson } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, tenths, wholeWan } from './draw.js';
import type { Population } from './population.js';

/**
 * Guidance-fund projects: requests of 100万–1000万 (log-uniform, whole 万), review scores
 * 50.0–98.0 (the mean of two uniform draws, so most near 74), the 14 cities.
 */
export const guidanceFundPopulation: Population = {
  key: 'guidance_fund',
  noun: 'project',
  defaultCount: 120,
  maxCount: 1_000_000,
  calibration:
    '⚠ 120 projects: no public count of 2021 applications; at seed 2021 4.58亿 requested, 3.35亿 of entitlements (the 500万 ' +
    'maximum and the pass mark applied) against the 1.5亿 of letter 一(一)二',
  header: 'id,name,enterprise,requested,score,city',
  rows(count, seed) {
    const d = draw(seed);
    return chunked(count, (i) => {
      const id = rowId('GF', i, count);
      const requested = wholeWan(d.logUniform(100_000_000, 1_000_000_000));
      const score = tenths(500 + Math.floor((480 * (d.next() + d.next())) / 2));
      return csvLine([id, `技术创新项目 ${id}`, `企业 ${id}`, formatJson(requested), score, d.city()]);
    });
  },
};
