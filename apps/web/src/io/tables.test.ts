// @vitest-environment node
import { findProgramme } from '@bagui/core/programmes';
import { parseCsv } from '@bagui/core/tabular';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { PlannerEngine } from '../engine/engine';
import { csvCell, decodeApplicantsFile, tableToCsv } from './tables';

const FIXTURES = new URL('../../../../packages/sheets/src/fixtures/', import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const RD_FIELDS = findProgramme('rd_incentive')?.applicantFields ?? [];

describe('CSV out', () => {
  it('neutralises text a spreadsheet would run, keeping it visible, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('-1234.50')).toBe('-1234.50');
    expect(csvCell('南宁市')).toBe('南宁市');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('starts with a byte-order mark, ends lines with CRLF, and reads back through core', () => {
    const text = tableToCsv([
      ['id', 'name', 'award'],
      ['E1', '广西"八桂"科技, 有限公司', '5000000.00'],
      ['E2', '=1+2', '-3.00'],
    ]);
    expect(text.startsWith('\uFEFFid,name,award\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error('unreadable');
    expect(parsed.value.records.map((r) => r.cells)).toEqual([
      ['E1', '广西"八桂"科技, 有限公司', '5000000.00'],
      ['E2', "'=1+2", '-3.00'],
    ]);
  });
});

describe('files in', () => {
  it('reads UTF-8 with or without a byte-order mark, and GBK (detected), as the same text', async () => {
    const names = await Promise.all(
      ['chinese-headers.csv', 'bom.csv', 'gbk.csv'].map(async (name) => {
        const read = await decodeApplicantsFile(name, fixture(name));
        if (!read.ok) throw new Error(JSON.stringify(read.problems));
        return [read.encoding, read.path, read.text.split(/\r?\n/u)[1]];
      }),
    );
    expect(names).toEqual([
      ['utf-8', 'chinese-headers.csv', 'GX-0001,南宁甲科技有限公司,规上,50000000,500万,300万,是,否,是,南宁,电子信息'],
      ['utf-8', 'bom.csv', 'GX-0001,南宁甲科技有限公司,规上,50000000,500万,300万,是,否,是,南宁,电子信息'],
      ['gb18030', 'gbk.csv', 'GX-0001,南宁甲科技有限公司,规上,50000000,500万,300万,是,否,是,南宁,电子信息'],
    ]);
    const read = await decodeApplicantsFile('gbk.csv', fixture('gbk.csv'));
    if (!read.ok) throw new Error('unreadable');
    expect(new PlannerEngine().loadApplicants('rd_incentive', read.path, read.text)).toEqual({
      ok: true,
      value: { path: 'gbk.csv', programme: 'rd_incentive', count: 2 },
    });
  });

  it('reads an XLSX sheet (the first, or one by name) as CSV text kept under a .csv name, and says which sheets there are', async () => {
    const first = await decodeApplicantsFile('two-sheets.xlsx', fixture('two-sheets.xlsx'), { fields: RD_FIELDS });
    const chosen = await decodeApplicantsFile('two-sheets.xlsx', fixture('two-sheets.xlsx'), { sheet: '申报表', fields: RD_FIELDS });
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.problems));
    expect(chosen.sheets).toEqual(first.sheets);
    expect(chosen.sheets).toContain('申报表');
    expect(chosen.sheet).toBe('申报表');
    expect(chosen.path).toBe('two-sheets.csv');
    expect(new PlannerEngine().loadApplicants('rd_incentive', chosen.path, chosen.text).ok).toBe(true);
    const template = await decodeApplicantsFile('filled.xlsx', fixture('filled-template.xlsx'), { fields: RD_FIELDS });
    if (!template.ok) throw new Error(JSON.stringify(template.problems));
    expect(new PlannerEngine().loadApplicants('rd_incentive', template.path, template.text)).toMatchObject({
      ok: true,
      value: { count: 2 },
    });
  });

  it('places a problem the programme finds in a workbook at its sheet and cell', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('申报表');
    sheet.addRow(['id', 'scale', 'revenue', 'rd_expense', 'rd_expense_prev']);
    sheet.addRow(['E1', 'above', 10_000_000, 500_000, 400_000]);
    sheet.addRow([]);
    sheet.addRow(['E2', 'sideways', 10_000_000, -5, 400_000]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const blank = await decodeApplicantsFile('firms.xlsx', bytes);
    expect(blank.ok ? [] : blank.problems.map((p) => [p.code, (p.location as { cell?: string } | undefined)?.cell])).toEqual([
      ['XLSX.BLANK_ROW', expect.stringMatching(/^申报表!A3/u)],
    ]);
    sheet.spliceRows(3, 1);
    const read = await decodeApplicantsFile('firms.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const loaded = new PlannerEngine().loadApplicants('rd_incentive', read.path, read.text);
    if (loaded.ok) throw new Error('a broken row was read');
    expect(
      loaded.problems.map(read.locate).map((p) => [p.location?.line, (p.location as { cell?: string }).cell, p.location?.value]),
    ).toEqual([
      [3, '申报表!B3', 'sideways'],
      [3, '申报表!D3', '-5'],
    ]);
  });

  it('refuses a file that is not a workbook, and a legacy .xls, saying what to do instead', async () => {
    const renamed = await decodeApplicantsFile('firms.xlsx', fixture('renamed-csv.xlsx'));
    expect(renamed.ok ? '' : renamed.problems[0]?.code).toBe('XLSX.NOT_XLSX');
    const legacy = await decodeApplicantsFile('firms.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(legacy.ok ? '' : legacy.problems[0]?.code).toBe('XLSX.LEGACY_OR_ENCRYPTED');
  });
});
