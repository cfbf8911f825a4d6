import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/openapi.js';
import { EVALUATE, expectProblem, keysIn, programmePath, RUN, sampleRequest, smallScenario, testApp, testStore } from './support.js';

/**
 * Every JSON input goes through core's `readJson`: a key twice, nesting deeper than 64 levels,
 * malformed text and a `__proto__` key are refused, the same way on every route, and worded
 * byte for byte as `bagui` words them for the same text in a file.
 */

const app = testApp();
const KEY = await keysIn(testStore);

/**
 * A concrete path for each POST operation of the document that reads a JSON body: the open
 * computations, and creating a saved scenario (with an analyst's key: without one the answer is
 * 401 before any body is read). The stored routes with an id in their path take no JSON body.
 */
const POST_PATHS = OPERATIONS.filter(
  (op) => op.method === 'post' && (op.access === 'open' || op.access === 'public' || op.path === '/v1/scenarios'),
).map((op) => op.path.replace('{key}', 'rd_incentive').replace('{name}', 'guangxi-2021').replace('{id}', 'guangxi-2021'));

const postJson = (path: string, text: string): request.Test =>
  request(app).post(path).set('Content-Type', 'application/json').set('Authorization', KEY.analyst).send(text);

describe('a body nested 5,000 deep', () => {
  const deep = `{"budget": ${'['.repeat(5000)}${']'.repeat(5000)}}`;

  it.each(POST_PATHS.filter((path) => path !== '/v1/scenarios/guangxi-2021/run'))(
    'is a 400 problem to POST %s, located at the bracket past 64 levels',
    async (path) => {
      const body = expectProblem(await postJson(path, deep), 400, 'REQUEST.MALFORMED');
      expect(body.detail).toBe('the request body is nested too deep');
      expect(body.errors).toEqual([
        {
          code: 'JSON.TOO_DEEP',
          message: 'objects and arrays are nested more than 64 deep (line 1, column 75): at most 64 levels are read',
          pointer: `#/budget${'/0'.repeat(63)}`,
          line: 1,
          column: 75,
        },
      ]);
    },
  );

  it('is a 422 problem to a route that takes no body (a built-in scenario’s run)', async () => {
    const res = await postJson('/v1/scenarios/guangxi-2021/run', deep);
    expect(expectProblem(res, 422, 'REQUEST.INVALID').errors).toEqual([expect.objectContaining({ code: 'REQUEST.UNEXPECTED_BODY' })]);
  });

  it('in a reform parameter too (100 deep: 5,000 would pass the header limit): 422 at the parameter, the path within it', async () => {
    const res = await request(app)
      .post(programmePath('rd_incentive', 'compare'))
      .query({ budget: '1000', reform: '['.repeat(100) + ']'.repeat(100) })
      .type('text/csv')
      .send('id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,300000000,12000000,9000000\n');
    expect(expectProblem(res, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'JSON.TOO_DEEP', parameter: 'reform', path: [0, ...Array<number>(64).fill(0)], line: 1, column: 65 }),
    ]);
  });
});

describe('a __proto__ key', () => {
  /** The body as JSON text with `"__proto__": value` added to the object at `marker` (a JS literal cannot hold an own __proto__). */
  const withProto = (body: Record<string, unknown>, marker: string, value = '"1"'): string => {
    const text = JSON.stringify(body);
    expect(text).toContain(marker);
    return text.replace(marker, `${marker}"__proto__": ${value}, `);
  };

  it.each([
    ['rd_incentive evaluate', EVALUATE, sampleRequest('rd_incentive', 'evaluate')],
    ['talent evaluate', programmePath('talent', 'evaluate'), sampleRequest('talent', 'evaluate')],
    ['rd_incentive sweep', programmePath('rd_incentive', 'sweep'), sampleRequest('rd_incentive', 'sweep')],
    ['rd_incentive compare', programmePath('rd_incentive', 'compare'), sampleRequest('rd_incentive', 'compare')],
  ])('in overrides of %s is refused at its pointer, not dropped', async (_name, path, body) => {
    const text = withProto({ ...body, overrides: { 'rd_incentive.firm_cap': '300万' } }, '"overrides":{');
    expect(expectProblem(await postJson(path, text), 422, 'REQUEST.INVALID').errors).toEqual([
      { code: 'REQUEST.UNKNOWN_FIELD', message: 'unknown field "__proto__" in overrides', pointer: '#/overrides/__proto__' },
    ]);
  });

  it('in a scenario’s funding, or at the top of a body, is refused at its pointer', async () => {
    const funding = await postJson(RUN, withProto(smallScenario(), '"funding":{', '{"polluted": "yes"}'));
    expect(expectProblem(funding, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'SCENARIO.UNKNOWN_FIELD', pointer: '#/programmes/0/funding/__proto__' }),
    ]);
    const top = await postJson(EVALUATE, withProto(sampleRequest('rd_incentive', 'evaluate'), '{'));
    expect(expectProblem(top, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'REQUEST.UNKNOWN_FIELD', pointer: '#/__proto__' }),
    ]);
  });

  it('in set=PATH=VALUE parameters is refused too, at the parameter', async () => {
    const res = await request(app)
      .post(`${programmePath('talent', 'evaluate')}?budget=1000&set=__proto__=1`)
      .type('text/csv')
      .send('id,programme,head_count\nL1,bagui_scholar,1\n');
    expect(expectProblem(res, 422, 'REQUEST.INVALID').errors).toEqual([
      { code: 'REQUEST.UNKNOWN_FIELD', message: 'unknown field "__proto__" in overrides', parameter: 'set', path: ['__proto__'] },
    ]);
  });

  it('constructor and prototype in a scenario’s funding are unknown sources, as any other name', async () => {
    for (const key of ['constructor', 'prototype']) {
      const scenario = smallScenario() as { programmes: { funding: Record<string, unknown> }[] };
      const [entry] = scenario.programmes;
      if (entry !== undefined) entry.funding = { innovation_fund: '1500万', [key]: 5000000 };
      expect(expectProblem(await request(app).post(RUN).send(scenario), 422, 'REQUEST.INVALID').errors).toEqual([
        expect.objectContaining({ code: 'FUNDING.UNKNOWN_SOURCE', pointer: `#/programmes/0/funding/${key}` }),
      ]);
    }
  });

  it('nor do constructor or prototype slip through: unknown parameters, as any other name', async () => {
    for (const key of ['constructor', 'prototype', 'hasOwnProperty']) {
      const res = await request(app)
        .post(EVALUATE)
        .send({ ...sampleRequest('rd_incentive', 'evaluate'), overrides: { [key]: '1' } });
      expect(expectProblem(res, 422, 'REQUEST.INVALID').errors).toEqual([
        expect.objectContaining({ code: 'PARAMETER.UNKNOWN', pointer: `#/overrides/${key}` }),
      ]);
      const set = await request(app)
        .post(`${EVALUATE}?budget=1000&set=${key}=1`)
        .type('text/csv')
        .send('id,scale,revenue,rd_expense,rd_expense_prev\nE1,above,300000000,12000000,9000000\n');
      expect(expectProblem(set, 422, 'REQUEST.INVALID').errors).toEqual([
        expect.objectContaining({ code: 'PARAMETER.UNKNOWN', parameter: 'set' }),
      ]);
      const talent = await request(app)
        .post(`${programmePath('talent', 'evaluate')}?budget=1000&set=${key}=1`)
        .type('text/csv')
        .send('id,programme,head_count\nL1,bagui_scholar,1\n');
      expect(expectProblem(talent, 422, 'REQUEST.INVALID').errors).toEqual([
        expect.objectContaining({ code: 'PARAMETER.UNKNOWN', parameter: 'set' }),
      ]);
    }
  });
});

describe('ids that differ only in Unicode normalisation', () => {
  const composed = 'caf\u00e9';
  const decomposed = 'cafe\u0301';
  const firm = { scale: 'below', revenue: '20000000', rd_expense: '2000000', rd_expense_prev: '1000000' };

  it('are one firm: the second is refused as a duplicate, by JSON and by CSV', async () => {
    const json = await request(app)
      .post(EVALUATE)
      .send({
        budget: '1000万',
        enterprises: [
          { id: composed, ...firm },
          { id: decomposed, ...firm },
        ],
      });
    expect(expectProblem(json, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'ENTERPRISE.ID_DUPLICATE', pointer: '#/enterprises/1/id' }),
    ]);
    const csv = await request(app)
      .post(`${EVALUATE}?budget=1000`)
      .type('text/csv')
      .send(`id,scale,revenue,rd_expense,rd_expense_prev\n${decomposed},below,1,1,1\n${composed},below,1,1,1\n`);
    expect(expectProblem(csv, 422, 'REQUEST.INVALID').errors).toEqual([
      expect.objectContaining({ code: 'ENTERPRISE.ID_DUPLICATE', line: 3 }),
    ]);
  });

  it('are echoed in NFC, ids and names alike', async () => {
    const res = await request(app)
      .post(EVALUATE)
      .send({ budget: '1000万', enterprises: [{ id: decomposed, name: `${decomposed} 公司`, ...firm }] })
      .expect(200);
    const [row] = (res.body as { enterprises: { id: string; name?: string }[] }).enterprises;
    expect(row?.id).toBe(composed);
    expect(res.text).not.toContain('\u0301');
  });
});

// --- the same words as the CLI ------------------------------------------------------------------

const CLI_BUILT = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'bagui-json-input-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function bagui(args: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BUILT, ...args], (_error, _stdout, stderr) => {
      resolve(stderr);
    });
  });
}

/** Bad texts, each one problem: the API's message and the CLI's line must carry the same words. */
const BAD_TEXTS: readonly (readonly [string, string])[] = [
  ['a syntax error', '{\n  "schemaVersion": 1,\n  "name" "x"\n}\n'],
  ['a key twice', '{"schemaVersion": 1, "name": "a",\n "name": "b"}'],
  ['nesting too deep', `{"schemaVersion": 1, "programmes": ${'['.repeat(80)}${']'.repeat(80)}}`],
  ['the end of the text', '{"schemaVersion": 1, "programmes": [1, 2'],
];

describe('the CLI and the API word a bad JSON input alike', () => {
  it('needs the CLI built', () => {
    expect(existsSync(CLI_BUILT), `build the CLI first: npm run build -w @bagui/cli (${CLI_BUILT})`).toBe(true);
  });

  it.each(BAD_TEXTS)('%s: bagui run FILE and POST /v1/scenarios/run give the same message and code', async (_name, text) => {
    const file = join(scratch, `${_name.replaceAll(' ', '-')}.json`);
    writeFileSync(file, text);
    const [api, cli] = await Promise.all([postJson(RUN, text), bagui(['run', file])]);
    const [found] = expectProblem(api, 400, 'REQUEST.MALFORMED').errors ?? [];
    expect(found).toBeDefined();
    const [summary, line] = cli.split('\n');
    expect(summary).toMatch(new RegExp(`^error: ${file.replaceAll(/[.*+?^${}()|[\]\\/]/gu, '\\$&')} .*; nothing was computed$`, 'u'));
    const where = found?.pointer === undefined ? '' : `at ${String(found.pointer).slice(2).replaceAll('/', '.')}: `;
    expect(line).toBe(`${where}${String(found?.message)} [${String(found?.code)}]`);
  });

  it('a __proto__ key: both refuse it as an unknown field at the same place, in the same words', async () => {
    const text = JSON.stringify(smallScenario()).replace('"funding":{', '"funding":{"__proto__":"1",');
    const file = join(scratch, 'proto.json');
    writeFileSync(file, text);
    const [api, cli] = await Promise.all([postJson(RUN, text), bagui(['run', file])]);
    const [found] = expectProblem(api, 422, 'REQUEST.INVALID').errors ?? [];
    expect(found).toMatchObject({ code: 'SCENARIO.UNKNOWN_FIELD', pointer: '#/programmes/0/funding/__proto__' });
    expect(cli.split('\n')).toContain(`at programmes.0.funding.__proto__: ${String(found?.message)} [SCENARIO.UNKNOWN_FIELD]`);
  });
});
