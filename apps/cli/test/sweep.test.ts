import { describe, expect, it } from 'vitest';
import { bagui, SAMPLE } from './bagui.js';

const CAP = 'rd_incentive.increment.cap_above';
const HIGH_TECH = 'rd_incentive.high_tech.rate';
const inputs = ['--enterprises', SAMPLE, '--budget', '2000万', '--date', '2021-06-30'];
const sweep = (...args: string[]) => bagui(['sweep', 'rd_incentive', ...inputs, ...args]);

interface Totals {
  entitlement: string;
  awarded: string;
  unallocated: string;
  enterprises: number;
}

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const ran = await sweep(...args, '--format', 'json');
  expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(ran.stdout) as Record<string, unknown>;
}

async function evaluateTotals(...set: string[]): Promise<Totals> {
  const ran = await bagui(['evaluate', 'rd_incentive', ...inputs, '--totals-only', ...set.flatMap((s) => ['--set', s])]);
  expect(ran.code).toBe(0);
  return (JSON.parse(ran.stdout) as { totals: Totals }).totals;
}

describe('bagui sweep rd_incentive --format json', () => {
  it('prints {"path", "points": [{"value", "totals"}]} with the totals exactly as evaluate prints them', async () => {
    const out = await json('--path', CAP, '--from', '300万', '--to', '1000万', '--step', '50万');
    expect(Object.keys(out)).toEqual(['path', 'points']);
    expect(out.path).toBe(CAP);
    const points = out.points as { value: string; totals: Totals }[];
    expect(points).toHaveLength(15);
    expect(points.map((p) => p.value)).toEqual(Array.from({ length: 15 }, (_, k) => `${300 + 50 * k}0000.00`));
    for (const p of points) expect(Object.keys(p)).toEqual(['value', 'totals']);
    expect(points[0]).toEqual({
      value: '3000000.00',
      totals: { entitlement: '21065316.66', awarded: '20000000.00', unallocated: '0.00', enterprises: 13 },
    });
    for (const k of [0, 4, 10, 14]) {
      const p = points[k];
      expect(p?.totals).toEqual(await evaluateTotals(`${CAP}=${p?.value ?? ''}`));
    }
  });

  it('rates step exactly, and --set applies to every point', async () => {
    const out = await json('--path', HIGH_TECH, '--from', '0.10', '--to', '0.20', '--step', '0.01', '--set', `${CAP}=800万`);
    const points = out.points as { value: string; totals: Totals }[];
    expect(points.map((p) => p.value)).toEqual(['0.10', '0.11', '0.12', '0.13', '0.14', '0.15', '0.16', '0.17', '0.18', '0.19', '0.20']);
    expect(points[5]?.totals).toEqual(await evaluateTotals(`${HIGH_TECH}=0.15`, `${CAP}=800万`));
  });

  it('--grid: {"path", "grid", "points": [{"value", "grid", "totals"}]}, the first path outermost', async () => {
    const out = await json('--path', CAP, '--value', '500万', '--value', '800万', '--grid', `${HIGH_TECH}=0.15:0.20:0.05`);
    expect(Object.keys(out)).toEqual(['path', 'grid', 'points']);
    expect(out.grid).toBe(HIGH_TECH);
    const points = out.points as { value: string; grid: string; totals: Totals }[];
    expect(points.map((p) => [p.value, p.grid])).toEqual([
      ['5000000.00', '0.15'],
      ['5000000.00', '0.20'],
      ['8000000.00', '0.15'],
      ['8000000.00', '0.20'],
    ]);
    expect(points[2]?.totals).toEqual(await evaluateTotals(`${CAP}=8000000`, `${HIGH_TECH}=0.15`));
  });

  it('--metrics adds cost, firms funded and capped, mean and median award, by group', async () => {
    const out = await json('--path', 'budget', '--value', '1000万', '--value', '1亿', '--metrics');
    const points = out.points as { value: string; metrics: Record<string, unknown> & { groups: Record<string, unknown[]> } }[];
    expect(points[1]?.metrics).toMatchObject({
      enterprises: 13,
      entitlement: '27065316.66',
      cost: '27065316.66',
      unallocated: '72934683.34',
      funded: 11,
    });
    expect(Object.keys(points[0]?.metrics.groups ?? {})).toEqual(['scale', 'city', 'industry', 'high_tech', 'gazelle']);
  });
});

describe('bagui sweep: table and csv', () => {
  it('a table with one row per point', async () => {
    const { code, stdout, stderr } = await sweep('--path', CAP, '--from', '300万', '--to', '1000万', '--step', '50万');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'rd_incentive: 13 enterprises, envelope ¥20,000,000.00 shared pro_rata, parameters in force on 2021-06-30; 15 points of rd_incentive.increment.cap_above.',
    );
    expect(lines[3]).toMatch(
      /^rd_incentive\.increment\.cap_above\s+ENTITLEMENT\s+COST \(AWARDED\)\s+UNALLOCATED\s+FUNDED\s+CAPPED\s+MEAN AWARD\s+MEDIAN AWARD$/u,
    );
    expect(lines[4]).toMatch(
      /^¥3,000,000\.00 \(300万元\)\s+¥21,065,316\.66\s+¥20,000,000\.00\s+¥0\.00\s+11\s+7\s+¥1,818,181\.81\s+¥791,174\.11$/u,
    );
  });

  it('csv with --by scale: a row per point, then a row per scale', async () => {
    const { code, stdout } = await sweep('--path', CAP, '--value', '500万', '--by', 'scale', '--format', 'csv');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'rd_incentive.increment.cap_above,group,group_value,enterprises,entitlement,cost,unallocated,funded,capped,mean_award,median_award',
      '5000000.00,,,13,27065316.66,20000000.00,0.00,11,7,1818181.81,615781.94',
      expect.stringMatching(/^5000000\.00,scale,above,10,/u),
      expect.stringMatching(/^5000000\.00,scale,below,3,[\d.]+,[\d.]+,,/u),
      '',
    ]);
  });
});

describe('bagui sweep refuses, naming the option', () => {
  it('a range that cannot be stepped', async () => {
    const ran = await sweep('--path', CAP, '--from', '1000万', '--to', '300万', '--step', '0');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      [
        'error: invalid --step, --to; nothing was computed',
        '--step: at step, value "0": the step must be more than 0 [SWEEP.STEP_NOT_POSITIVE]',
        '--to: at to, value "300万": the range is empty: "to" (300万) is below "from" (1000万) [SWEEP.EMPTY_RANGE]',
        '',
      ].join('\n'),
    );
  });

  it('a swept path that --set also sets, a tier list, a malformed --grid, no --path', async () => {
    const set = await sweep('--path', CAP, '--value', '1', '--set', `${CAP}=800万`);
    expect(set.stderr).toContain(
      `--set: value "${CAP}": ${CAP} is swept: it cannot also be set; drop --set ${CAP}=… [OPTION.SET_SWEPT_PATH]`,
    );
    const tiers = await sweep('--path', 'rd_incentive.increment.tiers_above', '--value', '1');
    expect(tiers.stderr).toContain('[SWEEP.NOT_STEPPABLE]');
    const grid = await sweep('--path', CAP, '--value', '1', '--grid', `${HIGH_TECH}=0.1-0.2`);
    expect(grid.stderr).toContain('--grid: value "rd_incentive.high_tech.rate=0.1-0.2": expected PATH=FROM:TO:STEP');
    const none = await sweep('--from', '1');
    expect(none.stderr).toContain('--path: --path is required');
    for (const ran of [set, tiers, grid, none]) expect(ran.code).toBe(2);
  });
});
