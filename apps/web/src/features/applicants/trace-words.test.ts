import { findProgramme } from '@bagui/core/programmes';
import { GUANGXI_2021 } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { PlannerEngine } from '../../engine/engine';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { setMethod } from '../../state/scenario-edit';
import { branchPhrases, fenOf, inputArg, parameterArg, resultArg, type Phrase } from './trace-words';

const keysOf = (phrases: readonly Phrase[]): string[] => phrases.map((p) => p.key);

describe('the words of an explanation trace', () => {
  it('reads core’s exact yuan as integer fen, and nothing else', () => {
    expect(fenOf('4047949.99')).toBe(404_794_999);
    expect(fenOf('-0.40')).toBe(-40);
    expect(fenOf('0.05')).toBe(5);
    expect(fenOf('77.1')).toBeUndefined();
    expect(fenOf('≈0.04695901')).toBeUndefined();
  });

  it('turns each kind of branch into catalogue phrases with their amounts, rates, counts and dates', () => {
    expect(branchPhrases('rounded down by 0.40')).toEqual([{ key: 'roundedDown', args: { amount: { kind: 'money', fen: 40 } } }]);
    expect(branchPhrases('share ≈2143.198051; one more rounding unit from the largest-remainder step')).toEqual([
      { key: 'share', args: { share: { kind: 'approxYuan', text: '≈2143.198051' } } },
      { key: 'extraUnit', args: {} },
    ]);
    expect(branchPhrases('tier 3: min_intensity 0.05 ≤ intensity, rate 0.20')).toEqual([
      {
        key: 'tier',
        args: { tier: { kind: 'count', text: '3' }, min: { kind: 'rate', text: '0.05' }, rate: { kind: 'rate', text: '0.20' } },
      },
    ]);
    expect(keysOf(branchPhrases('not met: rd_expense below special.min_rd_expense; intensity below special.min_intensity'))).toEqual([
      'notMet',
      'specialRdExpense',
      'specialIntensity',
    ]);
    expect(
      branchPhrases('priority class 1 (chosen on merit (择优)), the class the budget ran out in, shared: after the cut-off: 0'),
    ).toEqual([
      { key: 'classShared', args: { class: { kind: 'count', text: '1' }, label: { kind: 'word', key: 'branch.classMerit' } } },
      { key: 'afterCutoff', args: {} },
    ]);
    expect(branchPhrases('high-tech certificate of 2017-05-01 expired on 2020-05-01: not high-tech on 2021-06-30')).toEqual([
      {
        key: 'highTechExpired',
        args: {
          issued: { kind: 'date', iso: '2017-05-01' },
          expiry: { kind: 'date', iso: '2020-05-01' },
          on: { kind: 'date', iso: '2021-06-30' },
        },
      },
    ]);
    expect(branchPhrases('八桂学者 (letter 一(五)): 3 × 1000000.00')).toEqual([
      {
        key: 'stipend',
        args: {
          programme: { kind: 'text', text: '八桂学者' },
          citation: { kind: 'citation', text: 'letter 一(五)' },
          heads: { kind: 'count', text: '3' },
          amount: { kind: 'money', fen: 100_000_000 },
        },
      },
    ]);
    // An exclusion's reason is the scenario's own text, kept whole even with a `; ` in it.
    expect(branchPhrases('excluded: 公示异议; 信用黑名单')).toEqual([
      { key: 'excluded', args: { reason: { kind: 'text', text: '公示异议; 信用黑名单' } } },
    ]);
    expect(branchPhrases('something core says tomorrow')).toEqual([
      { key: 'raw', args: { text: { kind: 'text', text: 'something core says tomorrow' } } },
    ]);
  });

  it('reads results, inputs and parameter values by what they are', () => {
    expect(resultArg('intensity', '≈0.04695901')).toEqual({ kind: 'rate', text: '0.04695901' });
    expect(resultArg('intensity', '0.05')).toEqual({ kind: 'rate', text: '0.05' });
    expect(resultArg('eligibility', 'eligible')).toEqual({ kind: 'word', key: 'branch.eligible' });
    expect(resultArg('envelope', '11304.84')).toEqual({ kind: 'money', fen: 1_130_484 });
    expect(inputArg('rank', '43')).toEqual({ kind: 'count', text: '43' });
    expect(inputArg('super_deduction', 'true')).toEqual({ kind: 'word', key: 'branch.yes' });
    expect(inputArg('priority_class', '0: 新获批国家高新区, 措施(一): granted outright')).toEqual({
      kind: 'word',
      key: 'branch.classGranted',
    });
    expect(inputArg('budget', '407000000.00')).toEqual({ kind: 'money', fen: 40_700_000_000 });
    expect(parameterArg('ratio', '0.20')).toEqual({ kind: 'rate', text: '0.20' });
    expect(parameterArg('CNY', '5000000.00')).toEqual({ kind: 'money', fen: 500_000_000 });
    expect(parameterArg('tiers', '[{"min_intensity":"0.00","rate":"0.10"}]')).toEqual([
      { key: 'tierValue', args: { min: { kind: 'rate', text: '0.00' }, rate: { kind: 'rate', text: '0.10' } } },
    ]);
  });

  it('knows every branch of every recipient of the built-in 2021 plan under each envelope method, in both catalogues', () => {
    const engine = new PlannerEngine();
    const seen = new Set<string>();
    for (const entry of GUANGXI_2021.programmes) {
      const id = entry.id ?? entry.programme;
      for (const method of findProgramme(entry.programme)?.methods ?? []) {
        const file = setMethod(GUANGXI_2021, id, method);
        const view = engine.programme(file, id);
        if (!view.ok) throw new Error(view.problems[0]?.message);
        const n = view.value.ids.length;
        const step = Math.max(1, Math.floor(n / 150));
        for (let i = 0; i < n; i += step) {
          const trace = engine.trace(file, id, i);
          if (!trace.ok) throw new Error(trace.problems[0]?.message);
          for (const s of trace.value) {
            if (s.branch === undefined) continue;
            for (const phrase of branchPhrases(s.branch)) {
              expect(phrase.key, `${id} ${method} ${s.step}: ${s.branch}`).not.toBe('raw');
              seen.add(phrase.key);
            }
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(30);
    for (const key of seen) {
      expect(Object.keys(zhCN.branch)).toContain(key);
      expect(Object.keys(en.branch)).toContain(key);
    }
  });
});
