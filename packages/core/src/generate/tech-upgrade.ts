import { mulDivFloor } from '../exact/index.js';
import { fen, formatJson } from '../money/index.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, wholeYuan } from './draw.js';
import type { Population } from './population.js';
import { splitExactly } from './split.js';

/** The 2021 batch: 51 projects, total investment 12.3 billion yuan (regional news 2021-05-17). */
export const TECH_UPGRADE_2021_BATCH = { projects: 51, investmentYuan: 12_300_000_000, citation: 'regional news 2021-05-17' } as const;

/**
 * Technical-upgrade projects whose investments add up to 123亿 × count / 51 (whole yuan, rounded
 * down), so 51 projects invest exactly 12,300,000,000: the total is split among the projects in
 * proportion to log-uniform weights from 1 to 100 by `splitExactly`. A project's investment is
 * its `equipment_investment` plus its `robot_investment` (the tech-upgrade README counts a robot
 * once): 20% of projects buy 10–60 industrial robots at 15万–40万 each (at most 40% of the
 * project's investment), 5% buy 3–9 (too few for the robot subsidy). 30% have advanced
 * equipment, 10% are smart factories, 15% digital workshops.
 */
export const techUpgradePopulation: Population = {
  key: 'tech_upgrade',
  noun: 'project',
  defaultCount: TECH_UPGRADE_2021_BATCH.projects,
  // 4 × the total must stay a safe number of fen (splitExactly).
  maxCount: 50_000,
  calibration: '51 projects investing exactly 12,300,000,000 in all (regional news 2021-05-17)',
  header: 'id,name,enterprise,equipment_investment,advanced,smart_factory,digital_workshop,robots,robot_investment,city',
  rows(count, seed) {
    const d = draw(seed);
    const ids = Array.from({ length: count }, (_, i) => rowId('TU', i, count));
    const totalYuan = mulDivFloor(TECH_UPGRADE_2021_BATCH.investmentYuan, count, TECH_UPGRADE_2021_BATCH.projects);
    const investments = splitExactly(
      fen(totalYuan * 100),
      ids.map(() => d.logUniform(1, 100)),
      fen(100),
      ids,
    );
    return chunked(count, (i) => {
      const id = ids[i] ?? '';
      const investment = investments[i] ?? 0;
      const robotsDraw = d.next();
      const robots = robotsDraw < 0.2 ? d.between(10, 60) : robotsDraw < 0.25 ? d.between(3, 9) : 0;
      const price = robots * d.between(150_000, 400_000) * 100;
      const robotInvestment = Math.min(price, wholeYuan(investment * 0.4));
      return csvLine([
        id,
        `技术改造项目 ${id}`,
        `企业 ${id}`,
        formatJson(investment - robotInvestment),
        d.chance(0.3),
        d.chance(0.1),
        d.chance(0.15),
        robots,
        formatJson(robotInvestment),
        d.city(),
      ]);
    });
  },
};
