import { describe, expect, it } from 'vitest';
import { problemsOf, valueOf, where, wherePath } from '../common/test-support/index.js';
import { UPGRADE_FIELDS, upgradeProjects } from './index.js';

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;
const HEADER_ZH = '项目编号,项目名称,企业名称,设备投资,先进设备,智能工厂,数字化车间,工业机器人台数,工业机器人购置金额,所属城市';

describe('tech_upgrade applicants', () => {
  it('lists the input columns with their Chinese headers and defaults', () => {
    expect(UPGRADE_FIELDS.map((f) => [f.name, f.zh, f.kind, f.required, 'default' in f ? f.default : undefined])).toEqual([
      ['id', '项目编号', 'id', true, undefined],
      ['name', '项目名称', 'text', false, undefined],
      ['enterprise', '企业名称', 'text', false, undefined],
      ['equipment_investment', '设备投资', 'amount', true, undefined],
      ['advanced', '先进设备', 'boolean', false, 'false'],
      ['smart_factory', '智能工厂', 'boolean', false, 'false'],
      ['digital_workshop', '数字化车间', 'boolean', false, 'false'],
      ['robots', '工业机器人台数', 'count', false, '0'],
      ['robot_investment', '工业机器人购置金额', 'amount', false, '0'],
      ['city', '所属城市', 'text', false, undefined],
      ['fixed_asset_investment', '固定资产投资', 'amount', false, undefined],
      ['total_investment', '项目总投资', 'amount', false, undefined],
      ['credit_code', '统一社会信用代码', 'credit_code', false, undefined],
    ]);
  });

  it('reads Chinese headers and JSON records alike, with defaults for what is not given', () => {
    const zh = valueOf(
      upgradeProjects.fromCsv(csv(HEADER_ZH, 'T-01,铝型材智能化改造,乙公司,1.2亿,是,是,否,12,3000万,柳州', 'T-02,,,"8,000,000",,,,,,')),
    );
    const json = valueOf(
      upgradeProjects.fromRecords([
        {
          id: 'T-01',
          name: '铝型材智能化改造',
          enterprise: '乙公司',
          equipment_investment: '1.2亿',
          advanced: true,
          smart_factory: 'yes',
          digital_workshop: false,
          robots: 12,
          robot_investment: 30000000,
          city: '柳州',
        },
        { id: 'T-02', equipment_investment: 8000000 },
      ]),
    );
    const expected = [
      {
        id: 'T-01',
        name: '铝型材智能化改造',
        enterprise: '乙公司',
        equipment_investment: 12_000_000_000,
        advanced: true,
        smart_factory: true,
        digital_workshop: false,
        robots: 12,
        robot_investment: 3_000_000_000,
        city: '柳州',
      },
      {
        id: 'T-02',
        name: undefined,
        enterprise: undefined,
        equipment_investment: 800_000_000,
        advanced: false,
        smart_factory: false,
        digital_workshop: false,
        robots: 0,
        robot_investment: 0,
        city: undefined,
      },
    ];
    expect(zh).toEqual(expected);
    expect(json).toEqual(expected);
  });

  it('reports every invalid cell at once, with line, column and value', () => {
    const r = upgradeProjects.fromCsv(
      csv(
        '项目编号,设备投资,先进设备,智能工厂,工业机器人台数,工业机器人购置金额',
        'T-1,,maybe,是,10,500万',
        'T-2,1000万,否,2,ten,1e6',
        'T-3,5000万元整,,,10.5,-1',
      ),
    );
    expect(where(r)).toEqual([
      ['APPLICANT.REQUIRED', 2, '设备投资', ''],
      ['APPLICANT.BOOLEAN_INVALID', 2, '先进设备', 'maybe'],
      ['APPLICANT.BOOLEAN_INVALID', 3, '智能工厂', '2'],
      ['APPLICANT.COUNT_INVALID', 3, '工业机器人台数', 'ten'],
      ['AMOUNT.EXPONENT', 3, '工业机器人购置金额', '1e6'],
      ['AMOUNT.INVALID', 4, '设备投资', '5000万元整'],
      ['APPLICANT.COUNT_INVALID', 4, '工业机器人台数', '10.5'],
      ['AMOUNT.NEGATIVE', 4, '工业机器人购置金额', '-1'],
    ]);
    expect(
      problemsOf(r)
        .slice(0, 4)
        .map((p) => p.message),
    ).toEqual([
      'equipment_investment (设备投资) is required: give an amount in yuan, e.g. 5000000, 5,000,000.00, ¥5,000,000, 500万 or 0.05亿元',
      'advanced (先进设备) must be true or false (also 1/0, yes/no, y/n, 是/否), or empty for the default (false)',
      'smart_factory (智能工厂) must be true or false (also 1/0, yes/no, y/n, 是/否), or empty for the default (false)',
      'robots (工业机器人台数) must be a whole number, e.g. 0 or 12',
    ]);
  });

  it('places the equipment in the project: equipment and robots within the fixed assets, the fixed assets within the total', () => {
    const r = upgradeProjects.fromRecords(
      [
        { id: 'T1', equipment_investment: '6000万', robot_investment: '1000万', fixed_asset_investment: '7000万', total_investment: '1亿' },
        { id: 'T2', equipment_investment: '6000万', robot_investment: '1000万', fixed_asset_investment: '6999万' },
        { id: 'T3', equipment_investment: '6000万', fixed_asset_investment: '9000万', total_investment: '8000万' },
      ],
      ['projects'],
    );
    expect(wherePath(r)).toEqual([
      ['APPLICANT.INVESTMENT_INCONSISTENT', ['projects', 1, 'fixed_asset_investment'], '6999万'],
      ['APPLICANT.INVESTMENT_INCONSISTENT', ['projects', 2, 'total_investment'], '8000万'],
    ]);
    expect(problemsOf(r).map((p) => p.message)).toEqual([
      'fixed_asset_investment (固定资产投资) ¥69,990,000.00 is less than the equipment and robots it includes (¥70,000,000.00): ' +
        "give the project's whole fixed-asset investment, or correct the equipment",
      "total_investment (项目总投资) ¥80,000,000.00 is less than the fixed-asset investment it includes (¥90,000,000.00): give the project's total investment",
    ]);
  });

  it('refuses an unknown JSON field, suggesting the one meant', () => {
    const r = upgradeProjects.fromRecords([{ id: 'T-1', equipment_investment: '1000万', 'Smart-Factory': true, robots: '12台' }]);
    expect(wherePath(r)).toEqual([
      ['APPLICANT.UNKNOWN_FIELD', [0, 'Smart-Factory'], 'true'],
      ['APPLICANT.COUNT_INVALID', [0, 'robots'], '12台'],
    ]);
    expect(problemsOf(r)[0]?.message).toBe(
      'unknown field "Smart-Factory" (did you mean smart_factory?): the accepted fields are id, name, enterprise, equipment_investment, ' +
        'advanced, smart_factory, digital_workshop, robots, robot_investment, city, fixed_asset_investment, total_investment, credit_code',
    );
  });
});
