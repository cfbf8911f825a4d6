import { formatJson } from '../../money/index.js';

/** mulberry32: a small, fast, seeded PRNG, so a population is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 14 prefecture-level cities of Guangxi (letter 一(二): 14 cities). */
export const GUANGXI_CITIES = [
  '南宁',
  '柳州',
  '桂林',
  '梧州',
  '北海',
  '防城港',
  '钦州',
  '贵港',
  '玉林',
  '百色',
  '贺州',
  '河池',
  '来宾',
  '崇左',
] as const;
export const INDUSTRIES = ['制造业', '软件', '新材料', '生物医药', '电子信息', '汽车', '机械', '食品'];

export const GENERATED_HEADER = 'id,name,scale,revenue,rd_expense,rd_expense_prev,high_tech,gazelle,super_deduction,city,industry';

/**
 * A deterministic synthetic population of R&D applicants as CSV rows (without the header),
 * in chunks: the benchmarks' population. Shape: 40% above-scale firms with revenue from 2000万 to
 * about 50亿 (log-uniform), 60% below-scale from 100万 to 2000万; R&D intensity 0.5%–8%; last
 * year's R&D 70%–130% of this year's; 15% high-tech, 5% gazelle, 95% with the super deduction; the
 * 14 cities of Guangxi. Amounts are whole fen. (`bagui generate rd_incentive` makes another
 * population, calibrated to the 2020 award firms: `generate/rd-incentive.ts`.)
 */
export function* generateEnterpriseRows(count: number, seed = 2021, chunkRows = 10_000): Generator<string> {
  const random = seededRandom(seed);
  const logUniform = (lo: number, hi: number): number => Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const above = random() < 0.4;
    const revenue = Math.floor(above ? logUniform(2e9, 5e11) : logUniform(1e8, 2e9)); // fen
    const rd = Math.floor(revenue * (0.005 + random() * 0.075));
    const prev = Math.floor(rd * (0.7 + random() * 0.6));
    const highTech = random() < 0.15;
    const gazelle = random() < 0.05;
    const superDeduction = random() < 0.95;
    const city = GUANGXI_CITIES[Math.floor(random() * GUANGXI_CITIES.length)] ?? '南宁';
    const industry = INDUSTRIES[Math.floor(random() * INDUSTRIES.length)] ?? '制造业';
    chunk.push(
      `G${String(i).padStart(7, '0')},firm ${i},${above ? 'above' : 'below'},${formatJson(revenue)},${formatJson(rd)},${formatJson(prev)},${highTech},${gazelle},${superDeduction},${city},${industry}\n`,
    );
    if (chunk.length === chunkRows) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}
