// @vitest-environment node
import { formatJson } from '@bagui/core/money';
import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PlannerEngine } from './engine';

describe('the results workbook', () => {
  it('has a sheet per programme with every recipient and an exact totals row, then 参数与来源, 说明 and 关于', async () => {
    const engine = new PlannerEngine();
    const written = await engine.exportWorkbook(GUANGXI_2021, 'zh', '2026-12-03T12:00:00.000Z');
    if (!written.ok) throw new Error(JSON.stringify(written.problems));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(written.value as unknown as ArrayBuffer);
    const names = book.worksheets.map((ws) => ws.name);
    const labels = GUANGXI_2021.programmes.map((p) => findProgramme(p.programme)?.label.zh ?? '');
    expect(names).toEqual([...labels, '参数与来源', '说明', '关于']);

    const view = engine.evaluate(GUANGXI_2021);
    if (!view.ok) throw new Error('no result');
    GUANGXI_2021.programmes.forEach((entry, k) => {
      const sheet = book.getWorksheet(labels[k] ?? '');
      if (sheet === undefined) throw new Error(`no sheet ${labels[k] ?? ''}`);
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const award = header.indexOf('资助额') + 1;
      const row = view.value.programmes[k];
      if (row === undefined) throw new Error('no programme row');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // Header, one row per recipient, the totals row (※ 合计) whose cached value is the exact sum.
      expect(sheet.rowCount, entry.programme).toBe(row.recipients + 2);
      const totals = sheet.getRow(sheet.rowCount);
      expect(String(totals.getCell(1).value)).toContain('合计');
      const cell = totals.getCell(award).value as { result?: number } | number;
      const total = typeof cell === 'number' ? cell : (cell.result ?? NaN);
      expect(total.toFixed(2), entry.programme).toBe(formatJson(row.awarded));
      expect(sheet.getRow(2).getCell(award).numFmt).toContain('0.00');
    });
    const parameters = book.getWorksheet('参数与来源');
    expect(parameters?.getColumn(8).values.some((v) => v === '⚠ 假设')).toBe(true);
    const explained = book.getWorksheet('说明');
    expect(String(explained?.getRow(2).getCell(5).value)).toMatch(/资格审查|单项上限|评审/u);
  });
});
