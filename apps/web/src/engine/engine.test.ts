import { GUANGXI_2021 } from '@bagui/core/scenario';
import { describe, expect, it } from 'vitest';
import { PlannerEngine } from './engine';

describe('PlannerEngine', () => {
  it('evaluates the built-in 2021 plan, every programme balancing to its envelope', () => {
    const engine = new PlannerEngine();
    const result = engine.evaluate(GUANGXI_2021);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.programmes).toHaveLength(GUANGXI_2021.programmes.length);
    for (const p of result.value.programmes) expect(p.awarded + p.unallocated).toBe(p.envelope);
  });
});
