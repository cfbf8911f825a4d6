import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/index.js';
import { generateCsv, POPULATIONS } from '../generate/index.js';
import { parseAmountIn } from '../money/index.js';
import { parseCsv, readCsv } from '../tabular/index.js';
import { findProgramme, PROGRAMMES } from './catalogue.js';

/** `1234567.89` in 万 is `123.456789`: the decimal point moved four places, exactly. */
function inWan(yuan: string): string {
  const [int = '', frac = ''] = yuan.split('.');
  const digits = int.padStart(5, '0') + frac;
  const point = digits.length - frac.length - 4;
  const out = `${digits.slice(0, point).replace(/^0+(?=\d)/u, '')}.${digits.slice(point)}`.replace(/\.?0+$/u, '');
  return out === '' ? '0' : out;
}

const quote = (cell: string): string => (/[",\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

describe("every programme's table reader", () => {
  it.each(POPULATIONS.map((p) => [p.key, p] as const))(
    '%s: Chinese headers in reverse order, amounts in 万元, 序号 and 备注 read as the generated file',
    (key, population) => {
      const programme = findProgramme(key);
      if (programme === undefined) throw new Error(`no programme ${key}`);
      const original = generateCsv({ population, count: 40, seed: 7 });
      const table = unwrap(parseCsv(original));
      const fields = table.header.map((name) => programme.applicantFields.find((f) => f.name === name));
      const order = table.header.map((_, i) => i).reverse();
      // An amount column goes to 万元 when every cell is a plain number of yuan.
      const wan = order.map((i) => fields[i]?.kind === 'amount' && table.records.every((r) => /^(\d+(\.\d+)?)?$/u.test(r.cells[i] ?? '')));
      const header = ['序号', ...order.map((i, k) => `${fields[i]?.zh ?? ''}${wan[k] === true ? '（万元）' : ''}`), '备注'];
      const rows = table.records.map((r, n) => [
        String(n + 1),
        ...order.map((i, k) => {
          const cell = r.cells[i] ?? '';
          return wan[k] === true && cell !== '' ? inWan(cell) : cell;
        }),
        '见附件',
      ]);
      const text = [header, ...rows].map((cells) => cells.map(quote).join(',')).join('\r\n');
      const reader = programme.applicantTable();
      readCsv(text, reader);
      const read = unwrap(reader.finish());
      expect(read.value).toEqual(unwrap(programme.readApplicantsCsv(original)));
      expect(read.rows).toBe(40);
      expect(read.warnings.map((w) => w.message)).toEqual(['2 columns not used here were ignored: 序号, 备注']);
      expect(wan.some(Boolean) || !programme.applicantFields.some((f) => f.kind === 'amount')).toBe(true);
    },
  );

  it.each(PROGRAMMES.map((p) => [p.key, p] as const))('%s: a header without rows is refused, as is an empty file', (_key, programme) => {
    const header = programme.applicantFields.map((f) => f.zh).join(',');
    for (const [text, codes] of [
      [`${header}\r\n`, ['TABLE.NO_ROWS']],
      ['', ['CSV.NO_HEADER']],
    ] as const) {
      const reader = programme.applicantTable();
      readCsv(text, reader);
      const read = reader.finish();
      expect(read.ok ? [] : read.problems.map((p) => p.code)).toEqual(codes);
    }
  });
});

describe('units in headers', () => {
  it.each([
    ['3000', 4, 3_000_000_000],
    ['1.5', 8, 15_000_000_000],
    ['0.000001', 4, 1],
    ['１，２００．５０', 0, 120_050],
    [' 3000 ', 4, 3_000_000_000],
  ] as const)('%s in unit 10^%d is %d fen', (text, unit, fen) => {
    expect(unwrap(parseAmountIn(text, unit))).toBe(fen);
  });

  it.each([
    ['0.0000001', 4, 'AMOUNT.TOO_MANY_DECIMALS'],
    ['500万', 4, 'AMOUNT.UNIT_TWICE'],
    ['12元', 0, 'AMOUNT.UNIT_TWICE'],
    ['0.1亿', 8, 'AMOUNT.UNIT_TWICE'],
    ['-3', 4, 'AMOUNT.NEGATIVE'],
    ['abc', 4, 'AMOUNT.INVALID'],
  ] as const)('%s in unit 10^%d is refused (%s), naming the cell as written', (text, unit, code) => {
    const parsed = parseAmountIn(text, unit);
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.code, p.location?.value])).toEqual([[code, text]]);
  });

  it('applies to the whole column, and a unit on a column that is not an amount is refused', () => {
    const rd = findProgramme('rd_incentive');
    if (rd === undefined) throw new Error('no rd_incentive');
    const text = '企业编号,规模,主营业务收入(元),研发费用（万元）,上年研发费用（亿元）\nE1,规上,"1,000,000.50",12.5,0.001\n';
    const reader = rd.applicantTable();
    readCsv(text, reader);
    const table = unwrap(reader.finish()).value as { revenue: Float64Array; rdExpense: Float64Array; rdExpensePrev: Float64Array };
    // 1,000,000.50 yuan; 12.5万 = 125,000 yuan; 0.001亿 = 100,000 yuan (in fen).
    expect([table.revenue[0], table.rdExpense[0], table.rdExpensePrev[0]]).toEqual([100_000_050, 12_500_000, 10_000_000]);

    const wrong = rd.applicantTable();
    readCsv('企业编号（万元）,规模,主营业务收入,研发费用（万元）,上年研发费用\nE1,规上,1,5万,0\n', wrong);
    const refused = wrong.finish();
    expect(refused.ok ? [] : refused.problems.map((p) => [p.code, p.location?.line, p.location?.column])).toEqual([
      ['CSV.UNIT_NOT_AMOUNT', 1, '企业编号（万元）'],
      ['CSV.MISSING_COLUMN', 1, 'id'],
      ['AMOUNT.UNIT_TWICE', 2, '研发费用（万元）'],
    ]);
  });
});

describe('sheet cells and invalid rows', () => {
  it.each(PROGRAMMES.map((p) => [p.key, p] as const))(
    '%s: a date cell where an amount belongs is refused; excludeInvalid leaves the bad rows out and lists them',
    (key, programme) => {
      const population = POPULATIONS.find((p) => p.key === key);
      if (population === undefined) throw new Error(`no population ${key}`);
      const table = unwrap(parseCsv(generateCsv({ population, count: 5, seed: 3 })));
      const amount = table.header.findIndex((name) => programme.applicantFields.find((f) => f.name === name)?.kind === 'amount');
      const feed = (options: { excludeInvalid?: boolean }) => {
        const reader = programme.applicantTable(options);
        reader.header(table.header);
        table.records.forEach((r, n) => {
          const kinds = r.cells.map((_, i) => ({ kind: n === 1 && i === amount ? 'date' : 'text' }));
          reader.record(r.cells, r.line, { cells: kinds });
        });
        reader.problem({ code: 'CSV.FIELD_COUNT', message: 'a broken row', location: { line: 9 } });
        return reader.finish();
      };
      const strict = feed({});
      expect(strict.ok ? [] : strict.problems.map((p) => [p.code, p.location?.line])).toEqual(
        amount === -1
          ? [['CSV.FIELD_COUNT', 9]]
          : [
              ['AMOUNT.DATE_CELL', 3],
              ['CSV.FIELD_COUNT', 9],
            ],
      );
      const lenient = unwrap(feed({ excludeInvalid: true }));
      expect(lenient.excluded.map((row) => row.line)).toEqual(amount === -1 ? [9] : [3, 9]);
      expect(lenient.rows).toBe(amount === -1 ? 5 : 4);
      expect(lenient.excludedCount).toBe(amount === -1 ? 1 : 2);
    },
  );

  it('a header problem still refuses the table with excludeInvalid, and so does a table with no valid row', () => {
    const rd = findProgramme('rd_incentive');
    if (rd === undefined) throw new Error('no rd_incentive');
    const missing = rd.applicantTable({ excludeInvalid: true });
    readCsv('id,scale\nE1,above\n', missing);
    const refused = missing.finish();
    expect(refused.ok ? [] : refused.problems.map((p) => p.code)).toContain('CSV.MISSING_COLUMN');
    const none = rd.applicantTable({ excludeInvalid: true });
    readCsv('id,scale,revenue,rd_expense,rd_expense_prev\nE1,huge,1,1,1\n', none);
    const empty = none.finish();
    expect(empty.ok ? [] : empty.problems.map((p) => p.code)).toEqual(['TABLE.NO_ROWS', 'ENTERPRISE.SCALE_INVALID']);
  });
});
