import { describe, expect, it } from 'vitest';
import { formatProblem } from '../errors/index.js';
import { parseScenario } from './parse.js';
import { problems, smallScenario } from './test-support/index.js';

describe('parseScenario accepts', () => {
  it('a small scenario, with envelope and funding amounts in any spelling or as JSON numbers of yuan', () => {
    const r = parseScenario(smallScenario());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [talent] = r.value.programmes;
    expect(talent).toMatchObject({ id: 'talent', envelope: 1_000_000_000, method: 'ranked', date: '2021-06-30' });
    expect(talent?.funding).toEqual([
      { source: 'a', amount: 700_000_000 },
      { source: 'b', amount: 300_000_000 },
    ]);
  });
});

describe('FUNDING.SPLIT_MISMATCH says by how much the funding misses the envelope', () => {
  it('short by 0.01', () => {
    const r = parseScenario(
      smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], funding: { a: '700万', b: '2999999.99' } })),
    );
    expect(problems(r)).toEqual([
      {
        code: 'FUNDING.SPLIT_MISMATCH',
        path: 'programmes.0.funding',
        message:
          'the funding adds up to ¥9,999,999.99, ¥0.01 short of the envelope ¥10,000,000.00: the sources of a programme must add up to its envelope exactly, to the fen',
      },
    ]);
  });

  it('over by 0.01', () => {
    const r = parseScenario(smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], funding: { a: '700万', b: 3000000.01 } })));
    expect(r.ok ? '' : formatProblem(r.problems[0] ?? { code: '', message: '' })).toBe(
      'at programmes.0.funding, value "10000000.01": the funding adds up to ¥10,000,000.01, ¥0.01 over the envelope ¥10,000,000.00: ' +
        'the sources of a programme must add up to its envelope exactly, to the fen [FUNDING.SPLIT_MISMATCH]',
    );
  });
});

describe('parseScenario refuses, with JSON paths', () => {
  it('an unknown programme', () => {
    expect(problems(parseScenario(smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], programme: 'roads' }))))).toEqual([
      {
        code: 'SCENARIO.UNKNOWN_PROGRAMME',
        path: 'programmes.0.programme',
        message:
          'unknown programme "roads"; choose one of guidance_fund, tech_upgrade, rd_incentive, nev_support, hitech_zones, talent, digital_subsidy',
      },
    ]);
  });

  it('an unknown field, with the field it was probably meant to be', () => {
    const r = parseScenario(
      smallScenario((f) => {
        const { envelope, ...rest } = f.programmes[0] ?? {};
        f.programmes[0] = { ...rest, envelop: envelope };
        f.colour = 'red';
      }),
    );
    expect(problems(r)).toEqual([
      { code: 'SCENARIO.UNKNOWN_FIELD', path: 'colour', message: 'unknown field "colour": remove it or correct its name' },
      {
        code: 'SCENARIO.REQUIRED',
        path: 'programmes.0.envelope',
        message:
          'envelope is required; expected an amount in yuan: text in any accepted spelling ("1.5亿", "150,000,000.00") or a JSON number of yuan (150000000)',
      },
      {
        code: 'SCENARIO.UNKNOWN_FIELD',
        path: 'programmes.0.envelop',
        message: 'unknown field "envelop" (did you mean "envelope"?): remove it or correct its name',
      },
    ]);
  });

  it('a bad date, at the scenario and in a programme', () => {
    expect(problems(parseScenario(smallScenario((f) => void (f.date = '2021-02-30'))))).toEqual([
      { code: 'DATE.INVALID', path: 'date', message: 'not a calendar date' },
    ]);
    expect(problems(parseScenario(smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], date: '30/06/2021' }))))).toEqual([
      { code: 'DATE.INVALID', path: 'programmes.0.date', message: 'expected a date as YYYY-MM-DD' },
    ]);
  });

  it('a date on which the programme has no parameters, at the date that chose it', () => {
    expect(problems(parseScenario(smallScenario((f) => void (f.date = '2020-06-30'))))).toEqual([
      {
        code: 'PARAMETER.NO_VALUE_ON_DATE',
        path: 'date',
        message:
          'talent: 6 parameters have no value on 2020-06-30; the earliest values are in force from 2021-01-01: choose a date on or after it',
      },
    ]);
  });

  it('the wrong schema version, a missing title and a bad amount, all at once', () => {
    const r = parseScenario(
      smallScenario((f) => {
        f.schemaVersion = 2;
        delete f.title;
        f.programmes[0] = { ...f.programmes[0], envelope: true };
      }),
    );
    expect(problems(r).map((p) => [p.code, p.path])).toEqual([
      ['SCENARIO.INVALID', 'schemaVersion'],
      ['SCENARIO.REQUIRED', 'title'],
      ['SCENARIO.INVALID', 'programmes.0.envelope'],
    ]);
  });

  it('amounts that are not amounts, and sources the scenario does not declare', () => {
    const r = parseScenario(
      smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], envelope: '1.234', funding: { a: '-5', c: '1' } })),
    );
    expect(problems(r).map((p) => [p.code, p.path])).toEqual([
      ['AMOUNT.TOO_MANY_DECIMALS', 'programmes.0.envelope'],
      ['AMOUNT.NEGATIVE', 'programmes.0.funding.a'],
      ['FUNDING.UNKNOWN_SOURCE', 'programmes.0.funding.c'],
    ]);
    expect(problems(r)[2]?.message).toBe('unknown funding source "c": the scenario\'s sources are a, b');
  });

  it('an unknown method, two entries of one programme without ids, and applicants given two ways', () => {
    const r = parseScenario(
      smallScenario((f) => {
        const first = f.programmes[0] ?? {};
        f.programmes.push({ ...first, method: 'lottery', applicants: { records: [], generate: { count: 1, seed: 1 } } });
      }),
    );
    expect(problems(r)).toEqual([
      {
        code: 'SCENARIO.DUPLICATE_PROGRAMME',
        path: 'programmes.1.programme',
        message: 'two programmes are called talent: give each its own "id", e.g. "talent_2"',
      },
      {
        code: 'METHOD.UNKNOWN',
        path: 'programmes.1.method',
        message: 'unknown envelope method "lottery"; talent takes pro_rata, uniform_cap, ranked',
      },
      {
        code: 'SCENARIO.APPLICANTS',
        path: 'programmes.1.applicants',
        message: 'give the applicants one way, not generate and records: keep one of them',
      },
    ]);
  });

  it('a reform: a parameter of another programme, a wrong value, a duplicate — each at its place in the list', () => {
    const r = parseScenario(
      smallScenario((f) => {
        f.programmes[0] = {
          ...f.programmes[0],
          reform: [
            { path: 'rd_incentive.firm_cap', value: '1000万' },
            { path: 'talent.stipend.bagui_scholar', value: 'lots' },
            { path: 'talent.rounding_unit', value: '1' },
            { path: 'talent.rounding_unit', value: '100' },
          ],
        };
        f.reform = [{ path: 'nothing.here', value: '1' }];
      }),
    );
    expect(problems(r).map((p) => [p.code, p.path])).toEqual([
      ['PARAMETER.UNKNOWN', 'reform.0.path'],
      ['PARAMETER.WRONG_PROGRAMME', 'programmes.0.reform.0.path'],
      ['AMOUNT.INVALID', 'programmes.0.reform.1.value'],
      ['PARAMETER.DUPLICATE_OVERRIDE', 'programmes.0.reform.3.path'],
    ]);
    expect(problems(r)[1]?.message).toBe(
      "rd_incentive.firm_cap is a parameter of rd_incentive, not of talent: move it to that programme's reform, or to the scenario's",
    );
  });

  it('a generated population too large for its programme', () => {
    const r = parseScenario(
      smallScenario((f) => void (f.programmes[0] = { ...f.programmes[0], applicants: { generate: { count: 2_000_000, seed: 1 } } })),
    );
    expect(problems(r)).toEqual([
      {
        code: 'GENERATE.COUNT_INVALID',
        path: 'programmes.0.applicants.generate.count',
        message: 'the count must be a whole number from 0 to 1,000,000',
      },
    ]);
  });

  it('a broken programme entry hides no other problem: every entry is checked', () => {
    const r = parseScenario(
      smallScenario((f) => {
        const first = f.programmes[0] ?? {};
        f.programmes[0] = { ...first, funding: { a: '700万' } };
        f.programmes.push({ ...first, id: 'talent_2', applicants: { generate: { count: 1 } } });
        f.title = '';
      }),
    );
    expect(problems(r).map((p) => [p.code, p.path])).toEqual([
      ['SCENARIO.INVALID', 'title'],
      ['SCENARIO.REQUIRED', 'programmes.1.applicants.generate.seed'],
    ]);
    const fixed = parseScenario(
      smallScenario((f) => {
        const first = f.programmes[0] ?? {};
        f.programmes[0] = { ...first, funding: { a: '700万' } };
        f.programmes.push({ ...first, id: 'talent_2', applicants: { generate: { count: 1 } } });
      }),
    );
    expect(problems(fixed).map((p) => [p.code, p.path])).toEqual([
      ['FUNDING.SPLIT_MISMATCH', 'programmes.0.funding'],
      ['SCENARIO.REQUIRED', 'programmes.1.applicants.generate.seed'],
    ]);
  });

  it('something that is not a scenario at all', () => {
    expect(problems(parseScenario([]))).toEqual([{ code: 'SCENARIO.WRONG_TYPE', path: '', message: 'expected object, received array' }]);
  });
});
