import { describe, expect, it } from 'vitest';
import { storeLocationFromEnv } from './config.js';

describe('storeLocationFromEnv', () => {
  it.each([
    [{}, { dataDir: './data' }],
    [{ BAGUI_DATA_DIR: '/var/lib/bagui' }, { dataDir: '/var/lib/bagui' }],
    [{ BAGUI_DATA_DIR: '  ' }, { dataDir: './data' }],
    [{ DATABASE_URL: 'postgres://bagui@db:5432/bagui', BAGUI_DATA_DIR: '/x' }, { databaseUrl: 'postgres://bagui@db:5432/bagui' }],
    [{ DATABASE_URL: 'postgresql://db/bagui' }, { databaseUrl: 'postgresql://db/bagui' }],
    [{ DATABASE_URL: '' }, { dataDir: './data' }],
  ])('%j → %j', (env, expected) => {
    expect(storeLocationFromEnv(env)).toEqual({ ok: true, value: expected });
  });

  it.each(['mysql://db/bagui', 'not a url'])('refuses DATABASE_URL=%j', (url) => {
    expect(storeLocationFromEnv({ DATABASE_URL: url })).toEqual({
      ok: false,
      problems: [
        {
          code: 'ENV.DATABASE_URL',
          message: 'DATABASE_URL must be a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/bagui',
          location: { path: ['DATABASE_URL'] },
        },
      ],
    });
  });
});
