import { describe, expect, it } from 'vitest';
import { unwrap } from '../errors/index.js';
import { yuan } from '../money/index.js';
import { findProgramme, programmeRegistry } from './catalogue.js';
import { outcomeJsonChunks } from './output.js';

const found = findProgramme('talent');
if (found === undefined) throw new Error('no talent programme');
const talent = found;

function outcome(budget: number) {
  const lines = unwrap(
    talent.readApplicants([
      { id: 'L1', programme: 'bagui_scholar', head_count: 2 },
      { id: 'L2', programme: 'academician_reserve', head_count: '3' },
    ]),
  );
  const parameters = unwrap(programmeRegistry('talent').resolve('2021-06-30'));
  return unwrap(talent.evaluate(lines, parameters, { budget: yuan(budget), method: 'pro_rata' }));
}

describe('outcomeJsonChunks', () => {
  it('writes totals and every recipient with entitlement, award and trace, as valid JSON', () => {
    const o = outcome(1_000_000);
    const json = JSON.parse([...outcomeJsonChunks(o)].join('')) as Record<string, unknown> & {
      recipients: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    expect(json.program).toBe('talent');
    expect(json.budget).toBe('1000000.00');
    expect(json.totals).toEqual({
      entitlement: (o.totals.entitlement / 100).toFixed(2),
      awarded: (o.totals.awarded / 100).toFixed(2),
      unallocated: (o.totals.unallocated / 100).toFixed(2),
      recipients: 2,
    });
    expect(json.recipients.map((r) => r.id)).toEqual(['L1', 'L2']);
    expect(json.recipients[0]?.trace).toEqual(o.trace(0));
    const awarded = json.recipients.reduce((s, r) => s + Math.round(Number(r.award) * 100), 0);
    expect(awarded).toBe(o.totals.awarded);
  });

  it('writes only the header with totalsOnly, and an empty list for no recipients', () => {
    const o = outcome(0);
    const head = JSON.parse([...outcomeJsonChunks(o, { totalsOnly: true })].join('')) as Record<string, unknown>;
    expect(Object.keys(head)).toEqual(['program', 'programme', 'budget', 'method', 'totals']);
    const none = unwrap(
      talent.evaluate(unwrap(talent.readApplicants([])), unwrap(programmeRegistry('talent').resolve('2021-06-30')), {
        budget: yuan(5),
        method: 'pro_rata',
      }),
    );
    expect(JSON.parse([...outcomeJsonChunks(none)].join(''))).toMatchObject({
      recipients: [],
      totals: { recipients: 0, unallocated: '5.00' },
    });
  });
});
