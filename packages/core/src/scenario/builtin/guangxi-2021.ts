import { NEV_FUNDING_SOURCES } from '../../programmes/nev-support/funding.js';
import type { ScenarioFile } from '../schema.js';

/**
 * The reply letter's 2021 money (广西科技厅, 2021-09-23, to CPPCC proposal No. 20210124): every
 * amount with its section, funded from the sources the letter names, each programme's applicants a
 * seeded synthetic population calibrated to the public counts (`generate/README.md`). Data, not
 * code: `bagui scenarios show guangxi-2021` prints it as a scenario file to copy and edit.
 */
export const GUANGXI_2021: ScenarioFile = {
  schemaVersion: 1,
  name: 'guangxi-2021',
  title: 'Guangxi 2021 (reply letter)',
  description:
    'Every fiscal amount of the Guangxi Science and Technology Department’s reply of 2021-09-23 to CPPCC proposal ' +
    'No. 20210124, with its section: 1.5亿 guidance fund and 1.8亿 tech-upgrade subsidies (一(一)二), 15亿 NEV support from ' +
    'three named funds (一(一)四), 1.56亿 for talent (一(五)), 3000万 digital-centre subsidies (一(三)四). Parameters are those ' +
    'in force on the letter’s date. The letter’s money is 20.16亿; the plan adds 4.07亿 for R&D incentives (the 2020 payout, ' +
    'Xinhua 2020-10-28, as the letter states no amount) and 5000万 of our own for the high-tech zones. ⚠ Assumptions, each ' +
    'listed with its reason on its programme: the NEV 15亿 split equally between the three funds the letter names (it says ' +
    '等); who funds the digital-centre subsidies and the zone rewards; the methods of oversubscribed envelopes; applicants ' +
    'are synthetic (bagui generate), calibrated to the public figures.',
  date: '2021-09-23',
  sources: [
    {
      key: 'guidance_fund_budget',
      label: { zh: '广西技术创新引导专项资金', en: 'Technology-innovation guidance fund budget' },
      citation: 'letter 一(一)二: 自治区财政安排广西技术创新引导专项',
    },
    {
      key: 'tech_upgrade_fund',
      label: { zh: '“千企技改”工程项目补助资金', en: 'Thousand-enterprise technical-upgrade subsidy fund' },
      citation: 'letter 一(一)二',
    },
    ...NEV_FUNDING_SOURCES.map((s) => ({
      key: s.key,
      label: s.name,
      citation:
        s.key === 'innovation_fund'
          ? 'letter 一(一)四; R&D incentives are managed under its rules too (public notices, fiscal-items.md)'
          : s.citation,
    })),
    {
      key: 'talent_fund',
      label: { zh: '自治区本级财政重大人才项目资金', en: 'Regional budget money for the major talent programmes' },
      citation: 'letter 一(五): 自治区本级财政筹措资金',
    },
    {
      key: 'digital_centre_fund',
      label: { zh: '华为—南宁数字经济产业创新中心补贴资金', en: 'Huawei–Nanning digital-economy innovation centre subsidy money' },
      citation: 'letter 一(三)四; ⚠ assumption: the letter does not say who funds the subsidies',
    },
    {
      key: 'hitech_zone_fund',
      label: { zh: '高新区建设奖补资金', en: 'High-tech zone reward money' },
      citation: '⚠ assumption: the letter (一(一)一) and 桂政办发〔2021〕81号 name the rewards but no fund',
    },
  ],
  programmes: [
    {
      programme: 'guidance_fund',
      envelope: '1.5亿',
      citation: 'letter 一(一)二: 2021年自治区财政安排广西技术创新引导专项1.5亿元',
      method: 'ranked',
      assumptions: [
        '⚠ one call ranked by review score: the letter (一(一)二) ties the fund to 高新技术企业倍增, 瞪羚企业培育 and the transfer of ' +
          'research results (成果转化), and how the 1.5亿 was divided among them is not public',
        '⚠ 120 synthetic projects: no public count of 2021 applications',
      ],
      funding: { guidance_fund_budget: '1.5亿' },
      applicants: { generate: { count: 120, seed: 2021 } },
    },
    {
      programme: 'tech_upgrade',
      envelope: '1.8亿',
      citation: 'letter 一(一)二: 下达“千企技改”工程项目补助资金1.8亿元 (51 projects, 123亿 invested: regional news 2021-05-17)',
      method: 'pro_rata',
      assumptions: [
        '⚠ method pro_rata: the rules (en.gxzf.gov.cn 2021-02-23) pay at most 10% of the equipment investment; 1.8亿 for 91亿 of ' +
          'planned fixed assets was well below that maximum, modelled as one common share of every project’s 10% entitlement',
        '⚠ base: the 123亿 of the batch is total investment and 91亿 its planned fixed assets (广西日报 2021-05-17); the subsidy’s base, ' +
          'the equipment, is taken as 40%–70% of each project’s fixed assets (synthetic projects)',
        '⚠ paid through city and county finance (广西日报 2021-05-17): the money is regional; no city co-financing is modelled',
      ],
      funding: { tech_upgrade_fund: '1.8亿' },
      applicants: { generate: { count: 51, seed: 2021 } },
    },
    {
      programme: 'rd_incentive',
      envelope: '4.07亿',
      citation:
        '⚠ assumption: the letter (一(一)三) states the rule but no amount; the envelope is the 2020 payout, 4.07亿 to 1,287 firms ' +
        '(Xinhua 2020-10-28, 广西下达4.07亿元资金激励企业加大研发投入)',
      method: 'pro_rata',
      basis: 'public',
      assumptions: [
        '⚠ the 2021 envelope is the 2020 payout (4.07亿, Xinhua 2020-10-28): the letter states no 2021 amount',
        '⚠ 1,287 synthetic firms calibrated to the 2020 award firms: R&D 90亿 in all ("over 85亿"), entitled to 4.24亿',
        '⚠ pro_rata for the oversubscribed envelope: no public rule (docs/rd-incentive.md offers three)',
      ],
      funding: { innovation_fund: '4.07亿' },
      // 1,287 generated firms calibrated to the 2020 award firms (R&D 90亿 in all, "over 85亿"): their
      // entitlements (4.24亿) are within 5% of the 4.07亿, paid pro rata to all 1,287, as in 2020.
      applicants: { generate: { count: 1287, seed: 2021 } },
    },
    {
      programme: 'nev_support',
      envelope: '15亿',
      citation:
        'letter 一(一)四: 统筹工业和信息化发展专项资金、“今冬明春”重大工业产业补助资金、创新驱动发展专项资金等安排15亿元; ' +
        '⚠ assumption: the split between the three funds is not public — equal thirds (5亿 each)',
      method: 'pro_rata',
      assumptions: [
        '⚠ the split over three funds: the letter names 工业和信息化发展专项资金, “今冬明春”重大工业产业补助资金 and 创新驱动发展专项资金 ' +
          'followed by 等 (among others), so other funds may have contributed; equal thirds of the 15亿 are ours',
      ],
      funding: { industry_it_fund: '5亿', winter_spring_fund: '5亿', innovation_fund: '5亿' },
      applicants: { generate: { count: 1, seed: 2021 } },
    },
    {
      programme: 'hitech_zones',
      envelope: '5000万',
      citation:
        '⚠ assumption: the letter (一(一)一) and 桂政办发〔2021〕81号 state no envelope; 5000万 is ours — e.g. one new national ' +
        'zone (1000万), four regional zones (4 × 500万) and 2000万 for R&D institutions and matching support',
      method: 'ranked',
      assumptions: [
        '⚠ the 5000万 envelope and its fund are ours: the letter (一(一)一) and 桂政办发〔2021〕81号 give neither',
        '⚠ 20 synthetic applicants, ranked by review score after the new national zone (措施(一), paid first)',
      ],
      funding: { hitech_zone_fund: '5000万' },
      applicants: { generate: { count: 20, seed: 2021 } },
    },
    {
      programme: 'talent',
      envelope: '1.56亿',
      citation: 'letter 一(五): 2021年自治区本级财政筹措资金1.56亿元',
      // Stipends are paid in full or not at all, in the letter's order of programmes (talent.whole_stipends).
      method: 'ranked',
      assumptions: [
        '⚠ 100 synthetic lines (no public head counts): their stipends, 1.68亿, exceed the 1.56亿 by 8%',
        '⚠ stipends paid whole, in the letter’s order of programmes (八桂学者, 院士后备人选工程, 农业科技人才服务, then 特聘专家): ' +
          'no public rule says which a short envelope serves first',
      ],
      funding: { talent_fund: '1.56亿' },
      applicants: { generate: { count: 100, seed: 2021 } },
    },
    {
      programme: 'digital_subsidy',
      envelope: '3000万',
      citation: 'letter 一(三)四: 在5月已发放3000万补贴资金，资源服务覆盖237家企业及9所高校',
      method: 'pro_rata',
      assumptions: [
        '⚠ recipients: the letter says the centre’s resource services reached 237 enterprises and 9 universities and that it paid ' +
          '3000万 in May 2021; that the 3000万 went to these 246 is our reading',
        '⚠ requests synthetic (the centres’ rules are not public): 3102万 of entitlements, paid pro rata',
      ],
      funding: { digital_centre_fund: '3000万' },
      applicants: { generate: { count: 246, seed: 2021 } },
    },
  ],
};
