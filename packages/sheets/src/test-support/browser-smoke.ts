/** Bundled for the browser by browser.test.ts: what the planner imports from @bagui/sheets/csv and /xlsx. */
import { decodeCsv } from '../csv/index.js';
import { parseXlsx, resultWorkbook, buildTemplate } from '../xlsx/index.js';
export async function smoke(): Promise<string> {
  const book = resultWorkbook('zh');
  book.addTable({
    sheet: 's',
    columns: [
      { header: 'id', kind: 'text' },
      { header: '金额', kind: 'amount', total: true },
    ],
    rows: [['=2+3', 123456]],
    totalsLabel: '合计',
  });
  const bytes = (await book.finish()) ?? new Uint8Array(0);
  const table = await parseXlsx(bytes);
  const t = await buildTemplate({
    programme: { key: 'x', label: { zh: '测试', en: 'test' } },
    fields: [{ name: 'id', zh: '编号', kind: 'id', required: true }],
  });
  const csv = decodeCsv(new Uint8Array([0xd6, 0xd0, 0x0a]));
  return JSON.stringify({ table, template: t.length > 0, csv });
}
