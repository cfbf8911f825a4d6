import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { nevProjects } from './index.js';

describe('NEV projects from CSV', () => {
  it('reads Chinese headers and every spelling of an amount', () => {
    const csv = [
      '项目编号,项目名称,承担企业,申请金额,所属城市',
      'N1,智慧新能源整车工厂研发,吉利汽车,15亿元,南宁市',
      'N2,,,"¥300,000,000.00",',
    ].join('\n');
    expect(valueOf(nevProjects.fromCsv(csv))).toEqual([
      { id: 'N1', name: '智慧新能源整车工厂研发', enterprise: '吉利汽车', requested: 150_000_000_000, city: '南宁市' },
      { id: 'N2', name: undefined, enterprise: undefined, requested: 30_000_000_000, city: undefined },
    ]);
  });

  it('reports every invalid cell at once, with line, column, value and code', () => {
    const csv = ['项目编号,申请金额', 'N1,-1', 'N2,十五亿', ',100', 'N2,1.001'].join('\n');
    expect(where(nevProjects.fromCsv(csv))).toEqual([
      ['AMOUNT.NEGATIVE', 2, '申请金额', '-1'],
      ['AMOUNT.INVALID', 3, '申请金额', '十五亿'],
      ['APPLICANT.REQUIRED', 4, '项目编号', ''],
      ['APPLICANT.ID_DUPLICATE', 5, '项目编号', 'N2'],
      ['AMOUNT.TOO_MANY_DECIMALS', 5, '申请金额', '1.001'],
    ]);
    expect(problemsOf(nevProjects.fromCsv('项目编号,申请金额\nN1,-1\n'))[0]?.message).toBe(
      'requested (申请金额): an amount cannot be negative; write yuan with at most two decimals, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万, 0.05亿元',
    );
  });

  it('refuses a file without the requested column', () => {
    expect(where(nevProjects.fromCsv('项目编号,项目名称\nN1,x\n'))).toEqual([['CSV.MISSING_COLUMN', 1, 'requested', undefined]]);
  });
});

describe('NEV projects from JSON', () => {
  it('refuses an unknown field, naming the accepted ones', () => {
    const r = nevProjects.fromRecords([{ id: 'N1', requested: '15亿', 申请金额: '15亿' }], ['projects']);
    expect(wherePath(r)).toEqual([['APPLICANT.UNKNOWN_FIELD', ['projects', 0, '申请金额'], '15亿']]);
    expect(problemsOf(r)[0]?.message).toBe(
      'unknown field "申请金额" (did you mean requested?): the accepted fields are id, name, enterprise, requested, city, credit_code',
    );
  });
});
