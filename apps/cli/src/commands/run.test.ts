import { describe, expect, it } from 'vitest';
import { run } from '../run.js';
import { memoryIo } from '../test-support/memory-io.js';
import { jsonErrorLocation } from './run.js';

describe('jsonErrorLocation', () => {
  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3 }],
    ['{"a": tru}', { line: 1, column: 10 }],
    ['{"a": 1}\nx', { line: 2, column: 1 }],
    ['[1, 2', { line: 1, column: 6 }],
  ])('%j fails at %j', (text, where) => {
    expect(jsonErrorLocation(text)).toEqual(where);
  });

  it('is undefined for valid JSON', () => {
    expect(jsonErrorLocation('{"a": [1, 2]}')).toBeUndefined();
  });
});

describe('bagui run (in memory)', () => {
  const scenario = {
    schemaVersion: 1,
    name: 'mem',
    title: 'In memory',
    date: '2021-06-30',
    sources: [{ key: 'a', label: { zh: '甲', en: 'A' }, citation: 'test' }],
    programmes: [
      { programme: 'nev_support', envelope: '100', citation: 'test', funding: { a: '100' }, applicants: { file: '../data/nev.csv' } },
    ],
  };

  it('reads the applicants file relative to the scenario file and computes the ledger', async () => {
    const io = memoryIo({ 'scenarios/mem.json': JSON.stringify(scenario), 'data/nev.csv': 'id,requested\nN1,60\nN2,90\n' });
    const code = await run(['run', 'scenarios/mem.json', '--format', 'json'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(io.out()) as { programmes: { totals: unknown }[]; sources: { awarded: string }[] };
    // N1 60 + N2 90 = 150 entitled, 100 pro rata: both applicants paid.
    expect(out.programmes[0]?.totals).toEqual({
      entitlement: '150.00',
      awarded: '100.00',
      unallocated: '0.00',
      recipients: 2,
      applicants: 2,
      paid: 2,
    });
    expect(out.sources[0]?.awarded).toBe('100.00');
  });

  it('a scenario that is valid JSON but not a scenario: exit 2, every problem with its path', async () => {
    const io = memoryIo({ 'bad.json': JSON.stringify({ ...scenario, schemaVersion: 2, date: 'soon' }) });
    expect(await run(['run', 'bad.json'], io)).toBe(2);
    expect(io.err().split('\n')).toEqual([
      'error: invalid scenario bad.json: 2 problems; nothing was computed',
      'at schemaVersion, value "2": schemaVersion must be 1, the only version of the scenario file so far [SCENARIO.INVALID]',
      'at date, value "soon": expected a date as YYYY-MM-DD [DATE.INVALID]',
      '',
    ]);
  });
});
