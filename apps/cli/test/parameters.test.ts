import { describe, expect, it } from 'vitest';
import { bagui } from './bagui.js';

const PATHS = [
  'rd_incentive.increment.tiers_above',
  'rd_incentive.increment.rate_below',
  'rd_incentive.increment.cap_above',
  'rd_incentive.increment.cap_below',
  'rd_incentive.high_tech.rate',
  'rd_incentive.high_tech.cap',
  'rd_incentive.special.rate',
  'rd_incentive.special.cap',
  'rd_incentive.special.min_rd_expense',
  'rd_incentive.special.max_decline',
  'rd_incentive.special.min_intensity',
  'rd_incentive.firm_cap',
  'rd_incentive.rounding_unit',
];
// Marked ⚠ in docs/rd-incentive.md: no public source was found for these.
const ASSUMPTIONS = [
  'rd_incentive.increment.tiers_above',
  'rd_incentive.increment.rate_below',
  'rd_incentive.high_tech.cap',
  'rd_incentive.special.min_rd_expense',
  'rd_incentive.special.min_intensity',
];

interface Record {
  path: string;
  value: unknown;
  unit: string;
  from: string;
  label: { zh: string; en: string };
  source: string;
  assumption: boolean;
}

/** Terminal cells: a Chinese character or fullwidth form takes two. */
const cells = (text: string): number =>
  [...text].reduce(
    (n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1),
    0,
  );

describe('bagui parameters', () => {
  it('--format json lists all 13 rd_incentive parameters with value, unit, date, labels, source and assumption flag', async () => {
    const { code, stdout, stderr } = await bagui(['parameters', '--programme', 'rd_incentive', '--date', '2024-06-30', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as Record[];
    expect(records.map((r) => r.path)).toEqual(PATHS);
    expect(records.filter((r) => r.assumption).map((r) => r.path)).toEqual(ASSUMPTIONS);
    for (const r of records) {
      expect(Object.keys(r)).toEqual(['path', 'value', 'unit', 'from', 'label', 'source', 'assumption']);
      expect(r.from).toBe('2019-07-01');
      expect(r.label.zh).not.toBe('');
      expect(r.label.en).not.toBe('');
      expect(r.source).not.toBe('');
    }
    const byPath = new Map(records.map((r) => [r.path, r]));
    expect(byPath.get('rd_incentive.increment.cap_above')).toMatchObject({ value: '5000000.00', unit: 'CNY', source: 'letter 一(一)三' });
    expect(byPath.get('rd_incentive.increment.rate_below')?.value).toBe('0.08');
    expect(byPath.get('rd_incentive.increment.tiers_above')?.value).toEqual([
      { min_intensity: '0.00', rate: '0.10' },
      { min_intensity: '0.03', rate: '0.15' },
      { min_intensity: '0.05', rate: '0.20' },
    ]);
  });

  it('prints a table with aligned columns, readable values and ⚠ on the assumptions', async () => {
    const { code, stdout } = await bagui(['parameters', '--programme', 'rd_incentive', '--date', '2024-06-30']);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => / rd_incentive\./u.test(line));
    expect(rows).toHaveLength(13);
    expect(rows.filter((row) => row.startsWith('⚠ ')).map((row) => row.split(/\s+/u)[1])).toEqual(ASSUMPTIONS);
    expect(rows.find((row) => row.includes('rd_incentive.increment.cap_above'))).toContain('500万元 (5000000.00)');
    expect(rows.find((row) => row.includes('rd_incentive.increment.tiers_above'))).toContain('≥0%: 10%, ≥3%: 15%, ≥5%: 20%');
    // The FROM column starts at the same terminal column on every row, after values holding 万 and 亿.
    const fromColumn = rows.map((row) => cells(row.slice(0, row.indexOf('2019-07-01'))));
    expect(new Set(fromColumn).size).toBe(1);
    expect(stdout).toContain('规上企业增量奖励上限 · Increment award cap, above-scale firms');
  });

  it('refuses a date before the rule was in force', async () => {
    const { code, stderr } = await bagui(['parameters', '--programme', 'rd_incentive', '--date', '2019-06-30']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error: invalid --date; nothing was computed');
    expect((await bagui(['parameters', '--date', '1999-01-01'])).code).toBe(2);
  });

  it("lists every programme's parameters without --programme, each programme under its name", async () => {
    const { code, stdout } = await bagui(['parameters', '--date', '2024-06-30', '--format', 'json']);
    expect(code).toBe(0);
    const prefixes = new Set((JSON.parse(stdout) as Record[]).map((r) => r.path.split('.')[0]));
    expect([...prefixes].sort()).toEqual(
      ['digital_subsidy', 'guidance_fund', 'hitech_zones', 'nev_support', 'rd_incentive', 'talent', 'tech_upgrade'].sort(),
    );
    const table = await bagui(['parameters', '--date', '2024-06-30']);
    expect(table.stdout).toContain('\ntalent · ');
    expect(table.stdout).toContain('\nrd_incentive · 企业研发投入财政奖补 · R&D investment incentives\n');
    const one = await bagui(['parameters', '--programme', 'talent', '--format', 'json', '--date', '2024-06-30']);
    expect((JSON.parse(one.stdout) as Record[]).every((r) => r.path.startsWith('talent.'))).toBe(true);
  });
});
