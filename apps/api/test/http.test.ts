import { once } from 'node:events';
import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ENGINE_VERSION } from '@bagui/core/version';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { answerClientError, SERVER_OPTIONS } from '../src/http/client-error.js';
import { routeMethods } from '../src/app.js';
import { OPERATIONS } from '../src/openapi.js';
import { EVALUATE, expectComponent, expectDocumented, expectProblem, PARAMETERS, testApp, VECTORS_CSV } from './support.js';

function capturedLogs(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('routing errors', () => {
  it('answers 404 problem+json for an unknown path', async () => {
    const res = await request(testApp()).get('/v2/programmes');
    expect(expectProblem(res, 404, 'NOT_FOUND').detail).toBe(
      'there is nothing at /v2/programmes: the routes are listed in /openapi.json and at /docs',
    );
    expect(res.headers['bagui-engine-version']).toBe(ENGINE_VERSION);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const post = await request(testApp()).post('/v1/programmes');
    expectProblem(post, 405, 'METHOD_NOT_ALLOWED');
    expect(post.headers.allow).toBe('GET, HEAD');
    const get = await request(testApp()).get(EVALUATE);
    expectProblem(get, 405, 'METHOD_NOT_ALLOWED');
    expect(get.headers.allow).toBe('POST');
    expect((await request(testApp()).post('/v1/jobs/123')).headers.allow).toBe('DELETE, GET, HEAD');
  });
});

describe('OPTIONS', () => {
  it('answers 204 with Allow on every documented path: the methods the document lists there', async () => {
    const app = testApp();
    const paths = (await request(app).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(paths.paths)) {
      const methods = Object.keys(item).map((m) => m.toUpperCase());
      const res = await request(app).options(path.replace('{key}', 'talent').replace('{name}', 'guangxi-2021').replace('{id}', 'x'));
      expect(res.status, path).toBe(204);
      const expected = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
      expect(String(res.headers.allow).split(', ').sort(), path).toEqual(expected.sort());
      expect((item.options as { responses: Record<string, unknown> }).responses['204'], path).toBeDefined();
    }
    expectProblem(await request(app).options('/v1/nothing'), 404, 'NOT_FOUND');
  });
});

describe('requests the HTTP parser refuses', () => {
  async function raw(request: string): Promise<{ head: string; body: Record<string, unknown> }> {
    const server = http.createServer(SERVER_OPTIONS, testApp()).on('clientError', answerClientError);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    socket.end(request);
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    server.close();
    const [head = '', body = ''] = text.split('\r\n\r\n');
    return { head, body: JSON.parse(body) as Record<string, unknown> };
  }

  it('answer problem+json too: a raw non-ASCII URL is 400, oversized headers 431', async () => {
    const url = await raw('POST /v1/programmes/rd_incentive/evaluate?budget=2000万 HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(url.head).toMatch(/^HTTP\/1\.1 400 /u);
    expect(url.head).toContain('Content-Type: application/problem+json');
    expect(url.head).toContain(`Bagui-Engine-Version: ${ENGINE_VERSION}`);
    expect(url.body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED' });
    expect(url.body.detail).toContain('%E4%B8%87');
    expectComponent('Problem', url.body);
    const headers = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(headers.head).toMatch(/^HTTP\/1\.1 431 /u);
    expect(headers.body).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
    expectComponent('Problem', headers.body);
  });

  it('answer problem+json to an HTTP/1.1 request without a Host header; HTTP/1.0 needs none', async () => {
    const missing = await raw('GET /health HTTP/1.1\r\n\r\n');
    expect(missing.head).toMatch(/^HTTP\/1\.1 400 /u);
    expect(missing.head).toContain('Content-Type: application/problem+json');
    expect(missing.body).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED', detail: expect.stringContaining('Host header') });
    expectComponent('Problem', missing.body);
    expect((await raw('GET /v1/nothing HTTP/1.0\r\n\r\n')).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('body size limit', () => {
  const app = testApp({ BODY_LIMIT: 1024 });
  it('refuses a larger JSON body, CSV body or uploaded file with 413', async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({
      id: `E${i}`,
      scale: 'below',
      revenue: '1',
      rd_expense: '1',
      rd_expense_prev: '1',
    }));
    const json = await request(app).post(EVALUATE).send({ budget: '1', enterprises: records });
    expect(expectProblem(json, 413, 'PAYLOAD_TOO_LARGE', 'rdIncentiveEvaluate').detail).toContain('limit of 1024 bytes');
    expectProblem(
      await request(app).post(`${EVALUATE}?budget=1`).type('text/csv').send(VECTORS_CSV),
      413,
      'PAYLOAD_TOO_LARGE',
      'rdIncentiveEvaluate',
    );
    const upload = await request(app).post(EVALUATE).field('budget', '1').attach('enterprises', Buffer.from(VECTORS_CSV), 'firms.csv');
    expectProblem(upload, 413, 'PAYLOAD_TOO_LARGE', 'rdIncentiveEvaluate');
  });
});

describe('compressed bodies', () => {
  const csvQuery = `${EVALUATE}?budget=20000000&totals_only=true`;

  it('reads a gzip body as the same text', async () => {
    const plain = await request(testApp()).post(csvQuery).type('text/csv').send(VECTORS_CSV);
    const gzipped = await request(testApp()).post(csvQuery).type('text/csv').set('Content-Encoding', 'gzip').send(gzipSync(VECTORS_CSV));
    expect(gzipped.status, gzipped.text).toBe(200);
    expect(gzipped.text).toBe(plain.text);
  });

  it('bounds the inflated size, refuses a body that does not inflate and an unknown encoding', async () => {
    const bomb = gzipSync(Buffer.alloc(10_000, 'a'));
    expect(bomb.length).toBeLessThan(1024);
    const inflated = await request(testApp({ BODY_LIMIT: 1024 }))
      .post(csvQuery)
      .type('text/csv')
      .set('Content-Encoding', 'gzip')
      .send(bomb);
    expectProblem(inflated, 413, 'PAYLOAD_TOO_LARGE', 'rdIncentiveEvaluate');
    const corrupt = await request(testApp())
      .post(csvQuery)
      .type('text/csv')
      .set('Content-Encoding', 'gzip')
      .send(Buffer.from('not gzip at all'));
    expect(expectProblem(corrupt, 400, 'REQUEST.MALFORMED', 'rdIncentiveEvaluate').detail).toMatch(/^the request body cannot be read: /u);
    const unknown = await request(testApp()).post(csvQuery).type('text/csv').set('Content-Encoding', 'compress').send(VECTORS_CSV);
    expectProblem(unknown, 415, 'UNSUPPORTED_MEDIA_TYPE', 'rdIncentiveEvaluate');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After past the limit, and never limits the probes', async () => {
    const app = testApp({ RATE_LIMIT_MAX: 2, RATE_LIMIT_WINDOW_MS: 60_000 });
    for (let i = 0; i < 2; i++) expect((await request(app).get('/v1/programmes')).status).toBe(200);
    const limited = await request(app).get(PARAMETERS);
    expect(expectProblem(limited, 429, 'RATE_LIMITED', 'programmeParameters').detail).toMatch(
      /^at most 2 requests per 60 s from one client: retry after \d+ s$/u,
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers.ratelimit).toMatch(/r=0/u);
    for (let i = 0; i < 5; i++) {
      expect((await request(app).get('/health')).status).toBe(200);
      expect((await request(app).get('/ready')).status).toBe(200);
    }
  });
});

describe('CORS', () => {
  const app = testApp({ CORS_ORIGINS: ['https://budget.example.gov.cn'] });

  it('allows the configured origins and exposes the version headers to them', async () => {
    const res = await request(app).get('/v1/programmes').set('Origin', 'https://budget.example.gov.cn');
    expect(res.headers['access-control-allow-origin']).toBe('https://budget.example.gov.cn');
    expect(res.headers['access-control-expose-headers']).toContain('Bagui-Parameters-Version');
    const preflight = await request(app)
      .options(EVALUATE)
      .set('Origin', 'https://budget.example.gov.cn')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });

  it('allows in a preflight the methods the routes have, and no other', async () => {
    const preflight = await request(app)
      .options(EVALUATE)
      .set('Origin', 'https://budget.example.gov.cn')
      .set('Access-Control-Request-Method', 'POST');
    const allowed = String(preflight.headers['access-control-allow-methods']).split(',');
    expect([...allowed].sort()).toEqual(routeMethods(OPERATIONS).sort());
    // PUT and PATCH revise and rename saved scenarios; DELETE cancels a job, and nothing else.
    expect(allowed).toContain('DELETE');
    // Derived, not listed: a route of another method appears by itself.
    expect(routeMethods([{ method: 'get' }, { method: 'post' }, { method: 'put' }, { method: 'get' }])).toEqual([
      'GET',
      'HEAD',
      'POST',
      'PUT',
    ]);
  });

  it('gives no CORS headers to other origins, nor when no origin is configured', async () => {
    const other = await request(app).get('/v1/programmes').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const none = await request(testApp()).get('/v1/programmes').set('Origin', 'https://budget.example.gov.cn');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('every response', () => {
  it('carries a request id (the client’s when it is sensible), security headers and the engine version', async () => {
    const app = testApp();
    const given = await request(app).get('/health').set('X-Request-Id', 'caller-42.a:b');
    expect(given.headers['x-request-id']).toBe('caller-42.a:b');
    const odd = await request(app).get('/health').set('X-Request-Id', 'no spaces <please>');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/u);
    for (const res of [given, await request(app).get('/nowhere'), await request(app).post(EVALUATE).send('x')]) {
      expect(res.headers['bagui-engine-version']).toBe(ENGINE_VERSION);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('is logged as structured JSON with its request id', async () => {
    const { logger, lines } = capturedLogs();
    await request(testApp({}, { logger })).get('/v1/programmes').set('X-Request-Id', 'trace-me');
    expect(lines()).toContainEqual(
      expect.objectContaining({
        level: 30,
        msg: 'request completed',
        req: { id: 'trace-me', method: 'GET', url: '/v1/programmes' },
        res: { statusCode: 200 },
      }),
    );
  });
});

describe('internal errors', () => {
  it('answer 500 problem+json with no stack or cause, which go to the logs', async () => {
    const { logger, lines } = capturedLogs();
    const app = testApp(
      {},
      {
        logger,
        today: () => {
          throw new Error('clock exploded');
        },
      },
    );
    const res = await request(app).get(PARAMETERS).set('X-Request-Id', 'boom-1');
    const body = expectProblem(res, 500, 'INTERNAL', 'programmeParameters');
    expect(body.detail).toBe('the server failed on an internal error: quote the request_id when you report it');
    expect(res.text).not.toContain('clock exploded');
    const logged = lines().find((l) => l.msg === 'internal error');
    expect(logged).toMatchObject({ level: 50, err: { message: 'clock exploded' } });
    expect(String((logged?.err as { stack: string }).stack)).toContain('Error: clock exploded');
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document and the interactive docs from the package, no CDN', async () => {
    const app = testApp();
    const redirect = await request(app).get('/docs');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/docs/');
    const page = await request(app).get('/docs/');
    expectDocumented(page, 'docs');
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/u);
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('"openapi": "3.1.0"');
    const bundle = await request(app).get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/u);
  });

  it('answers an unknown path under /docs/ with a 404 problem, not the page', async () => {
    const app = testApp();
    for (const path of ['/docs/nothing-here', '/docs/a/b.js', '/docs/index.htm']) {
      expectProblem(await request(app).get(path), 404, 'NOT_FOUND');
    }
    expect((await request(app).get('/docs/index.html')).text).toContain('swagger-ui-bundle.js');
    expectProblem(await request(app).post('/docs/'), 405, 'METHOD_NOT_ALLOWED');
  });
});
