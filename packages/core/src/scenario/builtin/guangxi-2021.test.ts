import { describe, expect, it } from 'vitest';
import { runScenario } from '../evaluate.js';
import { scenarioResultToJson } from '../output.js';
import { expectAttributionBalances } from '../test-support/index.js';
import { BUILTIN_SCENARIOS, findBuiltinScenario, GUANGXI_2021 } from './index.js';

const result = runScenario(GUANGXI_2021);
if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
const json = scenarioResultToJson(result.value);
const programme = (id: string) => json.programmes.find((p) => p.id === id);
const source = (key: string) => json.sources.find((s) => s.key === key);

describe('the built-in guangxi-2021 scenario reproduces every amount of the reply letter', () => {
  it('is listed, by name and title', () => {
    expect(BUILTIN_SCENARIOS.map((s) => [s.name, s.title])).toEqual([
      ['guangxi-2021', 'Guangxi 2021 (reply letter)'],
      ['guangxi-2020-2022', 'Guangxi R&D awards 2020–2022: batches, commitments, exclusions, cities (illustrative)'],
    ]);
    expect(findBuiltinScenario('guangxi-2021')).toBe(GUANGXI_2021);
    expect(findBuiltinScenario('guangxi-2020')).toBeUndefined();
  });

  it.each([
    ['guidance_fund', '150000000.00', 'letter 一(一)二'],
    ['tech_upgrade', '180000000.00', 'letter 一(一)二'],
    ['nev_support', '1500000000.00', 'letter 一(一)四'],
    ['talent', '156000000.00', 'letter 一(五)'],
    ['digital_subsidy', '30000000.00', 'letter 一(三)四'],
  ])("%s: the letter's %s, cited to %s, is the envelope and is awarded in full", (id, amount, section) => {
    const p = programme(id);
    expect(p?.citation.startsWith(section)).toBe(true);
    expect(p?.envelope).toBe(amount);
    expect(p?.totals.awarded).toBe(amount);
    expect(p?.totals.unallocated).toBe('0.00');
    expect(p?.funding.reduce((sum, line) => sum + Number(line.allocated.replace('.', '')), 0)).toBe(Number(amount.replace('.', '')));
  });

  it('rd_incentive: the 2020 payout, 4.07亿 to 1,287 firms (Xinhua 2020-10-28), marked as our assumption for 2021', () => {
    const rd = programme('rd_incentive');
    expect(rd?.envelope).toBe('407000000.00');
    expect(rd?.totals.recipients).toBe(1287);
    expect(rd?.totals.awarded).toBe('407000000.00');
    const outcome = result.value.programmes.find((p) => p.outcome.programme === 'rd_incentive')?.outcome;
    expect(outcome === undefined ? -1 : Array.from(outcome.awards).filter((a) => a > 0).length).toBe(1287);
    expect(rd?.citation).toContain('Xinhua 2020-10-28');
    expect(rd?.citation).toContain('⚠ assumption');
    expect(rd?.funding.map((l) => l.source)).toEqual(['innovation_fund']);
  });

  it('nev_support: 15亿 from the three funds the letter names, the split marked as our assumption', () => {
    const nev = programme('nev_support');
    expect(nev?.citation).toContain('⚠ assumption');
    expect(nev?.funding).toEqual([
      { source: 'industry_it_fund', allocated: '500000000.00', awarded: '500000000.00', unallocated: '0.00' },
      { source: 'winter_spring_fund', allocated: '500000000.00', awarded: '500000000.00', unallocated: '0.00' },
      { source: 'innovation_fund', allocated: '500000000.00', awarded: '500000000.00', unallocated: '0.00' },
    ]);
    expect(nev?.totals.recipients).toBe(1);
  });

  it('hitech_zones: the envelope is ours, and says so', () => {
    expect(programme('hitech_zones')?.envelope).toBe('50000000.00');
    expect(programme('hitech_zones')?.citation.startsWith('⚠ assumption')).toBe(true);
    expect(source('hitech_zone_fund')?.citation.startsWith('⚠ assumption')).toBe(true);
  });

  it('hitech_zones: the new national zone HZ-0001 is paid its 1000万 of 措施(一) in full, before the awards chosen on merit', () => {
    const zones = result.value.programmes.find((p) => p.entry.id === 'hitech_zones')?.outcome;
    const i = zones?.ids.indexOf('HZ-0001') ?? -1;
    expect(zones?.groups.kind?.[i]).toBe('national_zone');
    expect(zones?.awards[i]).toBe(1_000_000_000);
    expect(zones?.trace(i).at(-1)?.branch).toBe(
      'priority class 0 (新获批国家高新区, 措施(一): granted outright): paid in full before the later classes',
    );
  });

  it('digital_subsidy: 237 enterprises and 9 universities', () => {
    const digital = result.value.programmes.find((p) => p.entry.id === 'digital_subsidy');
    expect(digital?.outcome.totals.recipients).toBe(246);
    const kinds = digital?.outcome.groups.kind ?? [];
    expect([kinds.filter((k) => k === 'enterprise').length, kinds.filter((k) => k === 'university').length]).toEqual([237, 9]);
  });

  it('the ledger per source carries each letter figure exactly', () => {
    expect(json.sources.map(({ key, allocated, awarded, unallocated }) => [key, allocated, awarded, unallocated])).toEqual([
      ['guidance_fund_budget', '150000000.00', '150000000.00', '0.00'],
      ['tech_upgrade_fund', '180000000.00', '180000000.00', '0.00'],
      ['industry_it_fund', '500000000.00', '500000000.00', '0.00'],
      ['winter_spring_fund', '500000000.00', '500000000.00', '0.00'],
      // 4.07亿 for R&D incentives + 5亿, its third of the NEV earmark.
      ['innovation_fund', '907000000.00', '907000000.00', '0.00'],
      ['talent_fund', '156000000.00', '156000000.00', '0.00'],
      ['digital_centre_fund', '30000000.00', '30000000.00', '0.00'],
      ['hitech_zone_fund', '50000000.00', '50000000.00', '0.00'],
    ]);
    expect(source('innovation_fund')?.programmes.map((l) => [l.programme, l.allocated])).toEqual([
      ['rd_incentive', '407000000.00'],
      ['nev_support', '500000000.00'],
    ]);
    expect(json.totals).toMatchObject({ envelope: '2473000000.00', awarded: '2473000000.00', unallocated: '0.00', recipients: 1825 });
  });

  it("the plan's total keeps the letter's money (20.16亿) apart from ours: 4.07亿 from the 2020 payout, 5000万 assumed", () => {
    expect(json.totals.basis).toEqual({ letter: '2016000000.00', public: '407000000.00', assumption: '50000000.00' });
    expect(json.programmes.map((p) => [p.id, p.basis])).toEqual([
      ['guidance_fund', 'letter'],
      ['tech_upgrade', 'letter'],
      ['rd_incentive', 'public'],
      ['nev_support', 'letter'],
      ['hitech_zones', 'assumption'],
      ['talent', 'letter'],
      ['digital_subsidy', 'letter'],
    ]);
  });

  it('applicants and paid, apart: competitive calls pay some, entitlements every one', () => {
    expect(json.programmes.map((p) => [p.id, p.totals.applicants, p.totals.paid, p.totals.recipients])).toEqual([
      ['guidance_fund', 120, 50, 120],
      ['tech_upgrade', 51, 51, 51],
      ['rd_incentive', 1287, 1287, 1287],
      ['nev_support', 1, 1, 1],
      ['hitech_zones', 20, 12, 20],
      ['talent', 100, 92, 100],
      ['digital_subsidy', 246, 246, 246],
    ]);
    expect(json.totals).toMatchObject({ recipients: 1825, applicants: 1825, paid: 1739 });
  });

  it('talent: every stipend paid in full or not at all, in the letter’s order of programmes', () => {
    const talent = result.value.programmes.find((p) => p.entry.id === 'talent');
    const stipends: Record<string, number> = {
      bagui_scholar: 100_000_000,
      academician_reserve: 50_000_000,
      agri_tech_service: 2_000_000,
      distinguished_expert: 20_000_000,
    };
    const programmes = talent?.outcome.groups.programme ?? [];
    talent?.outcome.awards.forEach((award, i) => expect(award % (stipends[programmes[i] ?? ''] ?? 1)).toBe(0));
    expect(talent?.outcome.totals.awarded).toBe(15_600_000_000);
  });

  it('every modelling choice no source gives is flagged ⚠ with its reason', () => {
    const flags = (id: string) => programme(id)?.assumptions ?? [];
    for (const p of json.programmes) for (const a of p.assumptions ?? []) expect(a.startsWith('⚠ ')).toBe(true);
    expect(flags('guidance_fund')[0]).toContain('高新技术企业倍增, 瞪羚企业培育');
    expect(flags('tech_upgrade').join(' ')).toMatch(/123亿 of the batch is total investment and 91亿 its planned fixed assets/u);
    expect(flags('tech_upgrade')[0]).toMatch(/^⚠ method pro_rata/u);
    expect(flags('nev_support')[0]).toContain('followed by 等 (among others)');
    expect(flags('digital_subsidy')[0]).toContain('237 enterprises and 9 universities');
    expect(flags('hitech_zones')[0]).toContain('5000万 envelope and its fund are ours');
    expect(flags('talent').join(' ')).toContain('no public rule says which a short envelope serves first');
  });

  it('every source has a citation, and every programme one', () => {
    for (const s of json.sources) expect(s.citation).not.toBe('');
    for (const p of json.programmes) expect(p.citation).not.toBe('');
  });

  it("each recipient's award splits exactly over the NEV sources", () => {
    const nev = result.value.programmes.find((p) => p.entry.id === 'nev_support');
    if (nev === undefined) throw new Error('no nev_support');
    expectAttributionBalances(
      nev.outcome.awards,
      nev.recipients().bySource,
      nev.ledger.lines.map((l) => l.awarded),
    );
    expect(Array.from(nev.recipients().bySource, (column) => column[0])).toEqual([50_000_000_000, 50_000_000_000, 50_000_000_000]);
  });

  it('is the same every run (seeded populations)', () => {
    const again = runScenario(GUANGXI_2021);
    expect(again.ok && scenarioResultToJson(again.value, { recipients: true })).toEqual(
      scenarioResultToJson(result.value, { recipients: true }),
    );
  });
});
