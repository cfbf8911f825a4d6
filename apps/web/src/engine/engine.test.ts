import { formatJson } from '@bagui/core/money';
import { GUANGXI_2021, type ScenarioFile } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { setApplicants, setOverride } from '../state/scenario-edit';
import { EngineClient } from './client';
import { PlannerEngine } from './engine';
import { inProcessWorker } from './in-process';

const BROKEN = 'id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,1000万,50万,40万\nE2,sideways,1000万,-5,40万\n';
const GOOD = 'id,scale,revenue,rd_expense,rd_expense_prev,city\nE1,above,1000万,50万,40万,南宁\nE2,below,500万,30万,10万,柳州\n';

describe('PlannerEngine', () => {
  it('evaluates the built-in 2021 plan, every programme and funding line balancing to its envelope', () => {
    const result = new PlannerEngine().evaluate(GUANGXI_2021);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.programmes.map((p) => p.programme)).toEqual(GUANGXI_2021.programmes.map((p) => p.programme));
    for (const p of result.value.programmes) expect(p.awarded + p.unallocated).toBe(p.envelope);
    for (const f of result.value.flows) expect(f.awarded + f.unallocated).toBe(f.allocated);
    expect(result.value.totals.awarded + result.value.totals.unallocated).toBe(result.value.totals.envelope);
  });

  it('reports a broken applicants file at its lines and columns, and reads nothing from it', () => {
    const engine = new PlannerEngine();
    const read = engine.loadApplicants('rd_incentive', 'broken.csv', BROKEN);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.location?.line, p.location?.column, p.location?.value])).toEqual([
      [3, 'scale', 'sideways'],
      [3, 'rd_expense', '-5'],
    ]);
    const named = setApplicants(GUANGXI_2021, 'rd_incentive', { file: 'broken.csv' });
    const result = engine.evaluate(named);
    expect(result.ok ? '' : result.problems[0]?.code).toBe('APPLICANTS.NOT_LOADED');
    expect(result.ok ? undefined : result.problems[0]?.location?.path).toEqual(['programmes', 2, 'applicants', 'file']);
  });

  it('recomputes a programme on a loaded file, with its groups, traces and the three methods', () => {
    const engine = new PlannerEngine();
    expect(engine.loadApplicants('rd_incentive', 'good.csv', GOOD)).toEqual({
      ok: true,
      value: { path: 'good.csv', programme: 'rd_incentive', count: 2 },
    });
    const file = setApplicants(GUANGXI_2021, 'rd_incentive', { file: 'good.csv' });
    const view = engine.programme(file, 'rd_incentive');
    if (!view.ok) throw new Error(JSON.stringify(view.problems));
    expect(view.value.ids).toEqual(['E1', 'E2']);
    expect(view.value.groups.city).toEqual(['南宁', '柳州']);
    expect(view.value.methods.map((m) => m.method)).toEqual(['pro_rata', 'uniform_cap', 'ranked']);
    // E1 above: intensity 50万 / 1000万 = 5% → tier 3, 20%; increment 10万 × 20% = 2万. E2 below: increment 20万 × 8% = 1.6万.
    expect([...view.value.entitlements].map(formatJson)).toEqual(['20000.00', '16000.00']);
    const trace = engine.trace(file, 'rd_incentive', 0);
    expect(trace.ok ? trace.value.map((s) => s.step) : []).toContain('increment_award');
    expect(engine.trace(file, 'rd_incentive', 5).ok).toBe(false);
  });

  it('compares reforms on the scenario, each with its summary in Chinese and English', () => {
    const compared = new PlannerEngine().compare(GUANGXI_2021, [
      { name: 'cap-800', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '800万' }] },
      { name: 'talent-up', overrides: [{ path: 'rd_incentive.increment.rate_below', value: '0.1' }] },
    ]);
    if (!compared.ok) throw new Error(JSON.stringify(compared.problems));
    const [cap] = compared.value.reforms;
    expect(cap?.summary.zh.some((l) => l.includes('规上企业增量奖励上限：500万元 → 800万元'))).toBe(true);
    expect(cap?.summary.en.some((l) => l.includes('Increment award cap, above-scale firms: ¥5,000,000.00 → ¥8,000,000.00'))).toBe(true);
    expect(cap?.programmes.find((p) => p.programme === 'rd_incentive')?.change).toBe(0);
  });

  it('refuses a reform at its place in the list', () => {
    const compared = new PlannerEngine().compare(GUANGXI_2021, [
      { name: 'ok', overrides: [] },
      { name: 'bad', overrides: [{ path: 'rd_incentive.increment.cap_above', value: '-1' }] },
    ]);
    expect(compared.ok ? undefined : compared.problems[0]?.location?.path?.slice(0, 2)).toEqual(['reforms', 1]);
  });

  it('sweeps a cap on one axis and a grid of two', () => {
    const engine = new PlannerEngine();
    const line = engine.sweep(GUANGXI_2021, 'rd_incentive', [
      { path: 'rd_incentive.increment.cap_above', from: '1000000', to: '10000000', step: '1000000' },
    ]);
    if (!line.ok) throw new Error(JSON.stringify(line.problems));
    expect(line.value.points).toHaveLength(10);
    for (const p of line.value.points) expect(p.cost + p.unallocated).toBe(40_700_000_000);
    const grid = engine.sweep(GUANGXI_2021, 'rd_incentive', [
      { path: 'rd_incentive.increment.cap_above', from: '1000000', to: '3000000', step: '1000000' },
      { path: 'budget', from: '1亿', to: '5亿', step: '2亿' },
    ]);
    expect(grid.ok ? grid.value.points.length : 0).toBe(9);
    const bad = engine.sweep(GUANGXI_2021, 'rd_incentive', [{ path: 'rd_incentive.increment.tiers_above', from: '0', to: '1', step: '1' }]);
    expect(bad.ok ? '' : bad.problems[0]?.code).toBe('SWEEP.NOT_STEPPABLE');
  });

  it('exports every recipient with its award by funding source', () => {
    const engine = new PlannerEngine();
    const rows = engine.exportResults(GUANGXI_2021);
    const plan = engine.evaluate(GUANGXI_2021);
    if (!rows.ok || !plan.ok) throw new Error('no rows');
    const [header, ...body] = rows.value;
    expect(header?.slice(0, 6)).toEqual(['programme_id', 'programme', 'programme_zh', 'recipient', 'entitlement', 'award']);
    expect(body.length).toBe(plan.value.totals.recipients);
    expect(header?.slice(6)).toEqual(GUANGXI_2021.sources.map((s) => s.key));
  });
});

describe('EngineClient', () => {
  it('answers each request with its own result and the time the engine took', async () => {
    const client = new EngineClient(() => inProcessWorker());
    const edited: ScenarioFile = setOverride(GUANGXI_2021, 'rd_incentive', { path: 'rd_incentive.increment.cap_above', value: 'x' });
    const [good, bad] = await Promise.all([
      client.request({ kind: 'evaluate', scenario: GUANGXI_2021 }),
      client.request({ kind: 'evaluate', scenario: edited }),
    ]);
    expect(good.result.ok).toBe(true);
    expect(good.ms).toBeGreaterThanOrEqual(0);
    expect(bad.result.ok ? '' : bad.result.problems[0]?.location?.path).toEqual(['programmes', 2, 'reform', 0, 'value']);
  });
});
