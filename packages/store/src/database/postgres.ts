import { PostgresDialect } from 'kysely';

/**
 * PostgreSQL through a `pg` pool. The connection string may name a schema with
 * `?options=-c%20search_path%3Dname` (the tests give each file its own schema this way). A
 * server that does not answer fails the connection after 10 s rather than hanging.
 */
export async function postgresDialect(databaseUrl: string, poolSize: number): Promise<PostgresDialect> {
  // Loaded here, not at the top, so that the embedded default never loads the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client whose connection drops (a server restart) emits 'error' on the pool; without a
  // listener that would end the process. The pool replaces the client at the next query.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
