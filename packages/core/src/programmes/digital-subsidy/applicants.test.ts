import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { digitalApplicants } from './index.js';

describe('digital subsidy applicants from CSV', () => {
  it('reads Chinese headers and Chinese kinds and centres', () => {
    const csv = [
      '申报编号,单位名称,单位类型,创新中心,申请资源补贴,申请现金补贴,所属城市',
      'D1,南宁某软件公司,企业,人工智能创新中心,30万,"150,000",南宁市',
      'D2,广西大学,高校,鲲鹏生态创新中心,0,5万元,',
      'D3,,企业,,¥1000.5,0,',
    ].join('\n');
    expect(valueOf(digitalApplicants.fromCsv(csv))).toEqual([
      {
        id: 'D1',
        name: '南宁某软件公司',
        kind: 'enterprise',
        centre: 'ai',
        resource_requested: 30_000_000,
        cash_requested: 15_000_000,
        city: '南宁市',
      },
      {
        id: 'D2',
        name: '广西大学',
        kind: 'university',
        centre: 'kunpeng',
        resource_requested: 0,
        cash_requested: 5_000_000,
        city: undefined,
      },
      { id: 'D3', name: undefined, kind: 'enterprise', centre: undefined, resource_requested: 100_050, cash_requested: 0, city: undefined },
    ]);
  });

  it('reports every invalid cell at once, with line, column, value and code', () => {
    const csv = [
      'id,kind,centre,resource_requested,cash_requested',
      'D1,company,ai,100,100', // not a kind
      'D2,enterprise,cloud,100,100', // not a centre
      'D3,university,kunpeng,-5,100', // negative
      'D4,university,nanning,100,1.234', // three decimals
      'D4,enterprise,,,5e6', // duplicate id, empty required amount, exponent
    ].join('\n');
    expect(where(digitalApplicants.fromCsv(csv))).toEqual([
      ['APPLICANT.CHOICE_INVALID', 2, 'kind', 'company'],
      ['APPLICANT.CHOICE_INVALID', 3, 'centre', 'cloud'],
      ['AMOUNT.NEGATIVE', 4, 'resource_requested', '-5'],
      ['AMOUNT.TOO_MANY_DECIMALS', 5, 'cash_requested', '1.234'],
      ['APPLICANT.ID_DUPLICATE', 6, 'id', 'D4'],
      ['APPLICANT.REQUIRED', 6, 'resource_requested', ''],
      ['AMOUNT.EXPONENT', 6, 'cash_requested', '5e6'],
    ]);
  });

  it('pins the messages for a kind and a centre', () => {
    const csv = 'id,kind,centre,resource_requested,cash_requested\nD1,company,cloud,0,0\n';
    expect(problemsOf(digitalApplicants.fromCsv(csv)).map((p) => p.message)).toEqual([
      'kind (单位类型) must be one of enterprise (企业), university (高校)',
      'centre (创新中心) must be one of ai (人工智能创新中心), kunpeng (鲲鹏生态创新中心), nanning (数字经济产业创新中心)',
    ]);
  });
});

describe('digital subsidy applicants from JSON', () => {
  it('refuses an unknown field and names the likely one', () => {
    const r = digitalApplicants.fromRecords(
      [{ id: 'D1', kind: 'enterprise', resource_requested: '0', cash_requested: '0', Centre: 'ai' }],
      ['applicants'],
    );
    expect(wherePath(r)).toEqual([['APPLICANT.UNKNOWN_FIELD', ['applicants', 0, 'Centre'], 'ai']]);
    expect(problemsOf(r)[0]?.message).toBe(
      'unknown field "Centre" (did you mean centre?): the accepted fields are id, name, kind, centre, resource_requested, cash_requested, city, credit_code',
    );
  });

  it('reads exact JSON numbers as yuan and refuses inexact ones', () => {
    const ok = digitalApplicants.fromRecords([{ id: 'D1', kind: 'university', resource_requested: 1234.5, cash_requested: 0 }]);
    expect(valueOf(ok)[0]?.resource_requested).toBe(123_450);
    const bad = digitalApplicants.fromRecords([{ id: 'D1', kind: 'university', resource_requested: 0.1 + 0.2, cash_requested: true }]);
    expect(wherePath(bad)).toEqual([
      ['APPLICANT.WRONG_TYPE', [0, 'cash_requested'], 'true'],
      ['AMOUNT.TOO_MANY_DECIMALS', [0, 'resource_requested'], '0.30000000000000004'],
    ]);
  });
});
