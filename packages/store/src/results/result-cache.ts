import { sql } from 'kysely';
import type { StoreContext } from '../context.js';
import { toNumber } from '../database/values.js';

/** What a cached result is the result of. */
export interface ResultKey {
  /** The scenario file's content hash (a revision's `contentHash`, or `scenarioContentHash(file)`). */
  readonly scenarioHash: string;
  /** The hash of the data sets it ran on (`datasetsHash(bindings)`). */
  readonly datasetsHash: string;
  /** The engine that computed it (core's ENGINE_VERSION): a new engine never reads an old result. */
  readonly engineVersion: string;
  /** Which rendering of the run this is, e.g. `json` or `json+recipients`. */
  readonly output: string;
}

export interface CachedResult {
  readonly mediaType: string;
  readonly body: Uint8Array;
}

export interface ResultCacheLimits {
  /** At most this many results; default 1,000. */
  readonly maxEntries: number;
  /** At most this many bytes of results in all; default 256 MiB. A larger result is not kept. */
  readonly maxBytes: number;
}

export const DEFAULT_RESULT_CACHE_LIMITS: ResultCacheLimits = { maxEntries: 1000, maxBytes: 256 * 1024 * 1024 };

export interface ResultCacheStats extends ResultCacheLimits {
  readonly entries: number;
  readonly bytes: number;
}

/**
 * Run results by what they were computed from, bounded: a put that goes over a limit evicts the
 * least recently used results (oldest first on a tie) until both limits hold. A cached result is
 * derived data, computed again if missing, so its writes are not audited.
 */
export interface ResultCache {
  /** The result, if cached; a hit makes it the most recently used. */
  get(key: ResultKey): Promise<CachedResult | undefined>;
  /** Keeps the result (replacing one with the same key); `stored: false` if it alone exceeds `maxBytes`. */
  put(key: ResultKey, result: CachedResult): Promise<{ stored: boolean; evicted: number }>;
  stats(): Promise<ResultCacheStats>;
}

/** Serialises evictions across instances on PostgreSQL, so that two puts never both miss the bound. */
const EVICTION_LOCK = 0x6261677563; // "baguc"

export function resultCache(context: StoreContext, limits: ResultCacheLimits): ResultCache {
  const { db } = context;
  const byKeyIn = (trx: typeof db, key: ResultKey) =>
    trx
      .selectFrom('result_cache')
      .where('scenario_hash', '=', key.scenarioHash)
      .where('datasets_hash', '=', key.datasetsHash)
      .where('engine_version', '=', key.engineVersion)
      .where('output', '=', key.output);

  async function totals(trx: typeof db): Promise<{ entries: number; bytes: number }> {
    const row = await trx
      .selectFrom('result_cache')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('entries'),
        eb.fn.coalesce(eb.fn.sum<number | string>('size'), eb.val(0)).as('bytes'),
      ])
      .executeTakeFirstOrThrow();
    return { entries: toNumber(row.entries), bytes: toNumber(row.bytes) };
  }

  return {
    async get(key) {
      const row = await byKeyIn(db, key).select(['id', 'media_type', 'body']).executeTakeFirst();
      if (row === undefined) return undefined;
      await db.updateTable('result_cache').set({ last_used_at: context.now() }).where('id', '=', row.id).execute();
      return { mediaType: row.media_type, body: row.body };
    },

    async put(key, result) {
      const size = result.body.byteLength;
      if (size > limits.maxBytes) return { stored: false, evicted: 0 };
      return db.transaction().execute(async (trx) => {
        if (context.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${EVICTION_LOCK})`.execute(trx);
        const at = context.now();
        await trx
          .insertInto('result_cache')
          .values({
            scenario_hash: key.scenarioHash,
            datasets_hash: key.datasetsHash,
            engine_version: key.engineVersion,
            output: key.output,
            media_type: result.mediaType,
            size,
            body: result.body,
            created_at: at,
            last_used_at: at,
          })
          .onConflict((conflict) =>
            conflict
              .columns(['scenario_hash', 'datasets_hash', 'engine_version', 'output'])
              .doUpdateSet({ media_type: result.mediaType, size, body: result.body, last_used_at: at }),
          )
          .execute();
        let { entries, bytes } = await totals(trx);
        if (entries <= limits.maxEntries && bytes <= limits.maxBytes) return { stored: true, evicted: 0 };
        // Least recently used first, oldest first on a tie; never the result just put, even if
        // another instance's clock is ahead of ours.
        const kept = await byKeyIn(trx, key).select('id').executeTakeFirstOrThrow();
        const candidates = await trx
          .selectFrom('result_cache')
          .select(['id', 'size'])
          .where('id', '!=', kept.id)
          .orderBy('last_used_at')
          .orderBy('id')
          .execute();
        const victims: (number | string)[] = [];
        for (const candidate of candidates) {
          if (entries <= limits.maxEntries && bytes <= limits.maxBytes) break;
          victims.push(candidate.id);
          entries -= 1;
          bytes -= candidate.size;
        }
        for (let i = 0; i < victims.length; i += 500) {
          await trx
            .deleteFrom('result_cache')
            .where('id', 'in', victims.slice(i, i + 500))
            .execute();
        }
        const evicted = victims.length;
        return { stored: true, evicted };
      });
    },

    async stats() {
      return { ...(await totals(db)), ...limits };
    },
  };
}
