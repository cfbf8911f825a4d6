import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { ZONE_APPLICANT_FIELDS, zoneApplicants } from './index.js';

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('hitech_zones applicants', () => {
  it('lists the input columns with their Chinese headers', () => {
    expect(ZONE_APPLICANT_FIELDS.map((f) => [f.name, f.zh, f.kind, f.required])).toEqual([
      ['id', '编号', 'id', true],
      ['name', '名称', 'text', false],
      ['kind', '类别', 'choice', true],
      ['score', '评审得分', 'decimal', false],
      ['requested', '申请金额', 'amount', false],
      ['city', '所属城市', 'text', false],
      ['credit_code', '统一社会信用代码', 'credit_code', false],
    ]);
  });

  it('reads Chinese headers and kinds, English ones, and JSON records alike', () => {
    const zh = valueOf(
      zoneApplicants.fromCsv(
        csv(
          '编号,名称,类别,评审得分,申请金额,所属城市',
          'Z1,柳州高新区,国家高新区,92,,柳州',
          'Z2,某研究院,新型研发机构,,300万,南宁',
          'Z3,,自治区级高新区,88.5,,',
          'Z4,,国家重大项目,,2000万,',
        ),
      ),
    );
    const en = valueOf(
      zoneApplicants.fromCsv(
        csv(
          'id,name,kind,score,requested,city',
          'Z1,柳州高新区,national_zone,92,,柳州',
          'Z2,某研究院,RD_INSTITUTION,,3000000,南宁',
          'Z3,,regional_zone,88.5,,',
          'Z4,,major_project,,20000000,',
        ),
      ),
    );
    const json = valueOf(
      zoneApplicants.fromRecords([
        { id: 'Z1', name: '柳州高新区', kind: 'national_zone', score: 92, city: '柳州' },
        { id: 'Z2', name: '某研究院', kind: '新型研发机构', requested: '300万', city: '南宁' },
        { id: 'Z3', kind: 'regional_zone', score: '88.5' },
        { id: 'Z4', kind: 'major_project', requested: 20000000 },
      ]),
    );
    const expected = [
      { id: 'Z1', name: '柳州高新区', kind: 'national_zone', score: new Decimal(92), requested: undefined, city: '柳州' },
      { id: 'Z2', name: '某研究院', kind: 'rd_institution', score: undefined, requested: 300_000_000, city: '南宁' },
      { id: 'Z3', name: undefined, kind: 'regional_zone', score: new Decimal('88.5'), requested: undefined, city: undefined },
      { id: 'Z4', name: undefined, kind: 'major_project', score: undefined, requested: 2_000_000_000, city: undefined },
    ];
    expect(zh).toEqual(expected);
    expect(en).toEqual(expected);
    expect(json).toEqual(expected);
  });

  it('reports every invalid cell at once, and a request that a kind requires', () => {
    const r = zoneApplicants.fromCsv(
      csv(
        '编号,类别,评审得分,申请金额',
        'Z1,高新区,90,',
        'Z2,新型研发机构,80,',
        'Z3,major_project,100.01,',
        'Z4,regional_zone,,五百万',
        'Z4,national_zone,,',
      ),
    );
    expect(where(r)).toEqual([
      ['APPLICANT.CHOICE_INVALID', 2, '类别', '高新区'],
      ['APPLICANT.REQUIRED_FOR_KIND', 3, '申请金额', ''],
      ['APPLICANT.OUT_OF_RANGE', 4, '评审得分', '100.01'],
      ['AMOUNT.INVALID', 5, '申请金额', '五百万'],
      ['APPLICANT.ID_DUPLICATE', 6, '编号', 'Z4'],
    ]);
    expect(
      problemsOf(r)
        .slice(0, 3)
        .map((p) => p.message),
    ).toEqual([
      'kind (类别) must be one of national_zone (国家高新区), regional_zone (自治区级高新区), rd_institution (新型研发机构), major_project (国家重大项目)',
      "requested (申请金额) is required for kind rd_institution: give the institution's request, an amount in yuan",
      'score (评审得分) is above 100: give a number from 0 to 100, e.g. 85 or 72.5',
    ]);
  });

  it('refuses an unknown JSON field, and asks a major project for its national funding', () => {
    const r = zoneApplicants.fromRecords([{ id: 'Z1', kind: 'major_project', national_funding: '2000万' }], ['applicants']);
    expect(wherePath(r)).toEqual([
      ['APPLICANT.UNKNOWN_FIELD', ['applicants', 0, 'national_funding'], '2000万'],
      ['APPLICANT.REQUIRED_FOR_KIND', ['applicants', 0, 'requested'], undefined],
    ]);
    expect(problemsOf(r)[1]?.message).toBe(
      'requested (申请金额) is required for kind major_project: give the national funding (国拨经费) the project won, an amount in yuan',
    );
  });
});
