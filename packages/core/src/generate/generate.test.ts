import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen } from '../money/index.js';
import { findProgramme } from '../programmes/catalogue.js';
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
    expect(POPULATIONS.map((p) => p.key)).toEqual([
      'guidance_fund',
      'tech_upgrade',
      'rd_incentive',
      'nev_support',
      'hitech_zones',
      'talent',
      'digital_subsidy',
    ]);
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

describe('calibration to the public figures', () => {
  it('rd_incentive: 1,287 firms by default (the 2020 award count)', () => {
    const population = POPULATIONS.find((p) => p.key === 'rd_incentive');
    expect(population?.defaultCount).toBe(1287);
    expect(rows(csv('rd_incentive', 1287))).toHaveLength(1287);
  });

  it('tech_upgrade: 51 projects investing exactly 12,300,000,000, whatever the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const projects = rows(csv('tech_upgrade', 51, seed));
        const invested = projects.reduce((s, r) => s + fenOf(r.equipment_investment ?? '') + fenOf(r.robot_investment ?? ''), 0);
        expect(projects).toHaveLength(51);
        expect(invested).toBe(1_230_000_000_000);
        for (const r of projects) expect(fenOf(r.equipment_investment ?? '')).toBeGreaterThan(0);
      }),
      { numRuns: 50 },
    );
  });

  it('tech_upgrade: another count invests 123亿 × count / 51, rounded down to the yuan', () => {
    const invested = (count: number) =>
      rows(csv('tech_upgrade', count)).reduce((s, r) => s + fenOf(r.equipment_investment ?? '') + fenOf(r.robot_investment ?? ''), 0);
    expect(invested(102)).toBe(2_460_000_000_000);
    expect(invested(1)).toBe(24_117_647_000); // 12,300,000,000 / 51 = 241,176,470.58…
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
