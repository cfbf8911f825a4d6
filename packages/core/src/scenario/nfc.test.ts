import { describe, expect, it } from 'vitest';
import { valueOf } from '../programmes/common/test-support/index.js';
import { runScenario } from './evaluate.js';
import { scenarioResultToJson } from './output.js';
import { parseScenario } from './parse.js';

const composed = 'caf\u00e9';
const decomposed = 'cafe\u0301';

const scenario = (extra: Record<string, unknown>, cofinancing?: Record<string, unknown>): unknown => ({
  schemaVersion: 1,
  name: 'nfc',
  title: 'NFC',
  date: '2021-09-23',
  sources: [{ key: 'fund', label: { zh: '资金', en: 'Fund' }, citation: 'test' }],
  ...extra,
  programmes: [
    {
      programme: 'nev_support',
      envelope: '100万',
      citation: 'test',
      funding: { fund: '100万' },
      ...(cofinancing === undefined ? {} : { cofinancing }),
      applicants: {
        records: [
          { id: composed, requested: '60万', city: composed },
          { id: 'N2', requested: '30万', city: composed },
        ],
      },
    },
  ],
});

describe('a scenario matches ids and cities in NFC, as the applicants are read', () => {
  it('an exclusion names an applicant by its id in either spelling', () => {
    const exclusions = [{ id: decomposed, kind: 'blacklist', reason: '列入严重失信主体名单' }];
    const json = scenarioResultToJson(valueOf(runScenario(scenario({ exclusions }))));
    expect(json.programmes[0]?.excluded).toEqual([{ id: composed, kind: 'blacklist', reason: '列入严重失信主体名单' }]);
  });

  it('a city’s share applies in either spelling; the same city twice in two spellings is refused', () => {
    const cofinancing = { regional: '0.5', cities: { [decomposed]: '1' }, citation: 'test' };
    const parsed = valueOf(parseScenario(scenario({}, cofinancing)));
    expect([...(parsed.programmes[0]?.cofinancing?.cities.keys() ?? [])]).toEqual([composed]);
    const twice = parseScenario(scenario({}, { ...cofinancing, cities: { [decomposed]: '1', [composed]: '0.5' } }));
    expect(twice.ok ? [] : twice.problems.map((p) => [p.code, p.location?.path])).toEqual([
      ['SCENARIO.INVALID', ['programmes', 0, 'cofinancing', 'cities', composed]],
    ]);
  });
});
