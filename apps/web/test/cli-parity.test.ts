// @vitest-environment node
import { formatJson } from '@bagui/core/money';
import { GUANGXI_2021, type ScenarioFile } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { PlannerEngine } from '../src/engine/engine';
import { bagui, CLI_EXAMPLES, text, VECTORS } from './support';

/** One R&D programme on a file, as the planner builds it when a person imports that file. */
function scenarioOf(path: string, budget: string, method: string, date: string, reform: ScenarioFile['reform'] = []): ScenarioFile {
  return {
    schemaVersion: 1,
    name: 'parity',
    title: 'parity',
    date,
    sources: [{ key: 'innovation_fund', label: { zh: '创新驱动发展专项资金', en: 'Innovation fund' }, citation: 'test' }],
    programmes: [
      {
        programme: 'rd_incentive',
        envelope: budget,
        citation: 'test',
        method,
        ...(reform.length === 0 ? {} : { reform }),
        funding: { innovation_fund: budget },
        applicants: { file: path },
      },
    ],
  };
}

interface CliOutput {
  readonly totals: Record<string, string | number>;
  readonly enterprises: readonly { id: string; entitlement: string; award: string }[];
}

const CASES = [
  { file: VECTORS, name: 'rd-enterprises-67.csv', budget: '20000000', date: '2021-06-30' },
  { file: `${CLI_EXAMPLES}enterprises.csv`, name: 'enterprises.csv', budget: '2000万', date: '2021-06-30' },
  { file: `${CLI_EXAMPLES}enterprises-zh.csv`, name: 'enterprises-zh.csv', budget: '500万', date: '2021-06-30' },
];

describe('the planner’s engine gives the totals of bagui evaluate, byte for byte', () => {
  for (const c of CASES) {
    for (const method of ['pro_rata', 'uniform_cap', 'ranked']) {
      it(`${c.name}, ${c.budget}, ${method}`, () => {
        const engine = new PlannerEngine();
        const loaded = engine.loadApplicants('rd_incentive', c.name, text(c.file));
        expect(loaded.ok).toBe(true);
        const view = engine.programme(scenarioOf(c.name, c.budget, method, c.date), 'rd_incentive');
        if (!view.ok) throw new Error(JSON.stringify(view.problems));
        const cli = JSON.parse(
          bagui(['evaluate', 'rd_incentive', '--enterprises', c.file, '--budget', c.budget, '--date', c.date, '--method', method]),
        ) as CliOutput;
        const planner = {
          entitlement: formatJson(view.value.totals.entitlement),
          awarded: formatJson(view.value.totals.awarded),
          unallocated: formatJson(view.value.totals.unallocated),
          enterprises: view.value.totals.recipients,
        };
        expect(JSON.stringify(planner)).toBe(JSON.stringify(cli.totals));
        expect(view.value.ids).toEqual(cli.enterprises.map((e) => e.id));
        expect([...view.value.awards].map(formatJson)).toEqual(cli.enterprises.map((e) => e.award));
        expect([...view.value.entitlements].map(formatJson)).toEqual(cli.enterprises.map((e) => e.entitlement));
      });
    }
  }

  it('with a reform, as bagui evaluate --set', () => {
    const engine = new PlannerEngine();
    engine.loadApplicants('rd_incentive', 'v.csv', text(VECTORS));
    const reform = [
      { path: 'rd_incentive.increment.cap_above', value: '800万' },
      { path: 'rd_incentive.increment.tiers_above', value: '[{"min_intensity":"0","rate":"0.12"}]' },
    ];
    const view = engine.programme(scenarioOf('v.csv', '20000000', 'pro_rata', '2021-06-30', reform), 'rd_incentive');
    if (!view.ok) throw new Error(JSON.stringify(view.problems));
    const cli = JSON.parse(
      bagui([
        'evaluate',
        'rd_incentive',
        '--enterprises',
        VECTORS,
        '--budget',
        '20000000',
        '--date',
        '2021-06-30',
        '--totals-only',
        '--set',
        'rd_incentive.increment.cap_above=800万',
        '--set',
        'rd_incentive.increment.tiers_above=[{"min_intensity":"0","rate":"0.12"}]',
      ]),
    ) as CliOutput;
    expect(formatJson(view.value.totals.entitlement)).toBe(cli.totals.entitlement);
    expect(formatJson(view.value.totals.awarded)).toBe(cli.totals.awarded);
    expect(formatJson(view.value.totals.unallocated)).toBe(cli.totals.unallocated);
  });

  it('runs the built-in 2021 plan to the totals of bagui run, byte for byte', () => {
    const engine = new PlannerEngine();
    const cli = JSON.parse(bagui(['run', 'guangxi-2021', '--format', 'json'])) as { totals: unknown };
    const view = engine.evaluate(GUANGXI_2021);
    if (!view.ok) throw new Error(JSON.stringify(view.problems));
    expect(view.value.totalsJson).toBe(JSON.stringify(cli.totals, null, 2));
  });
});
