import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { expectProblem, testApp } from './support.js';

/** A built planner, as Vite leaves it: index.html and hashed assets. */
const dir = mkdtempSync(join(tmpdir(), 'bagui-web-'));
mkdirSync(join(dir, 'assets'));
const PAGE = '<!doctype html><html lang="zh-CN"><head><title>八桂预算</title></head><body><div id="root"></div></body></html>';
writeFileSync(join(dir, 'index.html'), PAGE);
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("planner");');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the planner served at /', () => {
  const app = testApp({ WEB_DIR: dir });

  it('serves its page at / with a content policy that fits it', async () => {
    const res = await request(app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/u);
    expect(res.text).toBe(PAGE);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('serves built assets as immutable files', async () => {
    const res = await request(app).get('/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/u);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers any other GET with the page, so the planner’s own routes load', async () => {
    for (const path of ['/programme/rd_incentive', '/compare', '/v2/programmes']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).toBe(PAGE);
    }
  });

  it('leaves the API’s paths to the API: unknown /v1 paths and missing assets are problem+json', async () => {
    expectProblem(await request(app).get('/v1/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await request(app).get('/assets/missing.js'), 404, 'NOT_FOUND');
    expectProblem(await request(app).post('/v1/programmes'), 405, 'METHOD_NOT_ALLOWED');
    expect((await request(app).get('/health')).body.status).toBe('ok');
    expect((await request(app).get('/openapi.json')).body.openapi).toBeDefined();
    const docs = await request(app).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).not.toContain('worker-src');
  });

  it('does not take requests other than GET and HEAD', async () => {
    expectProblem(await request(app).post('/compare'), 404, 'NOT_FOUND');
  });
});

describe('without a built planner', () => {
  it('answers every unknown path as the API always has', async () => {
    const res = await request(testApp({ WEB_DIR: join(dir, 'not-built') })).get('/');
    expectProblem(res, 404, 'NOT_FOUND');
  });
});
