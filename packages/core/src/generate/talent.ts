import type { TalentProgrammeKey } from '../programmes/talent/parameters.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, quota } from './draw.js';
import type { Population } from './population.js';

const HEAD_COUNTS: Readonly<Record<TalentProgrammeKey, readonly [number, number]>> = {
  bagui_scholar: [1, 4],
  academician_reserve: [1, 4],
  agri_tech_service: [20, 160],
  distinguished_expert: [2, 10],
};

/**
 * Talent lines (one per programme and host institution) in fixed shares: 20% 八桂学者 with 1–4
 * people, 15% 院士后备人选工程 with 1–4, 35% 农业科技人才服务 with 20–160, 30% 特聘专家 with
 * 2–10. Host institutions are synthetic (`南宁依托单位 07`), in the 14 cities.
 */
export const talentPopulation: Population = {
  key: 'talent',
  noun: 'line',
  defaultCount: 100,
  maxCount: 1_000_000,
  calibration:
    '⚠ 100 lines: no public head counts; at seed 2021 and the default stipends 1.68亿 of entitlements, within 8% of the 1.56亿 ' +
    'of letter 一(五)',
  header: 'id,programme,head_count,city,institution',
  rows(count, seed) {
    const d = draw(seed);
    const programmes = quota<TalentProgrammeKey>(
      d,
      count,
      [
        ['bagui_scholar', 20],
        ['academician_reserve', 15],
        ['agri_tech_service', 35],
        ['distinguished_expert', 30],
      ],
      100,
    );
    return chunked(count, (i) => {
      const programme = programmes[i] ?? 'distinguished_expert';
      const [lo, hi] = HEAD_COUNTS[programme];
      const city = d.city();
      return csvLine([
        rowId('TL', i, count),
        programme,
        d.between(lo, hi),
        city,
        `${city}依托单位 ${String(d.between(1, 30)).padStart(2, '0')}`,
      ]);
    });
  },
};
