import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { PROJECT_FIELDS, guidanceProjects } from './index.js';

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;
const HEADER_ZH = '项目编号,项目名称,承担企业,申请金额,评审得分,所属城市';

describe('guidance_fund applicants', () => {
  it('lists the input columns with their Chinese headers', () => {
    expect(PROJECT_FIELDS.map((f) => [f.name, f.zh, f.kind, f.required])).toEqual([
      ['id', '项目编号', 'id', true],
      ['name', '项目名称', 'text', false],
      ['enterprise', '承担企业', 'text', false],
      ['requested', '申请金额', 'amount', true],
      ['score', '评审得分', 'decimal', true],
      ['city', '所属城市', 'text', false],
      ['credit_code', '统一社会信用代码', 'credit_code', false],
    ]);
  });

  it('reads Chinese headers, English ones in another order, and JSON records alike', () => {
    const zh = valueOf(
      guidanceProjects.fromCsv(csv(HEADER_ZH, 'G-001,高性能铝合金型材,甲公司,300万,85.5,南宁', 'G-002,,,"1,200,000.50",60,')),
    );
    const en = valueOf(
      guidanceProjects.fromCsv(
        csv('score,requested,id,city,enterprise,name', '85.5,3000000,G-001,南宁,甲公司,高性能铝合金型材', '60,1200000.5,G-002,,,'),
      ),
    );
    const json = valueOf(
      guidanceProjects.fromRecords([
        { id: 'G-001', name: '高性能铝合金型材', enterprise: '甲公司', requested: '300万', score: 85.5, city: '南宁' },
        { id: 'G-002', requested: 1200000.5, score: '60' },
      ]),
    );
    const expected = [
      { id: 'G-001', name: '高性能铝合金型材', enterprise: '甲公司', requested: 300_000_000, score: new Decimal('85.5'), city: '南宁' },
      { id: 'G-002', name: undefined, enterprise: undefined, requested: 120_000_050, score: new Decimal('60'), city: undefined },
    ];
    expect(zh).toEqual(expected);
    expect(en).toEqual(expected);
    expect(json).toEqual(expected);
  });

  it('reports every invalid cell of every row at once, with line, column and value', () => {
    const r = guidanceProjects.fromCsv(
      csv(
        HEADER_ZH,
        'G-1,a,,300万,100.5,南宁', // score above 100
        'G-2,b,,-5,8e1,', // negative amount, exponent score
        'G-1,c,,1.001,,', // duplicate id, too many decimals, empty score
        `${'项'.repeat(65)},d,,abc,-1,`, // id too long, not an amount, signed score
      ),
    );
    expect(where(r)).toEqual([
      ['APPLICANT.OUT_OF_RANGE', 2, '评审得分', '100.5'],
      ['AMOUNT.NEGATIVE', 3, '申请金额', '-5'],
      ['APPLICANT.DECIMAL_INVALID', 3, '评审得分', '8e1'],
      ['APPLICANT.ID_DUPLICATE', 4, '项目编号', 'G-1'],
      ['AMOUNT.TOO_MANY_DECIMALS', 4, '申请金额', '1.001'],
      ['APPLICANT.REQUIRED', 4, '评审得分', ''],
      ['APPLICANT.ID_TOO_LONG', 5, '项目编号', '项'.repeat(65)],
      ['AMOUNT.INVALID', 5, '申请金额', 'abc'],
      ['APPLICANT.DECIMAL_INVALID', 5, '评审得分', '-1'],
    ]);
    expect(problemsOf(r).map((p) => p.message)).toEqual([
      'score (评审得分) is above 100: give a number from 0 to 100, e.g. 85 or 72.5',
      'requested (申请金额): an amount cannot be negative; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
      'score (评审得分) must be a number from 0 to 100, e.g. 85 or 72.5: digits with an optional decimal point, no sign or exponent',
      'id (项目编号) "G-1" is already used by line 2: every project needs its own id',
      'requested (申请金额): an amount has at most two decimals of a yuan (to the fen) once its unit is applied; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
      'score (评审得分) is required: give a number from 0 to 100, e.g. 85 or 72.5',
      'id (项目编号) has 65 characters: give an id of 1–64 characters that no other row uses',
      'requested (申请金额): not an amount; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
      'score (评审得分) must be a number from 0 to 100, e.g. 85 or 72.5: digits with an optional decimal point, no sign or exponent',
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(where(guidanceProjects.fromCsv(csv('项目编号,申请金额', 'G-1,300万')))).toEqual([['CSV.MISSING_COLUMN', 1, 'score', undefined]]);
  });

  it('refuses an unknown JSON field rather than dropping it, and locates problems by JSON path', () => {
    const r = guidanceProjects.fromRecords(
      [
        { id: 'G-1', requested: '300万', score: 80, reviewer: '张三' },
        { id: 'G-2', requested: '300万', 评审得分: 80 },
      ],
      ['applicants'],
    );
    expect(wherePath(r)).toEqual([
      ['APPLICANT.UNKNOWN_FIELD', ['applicants', 0, 'reviewer'], '张三'],
      ['APPLICANT.UNKNOWN_FIELD', ['applicants', 1, '评审得分'], '80'],
      ['APPLICANT.REQUIRED', ['applicants', 1, 'score'], undefined],
    ]);
    expect(problemsOf(r)[1]?.message).toBe(
      'unknown field "评审得分" (did you mean score?): the accepted fields are id, name, enterprise, requested, score, city, credit_code',
    );
  });
});
