import type { ScenarioFile } from '../schema.js';

/** Synthetic 统一社会信用代码 (valid check characters, GB 32100-2015) of the illustrative firms, by city. */
const FIRM = {
  G1: '91450100MA5N0GL01B', // 南宁: a gazelle firm that also upgrades its plant (U1)
  G2: '91450200MA5N0GL02K', // 柳州: a gazelle firm that also upgrades (U2); blacklisted from 2022
  G3: '91450300MA5N0GL03U', // 桂林
  G4: '91450200MA5N0GL04R', // 柳州: its gazelle recognition ended on 2021-06-30
  G5: '91450100MA5N0GL05P', // 南宁
  G6: '91450500MA5N0GL06F', // 北海: an objection upheld in the 2021 公示
  G7: '91450900MA5N0GL077', // 玉林
  G8: '91450100MA5N0GL081', // 南宁
  U3: '91450400MA5N0JG09B', // 梧州
  U4: '91451200MA5N0JG10J', // 河池
  U5: '91450700MA5N0JG113', // 钦州
} as const;

const ILLUSTRATIVE = '⚠ illustrative: synthetic firms, to show the rule';

/** A gazelle firm as a record of the R&D rule's input (docs/rd-incentive.md), with its credit code and recognition date. */
function gazelle(id: keyof typeof FIRM, city: string, revenue: string, rd: string, previous: string, validUntil: string) {
  return {
    id,
    name: `${city}瞪羚企业 ${id}`,
    scale: 'above',
    revenue,
    rd_expense: rd,
    rd_expense_prev: previous,
    gazelle: true,
    gazelle_valid_until: validUntil,
    city,
    credit_code: FIRM[id],
  };
}

/**
 * The depth of how the R&D money is really run, over 2020–2022: the 2020 award year paid in two
 * batches (4.07亿 in October 2020, 162,619,434元 in March 2022), 瞪羚 awards committed for three
 * years, an exclusion list checked on each programme's date (a 公示 objection, a credit
 * blacklist), one enterprise's support capped across programmes, and tech-upgrade subsidies
 * co-financed by the cities, with unallocated money carried over. The two batches are public
 * figures; everything else is illustrative and marked ⚠.
 */
export const GUANGXI_2020_2022: ScenarioFile = {
  schemaVersion: 1,
  name: 'guangxi-2020-2022',
  title: 'Guangxi R&D awards 2020–2022: batches, commitments, exclusions, cities (illustrative)',
  description:
    'The 2020 R&D award year paid in two batches — 4.07亿 to 1,287 firms (Xinhua 2020-10-28) and the 2020年度第二批 of ' +
    '162,619,434元 paid in March 2022 (科技厅 notice 2022-03-25) — then ⚠ illustrative 瞪羚 awards committed for three years ' +
    '(cri.cn 2018-05-24), tech-upgrade subsidies co-financed by the cities, an exclusion list (a 公示 objection, a credit ' +
    'blacklist), an 800万 cap on one enterprise’s support across programmes, and unallocated money carried over to the next ' +
    'entry of its series. Years are programme years (年度); a batch’s paidOn says when it was paid.',
  date: '2020-10-28',
  unallocated: 'carry_over',
  sources: [
    {
      key: 'innovation_fund',
      label: { zh: '创新驱动发展专项资金', en: 'Innovation-driven development fund' },
      citation: 'R&D incentive money is managed under the 创新驱动发展专项资金 rules (public notices, fiscal-items.md)',
    },
    {
      key: 'tech_upgrade_fund',
      label: { zh: '“千企技改”工程项目补助资金', en: 'Thousand-enterprise technical-upgrade subsidy fund' },
      citation: 'letter 一(一)二',
    },
  ],
  exclusions: [
    {
      id: 'RD-0042',
      kind: 'objection',
      reason: '公示期间收到实名异议，经核实研发费用归集不实',
      programmes: ['rd_2020_batch1'],
      citation:
        '⚠ illustrative: firms are recommended by the 14 cities, reviewed jointly by five departments and published for ' +
        'objections (公示) before payment (科技厅 notice 2022-03-25)',
    },
    {
      creditCode: FIRM.G6,
      name: '北海瞪羚企业 G6',
      kind: 'objection',
      reason: '公示期间收到实名异议，经核实不符合瞪羚企业认定条件',
      programmes: ['gazelle_2021'],
      from: '2021-09-01',
      until: '2021-12-31',
      citation: ILLUSTRATIVE,
    },
    {
      creditCode: FIRM.G2,
      name: '柳州瞪羚企业 G2',
      kind: 'blacklist',
      reason: '列入严重失信主体名单，失信联合惩戒期间不予财政奖补',
      from: '2022-01-01',
      citation: ILLUSTRATIVE,
    },
  ],
  enterpriseCap: {
    amount: '800万',
    order: ['gazelle_2021', 'upgrade_2021'],
    citation:
      '⚠ assumption: no public cap on one enterprise’s support across programmes; 800万 is the R&D award’s yearly total per firm ' +
      '(500万 + 300万, both awards 可同时申请: Xinhua 2020-10-28), applied across programmes to show the rule',
  },
  programmes: [
    {
      id: 'rd_2020_batch1',
      programme: 'rd_incentive',
      envelope: '4.07亿',
      citation: 'Xinhua 2020-10-28: 广西下达4.07亿元资金激励企业加大研发投入 (1,287 firms)',
      basis: 'public',
      year: 2020,
      batch: 1,
      paidOn: '2020-10-28',
      method: 'pro_rata',
      assumptions: ['⚠ 1,287 synthetic firms calibrated to the 2020 award firms (R&D 90亿 in all, "over 85亿")'],
      funding: { innovation_fund: '4.07亿' },
      applicants: { generate: { count: 1287, seed: 2021 } },
    },
    {
      id: 'rd_2020_batch2',
      programme: 'rd_incentive',
      envelope: '162619434',
      citation: '科技厅 notice 2022-03-25 (mirrored on nnhtxf.com): 2020年度企业研发奖补第二批, 162,619,434元',
      basis: 'public',
      year: 2020,
      batch: 2,
      paidOn: '2022-03-25',
      date: '2022-03-25',
      method: 'pro_rata',
      assumptions: [
        '⚠ 500 synthetic firms of the first batch’s shape: the notice gives the amount, not the number of firms; 500 are entitled ' +
          'to 1.70亿, about the amount paid',
      ],
      funding: { innovation_fund: '162619434' },
      applicants: { generate: { count: 500, seed: 2022 } },
    },
    {
      id: 'gazelle_2021',
      programme: 'rd_incentive',
      series: 'gazelle',
      envelope: '200万',
      citation: '⚠ assumption: an illustrative envelope for the 瞪羚 awards of 2021',
      date: '2021-09-23',
      method: 'pro_rata',
      commitment: { years: 3, citation: 'cri.cn 2018-05-24: the 瞪羚 award, 20% of R&D up to 50万, for three years' },
      assumptions: [
        '⚠ the commitment recurs at the first year’s award; the 2018 rule recomputes 20% of each year’s R&D (give the later ' +
          'years’ applicants to do that)',
      ],
      funding: { innovation_fund: '200万' },
      applicants: {
        records: [
          gazelle('G1', '南宁', '6000万', '300万', '280万', '2023-12-31'),
          gazelle('G2', '柳州', '5000万', '200万', '180万', '2023-12-31'),
          gazelle('G3', '桂林', '4000万', '150万', '120万', '2023-12-31'),
          gazelle('G4', '柳州', '5000万', '250万', '200万', '2021-06-30'),
          gazelle('G5', '南宁', '2500万', '100万', '90万', '2023-12-31'),
          gazelle('G6', '北海', '4000万', '180万', '150万', '2023-12-31'),
        ],
      },
    },
    {
      id: 'upgrade_2021',
      programme: 'tech_upgrade',
      envelope: '2000万',
      citation: '⚠ assumption: an illustrative envelope, part of the 2021 batch (letter 一(一)二)',
      date: '2021-09-23',
      method: 'pro_rata',
      cofinancing: {
        regional: '0.7',
        cities: { 柳州: '0.6' },
        citation:
          '⚠ assumption: the 2021 batch was paid through city and county finance (广西日报 2021-05-17); the shares, 区本级 70% and ' +
          '市县 30% (柳州 60% / 40%), are ours',
      },
      funding: { tech_upgrade_fund: '2000万' },
      applicants: {
        records: [
          {
            id: 'U1',
            enterprise: '南宁瞪羚企业 G1',
            equipment_investment: '1.2亿',
            advanced: true,
            smart_factory: true,
            city: '南宁',
            credit_code: FIRM.G1,
          },
          { id: 'U2', enterprise: '柳州瞪羚企业 G2', equipment_investment: '6000万', city: '柳州', credit_code: FIRM.G2 },
          {
            id: 'U3',
            enterprise: '梧州企业 U3',
            equipment_investment: '3000万',
            robots: 12,
            robot_investment: '480万',
            city: '梧州',
            credit_code: FIRM.U3,
          },
          {
            id: 'U4',
            enterprise: '河池企业 U4',
            equipment_investment: '2000万',
            digital_workshop: true,
            city: '河池',
            credit_code: FIRM.U4,
          },
          { id: 'U5', enterprise: '钦州企业 U5', equipment_investment: '1500万', city: '钦州', credit_code: FIRM.U5 },
        ],
      },
    },
    {
      id: 'gazelle_2022',
      programme: 'rd_incentive',
      series: 'gazelle',
      envelope: '200万',
      citation: '⚠ assumption: an illustrative envelope for the 瞪羚 awards of 2022',
      date: '2022-09-23',
      method: 'pro_rata',
      commitment: { years: 3, citation: 'cri.cn 2018-05-24: the 瞪羚 award, 20% of R&D up to 50万, for three years' },
      funding: { innovation_fund: '200万' },
      applicants: {
        records: [
          gazelle('G7', '玉林', '6000万', '300万', '250万', '2024-12-31'),
          gazelle('G8', '南宁', '5000万', '250万', '220万', '2024-12-31'),
        ],
      },
    },
  ],
};
