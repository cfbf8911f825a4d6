import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/index.js';
import { fen } from '../money/index.js';
import { findProgramme, PROGRAMME_KEYS, programmeRegistry } from '../programmes/catalogue.js';
import type { ProgrammeOutcome } from '../programmes/programme.js';
import { parseCsv } from '../tabular/index.js';
import { checkGenerateRequest, generateCsv, GUANGXI_CITIES, POPULATIONS, splitExactly } from './index.js';

const csv = (key: string, count: number, seed = 2021): string => {
  const request = checkGenerateRequest(key, count, seed);
  if (!request.ok) throw new Error(JSON.stringify(request.problems));
  return generateCsv(request.value);
};

/** The rows of a generated CSV as records by header. */
function rows(text: string): Record<string, string>[] {
  const table = parseCsv(text);
  if (!table.ok) throw new Error(JSON.stringify(table.problems));
  return table.value.records.map((r) => Object.fromEntries(table.value.header.map((h, i) => [h, r.cells[i] ?? ''])));
}

const fenOf = (amount: string): number => {
  const m = /^(\d+)\.(\d{2})$/u.exec(amount);
  if (m === null) throw new Error(`not a JSON amount: ${amount}`);
  return Number(m[1]) * 100 + Number(m[2]);
};

describe('every population', () => {
  it('has one generator per programme, in the catalogue order', () => {
    expect(POPULATIONS.map((p) => p.key)).toEqual(PROGRAMME_KEYS);
  });

  it.each(POPULATIONS.map((p) => [p.key, p.defaultCount] as const))(
    '%s: the same seed gives byte-identical CSV, another seed another, and the programme reads it back (%i rows)',
    (key, count) => {
      const text = csv(key, count, 7);
      expect(csv(key, count, 7)).toBe(text);
      if (key !== 'nev_support') expect(csv(key, count, 8)).not.toBe(text); // one row, the letter's project: no randomness
      const programme = findProgramme(key);
      const read = programme?.readApplicantsCsv(text);
      expect(read?.ok ? [] : read?.problems).toEqual([]);
      expect(text.split('\n').length - 2).toBe(count);
    },
  );

  it.each(POPULATIONS.map((p) => [p.key] as const))('%s: rows in the 14 cities of Guangxi only', (key) => {
    const cities = new Set(rows(csv(key, 600)).map((r) => r.city ?? ''));
    cities.delete(''); // the NEV plant's city is not stated
    expect([...cities].sort()).toEqual([...GUANGXI_CITIES].sort());
  });

  it('a count of 0 is the header alone', () => {
    for (const p of POPULATIONS) expect(csv(p.key, 0)).toBe(`${p.header}\n`);
  });
});

/** The entitlements of a generated population under the parameters of 2021-09-23, and the population read back. */
function entitled(key: string, count: number, seed = 2021): { total: number; outcome: ProgrammeOutcome } {
  const programme = findProgramme(key);
  if (programme === undefined) throw new Error(key);
  const applicants = unwrap(programme.readApplicantsCsv(csv(key, count, seed)));
  const parameters = unwrap(programmeRegistry(key).resolve('2021-09-23'));
  const outcome = unwrap(programme.evaluate(applicants, parameters, { budget: fen(0), method: programme.defaultMethod }));
  return { total: outcome.totals.entitlement, outcome };
}

describe('calibration to the public figures', () => {
  it('rd_incentive: 1,287 firms with R&D of exactly 90亿 (Xinhua: "over 85亿"), whatever the seed; below Guangxi’s whole 167.1亿', () => {
    const population = POPULATIONS.find((p) => p.key === 'rd_incentive');
    expect(population?.defaultCount).toBe(1287);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const firms = rows(csv('rd_incentive', 1287, seed));
        expect(firms).toHaveLength(1287);
        expect(firms.reduce((s, r) => s + fenOf(r.rd_expense ?? ''), 0)).toBe(900_000_000_000);
        for (const r of firms) {
          // Every firm grew its R&D (52%–95% of it last year) and takes the super deduction; 规上 from 2000万 of revenue.
          expect(fenOf(r.rd_expense_prev ?? '')).toBeLessThan(fenOf(r.rd_expense ?? ''));
          expect(r.super_deduction).toBe('true');
          expect(r.scale === 'above').toBe(fenOf(r.revenue ?? '') >= 2_000_000_000);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('rd_incentive: at the default seed the entitlements are 4.24亿, within 10% of the 4.07亿 paid to the 1,287 firms in 2020', () => {
    const { total, outcome } = entitled('rd_incentive', 1287);
    expect(total).toBe(42_424_357_340);
    expect(Math.abs(total - 40_700_000_000) / 40_700_000_000).toBeLessThan(0.1);
    expect(Array.from(outcome.entitlements).every((e) => e > 0)).toBe(true);
  });

  it('rd_incentive: the entitlements stay within 10% of the 4.07亿 for other seeds too', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(Math.abs(entitled('rd_incentive', 1287, seed).total - 40_700_000_000) / 40_700_000_000, `seed ${seed}`).toBeLessThan(0.1);
    }
  });

  it('tech_upgrade: 51 projects investing exactly 12,300,000,000, of which 9,100,000,000 fixed assets, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const projects = rows(csv('tech_upgrade', 51, seed));
        const sum = (column: string) => projects.reduce((s, r) => s + fenOf(r[column] ?? ''), 0);
        expect(projects).toHaveLength(51);
        expect(sum('total_investment')).toBe(1_230_000_000_000);
        expect(sum('fixed_asset_investment')).toBe(910_000_000_000);
        for (const r of projects) {
          const equipment = fenOf(r.equipment_investment ?? '') + fenOf(r.robot_investment ?? '');
          expect(fenOf(r.equipment_investment ?? '')).toBeGreaterThan(0);
          expect(equipment).toBeLessThanOrEqual(fenOf(r.fixed_asset_investment ?? ''));
          expect(fenOf(r.fixed_asset_investment ?? '')).toBeLessThanOrEqual(fenOf(r.total_investment ?? ''));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('tech_upgrade: another count invests 123亿 × count / 51 (and 91亿 × count / 51 of fixed assets), rounded down to the yuan', () => {
    const sum = (count: number, column: string) => rows(csv('tech_upgrade', count)).reduce((s, r) => s + fenOf(r[column] ?? ''), 0);
    expect(sum(102, 'total_investment')).toBe(2_460_000_000_000);
    expect(sum(1, 'total_investment')).toBe(24_117_647_000); // 12,300,000,000 / 51 = 241,176,470.58…
    expect(sum(1, 'fixed_asset_investment')).toBe(17_843_137_200); // 9,100,000,000 / 51 = 178,431,372.54…
  });

  it('tech_upgrade: at the default seed the entitlements at the 10% maximum are 2.88亿 against the 1.8亿 paid', () => {
    expect(entitled('tech_upgrade', 51).total).toBe(28_816_909_796);
  });

  it('talent: at the default seed and stipends, 1.68亿 of entitlements, within 10% of the 1.56亿 of letter 一(五)', () => {
    expect(entitled('talent', 100).total).toBe(16_820_000_000);
  });

  it('digital_subsidy: at the default seed 3102万 of entitlements, within 10% of the 3000万 paid', () => {
    const { total } = entitled('digital_subsidy', 246);
    expect(total).toBe(3_102_061_850);
    expect((total - 3_000_000_000) / 3_000_000_000).toBeLessThan(0.1);
  });

  it('guidance_fund: at the default seed 4.58亿 requested and 3.35亿 of entitlements; hitech_zones 8636万', () => {
    expect(rows(csv('guidance_fund', 120)).reduce((s, r) => s + fenOf(r.requested ?? ''), 0)).toBe(45_765_000_000);
    expect(entitled('guidance_fund', 120).total).toBe(33_535_000_000);
    expect(entitled('hitech_zones', 20).total).toBe(8_636_000_000);
  });

  it('digital_subsidy: 237 enterprises and 9 universities of the Nanning centre (letter 一(三)四)', () => {
    const applicants = rows(csv('digital_subsidy', 246));
    expect(applicants.filter((r) => r.kind === 'enterprise')).toHaveLength(237);
    expect(applicants.filter((r) => r.kind === 'university')).toHaveLength(9);
    expect(new Set(applicants.map((r) => r.centre))).toEqual(new Set(['nanning']));
  });

  it('nev_support: the Geely plant first, requesting the 15亿 earmark', () => {
    const [plant, ...others] = rows(csv('nev_support', 3));
    expect(plant).toMatchObject({ id: 'NEV-0001', name: '吉利智慧新能源整车工厂项目研发', requested: '1500000000.00', city: '' });
    expect(others).toHaveLength(2);
  });

  it('hitech_zones: 20 applicants are 1 national zone, 4 regional zones, 7 R&D institutions and 8 major projects', () => {
    const kinds = rows(csv('hitech_zones', 20)).map((r) => r.kind);
    const count = (k: string) => kinds.filter((x) => x === k).length;
    expect([count('national_zone'), count('regional_zone'), count('rd_institution'), count('major_project')]).toEqual([1, 4, 7, 8]);
  });

  it('talent: lines in shares of 20 : 15 : 35 : 30 by programme', () => {
    const programmes = rows(csv('talent', 100)).map((r) => r.programme);
    const count = (k: string) => programmes.filter((x) => x === k).length;
    expect([count('bagui_scholar'), count('academician_reserve'), count('agri_tech_service'), count('distinguished_expert')]).toEqual([
      20, 15, 35, 30,
    ]);
  });
});

describe('checkGenerateRequest', () => {
  it('reports every problem at once', () => {
    const r = checkGenerateRequest('tech_upgrade', 60_000, -1, ['programmes', 1, 'applicants', 'generate']);
    expect(r.ok ? [] : r.problems).toEqual([
      {
        code: 'GENERATE.COUNT_INVALID',
        message: 'the count must be a whole number from 0 to 50,000',
        location: { path: ['programmes', 1, 'applicants', 'generate', 'count'], value: '60000' },
      },
      {
        code: 'GENERATE.SEED_INVALID',
        message: 'the seed must be a whole number from 0 to 4294967295',
        location: { path: ['programmes', 1, 'applicants', 'generate', 'seed'], value: '-1' },
      },
    ]);
  });

  it('names the populations for an unknown key', () => {
    const r = checkGenerateRequest('roads', 1, 1);
    expect(r.ok ? undefined : r.problems[0]?.message).toBe(
      'no population for "roads"; choose one of guidance_fund, tech_upgrade, rd_incentive, nev_support, hitech_zones, talent, digital_subsidy',
    );
  });

  it('refuses a fractional count', () => {
    expect(checkGenerateRequest('talent', 1.5, 1).ok).toBe(false);
  });
});

describe('splitExactly', () => {
  it('splits a total in whole units that add up to it exactly, in proportion to the weights', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (units, weights) => {
          const total = fen(units * 100);
          const parts = splitExactly(
            total,
            weights,
            fen(100),
            weights.map((_, i) => `w${i}`),
          );
          let sum = 0;
          for (const p of parts) {
            expect(p % 100).toBe(0);
            expect(p).toBeGreaterThanOrEqual(0);
            sum += p;
          }
          expect(sum).toBe(total);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
