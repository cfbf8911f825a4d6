import { NEV_SUPPORT_EARMARK_2021 } from '../programmes/nev-support/programme.js';
import { formatJson } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, wholeWan } from './draw.js';
import type { Population } from './population.js';

/**
 * NEV projects: the first is the one the letter names (一(一)四), the R&D of the Geely smart
 * new-energy vehicle plant, requesting the whole 15亿 earmark (its city is not stated: left
 * empty). Any further rows are synthetic supplier R&D projects requesting 1000万–3亿
 * (log-uniform, whole 万) in the 14 cities.
 */
export const nevSupportPopulation: Population = {
  key: 'nev_support',
  noun: 'project',
  defaultCount: 1,
  maxCount: 1_000_000,
  calibration: '1 project: the Geely smart NEV plant R&D, requesting the 15亿 earmark (letter 一(一)四)',
  header: 'id,name,enterprise,requested,city',
  rows(count, seed) {
    const d = draw(seed);
    return chunked(count, (i) => {
      const id = rowId('NEV', i, count);
      if (i === 0) return csvLine([id, '吉利智慧新能源整车工厂项目研发', '吉利', formatJson(NEV_SUPPORT_EARMARK_2021.amount), undefined]);
      return csvLine([
        id,
        `新能源汽车配套研发项目 ${id}`,
        `企业 ${id}`,
        formatJson(wholeWan(d.logUniform(1_000_000_000, 30_000_000_000))),
        d.city(),
      ]);
    });
  },
};
