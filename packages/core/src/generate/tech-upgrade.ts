import { mulDivFloor } from '../exact/index.js';
import { fen, formatJson, type Fen } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, wholeYuan } from './draw.js';
import type { Population } from './population.js';
import { splitExactly } from './split.js';

/**
 * The 2021 batch: 51 projects, total investment 12.3 billion yuan, of which planned fixed-asset
 * investment 9.1 billion (广西日报 2021-05-17); 1.8亿 paid (letter 一(一)二).
 */
export const TECH_UPGRADE_2021_BATCH = {
  projects: 51,
  investmentYuan: 12_300_000_000,
  fixedAssetsYuan: 9_100_000_000,
  paidYuan: 180_000_000,
  citation: '广西日报 2021-05-17',
} as const;

/**
 * Technical-upgrade projects whose total investments add up to 123亿 × count / 51 and whose
 * fixed-asset investments add up to 91亿 × count / 51 (whole yuan, rounded down), so the 51
 * projects of the 2021 batch invest exactly 12,300,000,000 in all and plan exactly 9,100,000,000
 * of fixed assets, whatever the seed. The totals are split by `splitExactly`: total investment in
 * proportion to log-uniform weights from 1 to 100; fixed assets in proportion to each project's
 * total × 65%–85%, so each project's fixed assets are below its total. ⚠ Of the fixed assets,
 * 40%–70% is equipment (the subsidy's base: the rules subsidise equipment, not the whole
 * investment); of that, 20% of projects buy 10–60 industrial robots at 15万–40万 each (at most 40%
 * of the equipment), 5% buy 3–9 (too few for the robot subsidy), and `equipment_investment` is the
 * rest (the tech-upgrade README counts a robot once). 30% have advanced equipment, 10% are smart
 * factories, 15% digital workshops.
 */
export const techUpgradePopulation: Population = {
  key: 'tech_upgrade',
  noun: 'project',
  defaultCount: TECH_UPGRADE_2021_BATCH.projects,
  // 4 × the total must stay a safe number of fen (splitExactly).
  maxCount: 50_000,
  calibration: '51 projects investing exactly 12,300,000,000 in all, of which 9,100,000,000 planned fixed assets (广西日报 2021-05-17)',
  header:
    'id,name,enterprise,equipment_investment,advanced,smart_factory,digital_workshop,robots,robot_investment,city,fixed_asset_investment,total_investment',
  rows(count, seed) {
    const d = draw(seed);
    const ids = Array.from({ length: count }, (_, i) => rowId('TU', i, count));
    const batch = (yuan: number): Fen => fen(mulDivFloor(yuan, count, TECH_UPGRADE_2021_BATCH.projects) * 100);
    const totals = splitExactly(
      batch(TECH_UPGRADE_2021_BATCH.investmentYuan),
      ids.map(() => d.logUniform(1, 100)),
      fen(100),
      ids,
    );
    const fixedAssets = splitExactly(
      batch(TECH_UPGRADE_2021_BATCH.fixedAssetsYuan),
      ids.map((_, i) => (totals[i] ?? 0) * (0.65 + d.next() * 0.2)),
      fen(100),
      ids,
    );
    return chunked(count, (i) => {
      const id = ids[i] ?? '';
      const fixed = fixedAssets[i] ?? 0;
      const equipment = wholeYuan(fixed * (0.4 + d.next() * 0.3));
      const robotsDraw = d.next();
      const robots = robotsDraw < 0.2 ? d.between(10, 60) : robotsDraw < 0.25 ? d.between(3, 9) : 0;
      const price = robots * d.between(150_000, 400_000) * 100;
      const robotInvestment = Math.min(price, wholeYuan(equipment * 0.4));
      return csvLine([
        id,
        `技术改造项目 ${id}`,
        `企业 ${id}`,
        formatJson(equipment - robotInvestment),
        d.chance(0.3),
        d.chance(0.1),
        d.chance(0.15),
        robots,
        formatJson(robotInvestment),
        d.city(),
        formatJson(fixed),
        formatJson(totals[i] ?? 0),
      ]);
    });
  },
};
