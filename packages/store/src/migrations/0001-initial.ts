import { sql, type ColumnDataType, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Dialect } from '../database/dialect.js';

/**
 * Saved scenarios and their revisions, data sets, the result cache, the audit log and API keys.
 * Revisions and audit entries are immutable: triggers refuse every UPDATE and DELETE (and, on
 * PostgreSQL, TRUNCATE), whoever sends it.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const timestamp: ColumnDataType = dialect === 'postgres' ? 'timestamptz' : 'text';
  const bytes: ColumnDataType = dialect === 'postgres' ? 'bytea' : 'blob';
  const serial = <T extends string>(table: CreateTableBuilder<T>, column: string): CreateTableBuilder<T> =>
    dialect === 'postgres'
      ? table.addColumn(column, 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
      : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());

  await serial(db.schema.createTable('scenario'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('current_revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('archived_at', timestamp)
    .execute();

  await db.schema
    .createTable('dataset')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('revision')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenario.id'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('datasets_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('revision_pk', ['scenario_id', 'n'])
    .execute();

  await db.schema
    .createTable('revision_dataset')
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('dataset_hash', 'text', (c) => c.notNull().references('dataset.hash'))
    .addPrimaryKeyConstraint('revision_dataset_pk', ['scenario_id', 'n', 'path'])
    .addForeignKeyConstraint('revision_dataset_revision_fk', ['scenario_id', 'n'], 'revision', ['scenario_id', 'n'])
    .execute();
  await db.schema.createIndex('revision_dataset_by_dataset').on('revision_dataset').column('dataset_hash').execute();

  await serial(db.schema.createTable('result_cache'), 'id')
    .addColumn('scenario_hash', 'text', (c) => c.notNull())
    .addColumn('datasets_hash', 'text', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('body', bytes, (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('last_used_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('result_cache_key', ['scenario_hash', 'datasets_hash', 'engine_version', 'output'])
    .execute();
  await db.schema.createIndex('result_cache_by_use').on('result_cache').columns(['last_used_at', 'id']).execute();

  await serial(db.schema.createTable('audit_log'), 'id')
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('before_hash', 'text')
    .addColumn('after_hash', 'text')
    .addColumn('request_id', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_log_by_resource').on('audit_log').columns(['resource_type', 'resource_id', 'id']).execute();
  await db.schema.createIndex('audit_log_by_actor').on('audit_log').columns(['actor', 'id']).execute();
  await db.schema.createIndex('audit_log_by_action').on('audit_log').columns(['action', 'id']).execute();
  await db.schema.createIndex('audit_log_by_time').on('audit_log').columns(['at', 'id']).execute();

  await db.schema
    .createTable('api_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'analyst', 'admin')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', timestamp)
    .addColumn('revoked_by', 'text')
    .execute();

  for (const table of ['audit_log', 'revision', 'revision_dataset']) await appendOnly(db, dialect, table);
}

/** Refuses every UPDATE and DELETE of the table's rows (and TRUNCATE on PostgreSQL) with an error naming the table. */
async function appendOnly(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const name = sql.id(table);
  if (dialect === 'sqlite') {
    for (const operation of ['update', 'delete'] as const) {
      const trigger = sql.id(`${table}_no_${operation}`);
      const message = sql.lit(`${table} is append-only: ${operation.toUpperCase()} refused`);
      await sql`create trigger ${trigger} before ${sql.raw(operation)} on ${name} begin select raise(abort, ${message}); end`.execute(db);
    }
    return;
  }
  await sql`create or replace function bagui_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'integrity_constraint_violation';
    end
  $$`.execute(db);
  await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${name}
    for each row execute function bagui_refuse_change()`.execute(db);
  await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${name}
    for each statement execute function bagui_refuse_change()`.execute(db);
}
