import { describe, expect, it } from 'vitest';
import { run } from '../cli.js';
import { memoryIo } from '../test-support/memory-io.js';

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

  it('reads the scenario file as the API reads a JSON body: a key twice, nesting too deep and bad syntax refused at line and column', async () => {
    const cases: [string, string[]][] = [
      [
        '{"name": "a",\n "name": "b"}',
        [
          'error: s.json has a key twice; nothing was computed',
          'at name: "name" is given twice in one object (line 2, column 2): give each field once [JSON.DUPLICATE_KEY]',
        ],
      ],
      [
        `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`,
        [
          'error: s.json is nested too deep; nothing was computed',
          `at ${['a', ...Array<number>(63).fill(0)].join('.')}: objects and arrays are nested more than 64 deep (line 1, column 70): at most 64 levels are read [JSON.TOO_DEEP]`,
        ],
      ],
      [
        '{"a": tru}',
        [
          'error: s.json is not valid JSON; nothing was computed',
          'expected a value (object, array, string, number, true, false or null) at line 1, column 7, found "tru}" [JSON.SYNTAX]',
        ],
      ],
    ];
    for (const [text, lines] of cases) {
      const io = memoryIo({ 's.json': text });
      expect(await run(['run', 's.json'], io)).toBe(2);
      expect(io.err().split('\n')).toEqual([...lines, '']);
    }
  });

  it('refuses a __proto__ key in a scenario or its funding as an unknown field, never dropping it', async () => {
    const text = JSON.stringify(scenario).replace('"funding":{"a":"100"}', '"funding":{"a":"100","__proto__":"5"}');
    const io = memoryIo({ 's.json': text, 'data/nev.csv': 'id,requested\nN1,60\n' });
    expect(await run(['run', 's.json'], io)).toBe(2);
    expect(io.err()).toContain('at programmes.0.funding.__proto__: unknown field "__proto__"');
  });
});
