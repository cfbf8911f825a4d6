import { problem } from '@bagui/core/errors';
import { appendAudit } from '../audit/audit.js';
import type { StoreContext, WriteContext } from '../context.js';
import { toIso } from '../database/values.js';
import { sha256 } from '../hash.js';
import { invalid, notFound, success, type Invalid, type NotFound, type Outcome } from '../outcome.js';

/** A stored data set: uploaded applicants (a CSV file, JSON records), kept once per content. */
export interface DatasetInfo {
  /** SHA-256 of the bytes, lowercase hex: the data set's identity. */
  readonly hash: string;
  readonly mediaType: string;
  readonly size: number;
  /** When and by whom it was first uploaded. */
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface Dataset extends DatasetInfo {
  readonly bytes: Uint8Array;
}

export interface Datasets {
  /**
   * Stores the bytes under their hash, once: uploading the same bytes again stores nothing new
   * (`created: false`) and answers the first upload's record. Either way the upload is audited.
   * The caller checks the bytes first (core's applicant readers); the store keeps them as given.
   */
  put(
    bytes: Uint8Array,
    options: { readonly mediaType: string },
    context: WriteContext,
  ): Promise<Outcome<{ dataset: DatasetInfo; created: boolean }, Invalid>>;
  get(hash: string): Promise<Outcome<Dataset, NotFound>>;
  info(hash: string): Promise<Outcome<DatasetInfo, NotFound>>;
}

const HASH = /^[0-9a-f]{64}$/u;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/iu;

const datasetNotFound = (hash: string): NotFound =>
  notFound('STORE.DATASET_NOT_FOUND', `no data set has the hash ${JSON.stringify(hash)}`, hash);

export function datasets(context: StoreContext): Datasets {
  const { db } = context;
  const columns = ['hash', 'media_type', 'size', 'created_at', 'created_by'] as const;
  const info = (row: { hash: string; media_type: string; size: number; created_at: Date | string; created_by: string }): DatasetInfo => ({
    hash: row.hash,
    mediaType: row.media_type,
    size: row.size,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
  });

  return {
    async put(bytes, options, write) {
      if (!MEDIA_TYPE.test(options.mediaType)) {
        return invalid([
          problem('STORE.MEDIA_TYPE', 'a data set needs a media type such as text/csv or application/json', {
            path: ['mediaType'],
            value: options.mediaType,
          }),
        ]);
      }
      const hash = sha256(bytes);
      return db.transaction().execute(async (trx) => {
        const at = context.now();
        // Two uploads of the same bytes at once: the second inserts nothing and reads the first.
        const inserted = await trx
          .insertInto('dataset')
          .values({ hash, media_type: options.mediaType, size: bytes.byteLength, bytes, created_at: at, created_by: write.actor })
          .onConflict((conflict) => conflict.column('hash').doNothing())
          .executeTakeFirst();
        const created = inserted.numInsertedOrUpdatedRows === 1n;
        const row = await trx.selectFrom('dataset').select(columns).where('hash', '=', hash).executeTakeFirstOrThrow();
        await appendAudit(trx, at, write, {
          action: 'dataset.upload',
          resourceType: 'dataset',
          resourceId: hash,
          afterHash: hash,
          detail: { size: bytes.byteLength, mediaType: options.mediaType, created },
        });
        return success({ dataset: info(row), created });
      });
    },

    async get(hash) {
      const row = HASH.test(hash) ? await db.selectFrom('dataset').selectAll().where('hash', '=', hash).executeTakeFirst() : undefined;
      if (row === undefined) return datasetNotFound(hash);
      return success({ ...info(row), bytes: row.bytes });
    },

    async info(hash) {
      const row = HASH.test(hash) ? await db.selectFrom('dataset').select(columns).where('hash', '=', hash).executeTakeFirst() : undefined;
      return row === undefined ? datasetNotFound(hash) : success(info(row));
    },
  };
}
