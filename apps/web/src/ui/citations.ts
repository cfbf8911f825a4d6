import type { Lang } from '../i18n';

/**
 * The Chinese of every citation, ⚠ assumption and note that core ships with its programmes
 * (parameters' sources, a programme's letter section, the talent lines' sections its trace
 * quotes) and its built-in scenarios (entries' citations and assumptions, sources, caps,
 * co-financing, commitments). Core keeps one English string per item, in the CLI and API
 * contracts; the planner says it in Chinese. Keys are core's exact text: a test collects every
 * such string from core's public API and fails on one without a Chinese entry, or on an entry
 * whose English core no longer ships. `letter 一(一)二` is the 2021 reply letter (复函); what is
 * ours (本模型设定) and what is synthetic (模拟) is said so in Chinese as in English.
 */
export const CITATIONS_ZH: ReadonlyMap<string, string> = new Map([
  ['letter 一(一)二', '复函 一(一)二'],
  [
    '⚠ assumption: no public per-project maximum found for 2021 (letter 一(一)二 gives only the 1.5亿 total)',
    '⚠ 假设：未查到2021年公开的单个项目支持上限（复函 一(一)二 仅给出1.5亿总额）',
  ],
  [
    '⚠ assumption: no public pass mark found; 60 of 100 is the usual pass mark of expert reviews',
    '⚠ 假设：未查到公开的合格分数线；取专家评审常用的及格线，即百分制60分',
  ],
  ['⚠ assumption: no public rule for the project on which the money runs out', '⚠ 假设：资金用尽时排到的那个项目如何处理，未查到公开规定'],
  ['Bagui: awards are paid to the fen', '本模型设定：奖补金额精确到分'],
  [
    'en.gxzf.gov.cn 2021-02-23 ("a maximum of 10 percent of equipment investment": we pay the maximum)',
    'en.gxzf.gov.cn 2021-02-23（原文 "a maximum of 10 percent of equipment investment"，即最高为设备投资的10%；本模型按上限计）',
  ],
  [
    'higher support for advanced equipment: regional news 2020-09-17 (广西日报, 按设备投资分类分档); value ⚠ assumption: 12% — above the 10% the 2021 rules name as the general maximum; set it to 0.10 to keep every project within it',
    '先进设备支持比例更高：广西日报 2020-09-17（按设备投资分类分档）；取值为 ⚠ 假设：12%——高于2021年规定中的一般上限10%；如需所有项目均不超过该上限，请设为 0.10',
  ],
  ['en.gxzf.gov.cn 2021-02-23', 'en.gxzf.gov.cn 2021-02-23'],
  [
    '⚠ assumption: the public rules attach the 10,000,000 cap to the equipment subsidy only; the other awards have their own amounts and cap',
    '⚠ 假设：公开规定中的10,000,000元上限仅适用于设备补助；其他奖励各有其金额和上限',
  ],
  ['letter 一(一)三', '复函 一(一)三'],
  ['rates 10–20%: Xinhua 2020-10-28; intensity cut-offs ⚠ assumption', '奖励比例10%–20%：新华社 2020-10-28；研发投入强度分档界限为 ⚠ 假设'],
  [
    'en.gxzf.gov.cn 2019-07-10 ("eight percent"; reading ⚠)',
    'en.gxzf.gov.cn 2019-07-10（原文 "eight percent"，即8%；对其含义的理解为 ⚠ 假设）',
  ],
  ['Xinhua 2020-10-28', '新华社 2020-10-28'],
  ['⚠ assumption: the 2018 rule capped 瞪羚 at 500,000', '⚠ 假设：2018年规定对瞪羚企业的奖励以500,000元为上限'],
  ['⚠ assumption: no public threshold for "very large R&D" firms found', '⚠ 假设：未查到“研发投入特别大”企业的公开认定门槛'],
  ['en.gxzf.gov.cn 2019-07-10', 'en.gxzf.gov.cn 2019-07-10'],
  ['⚠ assumption: no public intensity threshold found', '⚠ 假设：未查到公开的研发投入强度门槛'],
  ['Xinhua 2020-10-28: both awards "可同时申请" (500万 + 300万)', '新华社 2020-10-28：两项奖励“可同时申请”（500万 + 300万）'],
  ['letter 一(一)四', '复函 一(一)四'],
  [
    '⚠ assumption: no per-project maximum published; the letter (一(一)四) earmarks the whole 15亿 for one project, the Geely smart NEV plant’s R&D, so the default cap is the earmark itself',
    '⚠ 假设：未公布单个项目支持上限；复函（一(一)四）将15亿全部专项用于一个项目，即吉利智能新能源汽车工厂的研发，故默认上限即为该专项金额',
  ],
  ['letter 一(一)一', '复函 一(一)一'],
  ['kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号) 措施(一)', 'kjt.gxzf.gov.cn 政策页面（桂政办发〔2021〕81号）措施(一)'],
  ['kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号) 措施(二)', 'kjt.gxzf.gov.cn 政策页面（桂政办发〔2021〕81号）措施(二)'],
  ['kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号) 措施(三)', 'kjt.gxzf.gov.cn 政策页面（桂政办发〔2021〕81号）措施(三)'],
  [
    '⚠ assumption: letter 一(一)一 and 桂政办发〔2021〕81号 promise "一定配套支持" without a rate',
    '⚠ 假设：复函 一(一)一 和桂政办发〔2021〕81号承诺给予“一定配套支持”，但未给出比例',
  ],
  [
    '⚠ assumption: no public cap found; set to the 5,000,000 that the same measures give a new R&D institution',
    '⚠ 假设：未查到公开上限；取同一措施给予新建研发机构的5,000,000元',
  ],
  [
    'kjt.gxzf.gov.cn policy page (桂政办发〔2021〕81号) 措施(一) grants a newly approved national zone 1000万 outright (给予…财政资金补助), while 措施(二) rewards regional zones 择优 (on merit): the outright award is a first priority class, paid in full before anything discretionary',
    'kjt.gxzf.gov.cn 政策页面（桂政办发〔2021〕81号）：措施(一)对新获批的国家级高新区直接给予1000万（给予…财政资金补助），措施(二)则对自治区级高新区择优奖励；因此直接给予的奖励列为第一优先级，在任何择优支持之前足额支付',
  ],
  ['letter 一(五)', '复函 一(五)'],
  [
    '⚠ assumption: 《八桂学者制度试行办法》(2013, reported by 中国博士人才网 2013-04-10) gives a year’s regional money per scholar as 60万 research grant (natural sciences; 20万 humanities) + 20万 post allowance + 20万 team allowance; no 2021 figure published',
    '⚠ 假设：《八桂学者制度试行办法》（2013年，中国博士人才网 2013-04-10 报道）规定自治区每年对每位学者的资助为科研经费60万（自然科学类；人文社科类20万）+ 岗位津贴20万 + 团队津贴20万；未公布2021年标准',
  ],
  ['⚠ assumption: no public per-person figure found', '⚠ 假设：未查到公开的人均资助标准'],
  [
    '⚠ assumption: no public rule for a short envelope; the stipends are fixed sums per person per year (《八桂学者制度试行办法》 2013), so a person is paid the whole stipend or not at all (lines in the order of ranked), never a share of it; money that a whole stipend cannot use stays unallocated',
    '⚠ 假设：资金不足时如何处理，未查到公开规定；资助为每人每年的固定金额（《八桂学者制度试行办法》2013年），因此每人要么足额获得资助，要么不获资助（按 ranked 的顺序逐条安排），不发放部分资助；不足以支付一份完整资助的余款保留为未分配',
  ],
  ['letter 一(三)四', '复函 一(三)四'],
  [
    '⚠ assumption: no public rule of the innovation centres’ subsidy notice (2021-05-14) found; the letter (一(三)三) says only that projects are subsidised with resources',
    '⚠ 假设：未查到创新中心补贴通知（2021-05-14）的公开细则；复函（一(三)三）仅称以资源方式补贴项目',
  ],
  [
    '⚠ assumption: no public rule of the innovation centres’ subsidy notice (2021-05-14) found',
    '⚠ 假设：未查到创新中心补贴通知（2021-05-14）的公开细则',
  ],
  [
    '⚠ assumption: no public rule of the innovation centres’ subsidy notice (2021-05-14) found; universities are taken to draw mainly on resources',
    '⚠ 假设：未查到创新中心补贴通知（2021-05-14）的公开细则；假定高校主要使用资源服务',
  ],
  ['letter 一(一)二: 自治区财政安排广西技术创新引导专项', '复函 一(一)二：自治区财政安排广西技术创新引导专项'],
  [
    'letter 一(一)四; R&D incentives are managed under its rules too (public notices, fiscal-items.md)',
    '复函 一(一)四；研发奖补也按该专项资金的管理办法管理（见公开通知及 fiscal-items.md）',
  ],
  ['letter 一(五): 自治区本级财政筹措资金', '复函 一(五)：自治区本级财政筹措资金'],
  ['letter 一(三)四; ⚠ assumption: the letter does not say who funds the subsidies', '复函 一(三)四；⚠ 假设：复函未说明补贴资金由谁出资'],
  [
    '⚠ assumption: the letter (一(一)一) and 桂政办发〔2021〕81号 name the rewards but no fund',
    '⚠ 假设：复函（一(一)一）和桂政办发〔2021〕81号列明了奖励，但未指明资金来源',
  ],
  ['letter 一(一)二: 2021年自治区财政安排广西技术创新引导专项1.5亿元', '复函 一(一)二：2021年自治区财政安排广西技术创新引导专项1.5亿元'],
  [
    '⚠ one call ranked by review score: the letter (一(一)二) ties the fund to 高新技术企业倍增, 瞪羚企业培育 and the transfer of research results (成果转化), and how the 1.5亿 was divided among them is not public',
    '⚠ 视为一次申报、按评审得分排序：复函（一(一)二）将该专项与高新技术企业倍增、瞪羚企业培育和成果转化挂钩，1.5亿在三者之间如何分配未公开',
  ],
  ['⚠ 120 synthetic projects: no public count of 2021 applications', '⚠ 120个模拟项目：2021年申报数量未公开'],
  [
    'letter 一(一)二: 下达“千企技改”工程项目补助资金1.8亿元 (51 projects, 123亿 invested: regional news 2021-05-17)',
    '复函 一(一)二：下达“千企技改”工程项目补助资金1.8亿元（51个项目，总投资123亿：区内报道 2021-05-17）',
  ],
  [
    '⚠ method pro_rata: the rules (en.gxzf.gov.cn 2021-02-23) pay at most 10% of the equipment investment; 1.8亿 for 91亿 of planned fixed assets was well below that maximum, modelled as one common share of every project’s 10% entitlement',
    '⚠ 分配方法 pro_rata：规定（en.gxzf.gov.cn 2021-02-23）补助最高为设备投资的10%；1.8亿对应91亿计划固定资产投资，远低于该上限，故按各项目10%应得额的同一比例建模',
  ],
  [
    '⚠ base: the 123亿 of the batch is total investment and 91亿 its planned fixed assets (广西日报 2021-05-17); the subsidy’s base, the equipment, is taken as 40%–70% of each project’s fixed assets (synthetic projects)',
    '⚠ 计算基数：该批项目的123亿为总投资，91亿为计划固定资产投资（广西日报 2021-05-17）；补助基数即设备投资，取各项目固定资产的40%–70%（模拟项目）',
  ],
  [
    '⚠ paid through city and county finance (广西日报 2021-05-17): the money is regional; no city co-financing is modelled',
    '⚠ 经市县财政拨付（广西日报 2021-05-17）：资金为自治区资金；未模拟市县配套',
  ],
  [
    '⚠ assumption: the letter (一(一)三) states the rule but no amount; the envelope is the 2020 payout, 4.07亿 to 1,287 firms (Xinhua 2020-10-28, 广西下达4.07亿元资金激励企业加大研发投入)',
    '⚠ 假设：复函（一(一)三）说明了规则但未给出金额；资金额度取2020年的下达数，即向1,287家企业下达4.07亿（新华社 2020-10-28，《广西下达4.07亿元资金激励企业加大研发投入》）',
  ],
  [
    '⚠ the 2021 envelope is the 2020 payout (4.07亿, Xinhua 2020-10-28): the letter states no 2021 amount',
    '⚠ 2021年资金额度取2020年下达数（4.07亿，新华社 2020-10-28）：复函未给出2021年金额',
  ],
  [
    '⚠ 1,287 synthetic firms calibrated to the 2020 award firms: R&D 90亿 in all ("over 85亿"), entitled to 4.24亿',
    '⚠ 1,287家模拟企业，按2020年获奖企业校准：研发投入合计90亿（“超过85亿”），应得奖补4.24亿',
  ],
  [
    '⚠ pro_rata for the oversubscribed envelope: no public rule (docs/rd-incentive.md offers three)',
    '⚠ 资金不足时按 pro_rata 分配：未查到公开规则（docs/rd-incentive.md 提供三种方案）',
  ],
  [
    'letter 一(一)四: 统筹工业和信息化发展专项资金、“今冬明春”重大工业产业补助资金、创新驱动发展专项资金等安排15亿元; ⚠ assumption: the split between the three funds is not public — equal thirds (5亿 each)',
    '复函 一(一)四：统筹工业和信息化发展专项资金、“今冬明春”重大工业产业补助资金、创新驱动发展专项资金等安排15亿元；⚠ 假设：三项资金的分担比例未公开——按各三分之一（各5亿）计',
  ],
  [
    '⚠ the split over three funds: the letter names 工业和信息化发展专项资金, “今冬明春”重大工业产业补助资金 and 创新驱动发展专项资金 followed by 等 (among others), so other funds may have contributed; equal thirds of the 15亿 are ours',
    '⚠ 三项资金的分担：复函列出工业和信息化发展专项资金、“今冬明春”重大工业产业补助资金和创新驱动发展专项资金，其后有“等”字，可能还有其他资金参与；15亿由三项资金各分担三分之一为本模型设定',
  ],
  [
    '⚠ assumption: the letter (一(一)一) and 桂政办发〔2021〕81号 state no envelope; 5000万 is ours — e.g. one new national zone (1000万), four regional zones (4 × 500万) and 2000万 for R&D institutions and matching support',
    '⚠ 假设：复函（一(一)一）和桂政办发〔2021〕81号均未给出资金额度；5000万为本模型设定——例如一个新获批国家级高新区（1000万）、四个自治区级高新区（4 × 500万），以及用于研发机构和配套支持的2000万',
  ],
  [
    '⚠ the 5000万 envelope and its fund are ours: the letter (一(一)一) and 桂政办发〔2021〕81号 give neither',
    '⚠ 5000万资金额度及其资金来源均为本模型设定：复函（一(一)一）和桂政办发〔2021〕81号均未给出',
  ],
  [
    '⚠ 20 synthetic applicants, ranked by review score after the new national zone (措施(一), paid first)',
    '⚠ 20个模拟申报单位，在新获批国家级高新区（措施(一)，优先支付）之后按评审得分排序',
  ],
  ['letter 一(五): 2021年自治区本级财政筹措资金1.56亿元', '复函 一(五)：2021年自治区本级财政筹措资金1.56亿元'],
  [
    '⚠ 100 synthetic lines (no public head counts): their stipends, 1.68亿, exceed the 1.56亿 by 8%',
    '⚠ 100条模拟明细（人数未公开）：资助合计1.68亿，超出1.56亿约8%',
  ],
  [
    '⚠ stipends paid whole, in the letter’s order of programmes (八桂学者, 院士后备人选工程, 农业科技人才服务, then 特聘专家): no public rule says which a short envelope serves first',
    '⚠ 资助足额发放，按复函所列项目顺序（八桂学者、院士后备人选工程、农业科技人才服务，然后是特聘专家）安排：资金不足时先保障哪一项，未查到公开规定',
  ],
  [
    'letter 一(三)四: 在5月已发放3000万补贴资金，资源服务覆盖237家企业及9所高校',
    '复函 一(三)四：在5月已发放3000万补贴资金，资源服务覆盖237家企业及9所高校',
  ],
  [
    '⚠ recipients: the letter says the centre’s resource services reached 237 enterprises and 9 universities and that it paid 3000万 in May 2021; that the 3000万 went to these 246 is our reading',
    '⚠ 受助对象：复函称该中心资源服务覆盖237家企业及9所高校，并于2021年5月发放3000万；认定这3000万发给了这246家单位，是本模型的理解',
  ],
  [
    '⚠ requests synthetic (the centres’ rules are not public): 3102万 of entitlements, paid pro rata',
    '⚠ 申请数据为模拟（创新中心的细则未公开）：应得额合计3102万，按比例支付（pro_rata）',
  ],
  [
    'R&D incentive money is managed under the 创新驱动发展专项资金 rules (public notices, fiscal-items.md)',
    '研发奖补资金按创新驱动发展专项资金的管理办法管理（见公开通知及 fiscal-items.md）',
  ],
  [
    '⚠ illustrative: firms are recommended by the 14 cities, reviewed jointly by five departments and published for objections (公示) before payment (科技厅 notice 2022-03-25)',
    '⚠ 示例：企业由14个设区市推荐，经五部门联合审核并公示后拨付（科技厅通知 2022-03-25）',
  ],
  ['⚠ illustrative: synthetic firms, to show the rule', '⚠ 示例：模拟企业，用于演示该规则'],
  [
    '⚠ assumption: no public cap on one enterprise’s support across programmes; 800万 is the R&D award’s yearly total per firm (500万 + 300万, both awards 可同时申请: Xinhua 2020-10-28), applied across programmes to show the rule',
    '⚠ 假设：未查到单个企业跨项目获得支持的公开上限；800万为研发奖补每家企业每年的合计额（500万 + 300万，两项奖励“可同时申请”：新华社 2020-10-28），此处跨项目适用，以演示该规则',
  ],
  [
    'Xinhua 2020-10-28: 广西下达4.07亿元资金激励企业加大研发投入 (1,287 firms)',
    '新华社 2020-10-28：《广西下达4.07亿元资金激励企业加大研发投入》（1,287家企业）',
  ],
  [
    '⚠ 1,287 synthetic firms calibrated to the 2020 award firms (R&D 90亿 in all, "over 85亿")',
    '⚠ 1,287家模拟企业，按2020年获奖企业校准（研发投入合计90亿，“超过85亿”）',
  ],
  [
    '科技厅 notice 2022-03-25 (mirrored on nnhtxf.com): 2020年度企业研发奖补第二批, 162,619,434元',
    '科技厅通知 2022-03-25（nnhtxf.com 有转载）：2020年度企业研发奖补第二批，162,619,434元',
  ],
  [
    '⚠ 500 synthetic firms of the first batch’s shape: the notice gives the amount, not the number of firms; 500 are entitled to 1.70亿, about the amount paid',
    '⚠ 500家模拟企业，结构仿照第一批：通知给出了金额而未给出企业数；500家企业应得1.70亿，与实际下达金额相当',
  ],
  ['⚠ assumption: an illustrative envelope for the 瞪羚 awards of 2021', '⚠ 假设：2021年瞪羚企业奖励的示例资金额度'],
  [
    'cri.cn 2018-05-24: the 瞪羚 award, 20% of R&D up to 50万, for three years',
    'cri.cn 2018-05-24：瞪羚企业奖励，按研发投入的20%给予、最高50万，连续三年',
  ],
  [
    '⚠ the commitment recurs at the first year’s award; the 2018 rule recomputes 20% of each year’s R&D (give the later years’ applicants to do that)',
    '⚠ 以后各年的承诺按第一年的奖励金额重复计列；2018年规定则按每年研发投入的20%重新计算（如需如此计算，请提供以后各年的申报数据）',
  ],
  [
    '⚠ assumption: an illustrative envelope, part of the 2021 batch (letter 一(一)二)',
    '⚠ 假设：示例资金额度，属于2021年批次（复函 一(一)二）',
  ],
  [
    '⚠ assumption: the 2021 batch was paid through city and county finance (广西日报 2021-05-17); the shares, 区本级 70% and 市县 30% (柳州 60% / 40%), are ours',
    '⚠ 假设：2021年批次经市县财政拨付（广西日报 2021-05-17）；区本级70%、市县30%（柳州为60% / 40%）的分担比例为本模型设定',
  ],
  ['⚠ assumption: an illustrative envelope for the 瞪羚 awards of 2022', '⚠ 假设：2022年瞪羚企业奖励的示例资金额度'],
  ['letter 二 六是', '复函 二 六是'],
  // The built-in scenarios' titles, which the plan and the scenario page show beside these notes.
  ['Guangxi 2021 (reply letter)', '广西2021年（复函）'],
  [
    'Guangxi R&D awards 2020–2022: batches, commitments, exclusions, cities (illustrative)',
    '广西企业研发奖补 2020–2022：分批下达、跨年承诺、排除名单、各市分担（示例）',
  ],
]);

/**
 * A citation, assumption or note as the planner shows it: core's built-in text in Chinese when
 * the planner speaks Chinese; any other text (a citation a person wrote, a scenario file's own)
 * and every text in English, as written.
 */
export function citationText(text: string, lang: Lang): string {
  return lang === 'zh-CN' ? (CITATIONS_ZH.get(text) ?? text) : text;
}
