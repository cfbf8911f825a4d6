import { formatJson } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, quota, tenths, wholeWan } from './draw.js';
import type { Population } from './population.js';

const KIND_NAMES = {
  national_zone: '国家高新区',
  regional_zone: '自治区级高新区',
  rd_institution: '新型研发机构',
  major_project: '国家重大项目配套',
} as const;
type Kind = keyof typeof KIND_NAMES;

/**
 * High-tech zone applicants in fixed shares: 1 in 20 a newly approved national zone (at least
 * one), 4 in 20 regional zones, 7 in 20 new R&D institutions requesting 100万–800万, the rest
 * zone firms with national major projects whose national funding is 500万–1亿 (log-uniform,
 * whole 万). Scores 60.0–98.0; one applicant in ten other than a national zone has no score.
 */
export const hitechZonesPopulation: Population = {
  key: 'hitech_zones',
  noun: 'applicant',
  defaultCount: 20,
  maxCount: 1_000_000,
  calibration: '⚠ 20 applicants: no public count; about 8500万 of entitlements against the assumed 5000万 envelope',
  header: 'id,name,kind,score,requested,city',
  rows(count, seed) {
    const d = draw(seed);
    const national = count === 0 ? 0 : Math.max(1, Math.floor(count / 20));
    const kinds: Kind[] = [
      ...Array.from({ length: national }, (): Kind => 'national_zone'),
      ...quota<Kind>(
        d,
        count - national,
        [
          ['regional_zone', 4],
          ['rd_institution', 7],
          ['major_project', 8],
        ],
        19,
      ),
    ];
    return chunked(count, (i) => {
      const id = rowId('HZ', i, count);
      const kind = kinds[i] ?? 'major_project';
      const city = d.city();
      const scored = kind === 'national_zone' || !d.chance(0.1);
      const score = scored ? tenths(600 + d.between(0, 380)) : undefined;
      const requested =
        kind === 'rd_institution'
          ? wholeWan(d.logUniform(100_000_000, 800_000_000))
          : kind === 'major_project'
            ? wholeWan(d.logUniform(500_000_000, 10_000_000_000))
            : undefined;
      return csvLine([
        id,
        `${city}${KIND_NAMES[kind]} ${id}`,
        kind,
        score,
        requested === undefined ? undefined : formatJson(requested),
        city,
      ]);
    });
  },
};
