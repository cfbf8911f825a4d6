import { parseEnterprisesCsv, resolveRdRule, evaluateRdIncentive, toJsonChunks } from '@bagui/core/programmes/rd-incentive';
import { ENGINE_VERSION } from '@bagui/core/version';
import { unwrap } from '@bagui/core/errors';
import { parseAmount } from '@bagui/core/money';
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { EVALUATE, expectDocumented, expected, expectProblem, sampleCsv, testApp, vectorRecords, VECTORS_CSV } from './support.js';

const app = testApp();
const post = () => request(app).post(EVALUATE);
const OP = 'rdIncentiveEvaluate';

const firm = { id: 'E1', scale: 'above', revenue: '300000000', rd_expense: '12000000', rd_expense_prev: '9000000' };

/** What `bagui evaluate --format json` prints for the conformance file: the same generator, in process. */
function cliOutput(method: 'pro_rata' | 'uniform_cap' | 'ranked', totalsOnly = false): string {
  const table = unwrap(parseEnterprisesCsv(VECTORS_CSV));
  const rule = unwrap(resolveRdRule('2021-06-30'));
  const evaluation = evaluateRdIncentive(table, rule, { budget: unwrap(parseAmount('20000000')), method });
  return [...toJsonChunks(evaluation, { totalsOnly })].join('');
}

describe('POST evaluate: the conformance vectors, by every transport', () => {
  for (const method of ['pro_rata', 'uniform_cap', 'ranked'] as const) {
    it(`${method}: JSON records give every expected entitlement and award, to the fen`, async () => {
      const res = await post().send({ budget: '20000000', method, date: '2021-06-30', enterprises: vectorRecords() });
      expect(res.status, res.text).toBe(200);
      expectDocumented(res, OP);
      const body = JSON.parse(res.text) as { totals: unknown; enterprises: { id: string; entitlement: string; award: string }[] };
      const want = expected(method);
      expect(body.totals).toEqual(want.totals);
      expect(body.enterprises.map(({ id, entitlement, award }) => ({ id, entitlement, award }))).toEqual(want.enterprises);
    });

    it(`${method}: JSON, CSV and an uploaded file all answer exactly what the CLI prints`, async () => {
      const cli = cliOutput(method);
      const json = await post().send({ budget: '20000000', method, enterprises: vectorRecords() });
      const csv = await post().query({ budget: '20000000', method }).type('text/csv').send(VECTORS_CSV);
      const upload = await post()
        .field('budget', '2000万')
        .field('method', method)
        .attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
      for (const res of [json, csv, upload]) {
        expect(res.status, res.text).toBe(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.text).toBe(cli);
      }
    });
  }

  it('totals_only=true answers the same object without the enterprises, as --totals-only', async () => {
    const res = await post().query({ totals_only: 'true' }).send({ budget: '20000000', enterprises: vectorRecords() });
    expect(res.text).toBe(cliOutput('pro_rata', true));
    expect(res.body).not.toHaveProperty('enterprises');
    expectDocumented(res, OP);
  });

  it('trace=compact answers what --trace compact prints: the steps without rules and parameters, these listed once', async () => {
    const table = unwrap(parseEnterprisesCsv(VECTORS_CSV));
    const rule = unwrap(resolveRdRule('2021-06-30'));
    const evaluation = evaluateRdIncentive(table, rule, { budget: unwrap(parseAmount('20000000')), method: 'pro_rata' });
    const res = await post().query({ trace: 'compact' }).send({ budget: '20000000', date: '2021-06-30', enterprises: vectorRecords() });
    expect(res.status, res.text).toBe(200);
    expect(res.text).toBe([...toJsonChunks(evaluation, { trace: 'compact' })].join(''));
    expect(res.body).toHaveProperty('trace', 'compact');
    expect(res.text).not.toContain('"rule":');
    expectDocumented(res, OP);
    const wrong = await post().query({ trace: 'short' }).send({ budget: '20000000', enterprises: vectorRecords() });
    expect(wrong.status).toBe(422);
  });

  it('names the engine and the parameter set, which an override changes', async () => {
    const plain = await post().send({ budget: '1000', enterprises: [firm] });
    const reform = await post().send({ budget: '1000', enterprises: [firm], overrides: { 'rd_incentive.increment.cap_above': '6000000' } });
    expect(plain.headers['bagui-engine-version']).toBe(ENGINE_VERSION);
    expect(plain.headers['bagui-parameters-version']).toBe(unwrap(resolveRdRule('2021-06-30')).parameters.version);
    expect(reform.headers['bagui-parameters-version']).toMatch(
      new RegExp(`^${plain.headers['bagui-parameters-version'] as string}\\+`, 'u'),
    );
  });

  it('applies overrides: a lower increment cap lowers the entitlement', async () => {
    const base = await post().send({ budget: '100000000', enterprises: [firm] });
    const capped = await post().send({
      budget: '100000000',
      enterprises: [firm],
      overrides: {
        'rd_incentive.increment.cap_above': '100000',
        'rd_incentive.increment.tiers_above': [{ min_intensity: '0', rate: 0.5 }],
      },
    });
    // intensity 12M / 300M = 4%: the 15% tier; increment 3,000,000 × 15%.
    expect(base.body.enterprises[0].entitlement).toBe('450000.00');
    expect(capped.body.enterprises[0].entitlement).toBe('100000.00');
    expect(capped.body.enterprises[0].trace).toEqual(
      expect.arrayContaining([expect.objectContaining({ step: 'increment_award', bound: 'rd_incentive.increment.cap_above' })]),
    );
  });

  it('defaults the method to pro_rata and the date to today', async () => {
    const res = await post().send({ budget: '1', enterprises: [firm] });
    expect(res.body.method).toBe('pro_rata');
    const before = await request(testApp({}, { today: () => '2019-06-30' }))
      .post(EVALUATE)
      .send({ budget: '1', enterprises: [firm] });
    expect(expectProblem(before, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'PARAMETER.NO_VALUE_ON_DATE',
      pointer: '#/date',
    });
  });
});

describe('POST evaluate: unknown and misspelt fields are refused, never dropped', () => {
  it('refuses a misspelt overrides, suggesting the right name', async () => {
    const res = await post().send({ budget: '1', enterprises: [firm], overides: { 'rd_incentive.firm_cap': '1' } });
    const body = expectProblem(res, 422, 'REQUEST.INVALID', OP);
    expect(body.errors).toEqual([
      {
        code: 'REQUEST.UNKNOWN_FIELD',
        message:
          'unknown field "overides" in the request body (did you mean overrides?): the accepted fields are budget, method, date, overrides, enterprises',
        pointer: '#/overides',
      },
    ]);
  });

  it('refuses an unknown enterprise field, with its pointer', async () => {
    const res = await post().send({ budget: '1', enterprises: [firm, { ...firm, id: 'E2', rd_expence: '1' }] });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors).toEqual([
      expect.objectContaining({ code: 'ENTERPRISE.UNKNOWN_FIELD', pointer: '#/enterprises/1/rd_expence', value: '1' }),
    ]);
  });

  it('refuses an unknown parameter path and a value of the wrong kind, naming each path', async () => {
    const res = await post().send({
      budget: '1',
      enterprises: [firm],
      overrides: {
        'rd_incentive.firm_capp': '1',
        'rd_incentive.increment.tiers_above': [{ min_intensity: '0', rate: '2' }],
        'rd_incentive.high_tech.rate': true,
      },
    });
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors).toEqual([
      expect.objectContaining({ code: 'PARAMETER.UNKNOWN', pointer: '#/overrides/rd_incentive.firm_capp' }),
      expect.objectContaining({ code: 'RATE.OUT_OF_RANGE', pointer: '#/overrides/rd_incentive.increment.tiers_above/0/rate', value: '2' }),
      expect.objectContaining({ code: 'PARAMETER.WRONG_TYPE', pointer: '#/overrides/rd_incentive.high_tech.rate', value: 'true' }),
    ]);
  });

  it('reports every setting problem at once: missing budget, bad method, impossible date, enterprises not a list', async () => {
    const res = await post().send({ method: 'fair', date: '2021-02-30', enterprises: {} });
    const errors = expectProblem(res, 422, 'REQUEST.INVALID', OP).errors ?? [];
    expect(errors.map((e) => [e.code, e.pointer])).toEqual([
      ['REQUEST.REQUIRED', '#/budget'],
      ['REQUEST.INVALID_VALUE', '#/method'],
      ['REQUEST.INVALID_VALUE', '#/date'],
      ['REQUEST.WRONG_TYPE', '#/enterprises'],
    ]);
    expect(errors[3]?.message).toBe('enterprises: expected array, received object');
  });

  it('refuses a body that is not an object', async () => {
    const res = await post().type('json').send('[1, 2]');
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({ code: 'REQUEST.WRONG_TYPE' });
  });

  it('refuses settings in the query string of a JSON request, and unknown query parameters', async () => {
    const misplaced = await post()
      .query({ budget: '1', set: 'a=1' })
      .send({ budget: '1', enterprises: [firm] });
    expect(expectProblem(misplaced, 422, 'REQUEST.INVALID', OP).errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.MISPLACED', parameter: 'budget' }),
      expect.objectContaining({ code: 'REQUEST.MISPLACED', parameter: 'set' }),
    ]);
    const unknown = await post()
      .query({ totals: 'true' })
      .send({ budget: '1', enterprises: [firm] });
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      parameter: 'totals',
      message: expect.stringContaining('(did you mean totals_only?)'),
    });
  });
});

describe('POST evaluate: amounts are exact', () => {
  it('accepts an exact JSON number as the same amount as its string', async () => {
    const asString = await post().send({ budget: '20000000.5', enterprises: [{ ...firm, revenue: '300000000' }] });
    const asNumber = await post()
      .type('json')
      .send(
        `{"budget": 20000000.50, "enterprises": [{"id":"E1","scale":"above","revenue":300000000,"rd_expense":"12000000","rd_expense_prev":"9000000"}]}`,
      );
    expect(asNumber.text).toBe(asString.text);
  });

  it('keeps a number that a double cannot hold as written, so it is read exactly', async () => {
    // JSON.parse would read 80000000000000.01 as 80000000000000.02.
    const res = await post().query({ totals_only: 'true' }).type('json').send('{"budget": 80000000000000.01, "enterprises": []}');
    expect(res.status, res.text).toBe(200);
    expect(res.body.budget).toBe('80000000000000.01');
  });

  it('refuses a number with more than two decimals, too large, or in exponent notation, naming it', async () => {
    const res = await post()
      .type('json')
      .send(
        `{"budget": 407000000.005, "enterprises": [{"id":"E1","scale":"above","revenue":1e9,"rd_expense":12345678901234567.89,"rd_expense_prev":"0"}]}`,
      );
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors).toEqual([
      expect.objectContaining({ code: 'AMOUNT.TOO_MANY_DECIMALS', pointer: '#/budget', value: '407000000.005' }),
    ]);
    const rows = await post()
      .type('json')
      .send(
        `{"budget": "1", "enterprises": [{"id":"E1","scale":"above","revenue":1e9,"rd_expense":12345678901234567.89,"rd_expense_prev":"-5"}]}`,
      );
    expect((expectProblem(rows, 422, 'REQUEST.INVALID', OP).errors ?? []).map((e) => [e.code, e.pointer, e.value])).toEqual([
      ['AMOUNT.EXPONENT', '#/enterprises/0/revenue', '1e9'],
      ['AMOUNT.TOO_LARGE', '#/enterprises/0/rd_expense', '12345678901234567.89'],
      ['AMOUNT.NEGATIVE', '#/enterprises/0/rd_expense_prev', '-5'],
    ]);
  });

  it('gives the same answer for any exact amount whether sent as a JSON number or a string', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 11 }), async (budgetFen, rdFen) => {
        const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        const rows = (rd: string) => `[{"id":"E1","scale":"below","revenue":"1","rd_expense":${rd},"rd_expense_prev":"0"}]`;
        const asNumbers = await post()
          .type('json')
          .send(`{"budget": ${yuan(budgetFen)}, "enterprises": ${rows(yuan(rdFen))}}`);
        const asStrings = await post()
          .type('json')
          .send(`{"budget": "${yuan(budgetFen)}", "enterprises": ${rows(`"${yuan(rdFen)}"`)}}`);
        expect(asNumbers.status).toBe(200);
        expect(asNumbers.text).toBe(asStrings.text);
      }),
      { numRuns: 25 },
    );
  });
});

describe('POST evaluate: malformed and unsupported bodies', () => {
  it('locates a JSON syntax error by line and column', async () => {
    const res = await post().type('json').send('{\n  "budget": "1",\n  "enterprises": [}\n');
    expect(expectProblem(res, 400, 'REQUEST.MALFORMED', OP).errors).toEqual([
      {
        code: 'JSON.SYNTAX',
        message: 'expected a value (object, array, string, number, true, false or null) at line 3, column 19, found "}\\n"',
        line: 3,
        column: 19,
      },
    ]);
  });

  it('refuses a key given twice, at its pointer: the second budget must not quietly replace the first', async () => {
    const res = await post().type('json').send('{"budget": "20000000", "method": "pro_rata", "budget": "2000", "enterprises": []}');
    expect(expectProblem(res, 400, 'REQUEST.MALFORMED', OP).errors).toEqual([
      {
        code: 'JSON.DUPLICATE_KEY',
        message: '"budget" is given twice in one object (line 1, column 46): give each field once',
        pointer: '#/budget',
        line: 1,
        column: 46,
      },
    ]);
  });

  it('refuses an empty JSON body', async () => {
    const res = await post().set('Content-Type', 'application/json').send('');
    expect(expectProblem(res, 400, 'REQUEST.MALFORMED', OP).errors?.[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('refuses a body of another type, or none, with 415', async () => {
    expectProblem(await post().type('application/xml').send('<budget/>'), 415, 'UNSUPPORTED_MEDIA_TYPE', OP);
    const none = await post();
    expect(expectProblem(none, 415, 'UNSUPPORTED_MEDIA_TYPE', OP).detail).toContain('"none"');
  });
});

describe('POST evaluate: CSV bodies', () => {
  const csv = (text: string, query: Record<string, string | string[]> = { budget: '20000000' }) =>
    post().query(query).type('text/csv').send(text);

  it('refuses a file with invalid rows as a whole, every problem at its line and column', async () => {
    const text = 'id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,100,5,1\nE2,sideways,100,5e6,1\nE1,below,1,1,1\n';
    const errors = expectProblem(await csv(text), 422, 'REQUEST.INVALID', OP).errors ?? [];
    expect(errors.map((e) => [e.code, e.line, e.column, e.value])).toEqual([
      ['ENTERPRISE.SCALE_INVALID', 3, 'scale', 'sideways'],
      ['AMOUNT.EXPONENT', 3, 'rd_expense', '5e6'],
      ['ENTERPRISE.ID_DUPLICATE', 4, 'id', 'E1'],
    ]);
  });

  it('reports a missing column on line 1', async () => {
    const errors = expectProblem(await csv('id,scale\nE1,above\n'), 422, 'REQUEST.INVALID', OP).errors ?? [];
    expect(errors.map((e) => [e.code, e.line, e.column])).toContainEqual(['CSV.MISSING_COLUMN', 1, 'revenue']);
  });

  it('takes its settings from the query: a missing budget and a malformed set are reported together', async () => {
    const res = await csv(VECTORS_CSV, { set: ['rd_incentive.firm_cap', 'rd_incentive.nope=1'], method: 'ranked' });
    expect((expectProblem(res, 422, 'REQUEST.INVALID', OP).errors ?? []).map((e) => [e.code, e.parameter, e.path])).toEqual([
      ['REQUEST.REQUIRED', 'budget', undefined],
      ['OVERRIDE.SHAPE', 'set', undefined],
      ['PARAMETER.UNKNOWN', 'set', ['rd_incentive.nope']],
    ]);
  });

  it('applies set=PATH=VALUE overrides as the CLI applies --set', async () => {
    const viaQuery = await csv(VECTORS_CSV, { budget: '20000000', set: 'rd_incentive.increment.cap_above=6000000', totals_only: 'true' });
    const viaBody = await post()
      .query({ totals_only: 'true' })
      .send({ budget: '20000000', overrides: { 'rd_incentive.increment.cap_above': '6000000' }, enterprises: vectorRecords() });
    expect(viaQuery.status).toBe(200);
    expect(viaQuery.text).toBe(viaBody.text);
    expect(viaQuery.text).not.toBe(cliOutput('pro_rata', true));
  });

  it('reads a declared charset such as GB18030 or detects it, and refuses bytes that are not the declared one', async () => {
    // "id,规模,revenue,rd_expense,rd_expense_prev\nE1,规上,1000,10,1\n" saved by a Chinese Excel: GB18030, not UTF-8.
    const bytes = Buffer.concat([
      Buffer.from('id,'),
      Buffer.from('b9e6c4a3', 'hex'), // 规模
      Buffer.from(',revenue,rd_expense,rd_expense_prev\nE1,'),
      Buffer.from('b9e6c9cf', 'hex'), // 规上
      Buffer.from(',1000,10,1\n'),
    ]);
    const declared = await post().query({ budget: '1' }).set('Content-Type', 'text/csv; charset=gb18030').send(bytes);
    expect(declared.status, declared.text).toBe(200);
    expect(declared.body.totals.enterprises).toBe(1);
    const undeclared = await post().query({ budget: '1' }).set('Content-Type', 'text/csv').send(bytes);
    expect(undeclared.status, undeclared.text).toBe(200);
    expect(undeclared.text).toBe(declared.text);
    const wrong = await post().query({ budget: '1' }).set('Content-Type', 'text/csv; charset=utf-8').send(bytes);
    expect(expectProblem(wrong, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({ code: 'CSV.ENCODING_INVALID', line: 1 });
    const unknown = await post().query({ budget: '1' }).set('Content-Type', 'text/csv; charset=klingon').send(bytes);
    expectProblem(unknown, 415, 'UNSUPPORTED_MEDIA_TYPE', OP);
  });
});

describe('POST evaluate: uploaded files', () => {
  const upload = () => post().field('budget', '20000000');

  it('refuses an Excel 97–2003 workbook, and a file named .xlsx that is not one', async () => {
    const xls = await upload().attach('enterprises', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'firms.xls');
    expect(expectProblem(xls, 415, 'UNSUPPORTED_MEDIA_TYPE', OP).detail).toContain('.xlsx');
    const res = await upload().attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.xlsx');
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({ code: 'XLSX.NOT_XLSX', parameter: 'enterprises' });
  });

  it('requires the file, and refuses another file field', async () => {
    const none = await upload();
    expect(expectProblem(none, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'REQUEST.REQUIRED',
      parameter: 'enterprises',
    });
    const other = await upload().attach('firms', Buffer.from(VECTORS_CSV), 'firms.csv');
    expect(expectProblem(other, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'FORM.UNEXPECTED_FILE',
      parameter: 'firms',
    });
  });

  it('refuses a field with brackets in its name, naming it, and the file sent as text', async () => {
    for (const name of ['budget[a]', 'set[]', 'set[1]', 'set[4294967294]']) {
      const res = await upload().field(name, 'rd_incentive.firm_cap=1').attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
      expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors).toEqual([
        {
          code: 'FORM.FIELD_NAME',
          message: expect.stringMatching(/has brackets in its name: give (budget|set) as a plain field/u),
          parameter: name,
        },
      ]);
    }
    const text = await upload().field('enterprises', VECTORS_CSV);
    expect(expectProblem(text, 422, 'REQUEST.INVALID', OP).errors).toEqual([
      { code: 'FORM.FILE_AS_TEXT', message: expect.stringContaining('upload it as a file'), parameter: 'enterprises' },
    ]);
    const other = await request(testApp())
      .post('/v1/programmes/talent/evaluate')
      .field('set[x]', 'y')
      .attach('applicants', Buffer.from(sampleCsv('talent')), 'talent.csv');
    expect(expectProblem(other, 422, 'REQUEST.INVALID', 'talentEvaluate').errors).toEqual([
      expect.objectContaining({ code: 'FORM.FIELD_NAME', parameter: 'set[x]' }),
    ]);
    const proto = await request(testApp())
      .post('/v1/programmes/talent/evaluate')
      .field('budget', '1000')
      .field('__proto__', 'x')
      .attach('applicants', Buffer.from(sampleCsv('talent')), 'talent.csv');
    expect(expectProblem(proto, 422, 'REQUEST.INVALID', 'talentEvaluate').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.UNKNOWN_FIELD', parameter: '__proto__' }),
    ]);
  });

  it('refuses a form field over 64 KiB with a 413: the form stays within the body limit', async () => {
    const res = await upload()
      .field('set', `rd_incentive.firm_cap=${'9'.repeat(64 * 1024)}`)
      .attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
    expect(expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', OP).detail).toMatch(/field value too long/u);
  });

  it('refuses unknown form fields and settings in the query string', async () => {
    const unknown = await upload().field('overides', 'x').attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      parameter: 'overides',
    });
    const misplaced = await post().query({ budget: '1' }).field('budget', '1').attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
    expect(expectProblem(misplaced, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'REQUEST.MISPLACED',
      parameter: 'budget',
    });
  });

  it('locates problems in the file by line and column, naming the field', async () => {
    const res = await upload().attach(
      'enterprises',
      Buffer.from('id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,0,1,1\n'),
      'firms.csv',
    );
    expect(expectProblem(res, 422, 'REQUEST.INVALID', OP).errors?.[0]).toMatchObject({
      code: 'ENTERPRISE.REVENUE_ZERO_ABOVE',
      parameter: 'enterprises',
      line: 2,
      column: 'revenue',
    });
  });

  it('accepts repeated set fields', async () => {
    const res = await upload()
      .field('set', 'rd_incentive.increment.cap_above=6000000')
      .field('set', 'rd_incentive.firm_cap=9000000')
      .query({ totals_only: 'true' })
      .attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
    expect(res.status, res.text).toBe(200);
    expect(res.headers['bagui-parameters-version']).toContain('+');
  });

  it('refuses a truncated multipart body as malformed', async () => {
    const res = await post()
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="budget"\r\n\r\n1');
    expectProblem(res, 400, 'REQUEST.MALFORMED', OP);
  });
});
