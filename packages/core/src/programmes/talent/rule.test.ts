import { describe, expect, it } from 'vitest';
import type { Override } from '../../parameters/index.js';
import { type OneEntitlement, parameterRows, parametersOn, ruleUnderTest } from '../common/test-support/index.js';
import { compileTalentRule, talentEntitlement, talentLines, talentRegistry } from './index.js';

const DATE = '2021-06-30';

const entitlementOf = ruleUnderTest(talentLines, talentRegistry, DATE, compileTalentRule, talentEntitlement);
/** One line's entitlement in yuan and its trace, under the defaults or a reform. */
const evaluateOne = (line: { programme: string; head_count: number | string }, reform: Override[] = []): OneEntitlement =>
  entitlementOf({ id: 'L1', ...line }, reform);

describe('talent parameters', () => {
  it('are in force from 2021-01-01, every stipend flagged ⚠', () => {
    const parameters = parametersOn(talentRegistry, '2021-01-01');
    expect(parameterRows(parameters)).toEqual([
      ['talent.stipend.bagui_scholar', '1000000.00', true],
      ['talent.stipend.academician_reserve', '500000.00', true],
      ['talent.stipend.agri_tech_service', '20000.00', true],
      ['talent.stipend.distinguished_expert', '200000.00', true],
      ['talent.whole_stipends', 'true', true],
      ['talent.rounding_unit', '0.01', false],
    ]);
    for (const p of parameters.all()) {
      expect(p.definition.assumption).toBe(p.definition.source.citation.startsWith('⚠'));
    }
    expect(talentRegistry.resolve('2020-12-31').ok).toBe(false);
  });
});

describe('the rule: head_count × stipend', () => {
  it.each([
    ['bagui_scholar', 3, '3000000.00'],
    ['academician_reserve', 4, '2000000.00'],
    ['agri_tech_service', 150, '3000000.00'],
    ['distinguished_expert', 5, '1000000.00'],
    ['特聘专家', 1, '200000.00'],
  ])('%s × %i = %s', (programme, head_count, expected) => {
    expect(evaluateOne({ programme, head_count }).entitlement).toBe(expected);
  });

  it('traces the inputs, the stipend with its source and ⚠ flag, and the rounding', () => {
    const r = evaluateOne({ programme: 'bagui_scholar', head_count: 3 });
    expect(r.trace).toEqual([
      {
        step: 'stipend',
        rule: 'amount = head_count × the stipend per person per year of the line’s programme',
        inputs: { programme: 'bagui_scholar', head_count: '3' },
        parameters: [
          {
            path: 'talent.stipend.bagui_scholar',
            value: '1000000.00',
            source:
              '⚠ assumption: 《八桂学者制度试行办法》(2013, reported by 中国博士人才网 2013-04-10) gives a year’s regional money per ' +
              'scholar as 60万 research grant (natural sciences; 20万 humanities) + 20万 post allowance + 20万 team allowance; ' +
              'no 2021 figure published',
            assumption: true,
          },
        ],
        branch: '八桂学者 (letter 一(五)): 3 × 1000000.00',
        result: '3000000.00',
      },
      {
        step: 'rounding',
        rule: 'entitlement = the amount rounded down to rounding_unit',
        inputs: { amount: '3000000.00' },
        parameters: [{ path: 'talent.rounding_unit', value: '0.01', source: 'Bagui: awards are paid to the fen', assumption: false }],
        branch: 'already a whole unit',
        result: '3000000.00',
      },
    ]);
  });

  it('a head count of 0 is entitled to 0, and says so', () => {
    const r = evaluateOne({ programme: 'agri_tech_service', head_count: '0' });
    expect(r.entitlement).toBe('0.00');
    expect(r.trace[0]).toMatchObject({ branch: 'head count 0: nothing to pay', result: '0.00' });
  });

  it('a reformed stipend is used exactly, and rounding down to the unit happens once, at the end', () => {
    const reform = [
      { path: 'talent.stipend.agri_tech_service', value: '12345.67' },
      { path: 'talent.rounding_unit', value: '100' },
    ];
    // 3 × 12,345.67 = 37,037.01 exactly, rounded down to 37,000.00 (by 37.01).
    const r = evaluateOne({ programme: 'agri_tech_service', head_count: 3 }, reform);
    expect(r.trace.map((s) => [s.step, s.branch, s.result])).toEqual([
      ['stipend', '农业科技人才服务 (letter 一(五)): 3 × 12345.67', '37037.01'],
      ['rounding', 'rounded down by 37.01', '37000.00'],
    ]);
    expect(r.entitlement).toBe('37000.00');
  });

  it('the programme named in the next steps (二 六是) cites that section', () => {
    expect(evaluateOne({ programme: 'distinguished_expert', head_count: 2 }).trace[0]?.branch).toBe(
      '特聘专家 (letter 二 六是): 2 × 200000.00',
    );
  });
});
