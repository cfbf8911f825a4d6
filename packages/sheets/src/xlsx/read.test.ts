import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readXlsxStream } from '../node/index.js';
import { readAll, workbookBytes, type Reader } from '../test-support/workbooks.js';
import { readXlsx } from './index.js';

const readers: [string, Reader][] = [
  ['readXlsx (in memory)', readXlsx],
  [
    'readXlsxStream (Node stream)',
    (bytes, visitor, options) => readXlsxStream(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), visitor, options),
  ],
];

const HEADER = ['id', 'name', 'revenue'];

describe.each(readers)('%s', (_name, reader) => {
  it('gives the header and each record with its row number, cells as Excel shows them', async () => {
    const bytes = await workbookBytes({
      Sheet1: [
        HEADER,
        ['E1', { richText: [{ text: 'Ac' }, { text: 'me', font: { bold: true } }] }, 1234.5],
        ['E2', 'x', { formula: 'C2*2', result: 2469 }],
        [1001, true, 0.1 + 0.2],
        ['E4', { text: 'link', hyperlink: 'https://example.org' }, 12345678901.23],
      ],
    });
    const seen = await readAll(reader, bytes);
    expect(seen.events).toEqual([
      'header id|name|revenue',
      '2: E1|Acme|1234.5',
      '  kinds text|text|number',
      '3: E2|x|2469',
      '  kinds text|text|number',
      '4: 1001|true|0.3',
      '  kinds number|boolean|number',
      '5: E4|link|12345678901.23',
      '  kinds text|text|number',
    ]);
    expect(seen.summary).toEqual({ sheet: 'Sheet1', sheets: ['Sheet1'], skippedRows: [], records: 4 });
  });

  it("reads Chinese text whole across the reader's chunks (shared and inline strings)", async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => [`企业${i}`, `南宁市高新技术产业开发区${'研'.repeat(i % 7)}`, i]);
    const bytes = await workbookBytes({ S: [HEADER, ...rows] });
    const seen = await readAll(reader, bytes);
    expect(seen.problems).toEqual([]);
    const records = seen.events.filter((e) => /^\d/u.test(e));
    expect(records).toHaveLength(4000);
    expect(records.filter((e) => e.includes('\uFFFD'))).toEqual([]);
    expect(records[3999]).toBe(`4001: 企业3999|南宁市高新技术产业开发区${'研'.repeat(3999 % 7)}|3999`);
  });

  it('keeps more than two decimals for core to refuse, and delivers a date as a date', async () => {
    const bytes = await workbookBytes({ S: [HEADER, ['E1', 'a', 1234.565], ['E2', 'b', new Date(Date.UTC(2021, 5, 30))]] });
    const seen = await readAll(reader, bytes);
    expect(seen.events).toEqual([
      'header id|name|revenue',
      '2: E1|a|1234.565',
      '  kinds text|text|number',
      '3: E2|b|2021-06-30',
      '  kinds text|text|date',
    ]);
  });

  it('reads the first sheet, or the one named, and lists the sheets when the name is wrong', async () => {
    const bytes = await workbookBytes({ 申报表: [HEADER, ['E1', 'a', 1]], Other: [HEADER, ['X9', 'b', 2]] });
    expect((await readAll(reader, bytes)).events).toEqual(['header id|name|revenue', '2: E1|a|1', '  kinds text|text|number']);
    expect((await readAll(reader, bytes, { sheet: 'Other' })).events).toEqual([
      'header id|name|revenue',
      '2: X9|b|2',
      '  kinds text|text|number',
    ]);
    const wrong = await readAll(reader, bytes, { sheet: 'Sheet1' });
    expect(wrong.problems).toEqual([
      {
        code: 'XLSX.NO_SUCH_SHEET',
        message: 'there is no sheet named "Sheet1": the workbook\'s sheets are "申报表", "Other"',
        location: { value: 'Sheet1' },
      },
    ]);
    expect(wrong.summary).toBeUndefined();
  });

  it('reports a blank row inside the table once per run, and ignores blank rows after it', async () => {
    const bytes = await workbookBytes({ S: [HEADER, ['E1', 'a', 1], [], ['', '  '], ['E2', 'b', 2], ['E3', 'c', 3], [], [' ']] });
    const seen = await readAll(reader, bytes);
    expect(seen.events).toEqual([
      'header id|name|revenue',
      '2: E1|a|1',
      '  kinds text|text|number',
      'problem 3 XLSX.BLANK_ROW',
      '5: E2|b|2',
      '  kinds text|text|number',
      '6: E3|c|3',
      '  kinds text|text|number',
    ]);
    expect(seen.problems[0]).toEqual({
      code: 'XLSX.BLANK_ROW',
      message: 'rows 3–4 are blank inside the table: delete them (blank rows are allowed only after the last row of the table)',
      location: { line: 3, sheet: 'S', cell: 'S!A3' },
    });
  });

  it('refuses a sheet whose first row is blank, or an empty sheet', async () => {
    const late = await readAll(reader, await workbookBytes({ S: [[], HEADER, ['E1', 'a', 1]] }));
    expect(late.problems).toEqual([
      {
        code: 'XLSX.NO_HEADER',
        message: 'row 1 is blank and the table starts at row 2: row 1 of sheet "S" must be the header naming the columns, one per cell',
        location: { line: 1, sheet: 'S' },
      },
    ]);
    expect(late.events.filter((e) => !e.startsWith('problem'))).toEqual([]);
    const empty = await readAll(reader, await workbookBytes({ S: [] }));
    expect(empty.problems.map((p) => p.message)).toEqual([
      'the sheet is empty: row 1 of sheet "S" must be the header naming the columns, one per cell',
    ]);
  });

  it('reports merged header cells, and merged cells in the columns read', async () => {
    const bytes = await workbookBytes(
      {
        S: [
          ['企业信息', null, 'revenue', 'city'],
          ['E1', 'a', 1, '南宁'],
          ['E2', 'b', 2, null],
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('S');
        ws?.mergeCells('A1:B1');
        ws?.mergeCells('D2:D3');
      },
    );
    const seen = await readAll(reader, bytes);
    expect(seen.problems).toEqual([
      {
        code: 'XLSX.MERGED_HEADER',
        message:
          'cells A1:B1 of the header are merged: unmerge them and give each column its own header in row 1 (a title above the table belongs in another sheet)',
        location: { line: 1, column: 'A', value: 'A1:B1', sheet: 'S', cell: 'S!A1' },
      },
      {
        code: 'XLSX.MERGED_CELLS',
        message: 'cells D2:D3 are merged, so only S!D2 holds a value and the others read as empty: unmerge them and fill in every cell',
        location: { line: 2, column: 'city', value: 'D2:D3', sheet: 'S', cell: 'S!D2' },
      },
    ]);
    // The merged cells of the header read as they are in the file: the first holds the text.
    expect(seen.events[0]).toBe('header 企业信息||revenue|city');
  });

  it('ignores a merge in a column the caller does not read', async () => {
    const bytes = await workbookBytes(
      {
        S: [
          ['id', '备注'],
          ['E1', 'x'],
          ['E2', null],
        ],
      },
      (wb) => wb.getWorksheet('S')?.mergeCells('B2:B3'),
    );
    const problems: string[] = [];
    await reader(bytes, { header: () => [0], record: () => undefined, problem: (p) => problems.push(p.code) });
    expect(problems).toEqual([]);
  });

  it('reports an error cell and a formula without a cached value, at their cells, and withholds the row', async () => {
    const bytes = await workbookBytes({
      'R&D 2021': [HEADER, ['E1', 'a', { error: '#DIV/0!' }], ['E2', 'b', { formula: 'C2*3' }], ['E3', 'c', 3]],
    });
    const seen = await readAll(reader, bytes);
    expect(seen.problems).toEqual([
      {
        code: 'XLSX.ERROR_CELL',
        message: "cell 'R&D 2021'!C2 shows the error #DIV/0!: correct its formula, or type the value in the cell",
        location: { line: 2, column: 'revenue', value: '#DIV/0!', sheet: 'R&D 2021', cell: "'R&D 2021'!C2" },
      },
      {
        code: 'XLSX.NO_CACHED_VALUE',
        message:
          "cell 'R&D 2021'!C3 holds the formula =C2*3 but no value calculated by Excel (the file was written by a program that does not calculate): " +
          'open it in Excel or WPS and save it, or type the value in the cell',
        location: { line: 3, column: 'revenue', value: '=C2*3', sheet: 'R&D 2021', cell: "'R&D 2021'!C3" },
      },
    ]);
    expect(seen.events.filter((e) => /^\d/u.test(e))).toEqual(['4: E3|c|3']);
  });

  it('does not report a faulty cell in a column the caller does not read', async () => {
    const bytes = await workbookBytes({
      S: [
        ['id', '备注'],
        ['E1', { error: '#N/A' }],
      ],
    });
    const records: string[][] = [];
    const problems: string[] = [];
    await reader(bytes, { header: () => [0], record: (cells) => records.push([...cells]), problem: (p) => problems.push(p.code) });
    expect(problems).toEqual([]);
    expect(records).toEqual([['E1', '#N/A']]);
  });

  it('reports a value in a column with no header', async () => {
    const seen = await readAll(
      reader,
      await workbookBytes({
        S: [
          ['id', 'name'],
          ['E1', 'a', null, 'stray'],
        ],
      }),
    );
    expect(seen.problems).toEqual([
      {
        code: 'XLSX.OUTSIDE_TABLE',
        message: 'cell S!D2 has a value but its column D has no header in row 1: give the column a header, or clear the cell',
        location: { line: 2, column: 'D', value: 'stray', sheet: 'S', cell: 'S!D2' },
      },
    ]);
  });

  it('skips a template’s English header row and notes row (marked ※)', async () => {
    const rows = [
      ['企业编号', '企业名称', '研发费用（元）'],
      ['id', 'name', 'rd_expense'],
      ['※ 必填 required', '※ 选填 optional', '※ 元 yuan'],
      ['E1', 'a', 5],
    ];
    const seen = await readAll(reader, await workbookBytes({ S: rows }));
    expect(seen.events).toEqual(['header 企业编号|企业名称|研发费用（元）', '4: E1|a|5', '  kinds text|text|number']);
    expect(seen.summary?.skippedRows).toEqual([2, 3]);
    // Without the notes row, the English row is recognised by the programme's fields.
    const fields = [
      { name: 'id', zh: '企业编号' },
      { name: 'name', zh: '企业名称' },
      { name: 'rd_expense', zh: '研发费用' },
    ];
    const noNotes = await readAll(reader, await workbookBytes({ S: [rows[0] ?? [], rows[1] ?? [], rows[3] ?? []] }), { fields });
    expect(noNotes.events).toEqual(['header 企业编号|企业名称|研发费用（元）', '3: E1|a|5', '  kinds text|text|number']);
    // …and without the fields it is a record, for the caller's validation to refuse.
    const plain = await readAll(reader, await workbookBytes({ S: [rows[0] ?? [], rows[1] ?? [], rows[3] ?? []] }));
    expect(plain.events.slice(0, 2)).toEqual(['header 企业编号|企业名称|研发费用（元）', '2: id|name|rd_expense']);
  });
});

describe('files that are not XLSX workbooks', () => {
  const cases: [string, Uint8Array, string][] = [
    ['a CSV file renamed', new TextEncoder().encode('id,name\nE1,a\n'), 'XLSX.NOT_XLSX'],
    ['an .xls (OLE2) file', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'XLSX.LEGACY_OR_ENCRYPTED'],
    ['an empty file', new Uint8Array(0), 'XLSX.EMPTY_FILE'],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'XLSX.NOT_XLSX'],
  ];
  it.each(readers)('%s refuses them with a problem', async (_name, reader) => {
    for (const [, bytes, code] of cases) {
      const seen = await readAll(reader, bytes);
      expect(seen.problems.map((p) => p.code)).toEqual([code]);
      expect(seen.summary).toBeUndefined();
    }
  });

  it.each(readers)('%s refuses a truncated or corrupted workbook without crashing', async (_name, reader) => {
    const good = await workbookBytes({ S: [HEADER, ['E1', 'a', 1]] });
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const corrupted = Uint8Array.from(good);
    for (let i = 200; i < corrupted.length - 200; i += 7) corrupted[i] = (corrupted[i] ?? 0) ^ 0x5a;
    for (const bytes of [truncated, corrupted]) {
      const seen = await readAll(reader, bytes);
      expect(seen.problems.length).toBeGreaterThan(0);
      expect(seen.problems.map((p) => p.code)).toContain('XLSX.DAMAGED');
    }
  });

  it('names the legacy format and what to do', async () => {
    const seen = await readAll(readXlsx, Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(seen.problems[0]?.message).toBe(
      'the file is an Excel 97–2003 workbook (.xls) or a workbook saved with a password: open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)" without a password',
    );
  });
});
