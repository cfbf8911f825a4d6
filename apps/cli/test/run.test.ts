import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagui, fen, withTempDir } from './bagui.js';

interface Line {
  allocated: string;
  awarded: string;
  unallocated: string;
}
interface Output {
  scenario: string;
  totals: { envelope: string; entitlement: string; awarded: string; unallocated: string; recipients: number };
  programmes: {
    id: string;
    citation: string;
    envelope: string;
    totals: { entitlement: string; awarded: string; unallocated: string; recipients: number };
    funding: (Line & { source: string })[];
    recipients?: { id: string; award: string; sources: Record<string, string> }[];
  }[];
  sources: (Line & { key: string; programmes: (Line & { programme: string })[] })[];
}

let dir: string;
withTempDir('bagui-run-', (made) => (dir = made));

const json = async (...args: string[]): Promise<Output> => {
  const ran = await bagui(['run', ...args, '--format', 'json']);
  expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(ran.stdout) as Output;
};

describe('bagui run guangxi-2021', () => {
  it('prints a table with every letter figure, per programme and per source', async () => {
    const { code, stdout, stderr } = await bagui(['run', 'guangxi-2021']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const row = (first: string) => lines.find((l) => l.replace(/^⚠?\s+/u, '').startsWith(`${first} `)) ?? '';
    expect(lines[0]).toBe(
      'guangxi-2021: Guangxi 2021 (reply letter). Parameters in force on 2021-09-23 unless a programme gives its own date.',
    );
    expect(row('guidance_fund')).toMatch(
      /ranked\s+2021-09-23\s+¥150,000,000\.00\s+¥335,350,000\.00\s+¥150,000,000\.00\s+¥0\.00\s+120\s+50\s+广西技术创新引导专项$/u,
    );
    expect(row('tech_upgrade')).toContain('¥180,000,000.00');
    expect(row('nev_support')).toContain('¥1,500,000,000.00');
    expect(row('talent')).toContain('¥156,000,000.00');
    expect(row('digital_subsidy')).toContain('¥30,000,000.00');
    expect(row('rd_incentive')).toMatch(/^⚠ .*¥407,000,000\.00.*1,287/u);
    expect(row('innovation_fund')).toMatch(
      /¥907,000,000\.00\s+¥907,000,000\.00\s+¥0\.00\s+rd_incentive, nev_support\s+创新驱动发展专项资金$/u,
    );
    expect(lines.filter((l) => /^\s+total\s/u.test(l))).toHaveLength(2);
  });

  it('--format json: per-programme totals and the per-source ledger, amounts as strings', async () => {
    const out = await json('guangxi-2021');
    expect(out.programmes.map((p) => [p.id, p.envelope, p.totals.awarded])).toEqual([
      ['guidance_fund', '150000000.00', '150000000.00'],
      ['tech_upgrade', '180000000.00', '180000000.00'],
      ['rd_incentive', '407000000.00', '407000000.00'],
      ['nev_support', '1500000000.00', '1500000000.00'],
      ['hitech_zones', '50000000.00', '50000000.00'],
      ['talent', '156000000.00', '156000000.00'],
      ['digital_subsidy', '30000000.00', '30000000.00'],
    ]);
    expect(out.programmes.find((p) => p.id === 'rd_incentive')?.totals.recipients).toBe(1287);
    expect(out.sources.find((s) => s.key === 'innovation_fund')).toMatchObject({
      allocated: '907000000.00',
      awarded: '907000000.00',
      unallocated: '0.00',
    });
    expect(out.programmes.every((p) => p.recipients === undefined)).toBe(true);
    const sum = (xs: string[]) => xs.reduce((s, x) => s + fen(x), 0);
    expect(sum(out.sources.map((s) => s.allocated))).toBe(fen(out.totals.envelope));
  });

  it('--recipients: every award split by source, adding up exactly', async () => {
    const out = await json('guangxi-2021', '--recipients');
    const rd = out.programmes.find((p) => p.id === 'rd_incentive');
    expect(rd?.recipients).toHaveLength(1287);
    for (const p of out.programmes) {
      for (const r of p.recipients ?? []) expect(Object.values(r.sources).reduce((s, x) => s + fen(x), 0)).toBe(fen(r.award));
    }
    const nev = out.programmes.find((p) => p.id === 'nev_support');
    expect(nev?.recipients?.[0]?.sources).toEqual({
      industry_it_fund: '500000000.00',
      winter_spring_fund: '500000000.00',
      innovation_fund: '500000000.00',
    });
  });

  it('--out writes the result whole and says so on stderr', async () => {
    const out = join(dir, 'result.json');
    const { code, stdout, stderr } = await bagui(['run', 'guangxi-2021', '--format', 'json', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`wrote ${out}: 1825 applicants, 1739 paid, awarded 24.73亿元 of 24.73亿元\n`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(await json('guangxi-2021'));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('bagui run: the plan as a finance officer reads it', () => {
  it("guangxi-2021: applicants and paid apart, the letter's money apart from ours, every assumption with its reason, per city", async () => {
    const { code, stdout } = await bagui(['run', 'guangxi-2021']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.includes('PROGRAMME'))).toMatch(/UNALLOCATED\s+APPLICANTS\s+PAID\s+NAME$/u);
    expect(lines.find((l) => /^\s+total\s+¥2,473/u.test(l))).toMatch(/1,825\s+1,739$/u);
    expect(
      lines.slice(lines.indexOf('Envelopes ¥2,473,000,000.00, of which'), lines.indexOf('Envelopes ¥2,473,000,000.00, of which') + 5),
    ).toEqual([
      'Envelopes ¥2,473,000,000.00, of which',
      "  the letter's money: ¥2,016,000,000.00 (guidance_fund, tech_upgrade, nev_support, talent, digital_subsidy)",
      '  public figures from elsewhere: ¥407,000,000.00 (rd_incentive)',
      '  our assumptions ⚠: ¥50,000,000.00 (hitech_zones)',
      'Applicants 1,825, paid 1,739.',
    ]);
    expect(lines).toContain('Assumptions:');
    expect(lines.find((l) => l.startsWith('  nev_support: ⚠'))).toContain('followed by 等 (among others)');
    expect(lines.find((l) => l.startsWith('CITY'))).toMatch(/^CITY\s+APPLICANTS\s+PAID\s+AWARDED\s+PROGRAMMES PAID$/u);
    expect(lines.find((l) => l.startsWith('(none given)'))).toMatch(/1\s+1\s+¥1,500,000,000\.00\s+nev_support$/u);
  });

  it('guangxi-2020-2022: batches, a ledger per year, per level, per enterprise, and whom the exclusion list excluded', async () => {
    const { code, stdout } = await bagui(['run', 'guangxi-2020-2022']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.includes('rd_2020_batch2'))).toMatch(/2020 #2\s+pro_rata\s+2022-03-25\s+¥162,619,434\.00/u);
    expect(lines).toContain('Per year (programme years, 年度; unallocated money is carried over to the next entry of its series):');
    expect(lines.find((l) => l.startsWith('2022 '))).toMatch(
      /^2022\s+¥2,000,000\.00\s+¥500,000\.00\s+¥1,100,000\.00\s+¥400,000\.00\s+¥1,000,000\.00\s+¥0\.00\s+¥400,000\.00\s+¥400,000\.00\s+¥0\.00\s+¥2,000,000\.00\s+¥0\.00$/u,
    );
    expect(lines).toContain('Per level: 区本级 (the envelopes) ¥591,905,331.44 + 市县 (co-financing) ¥9,152,930.38 = ¥601,058,261.82');
    expect(lines.find((l) => l.startsWith('91450100MA5N0GL01B  '))).toMatch(
      /2021\s+¥8,000,000\.00\s+¥1,314,102\.56\s+gazelle_2021, upgrade_2021$/u,
    );
    expect(lines).toContain(
      '  91450200MA5N0GL02K 柳州瞪羚企业 G2 [blacklist] 列入严重失信主体名单，失信联合惩戒期间不予财政奖补: G2 in gazelle_2022 (a commitment, lapsed)',
    );
    expect(lines).toContain('  G4 in gazelle_2021: gazelle recognition expired after 2021-06-30: not a gazelle on 2021-09-23');
  });

  it('guangxi-2020-2022 as JSON: the per-year ledger balances, and show → file → run gives the same result', async () => {
    const out = (await json('guangxi-2020-2022')) as Output & {
      years?: { envelope: string; carriedIn: string; commitmentsPaid: string; awarded: string; unallocated: string }[];
    };
    for (const y of out.years ?? [])
      expect(fen(y.envelope) + fen(y.carriedIn)).toBe(fen(y.commitmentsPaid) + fen(y.awarded) + fen(y.unallocated));
    const shown = await bagui(['scenarios', 'show', 'guangxi-2020-2022']);
    const file = join(dir, 'depth.json');
    await writeFile(file, shown.stdout);
    expect(await json(file)).toEqual(out);
  });
});

describe('bagui scenarios show NAME prints a scenario file that bagui run accepts', () => {
  it('round trip: show → file → run gives the built-in result', async () => {
    const shown = await bagui(['scenarios', 'show', 'guangxi-2021']);
    expect(shown.code).toBe(0);
    const file = join(dir, 'copy.json');
    await writeFile(file, shown.stdout);
    expect(await json(file)).toEqual(await json('guangxi-2021'));
  });

  it('an edited copy runs with the edit: the NEV split changed, still adding up to 15亿', async () => {
    const scenario = JSON.parse((await bagui(['scenarios', 'show', 'guangxi-2021'])).stdout) as {
      programmes: { programme: string; funding: Record<string, string> }[];
    };
    const nev = scenario.programmes.find((p) => p.programme === 'nev_support');
    if (nev === undefined) throw new Error('no nev_support');
    nev.funding = { industry_it_fund: '7亿', winter_spring_fund: '3亿', innovation_fund: '5亿' };
    const file = join(dir, 'edited.json');
    await writeFile(file, JSON.stringify(scenario));
    const out = await json(file);
    expect(out.sources.find((s) => s.key === 'industry_it_fund')?.allocated).toBe('700000000.00');
    expect(out.sources.find((s) => s.key === 'winter_spring_fund')?.awarded).toBe('300000000.00');
  });
});

describe('a scenario file with applicants files', () => {
  const scenario = (applicants: string, funding: Record<string, string> = { fund_a: '700万', fund_b: '300万' }) => ({
    schemaVersion: 1,
    name: 'files',
    title: 'Files',
    date: '2021-06-30',
    sources: [
      { key: 'fund_a', label: { zh: '甲', en: 'A' }, citation: 'test' },
      { key: 'fund_b', label: { zh: '乙', en: 'B' }, citation: 'test' },
    ],
    programmes: [{ programme: 'guidance_fund', envelope: '1000万', citation: 'test', funding, applicants: { file: applicants } }],
  });

  it("reads them relative to the scenario file's folder", async () => {
    await mkdir(join(dir, 'sc', 'data'), { recursive: true });
    await writeFile(join(dir, 'sc', 'data', 'projects.csv'), '项目编号,申请金额,评审得分\nA,400万,90\nB,500万,85\nC,300万,80\n');
    await writeFile(join(dir, 'sc', 'files.json'), JSON.stringify(scenario('data/projects.csv')));
    const out = await json(join(dir, 'sc', 'files.json'));
    // Ranked: A 400万, B 500万, C the 100万 left; A gives 70%: 700万, B 300万.
    expect(out.programmes[0]?.totals).toEqual({
      entitlement: '12000000.00',
      awarded: '10000000.00',
      unallocated: '0.00',
      recipients: 3,
      applicants: 3,
      paid: 3,
    });
    expect(out.sources.map((s) => [s.key, s.awarded])).toEqual([
      ['fund_a', '7000000.00'],
      ['fund_b', '3000000.00'],
    ]);
  });

  it('refuses a scenario with problems, listing each with its JSON path or line and column (exit 2)', async () => {
    await writeFile(join(dir, 'sc', 'data', 'bad.csv'), 'id,requested,score\nA,-1,90\nB,1,101\n');
    const file = join(dir, 'sc', 'bad.json');
    await writeFile(file, JSON.stringify(scenario('data/bad.csv')));
    const ran = await bagui(['run', file]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const accepted = 'write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元';
    expect(ran.stderr.split('\n')).toEqual([
      `error: invalid scenario ${file}: 2 problems; nothing was computed`,
      `line 2, column requested, at programmes.0.applicants.file, value "-1": requested (申请金额): an amount cannot be negative; ${accepted} [AMOUNT.NEGATIVE]`,
      'line 3, column score, at programmes.0.applicants.file, value "101": score (评审得分) is above 100: give a number from 0 to 100, e.g. 85 or 72.5 [APPLICANT.OUT_OF_RANGE]',
      '',
    ]);
  });

  it('a funding split that misses the envelope by a fen, and a missing file, all at once', async () => {
    const file = join(dir, 'sc', 'split.json');
    await writeFile(file, JSON.stringify(scenario('data/projects.csv', { fund_a: '700万', fund_b: '2999999.99' })));
    const split = await bagui(['run', file]);
    expect(split.code).toBe(2);
    expect(split.stderr).toContain(
      'at programmes.0.funding, value "9999999.99": the funding adds up to ¥9,999,999.99, ¥0.01 short of the envelope ¥10,000,000.00: ' +
        'the sources of a programme must add up to its envelope exactly, to the fen [FUNDING.SPLIT_MISMATCH]',
    );
    const missing = join(dir, 'sc', 'missing.json');
    await writeFile(missing, JSON.stringify(scenario('data/none.csv')));
    const ran = await bagui(['run', missing]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      `at programmes.0.applicants.file, value "data/none.csv": cannot read ${join(dir, 'sc', 'data', 'none.csv')}: no such file or directory; nothing was computed [APPLICANTS.FILE_UNREADABLE]`,
    );
  });

  it('a file that is not JSON: the line and column of the mistake', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{\n  "schemaVersion": 1,\n  "name" "x"\n}\n');
    const ran = await bagui(['run', file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n').slice(0, 2)).toEqual([
      `error: ${file} is not valid JSON; nothing was computed`,
      'expected \':\' after the property name at line 3, column 10, found "\\"x\\"\\n}\\n" [JSON.SYNTAX]',
    ]);
  });
});

describe('bagui run refuses', () => {
  it('an unknown built-in scenario, naming the built-in ones', async () => {
    const ran = await bagui(['run', 'guangxi-2020']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toBe(
      'error: no built-in scenario named "guangxi-2020"; the built-in scenarios are guangxi-2021, guangxi-2020-2022 (bagui scenarios lists them); to run a file, give its path, e.g. ./guangxi-2020.json\n',
    );
  });

  it('an unknown format, and --recipients with the table', async () => {
    const ran = await bagui(['run', 'guangxi-2021', '--format', 'xml']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--format: value "xml": unknown format; choose one of table, json, csv, xlsx [OPTION.UNKNOWN_FORMAT]');
    const table = await bagui(['run', 'guangxi-2021', '--recipients']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('[OPTION.RECIPIENTS_NEED_JSON]');
  });
});
