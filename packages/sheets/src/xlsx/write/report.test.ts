import type { Problem } from '@bagui/core/errors';
import { parseEnterprisesCsv } from '@bagui/core/programmes/rd-incentive';
import { readCsv } from '@bagui/core/tabular';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseXlsx, type InputRow } from '../index.js';
import { buildProblemsReport } from './report.js';

const CSV =
  'id,name,scale,revenue,rd_expense,rd_expense_prev,high_tech,gazelle,super_deduction,city,industry\n' +
  'E1,=2+3,above,100000000,5000000,3000000,true,,,南宁,制造\n' +
  'E2,乙,medium,100,1234.567,0,maybe,,,柳州,\n' +
  'E3,丙,below,100,10,0,,,,,\n' +
  'E4,丁,below,1,2\n';

function readInput(): { header: string[]; rows: InputRow[]; problems: readonly Problem[] } {
  let header: string[] = [];
  const rows: InputRow[] = [];
  readCsv(CSV, { header: (cells) => (header = [...cells]), record: (cells, line) => rows.push({ line, cells }), problem: () => undefined });
  const result = parseEnterprisesCsv(CSV);
  if (result.ok) throw new Error('expected problems');
  return { header, rows, problems: result.problems };
}

describe('buildProblemsReport', () => {
  it('gives the input back with a problems column, the bad cells filled and noted, and a sheet of every problem', async () => {
    const input = readInput();
    const bytes = await buildProblemsReport({ ...input, lang: 'zh' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const [sheet, all] = workbook.worksheets;
    expect(sheet?.name).toBe('申报数据');
    expect(sheet?.getCell('L1').value).toBe('问题');
    // The good row has no problems; the name that looks like a formula stays text.
    expect(sheet?.getCell('B2').value).toBe('=2+3');
    expect(sheet?.getCell('L2').value).toBeNull();
    // Row 3 (line 3): scale, rd_expense and high_tech are wrong.
    for (const ref of ['C3', 'E3', 'G3']) {
      expect(sheet?.getCell(ref).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFF8CBAD' } });
    }
    expect(sheet?.getCell('D3').fill).toBeUndefined();
    expect(String(sheet?.getCell('C3').note)).toBe('scale (规模) must be above or below (规上 or 规下 in Chinese)');
    const summary = String(sheet?.getCell('L3').value);
    expect(summary.startsWith('第 3 行: [scale] scale (规模) must be above or below')).toBe(true);
    expect(summary.split('\n')).toHaveLength(3);
    // Every problem is listed, the structural one (line 5, too few cells) included.
    const listed: unknown[][] = [];
    all?.eachRow((row, n) => n > 1 && listed.push((row.values as unknown[]).slice(1, 5)));
    expect(listed).toEqual([
      [3, 'scale', 'medium', 'ENTERPRISE.SCALE_INVALID'],
      [3, 'rd_expense', '1234.567', 'AMOUNT.TOO_MANY_DECIMALS'],
      [3, 'high_tech', 'maybe', 'ENTERPRISE.BOOLEAN_INVALID'],
      [5, '', '', 'CSV.FIELD_COUNT'],
    ]);
    expect(input.problems).toHaveLength(4);
  });

  it('notes a problem of the header on its cell, keeping the problems column named', async () => {
    const text = 'id,名称,scale\nE1,a,above\n';
    let header: string[] = [];
    readCsv(text, { header: (cells) => (header = [...cells]), record: () => undefined, problem: () => undefined });
    const problems = [
      { code: 'CSV.UNKNOWN_COLUMN', message: 'unknown column "名称"', location: { line: 1, column: '名称', value: '名称' } },
    ];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await buildProblemsReport({
        header,
        rows: [{ line: 2, cells: ['E1', 'a', 'above'] }],
        problems,
        lang: 'zh',
      })) as unknown as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell('B1').note).toBe('unknown column "名称"');
    expect(sheet?.getCell('D1').value).toBe('问题');
  });

  it('reads back, once fixed, as the applicants (the problems column apart)', async () => {
    const input = readInput();
    const bytes = await buildProblemsReport({ ...input, lang: 'en' });
    const table = await parseXlsx(bytes);
    if (!table.ok) throw new Error(JSON.stringify(table.problems));
    expect(table.value.sheet).toBe('applicants');
    expect(table.value.header.at(-1)).toBe('problems');
    expect(table.value.records.map((r) => r.cells.slice(0, 11).map((c) => c.text))).toEqual(
      input.rows.map((r) => [...r.cells, ...Array<string>(11 - r.cells.length).fill('')]),
    );
  });
});
