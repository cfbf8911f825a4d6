import { fen, formatJson } from '../money/index.js';
import { GENERATED_HEADER, INDUSTRIES } from '../programmes/rd-incentive/generate.js';
import { chunked, csvLine, rowId } from './csv.js';
import { draw, quota, wholeYuan } from './draw.js';
import type { Population } from './population.js';
import { splitExactly } from './split.js';

/**
 * The 2020 R&D incentive payout: 4.07亿 to 1,287 firms whose R&D spending was "over 8.5 billion"
 * (超85亿元); Guangxi's whole R&D spending in 2019 was 16.71 billion (Xinhua 2020-10-28).
 */
const RD_INCENTIVE_2020_AWARDS = {
  firms: 1287,
  paidYuan: 407_000_000,
  rdOverYuan: 8_500_000_000,
  guangxiRd2019Yuan: 16_710_000_000,
  citation: 'Xinhua 2020-10-28',
} as const;

/** ⚠ The generated firms' R&D adds up to 90亿 × count / 1,287: "over 85亿" (Xinhua), and no more than 100亿. */
const RD_TOTAL_YUAN = 9_000_000_000;

/** 规模以上: main-business revenue of at least 2000万 a year (National Bureau of Statistics, since 2011). */
const ABOVE_SCALE_REVENUE = 2_000_000_000;

/**
 * The firms paid an R&D incentive, calibrated to the 2020 payout (README.md): their R&D adds up to
 * exactly 90亿 × count / 1,287 (whole yuan), split by `splitExactly` in proportion to log-uniform
 * weights from 1 to 1,000, except for about 1 firm in 215 (6 of 1,287: Guangxi's few large R&D
 * spenders) whose weight is 2,000–15,000, so a handful spend over 1亿 on R&D. Each firm's R&D
 * intensity is 1%–8%, its revenue R&D ÷ intensity, and its scale follows from the revenue (规上 at
 * 2000万 or more). Last year's R&D is 52%–95% of this year's (every firm grew, as the increment
 * award requires), 35% are high-tech (高新技术企业), 5% gazelles (瞪羚企业), all take the super
 * deduction. Amounts are whole yuan; same seed and count, same bytes.
 */
export const rdIncentivePopulation: Population = {
  key: 'rd_incentive',
  noun: 'enterprise',
  defaultCount: RD_INCENTIVE_2020_AWARDS.firms,
  // 4 × the R&D total must stay a safe number of fen (splitExactly).
  maxCount: 1_000_000,
  calibration:
    '1,287 firms, as paid in 2020, with R&D of 90亿 in all (the 2020 award firms spent "over 85亿": Xinhua 2020-10-28); ' +
    'at seed 2021 their entitlements are 4.24亿, within 5% of the 4.07亿 paid',
  header: GENERATED_HEADER,
  rows(count, seed) {
    const d = draw(seed);
    const ids = Array.from({ length: count }, (_, i) => rowId('RD', i, count));
    const kinds = quota(
      d,
      count,
      [
        ['large', 6],
        ['firm', RD_INCENTIVE_2020_AWARDS.firms - 6],
      ],
      RD_INCENTIVE_2020_AWARDS.firms,
    );
    const totalYuan = Math.floor((RD_TOTAL_YUAN * count) / RD_INCENTIVE_2020_AWARDS.firms);
    const rd = splitExactly(
      fen(totalYuan * 100),
      kinds.map((k) => (k === 'large' ? d.logUniform(2_000, 15_000) : d.logUniform(1, 1_000))),
      fen(100),
      ids,
    );
    return chunked(count, (i) => {
      const id = ids[i] ?? '';
      const expense = rd[i] ?? 0;
      const intensity = 0.01 + d.next() * 0.07;
      const revenue = Math.max(100, wholeYuan(expense / intensity));
      const previous = wholeYuan(expense * (0.52 + d.next() * 0.43));
      return csvLine([
        id,
        `企业 ${id}`,
        revenue >= ABOVE_SCALE_REVENUE ? 'above' : 'below',
        formatJson(revenue),
        formatJson(expense),
        formatJson(previous),
        d.chance(0.35),
        d.chance(0.05),
        true,
        d.city(),
        d.pick(INDUSTRIES),
      ]);
    });
  },
};
