import type { Kysely } from 'kysely';
import type { Dialect } from './database/dialect.js';
import type { Database } from './database/schema.js';
import type { RandomBytes } from './ids.js';

/** Who writes, and in answer to which request: every write names both in its audit entry. */
export interface WriteContext {
  /**
   * The actor: the API key's id (`k_…`) for a request, `cli:USER` for the `bagui` command run
   * by USER on the server's machine.
   */
  readonly actor: string;
  /** The request's id (the API's `request_id`), when there is one. */
  readonly requestId?: string | undefined;
}

/** What every aggregate's module is built on. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The current time as an ISO-8601 string (UTC, milliseconds): injectable for tests. */
  readonly now: () => string;
  readonly random: RandomBytes;
}
