import { createReadStream, readFileSync } from 'node:fs';
import { unwrap } from '@bagui/core/errors';
import { rdIncentiveProgramme } from '@bagui/core/programmes';
import { parseEnterprisesCsv } from '@bagui/core/programmes/rd-incentive';
import { describe, expect, it } from 'vitest';
import { decodeCsv, decodeCsvStream } from './csv/index.js';
import { readXlsxStream } from './node/index.js';
import { readAll, type Reader } from './test-support/workbooks.js';
import { readXlsx } from './xlsx/index.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const path = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('CSV fixtures', () => {
  it.each([
    ['gbk.csv', 'gb18030', 'detected'],
    ['bom.csv', 'utf-8', 'bom'],
    ['chinese-headers.csv', 'utf-8', 'detected'],
  ])('%s decodes (%s, %s) to the two enterprises', async (name, encoding, source) => {
    const decoded = unwrap(decodeCsv(fixture(name)));
    expect([decoded.encoding, decoded.source]).toEqual([encoding, source]);
    const streamed = unwrap(await decodeCsvStream(createReadStream(path(name), { highWaterMark: 7 })));
    expect(streamed).toEqual(decoded);
    const table = unwrap(parseEnterprisesCsv(decoded.text));
    expect(table.ids).toEqual(['GX-0001', 'GX-0002']);
    expect(table.names).toEqual(['南宁甲科技有限公司', '柳州乙机械厂']);
    expect([...table.revenue]).toEqual([5_000_000_000, 120_000_050]);
    expect([...table.scale]).toEqual([1, 0]);
  });

  it('units-in-headers.csv and extra-columns.csv decode with their headers as written', () => {
    expect(unwrap(decodeCsv(fixture('units-in-headers.csv'))).text.split('\r\n')[0]).toBe(
      '企业编号,规模,主营业务收入（万元）,研发费用(元),上年研发费用（亿元）',
    );
    const extra = unwrap(decodeCsv(fixture('extra-columns.csv'))).text.split('\r\n');
    expect(extra[0]?.startsWith('序号,企业编号,')).toBe(true);
    expect(extra[0]?.endsWith(',备注,联系人')).toBe(true);
  });
});

const readers: [string, Reader][] = [
  ['readXlsx', readXlsx],
  ['readXlsxStream', (bytes, visitor, options) => readXlsxStream(bytes, visitor, options)],
];

describe.each(readers)('XLSX fixtures through %s', (_name, reader) => {
  it('renamed-csv.xlsx is refused as text', async () => {
    expect((await readAll(reader, fixture('renamed-csv.xlsx'))).problems.map((p) => p.code)).toEqual(['XLSX.NOT_XLSX']);
  });

  it('broken.xlsx is refused as damaged', async () => {
    expect((await readAll(reader, fixture('broken.xlsx'))).problems.map((p) => p.code)).toEqual(['XLSX.DAMAGED']);
  });

  it('two-sheets.xlsx: the first sheet by default, 申报表 by name', async () => {
    const first = await readAll(reader, fixture('two-sheets.xlsx'));
    expect(first.summary).toMatchObject({ sheet: '说明', sheets: ['说明', '申报表'], records: 0 });
    const named = await readAll(reader, fixture('two-sheets.xlsx'), { sheet: '申报表' });
    expect(named.summary).toMatchObject({ sheet: '申报表', records: 2 });
    expect(named.problems).toEqual([]);
  });

  it('merged-header.xlsx reports both merged ranges', async () => {
    const seen = await readAll(reader, fixture('merged-header.xlsx'));
    const merged = seen.problems.filter((p) => p.code === 'XLSX.MERGED_HEADER');
    expect(merged.map((p) => p.location?.value)).toEqual(['A1:B1', 'D1:F1']);
    // The merge leaves E1:F1 without headers, so the row's values there are outside the table.
    expect(seen.problems.filter((p) => p.code === 'XLSX.OUTSIDE_TABLE').map((p) => (p.location as { cell?: string }).cell)).toContain(
      'Sheet1!E2',
    );
  });

  it('empty-rows.xlsx reports the blank row inside the table only', async () => {
    const seen = await readAll(reader, fixture('empty-rows.xlsx'));
    expect(seen.problems.map((p) => [p.code, p.location?.line])).toEqual([['XLSX.BLANK_ROW', 3]]);
    expect(seen.summary?.records).toBe(3);
  });

  it('formula.xlsx reads a formula by its cached value and refuses one without', async () => {
    const seen = await readAll(reader, fixture('formula.xlsx'));
    expect(seen.events.find((e) => e.startsWith('2:'))).toContain('|500000.05|');
    expect(seen.problems.map((p) => [p.code, (p.location as { cell?: string }).cell])).toEqual([['XLSX.NO_CACHED_VALUE', 'Sheet1!E3']]);
  });

  it('date.xlsx delivers the date as a date', async () => {
    const seen = await readAll(reader, fixture('date.xlsx'));
    expect(seen.events.slice(1)).toEqual([
      '2: GX-0001|企业1|规下|10000001|2021-06-30|400000|true|false|true|南宁|制造',
      '  kinds text|text|text|number|date|number|boolean|boolean|boolean|text|text',
    ]);
  });

  it('filled-template.xlsx imports as it is, every spelling accepted by core', async () => {
    const seen = await readAll(reader, fixture('filled-template.xlsx'), { fields: rdIncentiveProgramme.applicantFields });
    expect(seen.problems).toEqual([]);
    expect(seen.summary?.skippedRows).toEqual([2, 3]);
    const lines = seen.events.filter((e) => /^\d/u.test(e));
    expect(lines.map((l) => l.split(':')[0])).toEqual(['4', '5']);
    const rows: string[][] = [];
    let header: readonly string[] = [];
    await reader(fixture('filled-template.xlsx'), {
      header: (cells) => void (header = cells),
      record: (cells) => void rows.push([...cells]),
      problem: () => undefined,
    });
    const csv = [header, ...rows].map((cells) => cells.map((c) => `"${c}"`).join(',')).join('\n');
    const table = unwrap(parseEnterprisesCsv(csv));
    expect(table.ids).toEqual(['GX-0001', 'GX-0002']);
    expect([...table.revenue]).toEqual([5_000_000_000, 120_000_050]);
    expect([...table.rdExpense]).toEqual([500_000_000, 8_000_000]);
    expect([...table.scale]).toEqual([1, 0]);
    expect([...table.highTech, ...table.superDeduction]).toEqual([1, 0, 1, 1]);
  });
});
