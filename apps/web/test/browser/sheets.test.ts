// @vitest-environment node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatJson } from '@bagui/core/money';
import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support';
import { expectAccessible, plannerSession, screenshot, settled as settledOn } from './harness';

/**
 * Spreadsheets in the planner, in Debian's Chromium against the real API process: a GBK CSV and
 * XLSX workbooks imported on the applicants screen (through @bagui/sheets), a workbook's problems
 * shown at their cells, and the results exported as an XLSX workbook read back with exceljs.
 */

const FIXTURES = `${ROOT}packages/sheets/src/fixtures/`;
const session = plannerSession('sheets');

/** The page's results, none being recomputed. */
const settled = (): Promise<void> => settledOn(session.page);

const chooser = () => session.page.getByLabel('导入申报文件：选择文件');

describe('spreadsheets in the planner', () => {
  it('imports a CSV saved in GBK by Chinese Excel, detected, with its Chinese headers', async () => {
    await session.page.goto(`${session.server.url}/applicants/rd_incentive`);
    await chooser().setInputFiles(`${FIXTURES}gbk.csv`);
    const loaded = session.page.getByRole('status').filter({ hasText: '已载入 gbk.csv：2 条' });
    await expect.poll(() => loaded.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await loaded.textContent()).toContain('GB18030 编码');
    await settled();
    await expect.poll(() => session.page.getByText('显示 2 / 2 条').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await session.page.getByRole('button', { name: '查看 GX-0001 的计算说明' }).count()).toBe(1);
  });

  it('imports a workbook of two sheets: the first is read, another can be chosen', async () => {
    await chooser().setInputFiles(`${FIXTURES}two-sheets.xlsx`);
    const sheet = session.page.getByRole('combobox', { name: '工作表' });
    await expect.poll(() => sheet.isVisible(), { timeout: 30_000 }).toBe(true);
    const options = await sheet.getByRole('option').allTextContents();
    expect(options).toContain('申报表');
    await sheet.selectOption('申报表');
    const loaded = session.page.getByRole('status').filter({ hasText: '已载入 two-sheets.xlsx：' });
    await expect.poll(() => loaded.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await loaded.textContent()).toContain('工作表 申报表');
    await settled();
  });

  it('shows a workbook’s problems in place, each at its sheet and cell', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('申报表');
    sheet.addRow(['企业编号', '规模', '主营业务收入', '研发费用', '上年研发费用']);
    sheet.addRow(['E1', '规上', 10_000_000, 500_000, 400_000]);
    sheet.addRow(['E2', '中型', 10_000_000, -5, 400_000]);
    await chooser().setInputFiles({
      name: 'broken.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await book.xlsx.writeBuffer()),
    });
    const report = session.page.getByRole('alert').filter({ has: session.page.getByRole('heading', { name: /文件有 \d+ 个问题/u }) });
    await expect.poll(() => report.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await report.getByRole('columnheader').first().textContent()).toBe('单元格');
    const cells = await report.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['申报表!B3', '规模', '中型']);
    expect(await report.getByRole('row').nth(2).getByRole('cell').first().textContent()).toBe('申报表!D3');
    await expectAccessible(session.page, 'a workbook’s report');
    await screenshot(session.page, 'applicants-xlsx-report');
  });

  it('exports every result as an XLSX workbook whose totals are the page’s, to the fen', async () => {
    await session.page.getByRole('navigation').getByRole('link', { name: '情景文件' }).click();
    await settled();
    const awarded = await session.page.getByRole('group', { name: '已分配', exact: true }).first().locator('data').getAttribute('value');
    const [file] = await Promise.all([
      session.page.waitForEvent('download', { timeout: 60_000 }),
      session.page.getByRole('button', { name: '导出全部结果（Excel）' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`${GUANGXI_2021.name}-results.xlsx`);
    await file.saveAs(join(session.downloads, 'results.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(session.downloads, 'results.xlsx')) as unknown as ArrayBuffer);
    const labels = GUANGXI_2021.programmes.map((p) => findProgramme(p.programme)?.label.zh ?? '');
    expect(book.worksheets.map((ws) => ws.name)).toEqual([...labels, '参数与来源', '说明', '关于']);
    let fen = 0;
    for (const label of labels) {
      const sheet = book.getWorksheet(label);
      if (sheet === undefined) throw new Error(`no sheet ${label}`);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const totals = sheet.getRow(sheet.rowCount);
      expect(String(totals.getCell(1).value)).toContain('合计');
      const cell = totals.getCell(header.indexOf('资助额') + 1).value as { result?: number } | number;
      fen += Math.round((typeof cell === 'number' ? cell : (cell.result ?? NaN)) * 100);
    }
    // The rd_incentive sheet holds the two enterprises of the workbook imported above.
    expect(book.getWorksheet(findProgramme('rd_incentive')?.label.zh ?? '')?.rowCount).toBe(2 + 2);
    expect(formatJson(fen)).toBe(awarded);
  });

  it('logged no error in the page', () => {
    expect(session.errors).toEqual([]);
  });
});
