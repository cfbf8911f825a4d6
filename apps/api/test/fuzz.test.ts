import { PROGRAMME_KEYS } from '@bagui/core/programmes';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/openapi.js';
import { sampleRequest, smallScenario, testApp } from './support.js';

/**
 * Properties of the HTTP layer: whatever arrives — any JSON value, any bytes under any content
 * type, a valid request with one field replaced by anything, any path, method and headers — the
 * answer is well formed and never a 5xx. An error is problem+json whose `status` is the answer's,
 * with a `title` and a `type`; a success is JSON (or the CSV or HTML asked for). Run counts are
 * kept small enough for `npm test`; a failure prints its counterexample and seed to replay.
 */

const app = testApp();

/** Each POST operation of the document, with its path parameters filled in by real values. */
const POSTS: readonly string[] = OPERATIONS.filter((op) => op.method === 'post').map((op) =>
  op.path.replace('{key}', 'rd_incentive').replace('{name}', 'guangxi-2021'),
);
const PATHS: readonly string[] = [
  ...new Set(OPERATIONS.map((op) => op.path.replace('{key}', 'rd_incentive').replace('{name}', 'guangxi-2021'))),
];

function expectWellFormed(res: Response, method = 'POST'): void {
  expect(res.status, res.text).toBeLessThan(500);
  expect(res.status).toBeGreaterThanOrEqual(200);
  if (method === 'HEAD' || res.status === 204 || res.status === 304) return;
  const type = String(res.headers['content-type'] ?? '');
  if (res.status >= 300 && res.status < 400) {
    expect(res.headers.location).toMatch(/^\//u);
    return;
  }
  if (res.status >= 400) {
    expect(type, res.text).toMatch(/^application\/problem\+json/u);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    expect(body.status).toBe(res.status);
    expect(typeof body.title).toBe('string');
    expect(body.type).toMatch(/^urn:bagui:problem:[\w.]+$/u);
    expect(typeof body.detail).toBe('string');
    return;
  }
  if (type.startsWith('application/json')) expect(() => JSON.parse(res.text) as unknown).not.toThrow();
  else
    expect(type, `${res.status} ${res.text.slice(0, 200)}`).toMatch(
      /^(?:text\/(?:csv|html|javascript|css)|image\/|application\/(?:javascript|vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet))/u,
    );
}

const CONTENT_TYPES = ['application/json', 'text/csv', 'multipart/form-data; boundary=x', 'application/octet-stream', 'text/plain', ''];

describe('any body to any POST route', () => {
  it('any JSON value: a well-formed answer, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), fc.jsonValue({ maxDepth: 4 }), async (path, value) => {
        expectWellFormed(await request(app).post(path).set('Content-Type', 'application/json').send(JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
  });

  it('any bytes, under any content type: a well-formed answer, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POSTS),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
        ),
        fc.constantFrom(...CONTENT_TYPES),
        async (path, bytes, type) => {
          const req = request(app).post(path);
          if (type !== '') req.set('Content-Type', type);
          expectWellFormed(await req.send(Buffer.from(bytes)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a valid request with one field set to any JSON value: a well-formed answer, never a 5xx', async () => {
    const bodies = [
      ...PROGRAMME_KEYS.flatMap((key) =>
        (['evaluate', 'compare', 'sweep'] as const).map((operation) => ({
          path: `/v1/programmes/${key}/${operation}`,
          body: sampleRequest(key, operation, 3),
        })),
      ),
      { path: '/v1/scenarios/run', body: smallScenario() },
      { path: '/v1/scenarios/compare', body: { baseline: smallScenario(), reforms: [] } },
    ].filter(({ path }) => POSTS.includes(path));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bodies),
        fc.string({ maxLength: 12 }),
        fc.jsonValue({ maxDepth: 3 }),
        async ({ path, body }, key, value) => {
          const keys = Object.keys(body);
          const field = key === '' ? '' : (keys[key.length % keys.length] ?? key);
          const mutated = { ...body, [key.length % 2 === 0 ? field : key]: value };
          expectWellFormed(await request(app).post(path).send(mutated));
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('any path, method and headers', () => {
  const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
  const path = fc.oneof(
    fc.webPath(),
    fc.constantFrom(...PATHS),
    fc.tuple(fc.constantFrom('/v1', '/docs', '/v1/programmes', '/v1/scenarios', '/v1/jobs'), fc.webPath()).map(([a, b]) => a + b),
  );
  const header = fc.tuple(
    fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/u)
      .filter((name) => !/^(?:content-length|transfer-encoding|host|connection|expect|upgrade|te|trailer)$/iu.test(name)),
    fc.stringMatching(/^[\x20-\x7e]{0,40}$/u),
  );
  const named = fc.tuple(
    fc.constantFrom(
      'Accept',
      'Accept-Encoding',
      'Content-Type',
      'Content-Encoding',
      'If-None-Match',
      'Origin',
      'X-Request-Id',
      'Range',
      'Authorization',
    ),
    fc.stringMatching(/^[\x20-\x7e]{0,40}$/u),
  );

  it('a well-formed answer, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, fc.array(fc.oneof(header, named), { maxLength: 4 }), async (verb, to, headers) => {
        const req = request(app)[verb.toLowerCase() as 'get'](to);
        for (const [name, value] of headers) req.set(name, value.trim());
        expectWellFormed(await req, verb);
      }),
      { numRuns: 200 },
    );
  });
});
