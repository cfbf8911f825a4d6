import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bagui, CLI_DIR, REPO_ROOT, SAMPLE, withTempDir } from './bagui.js';

interface Output {
  program: string;
  budget: string;
  method: string;
  totals: { entitlement: string; awarded: string; unallocated: string; enterprises: number };
  enterprises?: { id: string; entitlement: string; award: string }[];
}

const evaluate = (...args: string[]) => bagui(['evaluate', 'rd_incentive', '--date', '2024-06-30', ...args]);
const onSample = (...args: string[]) => evaluate('--enterprises', SAMPLE, ...args);
const award = (out: Output, id: string) => out.enterprises?.find((e) => e.id === id);

let dir: string;
withTempDir('bagui-cli-', (made) => (dir = made));

describe('bagui evaluate rd_incentive on the sample file', () => {
  it('is oversubscribed at 2000万: the pro-rata default hands out exactly the budget', async () => {
    const { code, stdout, stderr } = await onSample('--budget', '2000万', '--totals-only');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      program: 'rd_incentive',
      programme: 'rd_incentive',
      budget: '20000000.00',
      method: 'pro_rata',
      totals: { entitlement: '27065316.66', awarded: '20000000.00', unallocated: '0.00', enterprises: 13 },
    });
  });

  it('accepts every spelling of the budget', async () => {
    for (const budget of ['407000000', '4.07亿', '¥407,000,000.00', '40700万元']) {
      const { code, stdout } = await onSample('--budget', budget, '--totals-only');
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as Output).budget).toBe('407000000.00');
    }
  });

  it('--set raises a cap for this run: at an 800万 increment cap, GX-0008 takes 800万 instead of 500万', async () => {
    const before = JSON.parse((await onSample('--budget', '1亿')).stdout) as Output;
    const ran = await onSample('--budget', '1亿', '--set', 'rd_incentive.increment.cap_above=800万');
    expect(ran.code).toBe(0);
    const after = JSON.parse(ran.stdout) as Output;
    expect(award(before, 'GX-0008')).toMatchObject({ entitlement: '5000000.00', award: '5000000.00' });
    expect(award(after, 'GX-0008')).toMatchObject({ entitlement: '8000000.00', award: '8000000.00' });
    // GX-0012: 600万 increment award (no longer capped) + 240万 special → the 800万 firm cap.
    expect(award(after, 'GX-0012')).toMatchObject({ entitlement: '8000000.00' });
    expect(after.totals.entitlement).toBe('30665316.66');
  });

  it('--set takes tiers as JSON: one flat 12% tier gives GX-0004 150万 × 12% = 18万', async () => {
    const ran = await onSample('--budget', '1亿', '--set', 'rd_incentive.increment.tiers_above=[{"min_intensity":"0","rate":"0.12"}]');
    expect(ran.code).toBe(0);
    expect(award(JSON.parse(ran.stdout) as Output, 'GX-0004')).toMatchObject({ entitlement: '180000.00', award: '180000.00' });
  });

  it('--totals-only prints the same object without enterprises', async () => {
    const full = JSON.parse((await onSample('--budget', '2000万', '--method', 'ranked')).stdout) as Output;
    const totals = JSON.parse((await onSample('--budget', '2000万', '--method', 'ranked', '--totals-only')).stdout) as Output;
    expect(Object.keys(totals)).toEqual(['program', 'programme', 'budget', 'method', 'totals']);
    expect(full.enterprises).toHaveLength(13);
    const { enterprises: _, ...rest } = full;
    expect(totals).toEqual(rest);
  });

  it('--totals-only (which keeps no names) gives the totals of the full run in CSV and as a table too', async () => {
    const full = (await onSample('--budget', '2000万', '--format', 'csv')).stdout;
    const csvTotals = await onSample('--budget', '2000万', '--format', 'csv', '--totals-only');
    expect(csvTotals.code).toBe(0);
    const [, row = ''] = csvTotals.stdout.trimEnd().split('\n');
    expect(row.split(',').at(-1)).toBe(String(full.trimEnd().split('\n').length - 1));
    const table = await onSample('--budget', '2000万', '--format', 'table', '--totals-only', '--lang', 'en');
    expect(table.code).toBe(0);
    expect(table.stdout).not.toContain('柳州汽车零部件集团有限公司');
  });

  it('--format csv prints one row per enterprise, amounts as in JSON', async () => {
    const { code, stdout } = await onSample('--budget', '2000万', '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id,name,scale,entitlement,award,explanation');
    expect(lines).toHaveLength(14);
    expect(lines[5]).toBe('GX-0005,玉林机械铸造厂,above,0.00,0.00,eligibility: not eligible: no super deduction; envelope: share 0');
  });

  it('--out writes the file whole, prints nothing on stdout and leaves no temporary file', async () => {
    const out = join(dir, 'awards.json');
    const { code, stdout, stderr } = await onSample('--budget', '2000万', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`wrote ${out}: 13 enterprises, awarded 2000万元 of 2000万元\n`);
    const printed = await onSample('--budget', '2000万');
    expect(await readFile(out, 'utf8')).toBe(printed.stdout);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--out into a missing directory is an input error and writes nothing', async () => {
    const out = join(dir, 'missing', 'awards.json');
    const { code, stdout, stderr } = await onSample('--budget', '2000万', '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: cannot write ${out}: no such file or directory; nothing was written\n`);
  });

  it('reads Chinese headers, a byte-order mark and CRLF line ends', async () => {
    const zh = await readFile(join(CLI_DIR, 'examples', 'enterprises-zh.csv'), 'utf8');
    const file = join(dir, 'excel.csv');
    await writeFile(file, `\uFEFF${zh.replaceAll('\n', '\r\n')}`);
    const { code, stdout, stderr } = await evaluate('--enterprises', file, '--budget', '100万', '--totals-only');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Output).totals).toEqual({
      entitlement: '1750000.00',
      awarded: '1000000.00',
      unallocated: '0.00',
      enterprises: 5,
    });
  });
});

describe('bagui evaluate refuses wrong input with exit code 2', () => {
  it('lists every invalid row of a file with its line, column, value and reason, and computes nothing', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        'id,scale,revenue,rd_expense,rd_expense_prev,high_tech',
        'A,above,100,5e6,1,true',
        'B,middle,-5,10,10,maybe',
        'OK,below,100,10,5,',
        'A,below,1,2,3,no',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await evaluate('--enterprises', file, '--budget', '100');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const accepted = 'write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元';
    expect(stderr.split('\n')).toEqual([
      `error: 3 invalid rows in ${file}; nothing was computed (--report FILE.xlsx marks them in a copy of the input)`,
      `line 2, column rd_expense, value "5e6": rd_expense (研发费用): exponent notation is not accepted; ${accepted} [AMOUNT.EXPONENT]`,
      'line 3, column scale, value "middle": scale (规模) must be above or below (规上 or 规下 in Chinese) [ENTERPRISE.SCALE_INVALID]',
      `line 3, column revenue, value "-5": revenue (主营业务收入): an amount cannot be negative; ${accepted} [AMOUNT.NEGATIVE]`,
      'line 3, column high_tech, value "maybe": high_tech (高新技术企业) must be true or false (also 1/0, yes/no, y/n, 是/否), or empty for the default (false) [ENTERPRISE.BOOLEAN_INVALID]',
      'line 5, column id, value "A": id (企业编号) "A" is already used by line 2: every enterprise needs its own id [ENTERPRISE.ID_DUPLICATE]',
      '',
    ]);
  });

  it('a missing file', async () => {
    const missing = join(dir, 'nowhere.csv');
    const { code, stderr } = await evaluate('--enterprises', missing, '--budget', '100');
    expect(code).toBe(2);
    expect(stderr).toBe(`error: cannot read the enterprises file ${missing}: no such file or directory; nothing was computed\n`);
  });

  it('a bad --budget', async () => {
    const { code, stdout, stderr } = await onSample('--budget', '5e6');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: invalid --budget; nothing was computed\n' +
        '--budget: value "5e6": exponent notation is not accepted; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元 [AMOUNT.EXPONENT]\n',
    );
    expect((await onSample('--budget', '-100')).stderr).toContain('[AMOUNT.NEGATIVE]');
  });

  it('an unknown parameter in --set, naming its path', async () => {
    const { code, stdout, stderr } = await onSample('--budget', '2000万', '--set', 'rd_incentive.increment.cap=800万');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [summary, detail] = stderr.split('\n');
    expect(summary).toBe('error: invalid --set; nothing was computed');
    expect(detail).toMatch(
      /^--set: at rd_incentive\.increment\.cap: unknown parameter rd_incentive\.increment\.cap; known parameters include rd_incentive\.increment\.tiers_above, .* \[PARAMETER\.UNKNOWN\]$/u,
    );
  });

  it('a --set value of the wrong kind, naming its path', async () => {
    const { code, stderr } = await onSample('--budget', '2000万', '--set', 'rd_incentive.special.rate=1.5');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: invalid --set; nothing was computed\n' +
        '--set: at rd_incentive.special.rate, value "1.5": a rate must be between 0 and 1 (0% to 100%) [RATE.OUT_OF_RANGE]\n',
    );
  });

  it('--format xlsx without --out: a workbook is a binary file', async () => {
    const { code, stdout, stderr } = await onSample('--budget', '2000万', '--format', 'xlsx');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error: invalid --format; nothing was computed\n' +
        '--format: value "xlsx": an XLSX workbook is a binary file: give --out FILE.xlsx [OPTION.XLSX_NEEDS_OUT]\n',
    );
  });

  it('an unknown programme, listing the known ones', async () => {
    const { code, stderr } = await bagui(['evaluate', 'tech_upgrades', '--enterprises', SAMPLE, '--budget', '1']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: unknown programme "tech_upgrades"; known programmes: guidance_fund, tech_upgrade, rd_incentive, nev_support, hitech_zones, talent, digital_subsidy\n',
    );
  });

  it('an unknown option or a missing required one', async () => {
    const unknown = await onSample('--budget', '1', '--bugdet', '2');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--bugdet'");
    const missing = await evaluate('--enterprises', SAMPLE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: required option '--budget <amount>' not specified");
  });
});

describe('the installed command', () => {
  it('runs through the committed launcher that npm links as bagui', async () => {
    const launcher = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [join(CLI_DIR, 'bin', 'bagui.js'), '--version'], (error, stdout) =>
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- execFile's ExecFileException is an Error
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(launcher).toMatch(/^\d+\.\d+\.\d+\n$/u);
  });

  it('is what npx bagui runs from the repository root', async () => {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const viaNpx = await new Promise<string>((resolve, reject) =>
      execFile(npx, ['--no', '--', 'bagui', '--version'], { cwd: REPO_ROOT }, (error, stdout) =>
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- execFile's ExecFileException is an Error
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(viaNpx).toMatch(/^\d+\.\d+\.\d+\n$/u);
  });
});
