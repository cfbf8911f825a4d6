import type { ColumnType } from 'kysely';

/**
 * The tables as Kysely sees them. A timestamp is `timestamptz` on PostgreSQL (read back as a
 * Date) and ISO-8601 text on SQLite (read back as a string); it is always written as an ISO
 * string, and `toIso` reads either. Counters are `bigint` on PostgreSQL (read back as strings
 * by `pg`) and integers on SQLite; `toNumber` reads either.
 */
type Timestamp = ColumnType<Date | string, string, string>;
type Serial = ColumnType<number | string, never, never>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface ScenarioTable {
  /** Insertion order: the stable order of lists and the key of their cursors. */
  seq: Serial;
  id: string;
  name: string;
  description: string;
  /** name + "\n" + description, lowercased in JavaScript: the same case-insensitive search on both databases. */
  search_text: string;
  current_revision: number;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface RevisionTable {
  scenario_id: string;
  n: number;
  /** The scenario file as JSON text (pretty-printed, its keys in the order given). */
  content: string;
  content_hash: string;
  datasets_hash: string;
  created_at: Timestamp;
  created_by: string;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface RevisionDatasetTable {
  scenario_id: string;
  n: number;
  /** The `applicants.file` path of the scenario file that this data set stands for. */
  path: string;
  dataset_hash: string;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface DatasetTable {
  hash: string;
  media_type: string;
  size: number;
  bytes: Bytes;
  created_at: Timestamp;
  created_by: string;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface ResultTable {
  id: Serial;
  scenario_hash: string;
  datasets_hash: string;
  engine_version: string;
  output: string;
  media_type: string;
  size: number;
  body: Bytes;
  created_at: Timestamp;
  last_used_at: Timestamp;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface AuditTable {
  id: Serial;
  at: Timestamp;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  before_hash: string | null;
  after_hash: string | null;
  request_id: string | null;
  /** JSON text: what changed beside the content (a name, a role). */
  detail: string | null;
}

export interface ApiKeyTable {
  id: string;
  prefix: string;
  secret_hash: string;
  role: string;
  name: string;
  created_at: Timestamp;
  created_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface MigrationTable {
  name: string;
  applied_at: string;
}

export interface Database {
  bagui_migration: MigrationTable;
  scenario: ScenarioTable;
  revision: RevisionTable;
  revision_dataset: RevisionDatasetTable;
  dataset: DatasetTable;
  result_cache: ResultTable;
  audit_log: AuditTable;
  api_key: ApiKeyTable;
  job: JobTable;
  job_result_chunk: JobResultChunkTable;
}

export interface JobTable {
  /** Insertion order: the queue's order and the key of the list's cursors. */
  seq: Serial;
  id: string;
  /** Whose job it is: `key:k_…` for a key, `client:ADDRESS` without one (quotas and idempotency count by it). */
  scope: string;
  owner_key: string | null;
  idempotency_key: string | null;
  request_hash: string;
  operation: string;
  subject_kind: string;
  subject: string;
  enterprises: number;
  parameters_version: string;
  request_id: string;
  /** JSON text: what to run (the app's job spec, without the body). */
  spec: string;
  body: Bytes;
  status: string;
  phase: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  expires_at: Timestamp | null;
  /** JSON text: the problem of a failed job. */
  error: string | null;
  result_status: number | null;
  /** JSON text: the answer's headers. */
  result_headers: string | null;
  result_size: number | null;
  /** Which attempt's chunks are the result. */
  result_attempt: number | null;
}

/** @public a table of the Kysely `Database`, exported as its other tables are so that a row can be named (`Selectable<…>`) where a query needs it. */
export interface JobResultChunkTable {
  job_id: string;
  attempt: number;
  n: number;
  /** A slice of the gzip stream of the answer's body. */
  data: Bytes;
}
