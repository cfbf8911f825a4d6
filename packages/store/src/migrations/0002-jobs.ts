import type { ColumnDataType, Kysely } from 'kysely';
import type { Dialect } from '../database/dialect.js';

/**
 * The jobs queue (#15): one row per job — what it runs (its spec and the request's body), whose
 * it is, where it stands, its lease — and its result in compressed chunks beside it.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const timestamp: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  const bytes: ColumnDataType = dialect === 'postgres' ? 'bytea' : 'blob';
  const table = db.schema.createTable('job');
  await (
    dialect === 'postgres'
      ? table.addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
      : table.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('owner_key', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('enterprises', 'integer', (c) => c.notNull())
    .addColumn('parameters_version', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('body', bytes, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('started_at', timestamp)
    .addColumn('finished_at', timestamp)
    .addColumn('expires_at', timestamp)
    .addColumn('error', 'text')
    .addColumn('result_status', 'integer')
    .addColumn('result_headers', 'text')
    .addColumn('result_size', 'integer')
    .addColumn('result_attempt', 'integer')
    .addUniqueConstraint('job_idempotency', ['scope', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('job_by_status').on('job').columns(['status', 'seq']).execute();
  await db.schema.createIndex('job_by_scope').on('job').columns(['scope', 'seq']).execute();
  await db.schema.createIndex('job_by_expiry').on('job').column('expires_at').execute();

  await db.schema
    .createTable('job_result_chunk')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('job_result_chunk_pk', ['job_id', 'attempt', 'n'])
    .execute();
}
