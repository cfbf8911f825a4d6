import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/index.js';
import { parameterRegistry } from '../programmes/index.js';
import { GUANGXI_2021, parseScenario, type ScenarioFile } from '../scenario/index.js';
import { compareScenario, parseReform, reformProblems, scenarioHash } from './index.js';

const scenario = unwrap(parseScenario(GUANGXI_2021));
const reform = (overrides: unknown[], name = 'r') => unwrap(parseReform({ name, overrides }, parameterRegistry));

describe("a scenario's identity by content", () => {
  const hashOf = (file: ScenarioFile): string => scenarioHash(unwrap(parseScenario(file)));

  it('renaming, re-titling or re-describing it, or relabelling a source, keeps the hash', () => {
    const h = hashOf(GUANGXI_2021);
    expect(hashOf({ ...GUANGXI_2021, name: 'renamed', title: 'Another title', description: 'words' })).toBe(h);
    const relabelled = GUANGXI_2021.sources.map((s, i) =>
      i === 0 ? { ...s, label: { zh: '新名称', en: 'new name' }, citation: 'elsewhere' } : s,
    );
    expect(hashOf({ ...GUANGXI_2021, sources: relabelled })).toBe(h);
  });

  it('a changed envelope or parameter changes it', () => {
    const h = hashOf(GUANGXI_2021);
    expect(hashOf({ ...GUANGXI_2021, reform: [{ path: 'rd_incentive.firm_cap', value: '1000万' }] })).not.toBe(h);
    expect(hashOf({ ...GUANGXI_2021, date: '2021-09-24' })).not.toBe(h);
  });

  it('an exclusion list, an enterprise cap, a rule for unallocated money or co-financing changes it; a ⚠ note does not', () => {
    const h = hashOf(GUANGXI_2021);
    const variants: ScenarioFile[] = [
      { ...GUANGXI_2021, exclusions: [{ id: 'RD-0001', kind: 'blacklist', reason: 'x' }] },
      { ...GUANGXI_2021, enterpriseCap: { amount: '800万', citation: 'x' } },
      { ...GUANGXI_2021, unallocated: 'return' },
      {
        ...GUANGXI_2021,
        programmes: GUANGXI_2021.programmes.map((p, i) => (i === 1 ? { ...p, cofinancing: { regional: '0.7', citation: 'x' } } : p)),
      },
    ];
    const hashes = variants.map(hashOf);
    for (const v of hashes) expect(v).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
    const noted = GUANGXI_2021.programmes.map((p, i) => (i === 0 ? { ...p, assumptions: ['⚠ another reason'] } : p));
    expect(hashOf({ ...GUANGXI_2021, programmes: noted })).toBe(h);
  });
});

describe('compareScenario: guangxi-2021', () => {
  const c = unwrap(compareScenario(scenario, [reform([{ path: 'rd_incentive.increment.cap_above', value: '800万' }], 'cap-800')]));
  const [r] = c.reforms;
  if (r === undefined) throw new Error('no reform compared');

  it('only the programme the reform touches changes: cost by programme', () => {
    const changed = r.programmes.filter((p) => p.diff.awards.unchanged !== p.diff.totals.baseline.recipients).map((p) => p.id);
    expect(changed).toEqual(['rd_incentive']);
    const rd = r.programmes.find((p) => p.id === 'rd_incentive');
    expect(rd?.summary.changes.map((x) => [x.path, x.baseline, x.reform])).toEqual([
      ['rd_incentive.increment.cap_above', '5000000.00', '8000000.00'],
    ]);
    // The envelope is paid out in full either way: the reform moves money between firms.
    expect(rd?.diff.totals.change.awarded).toBe(0);
    expect(rd?.diff.totals.change.entitlement).toBeGreaterThan(0);
    expect(r.programmes.map((p) => p.summary.changes.length)).toEqual(
      c.baseline.programmes.map((p) => (p.entry.id === 'rd_incentive' ? 1 : 0)),
    );
  });

  it('and by funding source, which still balances', () => {
    for (const s of r.sources) {
      expect(s.reform.awarded + s.reform.unallocated).toBe(s.baseline.awarded + s.baseline.unallocated);
    }
    expect(r.totals.change.awarded).toBe(r.sources.reduce((x, s) => x + s.change.awarded, 0));
    expect(c.scenario.key).toBe(`${scenarioHash(scenario)}@0.1.0`);
  });

  it('comparing the scenario with itself changes nothing', () => {
    const same = unwrap(compareScenario(scenario, [reform([])]));
    for (const p of same.reforms[0]?.programmes ?? []) {
      expect(p.diff.awardChange.every((d) => d === 0)).toBe(true);
      expect(p.diff.entitlementChange.every((d) => d === 0)).toBe(true);
    }
  });

  it('refuses a reform of a programme the scenario does not fund', () => {
    const small = unwrap(
      parseScenario({
        ...GUANGXI_2021,
        programmes: GUANGXI_2021.programmes.filter((p) => p.programme === 'talent'),
        sources: GUANGXI_2021.sources.filter((s) => s.key === 'talent_fund'),
      }),
    );
    const out = compareScenario(small, [reform([{ path: 'rd_incentive.firm_cap', value: '1000万' }], 'firm-cap')]);
    expect(out.ok ? [] : out.problems.map((p) => [p.code, p.message])).toEqual([
      [
        'REFORM.NOT_IN_SCENARIO',
        'reform "firm-cap" sets rd_incentive.firm_cap, but the scenario guangxi-2021 has no rd_incentive programme: it would change nothing',
      ],
    ]);
  });

  it('reformProblems finds, before anything is evaluated, what compareScenario would refuse', () => {
    const small = unwrap(
      parseScenario({
        ...GUANGXI_2021,
        programmes: GUANGXI_2021.programmes.filter((p) => p.programme === 'talent'),
        sources: GUANGXI_2021.sources.filter((s) => s.key === 'talent_fund'),
      }),
    );
    const outside = reform([{ path: 'rd_incentive.firm_cap', value: '1000万' }], 'firm-cap');
    const refused = compareScenario(small, [outside]);
    expect(reformProblems(small, outside)).toEqual(refused.ok ? [] : refused.problems);
    expect(reformProblems(scenario, reform([{ path: 'rd_incentive.firm_cap', value: '1000万' }]))).toEqual([]);
  });

  it('locates a failure that only the reformed scenario has at the reform, by its index', () => {
    const talentOnly = GUANGXI_2021.programmes
      .filter((p) => p.programme === 'talent')
      .map((p) => ({ ...p, applicants: { records: [{ id: 'T1', programme: 'bagui_scholar', head_count: 100_000 }] } }));
    const small = unwrap(
      parseScenario({ ...GUANGXI_2021, programmes: talentOnly, sources: GUANGXI_2021.sources.filter((s) => s.key === 'talent_fund') }),
    );
    const huge = reform([{ path: 'talent.stipend.bagui_scholar', value: '1000000000000' }], 'huge');
    expect(reformProblems(small, huge)).toEqual([]);
    const out = compareScenario(small, [reform([{ path: 'talent.stipend.bagui_scholar', value: '0' }], 'none'), huge]);
    expect(out.ok ? [] : out.problems.map((p) => [p.code, p.location?.path, p.message.slice(0, 14)])).toEqual([
      ['ENTITLEMENT.TOO_LARGE', ['reforms', 1, 'programmes', 0], 'reform "huge":'],
    ]);
  });
});
