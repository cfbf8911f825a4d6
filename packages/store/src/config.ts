import { problem, type Problem } from '@bagui/core/errors';
import type { StoreLocation } from './open.js';

/** The data directory when neither BAGUI_DATA_DIR nor DATABASE_URL is set, relative to the working directory. */
export const DEFAULT_DATA_DIR = './data';

/**
 * Where the server and the CLI keep their data, from the environment: PostgreSQL when
 * DATABASE_URL is set (and not empty), else SQLite in BAGUI_DATA_DIR (default `./data`).
 * Both read it through this one function, so that they always meet in the same database.
 */
export function storeLocationFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; value: StoreLocation } | { ok: false; problems: readonly Problem[] } {
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (databaseUrl !== '') {
    let protocol: string | undefined;
    try {
      protocol = new URL(databaseUrl).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      return {
        ok: false,
        problems: [
          problem('ENV.DATABASE_URL', 'DATABASE_URL must be a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/bagui', {
            path: ['DATABASE_URL'],
          }),
        ],
      };
    }
    return { ok: true, value: { databaseUrl } };
  }
  const dataDir = env.BAGUI_DATA_DIR?.trim() ?? '';
  return { ok: true, value: { dataDir: dataDir === '' ? DEFAULT_DATA_DIR : dataDir } };
}
