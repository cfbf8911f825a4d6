import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagui, CLI_DIR, fen, SAMPLE, withTempDir } from './bagui.js';

const REFORMS = join(CLI_DIR, 'examples', 'reforms');
const CAP_800 = join(REFORMS, 'cap-above-800.json');
const HIGH_TECH_15 = join(REFORMS, 'high-tech-15.json');
const BOTH = join(REFORMS, 'cap-800-and-high-tech-15.json');

interface Totals {
  entitlement: string;
  awarded: string;
  unallocated: string;
  enterprises: number;
}
interface ReformOut {
  name: string;
  hash: string;
  key: string;
  layers: string[];
  overrides: { path: string; value: string }[];
  summary: { zh: string[]; en: string[] };
  totals: { baseline: Totals; reform: Totals; change: { entitlement: string; awarded: string; unallocated: string } };
  awards: { winners: number; losers: number; unchanged: number };
  bands: { enterprises: number; change: string }[];
  groups: Record<string, { value: string | null; enterprises: number; change: { awarded: string } }[]>;
  caps: { path: string; baseline: number; reform: number }[];
  enterprises?: { id: string; entitlementChange: string; awardChange: string }[];
}
interface Output {
  programme: string;
  budget: string;
  baseline: { key: string; totals: Totals };
  reforms: ReformOut[];
  methods: { variant: string; methods: { method: string; bands: { enterprises: number; share: string | null }[] }[] }[];
}

const compare = (...args: string[]) => bagui(['compare', 'rd_incentive', '--enterprises', SAMPLE, '--date', '2021-06-30', ...args]);
const json = async (...args: string[]): Promise<Output> => {
  const ran = await compare(...args, '--format', 'json');
  expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(ran.stdout) as Output;
};
/** A JSON amount that may be negative (a change), as fen. */
const signed = (x: string): number => (x.startsWith('-') ? -fen(x.slice(1)) : fen(x));
const sum = (xs: readonly string[]): number => xs.reduce((s, x) => s + signed(x), 0);

let dir: string;
withTempDir('bagui-compare-', (made) => (dir = made));

describe('bagui compare rd_incentive', () => {
  it('prints each reform in plain words first, in English and Chinese, then its figures', async () => {
    const { code, stdout, stderr } = await compare('--budget', '2000万', '--reform', CAP_800);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'rd_incentive: 13 enterprises, envelope ¥20,000,000.00 (2000万元) shared pro_rata, parameters in force on 2021-06-30.',
    );
    expect(lines).toContain(
      '  rd_incentive.increment.cap_above — Increment award cap, above-scale firms: ¥5,000,000.00 → ¥8,000,000.00 (+¥3,000,000.00); source: letter 一(一)三',
    );
    expect(lines).toContain(
      '  rd_incentive.increment.cap_above — 规上企业增量奖励上限：500万元 → 800万元（+300万元）；来源：letter 一(一)三',
    );
    expect(lines).toContain(
      'awards: 1 up, 10 down, 2 unchanged (by more than ±¥0.00); entitlements: 2 up, 0 down, 11 unchanged — of 13 enterprises',
    );
    expect(lines.find((l) => l.startsWith('entitlement '))).toMatch(/¥27,065,316\.66\s+¥30,665,316\.66\s+\+¥3,600,000\.00$/u);
    expect(lines.find((l) => l.startsWith('rd_incentive.increment.cap_above '))).toMatch(/\s3\s+1$/u);
  });

  it('--format json: the deltas add up to the change in totals, by band and by group', async () => {
    const out = await json('--budget', '2000万', '--reform', CAP_800, '--reform', HIGH_TECH_15, '--recipients');
    expect(out.reforms.map((r) => r.name)).toEqual(['cap-above-800', 'high-tech-15']);
    expect(out.baseline.totals).toEqual({ entitlement: '27065316.66', awarded: '20000000.00', unallocated: '0.00', enterprises: 13 });
    for (const r of out.reforms) {
      const change = fen(r.totals.reform.awarded) - fen(r.totals.baseline.awarded);
      expect(sum(r.enterprises?.map((e) => e.awardChange) ?? [])).toBe(change);
      expect(sum(r.enterprises?.map((e) => e.entitlementChange) ?? [])).toBe(
        fen(r.totals.reform.entitlement) - fen(r.totals.baseline.entitlement),
      );
      expect(sum(r.bands.map((b) => b.change))).toBe(change);
      for (const rows of Object.values(r.groups)) expect(sum(rows.map((g) => g.change.awarded))).toBe(change);
      expect(r.awards.winners + r.awards.losers + r.awards.unchanged).toBe(13);
      expect(r.key).toBe(`${r.hash}@0.1.0`);
    }
    const [cap, highTech] = out.reforms;
    expect(cap?.totals.reform.entitlement).toBe('30665316.66'); // as `bagui evaluate --set cap_above=800万` (evaluate.test.ts)
    expect(highTech?.summary.en.at(-1)).toBe(
      'rd_incentive.high_tech.rate — High-tech / gazelle award rate (share of R&D expense): 20% → 15% (−5 percentage points); source: Xinhua 2020-10-28',
    );
    expect(highTech?.summary.zh.at(-1)).toBe(
      'rd_incentive.high_tech.rate — 高新技术企业、瞪羚企业奖励比例（占研发费用）：20% → 15%（−5个百分点）；来源：Xinhua 2020-10-28',
    );
  });

  it('a reform is known by its content: the layered file, the two --set overrides and a renamed copy share one key', async () => {
    const renamed = join(dir, 'renamed.json');
    await writeFile(
      renamed,
      JSON.stringify({
        name: 'another name',
        description: 'other words',
        overrides: [
          { path: 'rd_incentive.high_tech.rate', value: '0.15' },
          { path: 'rd_incentive.increment.cap_above', value: '8000000' },
        ],
      }),
    );
    const out = await json(
      '--budget',
      '2000万',
      '--reform',
      BOTH,
      '--reform',
      renamed,
      '--set',
      'rd_incentive.increment.cap_above=800万',
      '--set',
      'rd_incentive.high_tech.rate=15%',
    );
    expect(out.reforms.map((r) => r.name)).toEqual(['cap-800-and-high-tech-15', 'another name', '--set']);
    expect(new Set(out.reforms.map((r) => r.key)).size).toBe(1);
    expect(out.reforms[0]?.layers).toEqual(['cap-above-800', 'high-tech-15']);
    // The stacked reform is the two single ones applied in turn: same totals as both set at once.
    expect(out.reforms[0]?.totals).toEqual(out.reforms[2]?.totals);
  });

  it('--methods: the same parameters under every envelope method, by size of entitlement', async () => {
    const { code, stdout } = await compare('--budget', '1500万', '--methods', 'pro_rata,uniform_cap,ranked');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toContain('Envelope methods, baseline parameters: the share of their entitlement that enterprises of each size receive');
    expect(lines.find((l) => l.startsWith('(0, ¥100,000.00]'))).toMatch(
      /1\s+55\.42% \(55\.42%\)\s+100\.00% \(100\.00%\)\s+100\.00% \(100\.00%\)$/u,
    );
    expect(lines.find((l) => l.startsWith('paid nothing'))).toMatch(/\s0\s+0\s+5$/u);
    const out = await json('--budget', '1500万', '--methods', 'uniform_cap', '--reform', CAP_800);
    expect(out.methods.map((m) => [m.variant, m.methods.map((x) => x.method)])).toEqual([
      ['baseline', ['uniform_cap']],
      ['cap-above-800', ['uniform_cap']],
    ]);
  });

  it('--threshold and --band', async () => {
    const out = await json('--budget', '2000万', '--reform', CAP_800, '--threshold', '5万', '--band', '10万');
    const [r] = out.reforms;
    expect(r?.awards.unchanged).toBeGreaterThan(2);
    expect(r?.bands).toHaveLength(5);
  });

  it('--format csv: one row per reform and enterprise, with its groups and changes', async () => {
    const out = join(dir, 'changes.csv');
    const ran = await compare('--budget', '2000万', '--reform', CAP_800, '--reform', HIGH_TECH_15, '--format', 'csv', '--out', out);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(`wrote ${out}: 2 reforms compared on 13 enterprises\n`);
    const text = await readFile(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true); // a CSV file gets a BOM, so Excel reads it as UTF-8
    const rows = text.slice(1).trimEnd().split('\n');
    expect(rows[0]).toBe(
      'reform,id,scale,city,industry,high_tech,gazelle,baseline_entitlement,reform_entitlement,entitlement_change,baseline_award,reform_award,award_change',
    );
    expect(rows).toHaveLength(1 + 2 * 13);
    expect(rows[1]).toMatch(/^cap-above-800,GX-0001,above,柳州,汽车制造业,true,false,8000000\.00,8000000\.00,0\.00,/u);
    const capRows = rows.slice(1, 14).map((r) => r.split(',').at(-1) ?? '');
    expect(sum(capRows)).toBe(0); // the envelope is paid out in full either way
  });
});

describe('bagui compare refuses, naming the problem', () => {
  it('two reforms with one name: refused, naming both (core checks the names, as the API and the planner do)', async () => {
    const file = join(dir, 'named-x.json');
    await writeFile(file, JSON.stringify({ name: 'x', overrides: [{ path: 'rd_incentive.firm_cap', value: '800万' }] }));
    const ran = await compare('--budget', '2000万', '--reform', file, '--set', 'rd_incentive.firm_cap=900万', '--reform', file);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      [
        'error: the reforms cannot be told apart; nothing was computed',
        `${file} and ${file} are both called "x": give each its own name, so that the results can tell them apart [REFORM.DUPLICATE_NAME]`,
        '',
      ].join('\n'),
    );
  });

  it('two layers that set one parameter: a conflict, never an overwrite', async () => {
    const file = join(dir, 'conflict.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'conflict',
        layers: [
          { name: 'cap-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] },
          { name: 'cap-1000', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '1000万' }] },
        ],
      }),
    );
    const ran = await compare('--budget', '2000万', '--reform', file);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toBe(
      [
        'error: invalid reform file: 1 problem; nothing was computed',
        `${file}: at layers.1.overrides.0.path, value "rd_incentive.increment.cap_above": rd_incentive.increment.cap_above is set by layer "cap-800" (8000000.00) ` +
          'and again by layer "cap-1000" (10000000.00): layers must not set the same parameter, and neither is silently overwritten; set it in one layer only [REFORM.CONFLICT]',
        '',
      ].join('\n'),
    );
  });

  it('unknown fields, at their JSON path; invalid JSON, at its line', async () => {
    const file = join(dir, 'typo.json');
    await writeFile(
      file,
      JSON.stringify({ name: 'typo', overrides: [{ path: 'rd_incentive.firm_cap', value: '1000万' }], descripton: 'x' }),
    );
    const ran = await compare('--budget', '2000万', '--reform', file);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`${file}: at descripton: unknown field "descripton" (did you mean "description"?)`);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{\n  "name": "x",\n  "overrides": [\n}\n');
    const bad = await compare('--budget', '2000万', '--reform', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: .*broken\.json is not valid JSON; nothing was computed\nexpected .* at line 4, column 1, found "\}\\n" \[JSON\.SYNTAX\]\n/u,
    );
    const twice = join(dir, 'twice.json');
    await writeFile(twice, '{"name": "x", "overrides": [{"path": "rd_incentive.firm_cap", "value": "1", "value": "2"}]}');
    const refused = await compare('--budget', '2000万', '--reform', twice);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n').slice(0, 2)).toEqual([
      `error: ${twice} has a key twice; nothing was computed`,
      'at overrides.0.value: "value" is given twice in one object (line 1, column 77): give each field once [JSON.DUPLICATE_KEY]',
    ]);
  });

  it('every wrong option at once, before the file is read', async () => {
    const ran = await bagui([
      'compare',
      'rd_incentive',
      '--enterprises',
      'missing.csv',
      '--budget',
      'lots',
      '--methods',
      'pro_rata,lottery',
      '--format',
      'xlsx',
      '--set',
      'rd_incentive.nope=1',
    ]);
    expect(ran.code).toBe(2);
    const lines = ran.stderr.split('\n');
    expect(lines[0]).toBe('error: invalid --format, --budget, --methods, --set; nothing was computed');
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(['--format', '--budget', '--methods', '--set', '']);
  });

  it('nothing to compare, or a programme and a scenario at once', async () => {
    const none = await compare('--budget', '2000万');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'error: nothing to compare: give a reform (--reform FILE.json, or --set PATH=VALUE), or envelope methods (--methods pro_rata,uniform_cap,ranked)\n',
    );
    const both = await bagui(['compare', 'rd_incentive', '--baseline', 'guangxi-2021', '--reform', CAP_800]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('OPTION.BASELINE_AND_PROGRAMME');
  });
});

describe('bagui compare --baseline SCENARIO', () => {
  it('a reform of guangxi-2021: cost by programme and by funding source', async () => {
    const { code, stdout, stderr } = await bagui(['compare', '--baseline', 'guangxi-2021', '--reform', CAP_800]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^guangxi-2021: Guangxi 2021 \(reply letter\) \(key [0-9a-f]{16}@0\.1\.0\)\.$/u);
    expect(lines).toContain('rd_incentive:');
    expect(lines.find((l) => l.startsWith('rd_incentive '))).toMatch(
      /¥407,000,000\.00\s+¥407,000,000\.00\s+¥0\.00\s+\+¥[\d,.]+\s+[\d,]+\s+[\d,]+\s+[\d,]+$/u,
    );
    expect(lines.find((l) => l.startsWith('talent '))).toMatch(/¥156,000,000\.00\s+¥156,000,000\.00\s+¥0\.00\s+¥0\.00\s+0\s+0\s+\d+$/u);
    expect(lines.find((l) => l.startsWith('innovation_fund '))).toMatch(/¥907,000,000\.00\s+¥907,000,000\.00\s+¥0\.00\s+¥0\.00$/u);
  });

  it('--format json, and a reform of a programme the scenario does not have is refused', async () => {
    const ran = await bagui(['compare', '--baseline', 'guangxi-2021', '--set', 'rd_incentive.high_tech.rate=15%', '--format', 'json']);
    expect(ran.code).toBe(0);
    const out = JSON.parse(ran.stdout) as {
      reforms: { name: string; programmes: { id: string; totals: { change: { awarded: string } } }[]; sources: { key: string }[] }[];
    };
    expect(out.reforms[0]?.programmes.map((p) => p.id)).toEqual([
      'guidance_fund',
      'tech_upgrade',
      'rd_incentive',
      'nev_support',
      'hitech_zones',
      'talent',
      'digital_subsidy',
    ]);
    expect(out.reforms[0]?.sources.map((s) => s.key)).toContain('innovation_fund');
    const small = join(dir, 'small.json');
    const scenario = JSON.parse((await bagui(['scenarios', 'show', 'guangxi-2021'])).stdout) as {
      programmes: { programme: string }[];
      sources: { key: string }[];
    };
    await writeFile(
      small,
      JSON.stringify({
        ...scenario,
        programmes: scenario.programmes.filter((p) => p.programme === 'talent'),
        sources: scenario.sources.filter((s) => s.key === 'talent_fund'),
      }),
    );
    const refused = await bagui(['compare', '--baseline', small, '--reform', CAP_800]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[REFORM.NOT_IN_SCENARIO]');
  });
});
