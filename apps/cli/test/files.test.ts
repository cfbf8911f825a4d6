import { copyFile, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseXlsx } from '@bagui/sheets/xlsx';
import { describe, expect, it } from 'vitest';
import { bagui, REPO_ROOT, SAMPLE, withTempDir } from './bagui.js';

/** The spreadsheet fixtures of @bagui/sheets: real files as people give them (its fixtures/README.md). */
const FIXTURES = join(REPO_ROOT, 'packages', 'sheets', 'src', 'fixtures');
const fixture = (name: string): string => join(FIXTURES, name);

interface Totals {
  entitlement: string;
  awarded: string;
  unallocated: string;
  enterprises?: number;
  recipients?: number;
}

const evaluate = (...args: string[]) => bagui(['evaluate', 'rd_incentive', '--date', '2024-06-30', '--budget', '1亿', ...args]);
const totalsOf = (stdout: string): Totals => (JSON.parse(stdout) as { totals: Totals }).totals;

let dir: string;
withTempDir('bagui-files-', (made) => (dir = made));

// GX-0001: above, 5000万 revenue, 500万 R&D (intensity 10% ≥ 5%: tier 20%), 300万 last year:
// increment (500万 − 300万) × 20% = 40万; high-tech (是): min(500万 × 20%, 50万 cap) = 50万; the higher, 50万.
// GX-0002: below, (8万 − 6万) × 8% = 1,600. Entitlement 501,600.00 in all, well inside 1亿.
const TWO_FIRMS = { entitlement: '501600.00', awarded: '501600.00', unallocated: '99498400.00', enterprises: 2 };

describe('reading applicants as people save them', () => {
  it.each([
    ['gbk.csv', 'GBK (Chinese Excel), detected'],
    ['bom.csv', 'UTF-8 with a byte-order mark'],
    ['chinese-headers.csv', 'UTF-8, Chinese headers'],
    ['filled-template.xlsx', 'the filled-in template, its second header row and notes row skipped'],
  ])('%s (%s) gives the same two firms', async (name) => {
    const ran = await evaluate('--applicants', fixture(name), '--totals-only');
    expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
    expect(totalsOf(ran.stdout)).toEqual(TWO_FIRMS);
  });

  it('--encoding gb18030 reads the GBK file; --encoding utf8 refuses it, naming the line', async () => {
    expect(totalsOf((await evaluate('--applicants', fixture('gbk.csv'), '--encoding', 'gb18030', '--totals-only')).stdout)).toEqual(
      TWO_FIRMS,
    );
    const refused = await evaluate('--applicants', fixture('gbk.csv'), '--encoding', 'utf8');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^error: cannot read .*gbk\.csv as CSV text; nothing was computed\nline 1\b.*\[CSV\.ENCODING_INVALID\]\n$/u,
    );
    const unknown = await evaluate('--applicants', fixture('gbk.csv'), '--encoding', 'latin1');
    expect(unknown.stderr).toContain('[CSV.ENCODING_UNSUPPORTED]');
  });

  it('extra columns (序号, 备注, 联系人) are ignored and named once on stderr', async () => {
    const ran = await evaluate('--applicants', fixture('extra-columns.csv'), '--totals-only');
    expect(ran.code).toBe(0);
    expect(totalsOf(ran.stdout)).toEqual(TWO_FIRMS);
    expect(ran.stderr).toBe('warning: extra-columns.csv: 3 columns not used here were ignored: 序号, 备注, 联系人\n');
  });

  it('units in headers apply to their column exactly', async () => {
    // 主营业务收入（万元）5000 = 5000万; 研发费用(元) 5000000; 上年研发费用（亿元）0.03 = 300万: GX-0001 as above,
    // without a 高新技术企业 column (not high-tech): the increment award alone, (500万 − 300万) × 20% = 40万.
    const ran = await evaluate('--applicants', fixture('units-in-headers.csv'), '--format', 'csv');
    expect(ran.code).toBe(0);
    const rows = ran.stdout.split('\n');
    expect(rows[1]?.split(',').slice(0, 5)).toEqual(['GX-0001', '', 'above', '400000.00', '400000.00']);
  });

  it('a missing required column suggests the unused column meant', async () => {
    const file = join(dir, 'misnamed.csv');
    await writeFile(file, '企业编号,规模,主营业务收入,研发费用合计,上年研发费用,备注\nA,规上,1亿,500万,300万,\n');
    const ran = await evaluate('--applicants', file);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      'line 1, column rd_expense: the required column rd_expense (研发费用) is missing (did you mean the column "研发费用合计"? head it 研发费用)',
    );
  });

  it('a file with a header and no rows is refused', async () => {
    const file = join(dir, 'header-only.csv');
    await writeFile(file, 'id,scale,revenue,rd_expense,rd_expense_prev\n');
    const ran = await evaluate('--applicants', file);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('the table has a header but no rows: add one row per applicant under the header [TABLE.NO_ROWS]');
  });
});

describe('malformed workbooks each give their own report (exit 2)', () => {
  it.each([
    ['broken.xlsx', [], 'XLSX.DAMAGED'],
    ['renamed-csv.xlsx', [], 'XLSX.NOT_XLSX'],
    ['two-sheets.xlsx', ['--sheet', '申报'], 'XLSX.NO_SUCH_SHEET'],
    ['merged-header.xlsx', [], 'XLSX.MERGED_HEADER'],
    ['empty-rows.xlsx', [], 'XLSX.BLANK_ROW'],
    ['date.xlsx', [], 'AMOUNT.DATE_CELL'],
  ] as const)('%s %j: %s', async (name, args, code) => {
    const ran = await evaluate('--applicants', fixture(name), ...args);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toContain(`[${code}]`);
  });

  it('the sheet named with --sheet is read', async () => {
    const ran = await evaluate('--applicants', fixture('two-sheets.xlsx'), '--sheet', '申报表', '--totals-only');
    expect(ran.code).toBe(0);
    expect(totalsOf(ran.stdout).enterprises).toBe(2);
  });

  it('a date where an amount belongs names the sheet and cell', async () => {
    const ran = await evaluate('--applicants', fixture('date.xlsx'));
    expect(ran.stderr).toMatch(/line 2, column 研发费用, value "2021-06-30": rd_expense \(研发费用\) holds a date, not an amount/u);
  });
});

describe('round trips: what bagui writes, it reads back', () => {
  it('an XLSX result reads back as its applicants, giving the same awards', async () => {
    const out = join(dir, 'awards.xlsx');
    const written = await evaluate('--applicants', SAMPLE, '--budget', '2000万', '--format', 'xlsx', '--out', out);
    expect(written.code).toBe(0);
    expect(written.stderr).toBe(`wrote ${out}: 13 enterprises, awarded 2000万元 of 2000万元\n`);
    const before = await evaluate('--applicants', SAMPLE, '--budget', '2000万');
    const after = await evaluate('--applicants', out, '--budget', '2000万');
    expect(after.code).toBe(0);
    // The result's own columns are not inputs: ignored, and said so.
    expect(after.stderr).toBe('warning: awards.xlsx: 3 columns not used here were ignored: 研发投入强度, 应得额, 资助额\n');
    expect(after.stdout).toBe(before.stdout);
  });

  it('the workbook has the result, 参数与来源, 说明 and the about sheet with the input SHA-256', async () => {
    const out = join(dir, 'awards-en.xlsx');
    await evaluate('--applicants', SAMPLE, '--budget', '2000万', '--format', 'xlsx', '--out', out, '--lang', 'en');
    const bytes = new Uint8Array(await readFile(out));
    const sha = createHash('sha256')
      .update(await readFile(SAMPLE))
      .digest('hex');
    const about = await parseXlsx(bytes, { sheet: 'About' });
    expect(about.ok).toBe(true);
    const cells = about.ok ? about.value.records.flatMap((r) => r.cells.map((c) => c.text)) : [];
    expect(cells).toContain(sha);
    expect(cells).toContain('enterprises.csv');
  });

  it('a template reads back as an empty table (refused: no rows), every programme', async () => {
    for (const programme of ['rd_incentive', 'talent', 'tech_upgrade']) {
      const out = join(dir, `${programme}-template.xlsx`);
      const made = await bagui(['template', programme, '--out', out]);
      expect(made.code).toBe(0);
      const read = await bagui(['evaluate', programme, '--applicants', out, '--budget', '1亿', '--date', '2024-06-30']);
      expect(read.code).toBe(2);
      expect(read.stderr).toContain('[TABLE.NO_ROWS]');
      expect(read.stderr).not.toContain('MISSING_COLUMN');
    }
    // Six CLI processes one after another: well within 30 s alone, not on a machine loaded by other work.
  }, 120_000);

  it('a CSV written to a file starts with a BOM; on stdout only with --bom; both read back the same', async () => {
    const out = join(dir, 'awards.csv');
    await evaluate('--applicants', SAMPLE, '--format', 'csv', '--out', out);
    const file = await readFile(out, 'utf8');
    expect(file.startsWith('\uFEFFid,name,scale,entitlement,award,explanation\n')).toBe(true);
    const plain = await evaluate('--applicants', SAMPLE, '--format', 'csv');
    expect(plain.stdout.startsWith('id,')).toBe(true);
    expect(file.slice(1)).toBe(plain.stdout);
    expect((await evaluate('--applicants', SAMPLE, '--format', 'csv', '--bom')).stdout).toBe(file);
  });
});

describe('compare and sweep as workbooks', () => {
  it('--format xlsx: the CSV columns, amounts as yuan numbers, and an about sheet; without --out it is refused', async () => {
    const out = join(dir, 'sweep.xlsx');
    const base = [
      'tech_upgrade',
      '--applicants',
      join(REPO_ROOT, 'apps/cli/examples/tech-upgrade.csv'),
      '--budget',
      '5000万',
      '--date',
      '2024-06-30',
    ];
    const swept = await bagui([
      'sweep',
      ...base,
      '--path',
      'budget',
      '--from',
      '3000万',
      '--to',
      '6000万',
      '--step',
      '1000万',
      '--format',
      'xlsx',
      '--out',
      out,
    ]);
    expect(swept.code).toBe(0);
    const sheet = await parseXlsx(new Uint8Array(await readFile(out)));
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.value.header.slice(0, 4)).toEqual(['budget', 'recipients', 'entitlement', 'cost']);
    expect(sheet.value.records.map((r) => [r.cells[0]?.kind, r.cells[0]?.text, r.cells[3]?.text])).toEqual([
      ['number', '30000000', '30000000'],
      ['number', '40000000', '40000000'],
      ['number', '50000000', '50000000'],
      ['number', '60000000', '60000000'],
    ]);
    const about = await parseXlsx(new Uint8Array(await readFile(out)), { sheet: '关于' });
    expect(about.ok && about.value.records.some((r) => r.cells[1]?.text === 'tech-upgrade.csv')).toBe(true);
    const compared = await bagui(['compare', ...base, '--set', 'tech_upgrade.project_cap=800万', '--format', 'xlsx']);
    expect(compared.code).toBe(2);
    expect(compared.stderr).toContain('[OPTION.XLSX_NEEDS_OUT]');
  });
});

describe('bagui run and generate as files', () => {
  it('run --format csv (one row per entry and recipient) and --format xlsx (a sheet per entry); generate --out has a BOM', async () => {
    const csv = await bagui(['run', 'guangxi-2021', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('entry,programme,id,entitlement,award');
    expect(lines).toHaveLength(1 + 1825);
    const out = join(dir, 'run.xlsx');
    const xlsx = await bagui(['run', 'guangxi-2021', '--format', 'xlsx', '--out', out]);
    expect(xlsx.stderr).toBe(`wrote ${out}: 1825 applicants, 1739 paid, awarded 24.73亿元 of 24.73亿元\n`);
    const sheet = await parseXlsx(new Uint8Array(await readFile(out)), { sheet: 'guidance_fund' });
    expect(sheet.ok && sheet.value.header).toEqual(['项目编号', '应得额', '资助额']);
    const generated = join(dir, 'generated.csv');
    await bagui(['generate', 'talent', '--count', '3', '--out', generated]);
    const text = await readFile(generated, 'utf8');
    expect(text.startsWith('\uFEFFid,programme,head_count')).toBe(true);
    expect(text.slice(1)).toBe((await bagui(['generate', 'talent', '--count', '3'])).stdout);
  });
});

describe('--out never writes over an input', () => {
  it('refuses the input file itself, by another path or through a link, and leaves it untouched (exit 2)', async () => {
    const input = join(dir, 'firms.csv');
    await copyFile(SAMPLE, input);
    const link = join(dir, 'link.csv');
    await symlink(input, link);
    const bytes = await readFile(input);
    for (const [flag, out] of [
      ['--out', input],
      ['--out', join(dir, '.', 'sub', '..', 'firms.csv')],
      ['--out', link],
      ['--report', input],
      ['--meta', input],
    ] as const) {
      const ran = await evaluate('--applicants', input, '--format', 'csv', flag, out);
      expect(ran.code).toBe(2);
      expect(ran.stderr.split('\n')[0]).toBe(
        `error: ${flag} ${out} is the input file ${input}: writing there would replace the input; nothing was written`,
      );
      expect(await readFile(input)).toEqual(bytes);
    }
  });
});

describe('invalid rows', () => {
  const BAD = [
    'id,scale,revenue,rd_expense,rd_expense_prev,备注',
    'A,above,1亿,500万,300万,',
    'B,huge,1亿,500万,300万,规模写错',
    'C,below,1000万,50万,5e6,',
    'D,below,1000万,50万,30万,',
    '',
  ].join('\n');

  it('--exclude-invalid runs on the valid rows and lists every row left out, in the JSON and on stderr', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(file, BAD);
    const refused = await evaluate('--applicants', file);
    expect(refused.code).toBe(2);
    const ran = await evaluate('--applicants', file, '--exclude-invalid', '--totals-only');
    expect(ran.code).toBe(0);
    const json = JSON.parse(ran.stdout) as {
      excludedRows: number;
      excluded: { line: number; problems: { code: string }[] }[];
      totals: Totals;
    };
    expect(json.excludedRows).toBe(2);
    expect(json.excluded.map((row) => [row.line, row.problems.map((p) => p.code)])).toEqual([
      [3, ['ENTERPRISE.SCALE_INVALID']],
      [4, ['AMOUNT.EXPONENT']],
    ]);
    expect(json.totals.enterprises).toBe(2);
    expect(ran.stderr.split('\n').slice(1, 4)).toEqual([
      'warning: 2 invalid rows were left out (--exclude-invalid):',
      '  line 3: scale (规模) must be above or below (规上 or 规下 in Chinese) [ENTERPRISE.SCALE_INVALID]',
      expect.stringMatching(/^ {2}line 4: rd_expense_prev \(上年研发费用\): exponent notation is not accepted; .* \[AMOUNT\.EXPONENT\]$/u),
    ]);
    const table = await evaluate('--applicants', file, '--exclude-invalid', '--format', 'table', '--lang', 'en');
    expect(table.stdout).toContain('rows left out (2)\n  line 3: scale (规模) must be above or below');
  });

  it('--report writes the input back with a problems column and the bad cells marked', async () => {
    const file = join(dir, 'bad-report.csv');
    const report = join(dir, 'problems.xlsx');
    await writeFile(file, BAD);
    const ran = await evaluate('--applicants', file, '--report', report);
    expect(ran.code).toBe(2);
    expect(ran.stderr.split('\n')[0]).toBe(`wrote ${report}: the input with its 2 problems marked, to fix and read again`);
    const sheet = await parseXlsx(new Uint8Array(await readFile(report)));
    expect(sheet.ok).toBe(true);
    if (!sheet.ok) return;
    expect(sheet.value.header).toEqual(['id', 'scale', 'revenue', 'rd_expense', 'rd_expense_prev', '备注', '问题']);
    const problems = sheet.value.records.map((r) => r.cells.at(-1)?.text ?? '');
    expect(problems[0]).toBe('');
    expect(problems[1]).toMatch(/^第 3 行: \[scale\] scale \(规模\) must be above or below/u);
    expect(problems[2]).toMatch(/^第 4 行: \[rd_expense_prev\] /u);
  });
});

describe('how a result was made', () => {
  it('--meta writes a JSON sidecar; --summary prints it on stderr; JSON stays the same bytes', async () => {
    const meta = join(dir, 'run.meta.json');
    const first = await evaluate('--applicants', SAMPLE, '--meta', meta, '--summary');
    const second = await evaluate('--applicants', SAMPLE);
    expect(first.stdout).toBe(second.stdout);
    const sha = createHash('sha256')
      .update(await readFile(SAMPLE))
      .digest('hex');
    expect(first.stderr).toMatch(
      new RegExp(
        `^made by bagui \\d+\\.\\d+\\.\\d+ at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z: rd_incentive parameters \\w+ in force on 2024-06-30; input enterprises\\.csv \\(utf-8, 13 rows\\) sha256 ${sha}\\n`,
        'u',
      ),
    );
    const record = JSON.parse(await readFile(meta, 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({
      command: 'bagui evaluate rd_incentive',
      programme: 'rd_incentive',
      date: '2024-06-30',
      dateDefaulted: false,
      input: { name: 'enterprises.csv', sha256: sha, format: 'utf-8', rows: 13, excluded: 0 },
    });
    const today = await bagui(['evaluate', 'rd_incentive', '--applicants', SAMPLE, '--budget', '1亿', '--summary']);
    expect(today.stderr).toContain('(today: no --date was given)');
  });

  it('compare and sweep write --meta too, and refuse --out onto their input', async () => {
    const input = join(dir, 'projects.csv');
    await copyFile(join(REPO_ROOT, 'apps/cli/examples/tech-upgrade.csv'), input);
    const base = ['tech_upgrade', '--applicants', input, '--budget', '5000万', '--date', '2024-06-30'];
    for (const [command, ...rest] of [
      ['compare', '--methods', 'pro_rata,ranked'],
      ['sweep', '--path', 'budget', '--value', '3000万'],
    ] as const) {
      const meta = join(dir, `${command}.meta.json`);
      const ran = await bagui([command, ...base, ...rest, '--format', 'json', '--meta', meta]);
      expect(ran.code).toBe(0);
      expect(JSON.parse(await readFile(meta, 'utf8'))).toMatchObject({
        command: `bagui ${command} tech_upgrade`,
        input: { name: 'projects.csv', rows: 12 },
      });
      const over = await bagui([command, ...base, ...rest, '--format', 'csv', '--out', input]);
      expect(over.code).toBe(2);
      expect(over.stderr).toContain('writing there would replace the input; nothing was written');
    }
  });

  it('warns of a date after the last known parameters', async () => {
    const ran = await bagui([
      'evaluate',
      'rd_incentive',
      '--applicants',
      SAMPLE,
      '--budget',
      '1亿',
      '--date',
      '2031-01-01',
      '--totals-only',
    ]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(
      "warning: 2031-01-01 is after 2026-12-31, the last date on which rd_incentive's parameters are known to change",
    );
  });
});

describe('every programme', () => {
  it.each(['guidance_fund', 'tech_upgrade', 'rd_incentive', 'nev_support', 'hitech_zones', 'talent', 'digital_subsidy'])(
    '%s: generate → evaluate --applicants (json, table), compare and sweep',
    async (programme) => {
      const file = join(dir, `${programme}.csv`);
      expect((await bagui(['generate', programme, '--count', '30', '--seed', '7', '--out', file])).code).toBe(0);
      /** The programme, its applicants, a budget of 10 million yuan and the date: what every command here is given. */
      const common = [programme, '--applicants', file, '--budget', '1000万', '--date', '2024-06-30'];
      const json = await bagui(['evaluate', ...common, '--totals-only']);
      expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: '' });
      const totals = totalsOf(json.stdout);
      const count = totals.enterprises ?? totals.recipients;
      expect(count).toBe(30);
      const table = await bagui(['evaluate', ...common, '--format', 'table']);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('（万元）');
      const compared = await bagui(['compare', ...common, '--methods', 'pro_rata,ranked', '--format', 'json']);
      expect(compared.code === 0 || compared.stderr.includes('METHOD')).toBe(true);
      const swept = await bagui(['sweep', ...common, '--path', 'budget', '--value', '500万', '--value', '1000万', '--format', 'json']);
      expect(swept.code).toBe(0);
      const points = (JSON.parse(swept.stdout) as { points: { totals: Totals }[] }).points;
      expect(points[1]?.totals.awarded).toBe(totals.awarded);
    },
  );
});
