import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/env.js';

describe('configuration from the environment', () => {
  it('has a default for everything, so npm start needs no variable', () => {
    expect(loadConfig({})).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: [],
      BODY_LIMIT: 64 * 1024 * 1024,
      RATE_LIMIT_WINDOW_MS: 60_000,
      RATE_LIMIT_MAX: 600,
      ASYNC_THRESHOLD: 50_000,
      JOBS_MAX: 1000,
      JOBS_PER_CLIENT: 4,
      JOB_TTL_SECONDS: 86_400,
      JOB_LEASE_SECONDS: 30,
      JOB_CONCURRENCY: 1,
      JOB_MAX_ATTEMPTS: 3,
      SHUTDOWN_TIMEOUT_MS: 25_000,
      TRUST_PROXY_HOPS: 0,
      WEB_DIR: expect.stringMatching(/apps\/web\/dist$/u),
      AUTH_REQUIRED: false,
      STORE: { dataDir: './data' },
      WORK_THREADS: expect.any(Number),
      WORK_MAX: 50_000_000,
      SYNC_WORK_MAX: 500_000,
      REFORMS_MAX: 50,
      SWEEP_POINTS_MAX: 1000,
      SYNC_CONCURRENCY_PER_CLIENT: 4,
      WORK_TIMEOUT_MS: 120_000,
      HEADERS_TIMEOUT_MS: 20_000,
      REQUEST_TIMEOUT_MS: 300_000,
      KEEP_ALIVE_TIMEOUT_MS: 5000,
      MAX_CONNECTIONS: 1024,
    });
    expect(loadConfig({}).WORK_THREADS).toBeGreaterThanOrEqual(1);
  });

  it('reads the server timeouts, the connection limit and the work limits, and refuses headers allowed longer than the request', () => {
    const config = loadConfig({
      HEADERS_TIMEOUT_MS: '5000',
      REQUEST_TIMEOUT_MS: '60000',
      KEEP_ALIVE_TIMEOUT_MS: '65000',
      MAX_CONNECTIONS: '0',
      WORK_THREADS: '0',
      WORK_TIMEOUT_MS: '30000',
      REFORMS_MAX: '10',
    });
    expect(config).toMatchObject({
      HEADERS_TIMEOUT_MS: 5000,
      REQUEST_TIMEOUT_MS: 60_000,
      KEEP_ALIVE_TIMEOUT_MS: 65_000,
      MAX_CONNECTIONS: 0,
      WORK_THREADS: 0,
      WORK_TIMEOUT_MS: 30_000,
      REFORMS_MAX: 10,
    });
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '90000', REQUEST_TIMEOUT_MS: '60000' })).toThrow(
      'HEADERS_TIMEOUT_MS="90000": must not be longer than REQUEST_TIMEOUT_MS: the headers are part of the request',
    );
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '500' })).toThrow(/HEADERS_TIMEOUT_MS="500": .*1000/u);
  });

  it('keeps the data where the CLI does: DATABASE_URL, else BAGUI_DATA_DIR, else ./data', () => {
    expect(loadConfig({ BAGUI_DATA_DIR: '/var/lib/bagui' }).STORE).toEqual({ dataDir: '/var/lib/bagui' });
    expect(loadConfig({ BAGUI_DATA_DIR: '/x', DATABASE_URL: 'postgres://u:secret@db:5432/bagui' }).STORE).toEqual({
      databaseUrl: 'postgres://u:secret@db:5432/bagui',
    });
    expect(loadConfig({ AUTH_REQUIRED: 'true' }).AUTH_REQUIRED).toBe(true);
    const wrong = () => loadConfig({ JOB_LEASE_SECONDS: '1', JOBS_PER_CLIENT: '0', JOB_TTL_SECONDS: 'a day' });
    expect(wrong).toThrow(/JOBS_PER_CLIENT="0"/u);
    expect(wrong).toThrow(/JOB_TTL_SECONDS="a day"/u);
    expect(wrong).toThrow(/JOB_LEASE_SECONDS="1"/u);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL’s, without echoing it, and an AUTH_REQUIRED that is not true or false', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:secret@db/bagui', AUTH_REQUIRED: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'AUTH_REQUIRED="yes": expected true or false',
      'DATABASE_URL: DATABASE_URL must be a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/bagui',
    ]);
    expect(problems.join('\n')).not.toContain('secret');
  });

  it('reads numbers, sizes and lists, and treats an empty variable as unset', () => {
    const config = loadConfig({
      PORT: '9000',
      PORT_UNRELATED: 'x',
      BODY_LIMIT: '512kb',
      CORS_ORIGINS: 'https://a.example.gov.cn, http://localhost:5173,',
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      PORT: 9000,
      BODY_LIMIT: 512 * 1024,
      CORS_ORIGINS: ['https://a.example.gov.cn', 'http://localhost:5173'],
      RATE_LIMIT_MAX: 0,
      LOG_LEVEL: 'info',
    });
    expect(loadConfig({ BODY_LIMIT: '1048576' }).BODY_LIMIT).toBe(1_048_576);
  });

  it('refuses wrong values, naming every variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '80000', BODY_LIMIT: 'lots', CORS_ORIGINS: 'budget.example.gov.cn', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'LOG_LEVEL', 'CORS_ORIGINS.0', 'BODY_LIMIT']);
    expect(problems[3]).toBe('BODY_LIMIT="lots": expected a size such as 64mb, 512kb or 1048576 (bytes)');
  });

  it('refuses a CORS origin with a path or trailing slash, which a browser’s Origin never matches', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.gov.cn/' })).toThrow(
      'CORS_ORIGINS.0="https://a.example.gov.cn/": https://a.example.gov.cn/ is not an origin: give scheme, host and port only, lower case, with no path or trailing slash (e.g. https://a.example.gov.cn)',
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.gov.cn, https://B.example.gov.cn/app' })).toThrow(
      /CORS_ORIGINS\.1=.*\(e\.g\. https:\/\/b\.example\.gov\.cn\)/u,
    );
    expect(loadConfig({ CORS_ORIGINS: 'http://localhost:5173' }).CORS_ORIGINS).toEqual(['http://localhost:5173']);
  });
});
