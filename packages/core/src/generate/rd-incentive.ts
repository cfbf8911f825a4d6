import { GENERATED_HEADER, generateEnterpriseRows } from '../programmes/rd-incentive/generate.js';
import type { Population } from './population.js';

/** R&D incentive applicants: the generator of `rd-incentive/generate.ts`, at the 2020 award count. */
export const rdIncentivePopulation: Population = {
  key: 'rd_incentive',
  noun: 'enterprise',
  defaultCount: 1287,
  maxCount: 10_000_000,
  calibration: '1,287 firms, every one entitled to an award: the 2020 R&D incentive award count (Xinhua 2020-10-28)',
  header: GENERATED_HEADER,
  rows: (count, seed) => generateEnterpriseRows(count, seed, 10_000, 'awardees'),
};
