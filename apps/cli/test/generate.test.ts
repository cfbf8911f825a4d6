import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagui, fen, withTempDir } from './bagui.js';

let dir: string;
withTempDir('bagui-generate-', (made) => (dir = made));

describe('bagui generate', () => {
  it('the same seed gives the same bytes; another seed other rows', async () => {
    const a = await bagui(['generate', 'talent', '--count', '50', '--seed', '3']);
    const b = await bagui(['generate', 'talent', '--count', '50', '--seed', '3']);
    const c = await bagui(['generate', 'talent', '--count', '50', '--seed', '4']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    expect(a.stdout.split('\n')[0]).toBe('id,programme,head_count,city,institution');
    expect(a.stdout.trimEnd().split('\n')).toHaveLength(51);
  });

  it('without --count: the calibrated count, e.g. 51 tech-upgrade projects investing exactly 123亿, 91亿 of it fixed assets', async () => {
    const { code, stdout } = await bagui(['generate', 'tech_upgrade']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    const columns = (header ?? '').split(',');
    const cell = (row: string, name: string) => row.split(',')[columns.indexOf(name)] ?? '';
    expect(rows).toHaveLength(51);
    expect(rows.reduce((s, r) => s + fen(cell(r, 'total_investment')), 0)).toBe(1_230_000_000_000);
    expect(rows.reduce((s, r) => s + fen(cell(r, 'fixed_asset_investment')), 0)).toBe(910_000_000_000);
  });

  it('rd_incentive without --count and --seed: the 1,287 firms of 2020, R&D 90亿, entitled to 4.24亿 against the 4.07亿 paid', async () => {
    const { code, stdout } = await bagui(['generate', 'rd_incentive']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split('\n');
    const rd = (header ?? '').split(',').indexOf('rd_expense');
    expect(rows).toHaveLength(1287);
    expect(rows.reduce((s, r) => s + fen(r.split(',')[rd] ?? ''), 0)).toBe(900_000_000_000);
  });

  it('--out writes a file that bagui evaluate reads: 1,287 R&D firms', async () => {
    const out = join(dir, 'firms.csv');
    const ran = await bagui(['generate', 'rd_incentive', '--count', '1287', '--seed', '2021', '--out', out]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(`wrote ${out}: 1287 enterprises of rd_incentive, seed 2021\n`);
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(1288);
    const evaluated = await bagui([
      'evaluate',
      'rd_incentive',
      '--enterprises',
      out,
      '--budget',
      '4.07亿',
      '--date',
      '2021-09-23',
      '--totals-only',
    ]);
    expect(evaluated.code).toBe(0);
    expect((JSON.parse(evaluated.stdout) as { totals: unknown }).totals).toEqual({
      entitlement: '424243573.40',
      awarded: '407000000.00',
      unallocated: '0.00',
      enterprises: 1287,
    });
  });

  it('refuses a wrong count and seed at once, and an unknown population (exit 2)', async () => {
    const bad = await bagui(['generate', 'tech_upgrade', '--count', '1e3', '--seed', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')).toEqual([
      'error: invalid --count, --seed; nothing was computed',
      '--count: value "1e3": the count must be a whole number from 0 to 50,000 [GENERATE.COUNT_INVALID]',
      '--seed: value "-1": the seed must be a whole number from 0 to 4294967295 [GENERATE.SEED_INVALID]',
      '',
    ]);
    const unknown = await bagui(['generate', 'roads']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'error: unknown population "roads"; choose one of guidance_fund, tech_upgrade, rd_incentive, nev_support, hitech_zones, talent, digital_subsidy\n',
    );
  });
});
