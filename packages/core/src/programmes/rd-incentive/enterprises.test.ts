import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap, type Problem, type Result } from '../../errors/index.js';
import {
  ENTERPRISE_FIELDS,
  MAX_PROBLEMS,
  SCALE_ABOVE,
  SCALE_BELOW,
  enterpriseTableReader,
  enterprisesFromRecords,
  parseBoolean,
  parseDay,
  parseEnterprisesCsv,
  type EnterpriseTable,
} from './enterprises.js';
import { readCsv, readCsvPieces } from '../../tabular/index.js';
import { creditCodeCheckCharacter } from '../common/credit-code.js';

const HEADER = 'id,name,scale,revenue,rd_expense,rd_expense_prev,high_tech,gazelle,super_deduction,city,industry';
const HEADER_ZH = '企业编号,企业名称,规模,主营业务收入,研发费用,上年研发费用,高新技术企业,瞪羚企业,享受加计扣除,所属城市,行业';
const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

const valueOf = (r: Result<EnterpriseTable>): EnterpriseTable => {
  if (!r.ok) throw new Error(`expected the input to be read: ${JSON.stringify(r.problems, null, 1)}`);
  return r.value;
};
const problemsOf = (r: Result<EnterpriseTable>): readonly Problem[] => {
  if (r.ok) throw new Error('expected the input to be refused');
  return r.problems;
};
/** code, line, column, value of each problem: what a person needs to find and fix it. */
const where = (r: Result<EnterpriseTable>): unknown[][] =>
  problemsOf(r).map((p) => [p.code, p.location?.line, p.location?.column, p.location?.value]);
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/vectors/${name}`, import.meta.url), 'utf8');

describe('ENTERPRISE_FIELDS', () => {
  it('lists the input columns of docs/rd-incentive.md, with their Chinese headers', () => {
    expect(ENTERPRISE_FIELDS.map((f) => [f.name, f.zh, f.required, f.kind])).toEqual([
      ['id', '企业编号', true, 'id'],
      ['name', '企业名称', false, 'text'],
      ['scale', '规模', true, 'scale'],
      ['revenue', '主营业务收入', true, 'amount'],
      ['rd_expense', '研发费用', true, 'amount'],
      ['rd_expense_prev', '上年研发费用', true, 'amount'],
      ['high_tech', '高新技术企业', false, 'boolean'],
      ['gazelle', '瞪羚企业', false, 'boolean'],
      ['super_deduction', '享受加计扣除', false, 'boolean'],
      ['city', '所属城市', false, 'text'],
      ['industry', '行业', false, 'text'],
      ['credit_code', '统一社会信用代码', false, 'credit_code'],
      ['high_tech_date', '高新技术企业证书日期', false, 'date'],
      ['gazelle_valid_until', '瞪羚企业有效期至', false, 'date'],
    ]);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['yes', true],
    ['no', false],
    ['y', true],
    ['n', false],
    ['是', true],
    ['否', false],
    ['TRUE', true],
    ['False', false],
    ['YES', true],
    ['No', false],
    ['Y', true],
    ['N', false],
    ['  true ', true],
    [' 否 ', false],
    ['√', true],
    ['×', false],
    [' √ ', true],
  ])('reads %j as %s', (text, expected) => {
    expect(parseBoolean(text)).toBe(expected);
  });

  it.each(['', ' ', 'maybe', '2', 'on', 'off', 't', 'f', '真', 'x', '✓', '√√'])('does not read %j', (text) => {
    expect(parseBoolean(text)).toBeUndefined();
  });
});

describe('parseEnterprisesCsv: reading', () => {
  it('reads the 67 firms of the conformance vectors', () => {
    const table = valueOf(parseEnterprisesCsv(fixture('rd-enterprises-67.csv')));
    expect(table.count).toBe(67);
    expect(new Set(table.ids).size).toBe(67);
    expect(table.ids[0]).toBe('E001-000004');
    expect(table.names[0]).toBe('firm 4');
    expect([table.scale[0], table.revenue[0], table.rdExpense[0], table.rdExpensePrev[0]]).toEqual([
      SCALE_ABOVE,
      740_348_622_684,
      78_529_866_515,
      72_760_669_349,
    ]);
    expect([table.cities[0], table.industries[0]]).toEqual(['钦州', '制造业']);
    const firm15 = table.ids.indexOf('企业15-c');
    expect([table.scale[firm15], table.revenue[firm15]]).toEqual([SCALE_BELOW, 0]);
    expect(table.superDeduction.filter((v) => v === 0).length).toBe(2);
    for (const column of [table.scale, table.revenue, table.highTech, table.gazelle, table.superDeduction]) {
      expect(column.length).toBe(67);
    }
  });

  it('reads Chinese headers, in any order, and English and Chinese mixed', () => {
    const zh = valueOf(parseEnterprisesCsv(csv(HEADER_ZH, 'E1,甲公司,规上,500万,50万,40万,是,否,是,南宁,制造业')));
    const mixed = valueOf(
      parseEnterprisesCsv(
        csv(
          ' 行业 ,city,享受加计扣除,gazelle,高新技术企业,rd_expense_prev,研发费用,revenue,规模,name,企业编号',
          '制造业,南宁,是,否,是,40万,50万,500万,规上,甲公司,E1',
        ),
      ),
    );
    const expected: EnterpriseTable = {
      count: 1,
      ids: ['E1'],
      names: ['甲公司'],
      scale: Uint8Array.of(SCALE_ABOVE),
      revenue: Float64Array.of(500_000_000),
      rdExpense: Float64Array.of(50_000_000),
      rdExpensePrev: Float64Array.of(40_000_000),
      highTech: Uint8Array.of(1),
      gazelle: Uint8Array.of(0),
      superDeduction: Uint8Array.of(1),
      cities: ['南宁'],
      industries: ['制造业'],
      creditCodes: [undefined],
      highTechDate: Int32Array.of(0),
      gazelleValidUntil: Int32Array.of(0),
    };
    expect(zh).toEqual(expected);
    expect(mixed).toEqual(expected);
  });

  it('gives optional columns that are absent or empty their defaults', () => {
    const absent = valueOf(parseEnterprisesCsv(csv('id,scale,revenue,rd_expense,rd_expense_prev', 'E1,below,0,0,0')));
    const empty = valueOf(parseEnterprisesCsv(csv(HEADER, 'E1, ,below,0,0,0, ,,  ,,')));
    for (const table of [absent, empty]) {
      expect([table.names[0], table.cities[0], table.industries[0]]).toEqual([undefined, undefined, undefined]);
      expect([table.highTech[0], table.gazelle[0], table.superDeduction[0]]).toEqual([0, 0, 1]);
    }
  });

  it.each([
    '5000000',
    '5000000.00',
    '5,000,000',
    '¥5,000,000',
    '￥5,000,000',
    '5000000元',
    '500万',
    '500万元',
    '0.05亿',
    '0.05亿元',
    '  5000000 ',
    '"5,000,000.00"',
    ' ￥5,000,000.00 ',
  ])('reads the amount %s as 5,000,000 yuan', (amount) => {
    const quoted = amount.includes(',') && !amount.startsWith('"') ? `"${amount}"` : amount;
    const table = valueOf(parseEnterprisesCsv(csv(HEADER, `E1,,above,${quoted},${quoted},${quoted},,,,,`)));
    expect([table.revenue[0], table.rdExpense[0], table.rdExpensePrev[0]]).toEqual([500_000_000, 500_000_000, 500_000_000]);
  });

  it.each([
    ['true', 1],
    ['false', 0],
    ['1', 1],
    ['0', 0],
    ['yes', 1],
    ['no', 0],
    ['y', 1],
    ['n', 0],
    ['是', 1],
    ['否', 0],
    ['TRUE', 1],
    ['No', 0],
    [' Y ', 1],
    ['√', 1],
    ['×', 0],
  ])('reads the boolean %j as %i', (text, expected) => {
    const table = valueOf(parseEnterprisesCsv(csv(HEADER, `E1,,above,1,0,0,${text},${text},${text},,`)));
    expect([table.highTech[0], table.gazelle[0], table.superDeduction[0]]).toEqual([expected, expected, expected]);
  });

  it.each([
    ['above', SCALE_ABOVE],
    ['ABOVE', SCALE_ABOVE],
    [' Above ', SCALE_ABOVE],
    ['规上', SCALE_ABOVE],
    ['below', SCALE_BELOW],
    ['Below', SCALE_BELOW],
    ['规下', SCALE_BELOW],
    ['规模以上', SCALE_ABOVE],
    [' 规模以下 ', SCALE_BELOW],
  ])('reads the scale %j', (text, expected) => {
    expect(valueOf(parseEnterprisesCsv(csv(HEADER, `E1,,${text},1,0,0,,,,,`))).scale[0]).toBe(expected);
  });

  it('reads a BOM, CRLF, and quoted names holding commas, quotes and line breaks', () => {
    const text =
      `\uFEFF${HEADER}\r\n` +
      'E1,"Acme, ""Guangxi"" Ltd",above,1,0,0,,,,,\r\n' +
      'E2,"广西\r\n某某\r\n公司",below,0,0,0,,,,"南宁",\r\n' +
      'E3,plain,below,0,0,0,,,,,\r\n\r\n';
    const table = valueOf(parseEnterprisesCsv(text));
    expect(table.ids).toEqual(['E1', 'E2', 'E3']);
    expect(table.names).toEqual(['Acme, "Guangxi" Ltd', '广西\r\n某某\r\n公司', 'plain']);
    expect(table.cities).toEqual([undefined, '南宁', undefined]);
  });

  it('trims ids, so that " E1 " and "E1" are the same enterprise', () => {
    expect(where(parseEnterprisesCsv(csv(HEADER, ' E1 ,,below,0,0,0,,,,,', 'E1,,below,0,0,0,,,,,')))).toEqual([
      ['ENTERPRISE.ID_DUPLICATE', 3, 'id', 'E1'],
    ]);
  });

  it('accepts an id of 64 characters, Chinese ones included, and refuses a file of a header only', () => {
    const id = '企'.repeat(32) + '𠀀'.repeat(32); // 64 characters, 96 UTF-16 units
    expect(valueOf(parseEnterprisesCsv(csv(HEADER, `${id},,below,0,0,0,,,,,`))).ids).toEqual([id]);
    expect(problemsOf(parseEnterprisesCsv(csv(HEADER)))).toEqual([
      {
        code: 'TABLE.NO_ROWS',
        message: 'the table has a header but no rows: add one row per applicant under the header',
        location: { line: 2 },
      },
    ]);
  });
});

describe('the optional columns of the 2026-12 revision: credit code and certificate dates', () => {
  it('reads a 统一社会信用代码 (in capitals) and dates in the spellings sheets use, as day numbers', () => {
    const table = valueOf(
      parseEnterprisesCsv(
        csv(
          `${HEADER},统一社会信用代码,高新技术企业证书日期,瞪羚企业有效期至`,
          'E1,,below,0,0,0,true,,,,,91350100m000100y43,2018-11-30,2022/6/30',
          'E2,,below,0,0,0,,,,,,,2019年12月2日,',
          'E3,,below,0,0,0,,,,,,,,',
        ),
      ),
    );
    expect(table.creditCodes).toEqual(['91350100M000100Y43', undefined, undefined]);
    // Days since 1899-12-31: 1900-01-01 is day 1, 2018-11-30 day 43,433 (25,568 to 1970-01-01, then 17,865); 0 is not given.
    expect(Array.from(table.highTechDate)).toEqual([parseDay('2018-11-30'), parseDay('2019-12-02'), 0]);
    expect(parseDay('1900-01-01')).toBe(1);
    expect(parseDay('2018-11-30')).toBe(43_433);
    expect(Array.from(table.gazelleValidUntil)).toEqual([parseDay('2022-06-30'), 0, 0]);
  });

  it('refuses a mistyped credit code and a date that is not a calendar date, at their line and column', () => {
    const r = parseEnterprisesCsv(
      csv(
        `${HEADER},credit_code,high_tech_date`,
        'E1,,below,0,0,0,,,,,,91350100M000100Y44,2021-02-29',
        'E2,,below,0,0,0,,,,,,9135,30/11/2018',
      ),
    );
    expect(problemsOf(r).map((p) => [p.code, p.location?.line, p.location?.column, p.location?.value, p.message])).toEqual([
      [
        'CREDIT_CODE.CHECK_CHARACTER',
        2,
        'credit_code',
        '91350100M000100Y44',
        'credit_code (统一社会信用代码): the check character is "4", but the first 17 characters give "3" (GB 32100-2015): a character is mistyped',
      ],
      [
        'ENTERPRISE.DATE_INVALID',
        2,
        'high_tech_date',
        '2021-02-29',
        'high_tech_date (高新技术企业证书日期) must be a date, e.g. 2019-11-30 (also 2019/11/30, 2019.11.30 or 2019年11月30日)',
      ],
      ['CREDIT_CODE.LENGTH', 3, 'credit_code', '9135', expect.stringContaining('has 18 characters, not 4')],
      ['ENTERPRISE.DATE_INVALID', 3, 'high_tech_date', '30/11/2018', expect.any(String)],
    ]);
  });
});

describe('parseEnterprisesCsv: problems', () => {
  it('ignores a column it does not use, and says so once in a warning', () => {
    const reader = enterpriseTableReader();
    readCsv(csv(`序号,${HEADER},备注,Revenue2`, '1,E1,,below,0,0,0,,,,,,x,y'), reader);
    const read = unwrap(reader.finish());
    expect(read.value.ids).toEqual(['E1']);
    expect(read.warnings).toEqual([
      {
        code: 'CSV.IGNORED_COLUMNS',
        message: '3 columns not used here were ignored: 序号, 备注, Revenue2',
        location: { line: 1, value: '序号,备注,Revenue2' },
      },
    ]);
  });

  it('takes English headers in any case, and suggests the column a missing one was meant to be', () => {
    const problems = problemsOf(parseEnterprisesCsv(csv('ID,Scale,Revenue,rd-expense,研发费,', 'E1,below,0,0,0,')));
    expect(problems.map((p) => p.message.split(':')[0])).toEqual([
      'the required column rd_expense (研发费用) is missing (did you mean the column "rd-expense"? head it 研发费用)',
      'the required column rd_expense_prev (上年研发费用) is missing (did you mean the column "研发费"? head it 上年研发费用)',
    ]);
    expect(problemsOf(parseEnterprisesCsv(csv('企业编号,规模,主营业务收入,研发费用合计,上年研发费用', 'E1,below,0,0,0')))[0]?.message).toBe(
      'the required column rd_expense (研发费用) is missing (did you mean the column "研发费用合计"? head it 研发费用): add a column headed rd_expense or 研发费用',
    );
  });

  it('refuses a missing required column and a repeated one', () => {
    expect(problemsOf(parseEnterprisesCsv(csv('id,规模,scale,revenue,rd_expense', 'E1,below,below,0,0')))).toEqual([
      {
        code: 'CSV.DUPLICATE_COLUMN',
        message: 'column "scale" repeats column 2 ("规模"): scale (规模) may appear only once; delete one of them',
        location: { line: 1, column: 'scale', value: 'scale' },
      },
      {
        code: 'CSV.MISSING_COLUMN',
        message: 'the required column rd_expense_prev (上年研发费用) is missing: add a column headed rd_expense_prev or 上年研发费用',
        location: { line: 1, column: 'rd_expense_prev' },
      },
    ]);
  });

  it('still checks the cells of the columns it knows when the header has a problem', () => {
    expect(where(parseEnterprisesCsv(csv('id,scale,scale,revenue,rd_expense,rd_expense_prev', 'E1,huge,huge,0,0,0')))).toEqual([
      ['CSV.DUPLICATE_COLUMN', 1, 'scale', 'scale'],
      ['ENTERPRISE.SCALE_INVALID', 2, 'scale', 'huge'],
    ]);
  });

  it('pins the message of each kind of invalid cell', () => {
    const text = csv(
      HEADER_ZH,
      ',,规上,1,0,0,,,,,',
      `${'X'.repeat(65)},,above,1,0,0,,,,,`,
      'E3,,large,1,0,0,,,,,',
      'E4,,above,0,0,0,,,,,',
      'E5,,below,1,0,0,maybe,,,,',
      'E6,,below,-5,1.234,5e6,,,,,',
      'E3,,below,0,0,abc,,,,,',
    );
    expect(problemsOf(parseEnterprisesCsv(text))).toEqual([
      {
        code: 'ENTERPRISE.REQUIRED',
        message: 'id (企业编号) is required: give an id of 1–64 characters that no other enterprise uses',
        location: { line: 2, column: '企业编号', value: '' },
      },
      {
        code: 'ENTERPRISE.ID_TOO_LONG',
        message: 'id (企业编号) has 65 characters: give an id of 1–64 characters that no other enterprise uses',
        location: { line: 3, column: '企业编号', value: 'X'.repeat(65) },
      },
      {
        code: 'ENTERPRISE.SCALE_INVALID',
        message: 'scale (规模) must be above or below (规上 or 规下 in Chinese)',
        location: { line: 4, column: '规模', value: 'large' },
      },
      {
        code: 'ENTERPRISE.REVENUE_ZERO_ABOVE',
        message:
          'revenue (主营业务收入) is 0 for an above-scale (规上) enterprise, whose R&D intensity is ' +
          'rd_expense / revenue: give its main business revenue, above 0, or set scale to below (规下)',
        location: { line: 5, column: '主营业务收入', value: '0' },
      },
      {
        code: 'ENTERPRISE.BOOLEAN_INVALID',
        message: 'high_tech (高新技术企业) must be true or false (also 1/0, yes/no, y/n, 是/否), or empty for the default (false)',
        location: { line: 6, column: '高新技术企业', value: 'maybe' },
      },
      {
        code: 'AMOUNT.NEGATIVE',
        message:
          'revenue (主营业务收入): an amount cannot be negative; ' +
          'write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
        location: { line: 7, column: '主营业务收入', value: '-5' },
      },
      expect.objectContaining({ code: 'AMOUNT.TOO_MANY_DECIMALS', location: { line: 7, column: '研发费用', value: '1.234' } }),
      expect.objectContaining({ code: 'AMOUNT.EXPONENT', location: { line: 7, column: '上年研发费用', value: '5e6' } }),
      {
        code: 'ENTERPRISE.ID_DUPLICATE',
        message: 'id (企业编号) "E3" is already used by line 4: every enterprise needs its own id',
        location: { line: 8, column: '企业编号', value: 'E3' },
      },
      expect.objectContaining({ code: 'AMOUNT.INVALID', location: { line: 8, column: '上年研发费用', value: 'abc' } }),
    ]);
  });

  it('refuses empty required cells, and reports every invalid cell of every row at once', () => {
    const text = csv(HEADER, 'E1,,,,,,,,,,', 'E2,,above,1,1,1,,,,,', 'E3,,below,x,1,1,yes,no,perhaps,,');
    expect(where(parseEnterprisesCsv(text))).toEqual([
      ['ENTERPRISE.REQUIRED', 2, 'scale', ''],
      ['ENTERPRISE.REQUIRED', 2, 'revenue', ''],
      ['ENTERPRISE.REQUIRED', 2, 'rd_expense', ''],
      ['ENTERPRISE.REQUIRED', 2, 'rd_expense_prev', ''],
      ['AMOUNT.INVALID', 4, 'revenue', 'x'],
      ['ENTERPRISE.BOOLEAN_INVALID', 4, 'super_deduction', 'perhaps'],
    ]);
    expect(problemsOf(parseEnterprisesCsv(text))[1]?.message).toBe(
      'revenue (主营业务收入) is required: give an amount in yuan, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万 or 0.05亿元',
    );
  });

  it('names both lines of a duplicate id, the first one for every later use', () => {
    const text = csv(HEADER, 'E1,,below,0,0,0,,,,,', 'E2,,below,0,0,0,,,,,', 'E1,,below,0,0,0,,,,,', 'E1,,below,0,0,0,,,,,');
    expect(problemsOf(parseEnterprisesCsv(text)).map((p) => [p.location?.line, p.message])).toEqual([
      [4, 'id (企业编号) "E1" is already used by line 2: every enterprise needs its own id'],
      [5, 'id (企业编号) "E1" is already used by line 2: every enterprise needs its own id'],
    ]);
  });

  it('refuses revenue 0 above scale, and accepts it below scale', () => {
    expect(where(parseEnterprisesCsv(csv(HEADER, 'E1,,above,0万,1,1,,,,,')))).toEqual([
      ['ENTERPRISE.REVENUE_ZERO_ABOVE', 2, 'revenue', '0万'],
    ]);
    expect(valueOf(parseEnterprisesCsv(csv(HEADER, 'E1,,below,0万,1,1,,,,,'))).revenue[0]).toBe(0);
    expect(valueOf(parseEnterprisesCsv(csv(HEADER, 'E1,,above,0.01,1,1,,,,,'))).revenue[0]).toBe(1);
  });

  it('gives the right line after quoted cells that span lines, with CRLF', () => {
    const text =
      `${HEADER}\r\n` +
      'E1,"two\r\nlines",below,0,0,0,,,,,\r\n' +
      'E2,"three\r\nmore\r\nlines",below,0,0,0,,,,,\r\n' +
      'E3,x,sideways,0,0,0,,,,,\r\n';
    expect(where(parseEnterprisesCsv(text))).toEqual([['ENTERPRISE.SCALE_INVALID', 7, 'scale', 'sideways']]);
  });

  it('passes on the problems of the CSV itself, in line order with the cells', () => {
    const text = csv(HEADER, 'E1,,below,0,0,0,,,,', '', 'E2,,nope,0,0,0,,,,,', 'E3,"x"y,below,0,0,0,,,,,');
    expect(where(parseEnterprisesCsv(text))).toEqual([
      ['CSV.FIELD_COUNT', 2, undefined, undefined],
      ['CSV.BLANK_LINE', 3, undefined, undefined],
      ['ENTERPRISE.SCALE_INVALID', 4, 'scale', 'nope'],
      ['CSV.MALFORMED_QUOTE', 5, undefined, 'E3,"x"y,below,0,0,0,,,,,'],
    ]);
  });

  it(`lists ${MAX_PROBLEMS} problems and then says how many more there were`, () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `E${i},,huge,0,0,0,,,,,`);
    const problems = problemsOf(parseEnterprisesCsv(csv(HEADER, ...rows)));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS - 1]?.location?.line).toBe(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS]).toEqual({
      code: 'PROBLEMS.TRUNCATED',
      message: '500 more problems (1500 in all) are not listed: fix the ones above and read the input again',
    });
  });
});

describe('enterprisesFromRecords', () => {
  const firm = { id: 'E1', scale: 'above', revenue: '500万', rd_expense: 50_000_000, rd_expense_prev: '0' };

  it('reads JSON records like the same CSV row', () => {
    const json = enterprisesFromRecords([
      { ...firm, name: '甲', high_tech: true, gazelle: 'no', super_deduction: '是', city: '南宁', industry: '制造业' },
      { id: 'E2', scale: '规下', revenue: 0, rd_expense: 1.5, rd_expense_prev: '1,000.25', name: null },
    ]);
    const text = csv(HEADER, 'E1,甲,above,500万,50000000,0,true,no,是,南宁,制造业', 'E2,,规下,0,1.5,"1,000.25",,,,,');
    expect(valueOf(json)).toEqual(valueOf(parseEnterprisesCsv(text)));
  });

  it.each([
    [5_000_000, 500_000_000],
    [123.45, 12_345],
    [0.1, 10],
    [0, 0],
    [90_000_000_000, 9_000_000_000_000],
  ])('reads the exact JSON number %d as %i fen', (amount, fen) => {
    expect(valueOf(enterprisesFromRecords([{ ...firm, rd_expense: amount }])).rdExpense[0]).toBe(fen);
  });

  it.each([
    [0.1 + 0.2, 'AMOUNT.TOO_MANY_DECIMALS', '0.30000000000000004'],
    [1.005, 'AMOUNT.TOO_MANY_DECIMALS', '1.005'],
    [1e21, 'AMOUNT.EXPONENT', '1e+21'],
    [-5, 'AMOUNT.NEGATIVE', '-5'],
    [2 ** 53, 'AMOUNT.TOO_LARGE', '9007199254740992'],
  ])('refuses the inexact or invalid JSON number %d', (amount, code, value) => {
    expect(problemsOf(enterprisesFromRecords([{ ...firm, rd_expense: amount }], ['enterprises']))).toEqual([
      expect.objectContaining({ code, location: { path: ['enterprises', 0, 'rd_expense'], value } }),
    ]);
  });

  it('locates each problem by its JSON path under the base path', () => {
    const records = [firm, { ...firm, id: 'E2', scale: 'mid' }, { ...firm, id: 'E1', high_tech: 'maybe' }];
    expect(problemsOf(enterprisesFromRecords(records, ['scenario', 'enterprises']))).toEqual([
      {
        code: 'ENTERPRISE.SCALE_INVALID',
        message: 'scale (规模) must be above or below (规上 or 规下 in Chinese)',
        location: { path: ['scenario', 'enterprises', 1, 'scale'], value: 'mid' },
      },
      {
        code: 'ENTERPRISE.ID_DUPLICATE',
        message: 'id (企业编号) "E1" is already used by the record at scenario.enterprises.0: every enterprise needs its own id',
        location: { path: ['scenario', 'enterprises', 2, 'id'], value: 'E1' },
      },
      expect.objectContaining({
        code: 'ENTERPRISE.BOOLEAN_INVALID',
        location: { path: ['scenario', 'enterprises', 2, 'high_tech'], value: 'maybe' },
      }),
    ]);
  });

  it('refuses an unknown field rather than dropping it, suggesting the one meant', () => {
    const r = enterprisesFromRecords([{ ...firm, rd_expence: 5, Revenue: 1, 主营业务收入: 2 }]);
    expect(problemsOf(r)).toEqual([
      {
        code: 'ENTERPRISE.UNKNOWN_FIELD',
        message:
          'unknown field "rd_expence": the accepted fields are id, name, scale, revenue, rd_expense, ' +
          'rd_expense_prev, high_tech, gazelle, super_deduction, city, industry, credit_code, high_tech_date, gazelle_valid_until',
        location: { path: [0, 'rd_expence'], value: '5' },
      },
      expect.objectContaining({ code: 'ENTERPRISE.UNKNOWN_FIELD', location: { path: [0, 'Revenue'], value: '1' } }),
      expect.objectContaining({ code: 'ENTERPRISE.UNKNOWN_FIELD', location: { path: [0, '主营业务收入'], value: '2' } }),
    ]);
    expect(problemsOf(r).map((p) => p.message.split(':')[0])).toEqual([
      'unknown field "rd_expence"',
      'unknown field "Revenue" (did you mean revenue?)',
      'unknown field "主营业务收入" (did you mean revenue?)',
    ]);
  });

  it('refuses a missing required field, a value of the wrong JSON type, and a record that is not an object', () => {
    const { revenue: _revenue, ...noRevenue } = firm;
    const r = enterprisesFromRecords([noRevenue, { ...firm, id: 7, high_tech: 1, rd_expense: [1] }, 'E3', null], ['e']);
    expect(problemsOf(r)).toEqual([
      {
        code: 'ENTERPRISE.REQUIRED',
        message: 'revenue (主营业务收入) is required: give an amount in yuan, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万 or 0.05亿元',
        location: { path: ['e', 0, 'revenue'] },
      },
      {
        code: 'ENTERPRISE.WRONG_TYPE',
        message: 'id (企业编号) must be a string, not a number',
        location: { path: ['e', 1, 'id'], value: '7' },
      },
      {
        code: 'ENTERPRISE.WRONG_TYPE',
        message: 'rd_expense (研发费用) must be a string such as "5000000.00" or "500万", or an exact JSON number, not an array',
        location: { path: ['e', 1, 'rd_expense'], value: '[1]' },
      },
      {
        code: 'ENTERPRISE.WRONG_TYPE',
        message:
          'high_tech (高新技术企业) must be true or false, or one of the strings "1"/"0", "yes"/"no", "y"/"n", "是"/"否", not a number',
        location: { path: ['e', 1, 'high_tech'], value: '1' },
      },
      {
        code: 'ENTERPRISE.NOT_AN_OBJECT',
        message:
          'an enterprise must be a JSON object with the fields id, name, scale, revenue, rd_expense, ' +
          'rd_expense_prev, high_tech, gazelle, super_deduction, city, industry, credit_code, high_tech_date, gazelle_valid_until',
        location: { path: ['e', 2], value: 'E3' },
      },
      expect.objectContaining({ code: 'ENTERPRISE.NOT_AN_OBJECT', location: { path: ['e', 3], value: 'null' } }),
    ]);
  });

  it(`lists ${MAX_PROBLEMS} problems and then says how many more there were`, () => {
    const records = Array.from({ length: 1200 }, (_, i) => ({ ...firm, id: `E${i}`, scale: 'huge' }));
    const problems = problemsOf(enterprisesFromRecords(records));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.at(-1)?.message).toBe('200 more problems (1200 in all) are not listed: fix the ones above and read the input again');
  });
});

describe('CSV and JSON agree', () => {
  /** `fen` spelt with `places` decimals moved: 2 for yuan, 6 for 万, 10 for 亿. */
  const shifted = (fen: number, places: number): string => {
    const digits = String(fen).padStart(places + 1, '0');
    const frac = digits.slice(-places).replace(/0+$/u, '');
    return frac === '' ? digits.slice(0, -places) : `${digits.slice(0, -places)}.${frac}`;
  };
  const grouped = (fen: number): string => {
    const [int = '', frac] = shifted(fen, 2).split('.');
    const withCommas = int.replace(/\B(?=(\d{3})+$)/gu, ',');
    return `"${frac === undefined ? withCommas : `${withCommas}.${frac}`}"`;
  };
  const spellings: ((fen: number) => string)[] = [
    (fen) => shifted(fen, 2),
    grouped,
    (fen) => `"¥${grouped(fen).slice(1)}`,
    (fen) => `"￥${grouped(fen).slice(1)}`,
    (fen) => `${shifted(fen, 2)}元`,
    (fen) => `${shifted(fen, 6)}万`,
    (fen) => `${shifted(fen, 6)}万元`,
    (fen) => `${shifted(fen, 10)}亿`,
    (fen) => `${shifted(fen, 10)}亿元`,
    (fen) => ` ${shifted(fen, 2)} `,
  ];
  const booleans: [string, boolean][] = [
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['Yes', true],
    ['NO', false],
    ['y', true],
    ['N', false],
    ['是', true],
    ['否', false],
  ];
  const text = fc.string({ unit: fc.constantFrom('a', 'Z', '甲', ',', '"', '\n', ' ', '1'), maxLength: 8 });
  const enterprise = fc.record({
    id: fc.string({ unit: fc.constantFrom('E', '企', '-', '0', '9'), minLength: 1, maxLength: 12 }),
    name: text,
    above: fc.boolean(),
    revenue: fc.integer({ min: 1, max: 10 ** 13 }),
    rdExpense: fc.integer({ min: 0, max: 10 ** 13 }),
    rdExpensePrev: fc.integer({ min: 0, max: 10 ** 13 }),
    flags: fc.array(fc.option(fc.constantFrom(...booleans), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    city: text,
    spelling: fc.array(fc.integer({ min: 0, max: spellings.length - 1 }), { minLength: 3, maxLength: 3 }),
    code: fc.option(
      fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{9}$/u).map((organisation) => {
        const first17 = `91450100${organisation}`;
        return first17 + creditCodeCheckCharacter(first17);
      }),
      { nil: undefined },
    ),
    certificate: fc.option(
      fc.date({ min: new Date('2015-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      { nil: undefined },
    ),
  });
  const quote = (cell: string): string => `"${cell.replaceAll('"', '""')}"`;

  it('reads any valid table to the same columns from CSV, in either language, and from JSON', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(enterprise, { selector: (e) => e.id, minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: ENTERPRISE_FIELDS.length, maxLength: ENTERPRISE_FIELDS.length }),
        (firms, chinese) => {
          const header = ENTERPRISE_FIELDS.map((f, i) => (chinese[i] === true ? f.zh : f.name)).join(',');
          const amounts = (e: (typeof firms)[number]): string[] =>
            [e.revenue, e.rdExpense, e.rdExpensePrev].map((fen, i) => (spellings[e.spelling[i] ?? 0] ?? String)(fen));
          const rows = firms.map((e) =>
            [
              quote(e.id),
              quote(e.name),
              e.above ? '规上' : 'below',
              ...amounts(e),
              ...e.flags.map((f) => f?.[0] ?? ''),
              quote(e.city),
              '',
              e.code ?? '',
              e.certificate === undefined ? '' : e.certificate.replaceAll('-', '/'),
              '',
            ].join(','),
          );
          const records = firms.map((e) => ({
            id: e.id,
            name: e.name,
            scale: e.above ? 'above' : '规下',
            revenue: e.revenue / 100,
            rd_expense: shifted(e.rdExpense, 2),
            rd_expense_prev: `${shifted(e.rdExpensePrev, 6)}万`,
            high_tech: e.flags[0]?.[1],
            gazelle: e.flags[1]?.[0],
            super_deduction: e.flags[2]?.[1] ?? null,
            city: e.city,
            ...(e.code === undefined ? {} : { credit_code: e.code.toLowerCase() }),
            ...(e.certificate === undefined ? {} : { high_tech_date: e.certificate }),
          }));
          const trimmed = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
          const expected: EnterpriseTable = {
            count: firms.length,
            ids: firms.map((e) => e.id),
            names: firms.map((e) => trimmed(e.name)),
            scale: Uint8Array.from(firms, (e) => (e.above ? SCALE_ABOVE : SCALE_BELOW)),
            revenue: Float64Array.from(firms, (e) => e.revenue),
            rdExpense: Float64Array.from(firms, (e) => e.rdExpense),
            rdExpensePrev: Float64Array.from(firms, (e) => e.rdExpensePrev),
            highTech: Uint8Array.from(firms, (e) => (e.flags[0]?.[1] === true ? 1 : 0)),
            gazelle: Uint8Array.from(firms, (e) => (e.flags[1]?.[1] === true ? 1 : 0)),
            superDeduction: Uint8Array.from(firms, (e) => (e.flags[2]?.[1] === false ? 0 : 1)),
            cities: firms.map((e) => trimmed(e.city)),
            industries: firms.map(() => undefined),
            creditCodes: firms.map((e) => e.code),
            highTechDate: Int32Array.from(firms, (e) => (e.certificate === undefined ? 0 : (parseDay(e.certificate) ?? -1))),
            gazelleValidUntil: new Int32Array(firms.length),
          };
          expect(valueOf(parseEnterprisesCsv(csv(header, ...rows)))).toEqual(expected);
          expect(valueOf(enterprisesFromRecords(records))).toEqual(expected);
        },
      ),
    );
  });
});

describe('ids and names in Unicode NFC', () => {
  const composed = 'caf\u00e9'; // é as one code point
  const decomposed = 'cafe\u0301'; // e + combining acute accent

  it('reads ids and names as NFC, from CSV and JSON: two spellings of one id are one firm', () => {
    const text = csv(HEADER, `${decomposed},${decomposed} 公司,below,1,1,1,,,,,`, `${composed},,below,1,1,1,,,,,`);
    expect(problemsOf(parseEnterprisesCsv(text))).toEqual([
      {
        code: 'ENTERPRISE.ID_DUPLICATE',
        message: `id (企业编号) "${composed}" is already used by line 2: every enterprise needs its own id`,
        location: { line: 3, column: 'id', value: composed },
      },
    ]);
    const table = valueOf(parseEnterprisesCsv(csv(HEADER, `${decomposed},${decomposed} 公司,below,1,1,1,,,,,`)));
    expect([table.ids[0], table.names[0]]).toEqual([composed, `${composed} 公司`]);
    const records = [
      { id: composed, scale: 'below', revenue: '1', rd_expense: '1', rd_expense_prev: '1' },
      { id: decomposed, scale: 'below', revenue: '1', rd_expense: '1', rd_expense_prev: '1' },
    ];
    expect(problemsOf(enterprisesFromRecords(records)).map((p) => [p.code, p.location?.path])).toEqual([
      ['ENTERPRISE.ID_DUPLICATE', [1, 'id']],
    ]);
  });

  it('counts the length limit on the NFC id: 64 characters once composed fit', () => {
    const id = `${'X'.repeat(63)}e\u0301`; // 65 code points written, 64 in NFC
    expect(valueOf(parseEnterprisesCsv(csv(HEADER, `${id},,below,1,1,1,,,,,`))).ids[0]).toBe(`${'X'.repeat(63)}\u00e9`);
    expect(problemsOf(parseEnterprisesCsv(csv(HEADER, `${id}e\u0301,,below,1,1,1,,,,,`))).map((p) => p.code)).toEqual([
      'ENTERPRISE.ID_TOO_LONG',
    ]);
  });
});

describe('the fast paths of a large table (issue #17)', () => {
  it('reads a city or industry seen before, in any spelling (spaces, NFD), as the first reading of it', () => {
    const cities = ['深圳', ' 深圳 ', '深圳', 'Cafe\u0301', 'Café', ' Cafe\u0301', '', '深圳'];
    const rows = cities.map((city, i) => `E${i},n,below,100,10,0,false,false,true,${city},${city === '' ? '' : 'X'}`);
    const table = valueOf(parseEnterprisesCsv(csv(HEADER, ...rows)));
    expect(table.cities).toEqual(['深圳', '深圳', '深圳', 'Café', 'Café', 'Café', undefined, '深圳']);
    expect(table.industries).toEqual(['X', 'X', 'X', 'X', 'X', 'X', undefined, 'X']);
  });

  it('finds a duplicate id among many, across the growth of the id index, at the first line that used it', () => {
    const n = 20_000;
    const rows = Array.from({ length: n }, (_, i) => `E${i},n,below,100,10,0,false,false,true,c${i % 50},i`);
    rows.push('E17,n,below,100,10,0,false,false,true,,', 'E19999,n,below,100,10,0,false,false,true,,');
    const problems = problemsOf(parseEnterprisesCsv(csv(HEADER, ...rows)));
    expect(problems.map((p) => [p.code, p.location?.line, p.location?.value])).toEqual([
      ['ENTERPRISE.ID_DUPLICATE', n + 2, 'E17'],
      ['ENTERPRISE.ID_DUPLICATE', n + 3, 'E19999'],
    ]);
    expect(problems[0]?.message).toContain('line 19');
    const table = valueOf(parseEnterprisesCsv(csv(HEADER, ...rows.slice(0, n))));
    expect(table.count).toBe(n);
    expect(table.cities[123]).toBe('c23');
  });
});

describe('keepNames: false (an output without names)', () => {
  it('reads the same table but the names, and the same problems', () => {
    const text = csv(
      HEADER,
      'E1, 甲公司 ,above,100,10,0,true,false,true,南宁,',
      'E2,,below,100,10,0,false,false,true,,',
      'E1,"x, y",below,1,1,0,no,maybe,true,,',
    );
    const read = (keepNames?: boolean): ReturnType<ReturnType<typeof enterpriseTableReader>['finish']> => {
      const reader = enterpriseTableReader(keepNames === undefined ? {} : { keepNames });
      readCsvPieces([text], reader);
      return reader.finish();
    };
    expect(read(false)).toEqual(read());
    const valid = csv(HEADER, 'E1, 甲公司 ,above,100,10,0,true,false,true,南宁,', 'E2,,below,100,10,0,false,false,true,,');
    const kept = valueOf(parseEnterprisesCsv(valid));
    const reader = enterpriseTableReader({ keepNames: false });
    readCsvPieces([valid], reader);
    const finished = reader.finish();
    if (!finished.ok) throw new Error('expected the table');
    expect(finished.value.value).toEqual({ ...kept, names: [] });
    expect(kept.names).toEqual(['甲公司', undefined]);
  });

  it('keeps the ids of the rows kept only, when invalid rows with valid ids are left out, wherever they are', () => {
    const row = (id: string, revenue = '100'): string => `${id},,below,${revenue},10,0,false,false,true,,`;
    const cases: [string[], string[]][] = [
      [
        [row('E1'), row('E2', 'bad'), row('E3'), row('E4')],
        ['E1', 'E3', 'E4'],
      ],
      [
        [row('E1'), row('E2'), row('E3', '-1')],
        ['E1', 'E2'],
      ],
      [[row('E1', 'x'), row('E2', 'y'), row('E3')], ['E3']],
      [
        [row('E1'), row('E1'), row('E2'), row('E3', 'z'), row('E4')],
        ['E1', 'E2', 'E4'],
      ],
      [
        [row('E1'), row('E2'), row('E3')],
        ['E1', 'E2', 'E3'],
      ],
    ];
    for (const [rows, ids] of cases) {
      const reader = enterpriseTableReader({ excludeInvalid: true });
      readCsvPieces([csv(HEADER, ...rows)], reader);
      const read = reader.finish();
      if (!read.ok) throw new Error('expected the table');
      expect(read.value.value.ids).toEqual(ids);
      expect(read.value.value.count).toBe(ids.length);
    }
  });
});
