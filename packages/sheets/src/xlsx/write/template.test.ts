import { unwrap } from '@bagui/core/errors';
import { findProgramme, rdIncentiveProgramme } from '@bagui/core/programmes';
import { parseEnterprisesCsv } from '@bagui/core/programmes/rd-incentive';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseXlsx } from '../index.js';
import { buildTemplate } from './template.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const rd = { programme: rdIncentiveProgramme, fields: rdIncentiveProgramme.applicantFields };

describe('buildTemplate', () => {
  it('has the Chinese headers, the English names, a notes row marked ※, and drop-downs for scale and booleans', async () => {
    const workbook = await load(await buildTemplate(rd));
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe(rdIncentiveProgramme.label.zh);
    const row = (n: number): unknown[] => (sheet?.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual([
      '企业编号',
      '企业名称',
      '规模',
      '主营业务收入',
      '研发费用',
      '上年研发费用',
      '高新技术企业',
      '瞪羚企业',
      '享受加计扣除',
      '所属城市',
      '行业',
      '统一社会信用代码',
      '高新技术企业证书日期',
      '瞪羚企业有效期至',
    ]);
    expect(row(2)).toEqual([
      'id',
      'name',
      'scale',
      'revenue',
      'rd_expense',
      'rd_expense_prev',
      'high_tech',
      'gazelle',
      'super_deduction',
      'city',
      'industry',
      'credit_code',
      'high_tech_date',
      'gazelle_valid_until',
    ]);
    expect(row(3)[0]).toBe('※ 必填 required；编号，1–64 个字符，不可重复 / id of 1–64 characters, unique');
    expect(row(3)[6]).toBe('※ 选填 optional, 默认 default false；是/否 (√/×, Y/N, 1/0) / yes or no');
    expect(row(3).every((note) => String(note).startsWith('※'))).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet?.getCell('C4').dataValidation).toMatchObject({ type: 'list', formulae: ['"规上,规下"'], errorStyle: 'warning' });
    expect(sheet?.getCell('C1003').dataValidation).toMatchObject({ type: 'list' });
    expect(sheet?.getCell('G500').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(sheet?.getCell('D4').dataValidation).toBeUndefined();
  });

  it('imports filled in as it is: both header rows and the notes row skipped, drop-down values accepted by core', async () => {
    const workbook = await load(await buildTemplate(rd));
    const sheet = workbook.worksheets[0];
    if (sheet === undefined) throw new Error('no sheet');
    sheet.getRow(4).values = ['E1', '南宁甲', '规上', 50_000_000, '500万', 3_000_000, '是', '否', '是', '南宁', '制造'];
    sheet.getRow(5).values = ['E2', '柳州乙', '规下', '１，２００．５０', 1000, 0, null, null, null];
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = unwrap(await parseXlsx(bytes, { fields: rd.fields }));
    expect(table.header[0]).toBe('企业编号');
    expect(table.records.map((r) => r.row)).toEqual([4, 5]);
    const csv = [table.header, ...table.records.map((r) => r.cells.map((c) => c.text))]
      .map((cells) => cells.map((c) => `"${c}"`).join(','))
      .join('\n');
    const enterprises = unwrap(parseEnterprisesCsv(csv));
    expect(enterprises.ids).toEqual(['E1', 'E2']);
    expect([...enterprises.rdExpense]).toEqual([500_000_000, 100_000]);
    expect([...enterprises.revenue]).toEqual([5_000_000_000, 120_050]);
    expect([...enterprises.highTech]).toEqual([1, 0]);
  });

  it('builds a template for every programme, with drop-downs for its choices', async () => {
    const zones = findProgramme('hitech_zones');
    expect(zones).toBeDefined();
    if (zones === undefined) return;
    const sheet = (await load(await buildTemplate({ programme: zones, fields: zones.applicantFields }))).worksheets[0];
    const choice = zones.applicantFields.findIndex((f) => f.kind === 'choice');
    expect(choice).toBeGreaterThanOrEqual(0);
    const letter = String.fromCharCode(65 + choice);
    const zh = (zones.applicantFields[choice]?.choices ?? []).map((c) => c.zh).join(',');
    expect(sheet?.getCell(`${letter}4`).dataValidation).toMatchObject({ type: 'list', formulae: [`"${zh}"`] });
  });
});
