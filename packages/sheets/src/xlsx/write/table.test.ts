import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@bagui/core/errors';
import { fen, formatJson, parseAmount } from '@bagui/core/money';
import { checkGenerateRequest, generateCsv } from '@bagui/core/generate';
import { findProgramme, programmeRegistry, rdIncentiveProgramme } from '@bagui/core/programmes';
import {
  evaluateRdIncentive,
  generateEnterpriseRows,
  GENERATED_HEADER,
  parseEnterprisesCsv,
  resolveRdRule,
} from '@bagui/core/programmes/rd-incentive';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxStream, streamingResultWorkbook } from '../../node/index.js';
import {
  applicantAccessor,
  enterpriseRecord,
  inMemoryTarget,
  intensityColumn,
  parseXlsx,
  resultTable,
  resultWorkbook,
  writeTable,
  YUAN_FORMAT,
} from '../index.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

async function tableBytes(rows: (string | number | boolean | undefined)[][]): Promise<Uint8Array> {
  const target = inMemoryTarget();
  unwrap(
    writeTable(target, {
      sheet: '结果',
      columns: [
        { header: 'id', kind: 'text' },
        { header: 'name', kind: 'text' },
        { header: 'award', kind: 'amount', total: true },
        { header: 'flag', kind: 'boolean' },
        { header: 'share', kind: 'percent' },
      ],
      rows,
      totalsLabel: '合计',
    }),
  );
  return (await target.finish()) ?? new Uint8Array(0);
}

describe('writeTable', () => {
  it('writes amounts as yuan numbers in the yuan format, a frozen header, filters and a totals row with its value', async () => {
    const bytes = await tableBytes([
      ['E1', '甲', 123_456, true, 0.0312],
      ['E2', '乙', 1, false, undefined],
      ['E3', '丙', 99_999_999_999_999, undefined, 0.5],
    ]);
    const ws = (await load(bytes)).getWorksheet('结果');
    expect(ws?.getCell('C2').value).toBe(1234.56);
    expect(ws?.getCell('C2').numFmt).toBe(YUAN_FORMAT);
    expect(ws?.getCell('C3').value).toBe(0.01);
    expect(ws?.getCell('C4').value).toBe(999_999_999_999.99);
    expect(ws?.getCell('D2').value).toBe(true);
    expect(ws?.getCell('E2').numFmt).toBe('0.00%');
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.autoFilter).toBe('A1:E4');
    expect(ws?.getCell('A5').value).toBe('※ 合计');
    // 123,456 + 1 + 99,999,999,999,999 fen, summed exactly.
    expect(ws?.getCell('C5').value).toEqual({ formula: 'SUBTOTAL(109,C2:C4)', result: 1_000_000_001_234.56 });
    expect(ws?.getColumn(2).width).toBeGreaterThanOrEqual(8);
  });

  it('writes text that starts like a formula as a string cell, shown as written, never a formula', async () => {
    const bytes = await tableBytes([
      ['=2+3', '+86 771', 1, true, 0],
      ['@SUM(A1)', '-x', 1, true, 0],
      ['\tE', '=HYPERLINK("http://x")', 1, true, 0],
    ]);
    const ws = (await load(bytes)).getWorksheet('结果');
    for (const [ref, text] of [
      ['A2', '=2+3'],
      ['B2', '+86 771'],
      ['A3', '@SUM(A1)'],
      ['B3', '-x'],
      ['A4', '\tE'],
      ['B4', '=HYPERLINK("http://x")'],
    ] as const) {
      const cell = ws?.getCell(ref);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.value).toBe(text);
      expect(cell?.formula).toBeUndefined();
    }
    const table = unwrap(await parseXlsx(bytes));
    expect(table.records.map((r) => r.cells[0]?.text)).toEqual(['=2+3', '@SUM(A1)', '\tE']);
  });

  it('refuses a table too large for a sheet before writing it', () => {
    const result = writeTable(inMemoryTarget(), {
      sheet: 's',
      columns: [{ header: 'id', kind: 'text' }],
      rows: [],
      count: 1_048_575,
      totalsLabel: 't',
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'XLSX.TOO_MANY_ROWS',
          message: '1,048,575 rows do not fit in one sheet (Excel holds 1,048,574 under a header and a totals row): write CSV instead',
        },
      ],
    });
  });
});

const rule = unwrap(resolveRdRule('2021-06-30'));
const crafted =
  'E-a,=2+3,above,0.01,123456789012.34,0,√,0,,南宁,制造\n' +
  'E-b,+86 771,below,5000000,0,100.5,false,true,false,"柳州, 广西",@x\n' +
  'E-c,-x,above,1,1,1,1,1,1,,\n';
const csv = `${GENERATED_HEADER}\n${[...generateEnterpriseRows(500)].join('')}${crafted}`;
const enterprises = unwrap(parseEnterprisesCsv(csv.replace('√', 'true')));
const evaluation = evaluateRdIncentive(enterprises, rule, { budget: fen(40_700_000_000), method: 'pro_rata' });
const fields = rdIncentiveProgramme.applicantFields;
const resultSpec = (lang: 'zh' | 'en') =>
  resultTable({
    sheet: '研发奖补',
    fields,
    applicant: (i) => enterpriseRecord(enterprises, i),
    figures: { ids: enterprises.ids, entitlements: evaluation.entitlements, awards: evaluation.allocation.awards },
    extra: [intensityColumn(enterprises, lang)],
    lang,
  });

/** The applicant columns of a sheet read back, as CSV text for core's reader (the result columns dropped). */
function applicantsCsv(
  header: readonly string[],
  records: readonly { readonly cells: readonly { readonly text: string }[] }[],
  known: readonly { readonly name: string; readonly zh: string }[] = fields,
): string {
  const keep = header.map((h, i) => (known.some((f) => f.zh === h || f.name === h) ? i : -1)).filter((i) => i >= 0);
  // Every field quoted, nothing neutralised: the cells go to core as the sheet holds them.
  const line = (cells: readonly string[]): string => `${cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')}\n`;
  return line(keep.map((i) => header[i] ?? '')) + records.map((r) => line(keep.map((i) => r.cells[i]?.text ?? ''))).join('');
}

describe('round trip: a result workbook read back gives the same applicants and figures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagui-sheets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['zh', 'en'] as const)('in memory and streamed alike (%s headers)', async (lang) => {
    const book = resultWorkbook(lang);
    unwrap(book.addTable(resultSpec(lang)));
    const bytes = (await book.finish()) ?? new Uint8Array(0);

    const file = join(dir, `result-${lang}.xlsx`);
    const streamed = streamingResultWorkbook(file, lang);
    unwrap(streamed.addTable(resultSpec(lang)));
    await streamed.finish();

    const table = unwrap(await parseXlsx(bytes));
    const again = unwrap(await parseXlsx(new Uint8Array(readFileSync(file))));
    expect(again).toEqual({ ...table, records: expect.any(Array) as unknown });
    expect(again.records.map((r) => r.cells)).toEqual(table.records.map((r) => r.cells));

    // The totals row is marked and skipped; every applicant comes back exactly.
    expect(table.records).toHaveLength(enterprises.count);
    const back = unwrap(parseEnterprisesCsv(applicantsCsv(table.header, table.records)));
    expect(back).toEqual(enterprises);
    const entitlement = table.header.indexOf(lang === 'zh' ? '应得额' : 'entitlement');
    const award = table.header.indexOf(lang === 'zh' ? '资助额' : 'award');
    table.records.forEach((r, i) => {
      expect(unwrap(parseAmount(r.cells[entitlement]?.text ?? ''))).toBe(evaluation.entitlements[i]);
      expect(unwrap(parseAmount(r.cells[award]?.text ?? ''))).toBe(evaluation.allocation.awards[i]);
    });

    // The streaming reader reads the same.
    const seen: string[][] = [];
    await readXlsxStream(file, { header: () => undefined, record: (cells) => seen.push([...cells]), problem: (p) => seen.push([p.code]) });
    expect(seen).toEqual(table.records.map((r) => r.cells.map((c) => c.text)));
  });
});

describe('round trip of the certificate columns (credit code, certificate dates)', () => {
  it('writes them beside the other inputs, so they read back', async () => {
    const text =
      'id,scale,revenue,rd_expense,rd_expense_prev,high_tech,credit_code,high_tech_date,gazelle_valid_until\n' +
      'C1,above,300000000,12000000,9000000,true,91350100M000100Y43,2019-11-20,2022-06-30\n' +
      'C2,below,1000000,100000,50000,false,,,\n';
    const table = unwrap(parseEnterprisesCsv(text));
    const zero = new Float64Array(table.count);
    const book = resultWorkbook('en');
    unwrap(
      book.addTable(
        resultTable({
          sheet: 'R&D',
          fields,
          applicant: (i) => enterpriseRecord(table, i),
          figures: { ids: table.ids, entitlements: zero, awards: zero },
          lang: 'en',
        }),
      ),
    );
    const read = unwrap(await parseXlsx((await book.finish()) ?? new Uint8Array(0)));
    const cells = read.records.map((r) => r.cells.map((c) => c.text));
    const at = (name: string): number => read.header.indexOf(name);
    expect(cells.map((c) => [c[at('credit_code')], c[at('high_tech_date')], c[at('gazelle_valid_until')]])).toEqual([
      ['91350100M000100Y43', '2019-11-20', '2022-06-30'],
      ['', '', ''],
    ]);
    expect(unwrap(parseEnterprisesCsv(applicantsCsv(read.header, read.records)))).toEqual(table);
  });
});

describe('round trip of another programme (rows of objects: amounts, counts, flags, choices)', () => {
  it.each(['tech_upgrade', 'hitech_zones', 'talent'])('%s', async (key) => {
    const programme = findProgramme(key);
    if (programme === undefined) throw new Error(key);
    const applicants = unwrap(programme.readApplicantsCsv(generateCsv(unwrap(checkGenerateRequest(key, 40, 7)))));
    const parameters = unwrap(programmeRegistry(key).resolve('2021-12-31'));
    const outcome = unwrap(programme.evaluate(applicants, parameters, { budget: fen(10_000_000_000), method: programme.defaultMethod }));
    const book = resultWorkbook('zh');
    unwrap(
      book.addTable(
        resultTable({
          sheet: programme.label.zh,
          fields: programme.applicantFields,
          applicant: applicantAccessor(applicants),
          figures: outcome,
          lang: 'zh',
        }),
      ),
    );
    const table = unwrap(await parseXlsx((await book.finish()) ?? new Uint8Array(0)));
    const back = unwrap(programme.readApplicantsCsv(applicantsCsv(table.header, table.records, programme.applicantFields)));
    expect(back).toEqual(applicants);
  });
});

describe('ResultWorkbook', () => {
  it('writes the parameters with ⚠ assumptions marked, the explanations in Chinese or English, and the about sheet', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const book = resultWorkbook(lang);
      unwrap(book.addTable(resultSpec(lang)));
      book.addParameters([{ programme: 'rd_incentive', parameters: rule.parameters.all() }]);
      book.addExplanations(
        [0, 1].map((i) => ({
          id: enterprises.ids[i] ?? '',
          entitlement: evaluation.entitlements[i] ?? 0,
          award: evaluation.allocation.awards[i] ?? 0,
          trace: evaluation.trace(i),
        })),
        { fields, parameters: rdIncentiveProgramme.parameters },
      );
      book.addAbout({
        engineVersion: '0.1.0',
        parametersVersion: rule.parameters.version,
        date: '2021-06-30',
        dateDefaulted: true,
        inputFile: { name: 'enterprises.csv', sha256: 'ab'.repeat(32) },
        ranAt: '2026-12-03T08:00:00Z',
      });
      const workbook = await load((await book.finish()) ?? new Uint8Array(0));
      const names = workbook.worksheets.map((w) => w.name);
      expect(names).toEqual(
        lang === 'zh' ? ['研发奖补', '参数与来源', '说明', '关于'] : ['研发奖补', 'Parameters & sources', 'Explanations', 'About'],
      );
      const parameters = workbook.worksheets[1];
      const rows: string[][] = [];
      parameters?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      const cap = rows.find((r) => r[1] === 'rd_incentive.high_tech.cap');
      expect(cap?.[7]).toBe(lang === 'zh' ? '⚠ 假设' : '⚠ assumption');
      expect(cap?.[2]?.startsWith('⚠ ')).toBe(true);
      const firmCap = rows.find((r) => r[1] === 'rd_incentive.firm_cap');
      expect(firmCap?.[7]).toBe('');
      const explanation = String(workbook.worksheets[2]?.getCell('E2').value);
      expect(explanation).toContain(lang === 'zh' ? '增量奖励' : 'Increment award');
      expect(explanation).toContain(lang === 'zh' ? '⚠ 假设' : '⚠ assumption');
      expect(workbook.worksheets[2]?.getCell('C2').value).toBe(Number(formatJson(fen(evaluation.entitlements[0] ?? 0))));
      const about = workbook.worksheets[3];
      expect(about?.getCell('B4').value).toBe(
        '2021-06-30' + (lang === 'zh' ? '（未指定日期，按运行当天）' : ' (no date given: the day of the run)'),
      );
      expect(about?.getCell('B6').value).toBe('ab'.repeat(32));
    }
  });
});
