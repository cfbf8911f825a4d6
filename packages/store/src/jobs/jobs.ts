import { sql, type Selectable, type Updateable } from 'kysely';
import type { StoreContext } from '../context.js';
import type { JobTable } from '../database/schema.js';
import { toIso, toIsoOrNull, toNumber } from '../database/values.js';
import { invalid, success, type Invalid, type Outcome } from '../outcome.js';
import { keysetPage, readPageRequest, type Page, type PageRequest } from '../paging.js';

/**
 * The jobs queue, in the database rather than in a server's heap: a job accepted is a committed
 * row, so it survives a restart; a worker takes one by a lease (an expiry it renews while it
 * works), so a job whose process died is taken again when the lease runs out — by this process
 * after its restart, or by another instance on the same PostgreSQL. On PostgreSQL a job is taken
 * with `FOR UPDATE SKIP LOCKED`, so instances never take the same one; on SQLite one statement
 * takes it under the database's write lock. Results are kept beside the job, gzip-compressed and
 * cut in chunks, until the job expires.
 */

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job as stored, without its body and result. */
export interface StoredJob {
  readonly id: string;
  readonly scope: string;
  readonly ownerKey: string | null;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  readonly operation: string;
  readonly subjectKind: string;
  readonly subject: string;
  readonly enterprises: number;
  readonly parametersVersion: string;
  readonly requestId: string;
  /** The app's job spec, as JSON text. */
  readonly spec: string;
  readonly status: JobStatus;
  readonly phase: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly expiresAt: string | null;
  /** The problem of a failed job, as JSON text. */
  readonly error: string | null;
  readonly result: { readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly size: number } | null;
  /** Which attempt's chunks hold the result. */
  readonly resultAttempt: number | null;
}

export type NewJob = Pick<
  StoredJob,
  | 'id'
  | 'scope'
  | 'ownerKey'
  | 'idempotencyKey'
  | 'requestHash'
  | 'operation'
  | 'subjectKind'
  | 'subject'
  | 'enterprises'
  | 'parametersVersion'
  | 'requestId'
  | 'spec'
> & { readonly body: Uint8Array };

export interface JobLimits {
  /** Queued and running jobs one scope may have. */
  readonly perScope: number;
  /** Queued and running jobs in the whole queue. */
  readonly total: number;
}

export type Created =
  | { readonly kind: 'created'; readonly job: StoredJob }
  /** The scope's job with the same idempotency key (its request hash may differ: the caller compares). */
  | { readonly kind: 'existing'; readonly job: StoredJob }
  | { readonly kind: 'quota'; readonly active: number }
  | { readonly kind: 'full'; readonly active: number };

/** A job taken by a worker: the job, its body, and the attempt this is. */
export interface Claimed {
  readonly job: StoredJob;
  readonly body: Uint8Array;
  readonly attempt: number;
}

export interface Jobs {
  /** A new queued job, unless the scope or the queue is at its limit, or the scope already has a job with this idempotency key. */
  create(job: NewJob, limits: JobLimits): Promise<Created>;
  /** The job, unless it never existed or has expired. */
  get(id: string): Promise<StoredJob | undefined>;
  /** A scope's jobs, newest first. */
  list(scope: string, page?: PageRequest): Promise<Outcome<Page<StoredJob>, Invalid>>;
  /** Queued and running jobs of the scope (all of them without one). */
  active(scope?: string): Promise<number>;
  /** Takes the oldest queued job, or a running one whose lease has run out, for `owner` until `leaseMs` from now. */
  claim(owner: string, leaseMs: number): Promise<Claimed | undefined>;
  /** Extends the lease; false when the job is no longer this owner's to run (cancelled, or taken by another after its lease ran out). */
  renew(id: string, owner: string, leaseMs: number): Promise<boolean>;
  setPhase(id: string, owner: string, phase: string): Promise<boolean>;
  /** One chunk of an attempt's result. */
  writeChunk(id: string, attempt: number, n: number, data: Uint8Array): Promise<void>;
  /** Finishes the job with its result (its chunks written); false, and the chunks dropped, when it was no longer this owner's. */
  succeed(
    id: string,
    owner: string,
    attempt: number,
    result: { status: number; headers: Record<string, string>; size: number },
    keepMs: number,
  ): Promise<boolean>;
  /** Finishes the job with a problem (JSON text). */
  fail(id: string, owner: string, problem: string, keepMs: number): Promise<boolean>;
  /** Puts a running job back in the queue (a worker that stops before it finishes). */
  release(id: string, owner: string): Promise<boolean>;
  /** Cancels a queued or running job; `finished` when it had already finished. */
  cancel(id: string, keepMs: number): Promise<{ kind: 'cancelled'; job: StoredJob } | { kind: 'finished'; job: StoredJob } | undefined>;
  /** Puts every running job back in the queue: at the start of the only process that runs jobs (SQLite). */
  requeueRunning(): Promise<number>;
  /** The chunks of a finished job's result, in order, one read at a time. */
  resultChunks(id: string, attempt: number): AsyncIterable<Uint8Array>;
  /** Deletes expired jobs and their results; answers how many. */
  purge(): Promise<number>;
}

const UNFINISHED = ['queued', 'running'] as const;

function storedJob(row: Selectable<JobTable>): StoredJob {
  return {
    id: row.id,
    scope: row.scope,
    ownerKey: row.owner_key,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    operation: row.operation,
    subjectKind: row.subject_kind,
    subject: row.subject,
    enterprises: toNumber(row.enterprises),
    parametersVersion: row.parameters_version,
    requestId: row.request_id,
    spec: row.spec,
    status: row.status as JobStatus,
    phase: row.phase,
    attempts: toNumber(row.attempts),
    createdAt: toIso(row.created_at),
    startedAt: toIsoOrNull(row.started_at),
    finishedAt: toIsoOrNull(row.finished_at),
    expiresAt: toIsoOrNull(row.expires_at),
    error: row.error,
    result:
      row.result_status === null || row.result_headers === null
        ? null
        : {
            status: toNumber(row.result_status),
            headers: JSON.parse(row.result_headers) as Record<string, string>,
            size: toNumber(row.result_size ?? 0),
          },
    resultAttempt: row.result_attempt === null ? null : toNumber(row.result_attempt),
  };
}

/** Every column but the body (which only a worker reads). */
const COLUMNS = [
  'seq',
  'id',
  'scope',
  'owner_key',
  'idempotency_key',
  'request_hash',
  'operation',
  'subject_kind',
  'subject',
  'enterprises',
  'parameters_version',
  'request_id',
  'spec',
  'status',
  'phase',
  'attempts',
  'lease_owner',
  'lease_until',
  'created_at',
  'started_at',
  'finished_at',
  'expires_at',
  'error',
  'result_status',
  'result_headers',
  'result_size',
  'result_attempt',
] as const;

/** Any key of our own for the per-scope lock of job creation (PostgreSQL). */
const CREATE_LOCK = 0x6a6f6273; // "jobs"

export function jobs(context: StoreContext): Jobs {
  const { db, dialect } = context;
  const later = (ms: number): string => new Date(Date.parse(context.now()) + ms).toISOString();

  const read = async (id: string): Promise<StoredJob | undefined> => {
    const now = context.now();
    const row = await db
      .selectFrom('job')
      .select(COLUMNS)
      .where('id', '=', id)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return row === undefined ? undefined : storedJob(row as unknown as Selectable<JobTable>);
  };

  const countActive = async (executor: typeof db, scope?: string): Promise<number> => {
    let query = executor
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', 'in', UNFINISHED);
    if (scope !== undefined) query = query.where('scope', '=', scope);
    const row = await query.executeTakeFirstOrThrow();
    return toNumber(row.n);
  };

  /** Sets `values` on job `id` while `owner` holds it running: false when it no longer does (its lease was lost, or the job ended). */
  const updateHeld = async (id: string, owner: string, values: Updateable<JobTable>): Promise<boolean> => {
    const result = await db
      .updateTable('job')
      .set(values)
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };

  const finished = (keepMs: number) => {
    const now = context.now();
    return {
      finished_at: now,
      expires_at: new Date(Date.parse(now) + keepMs).toISOString(),
      phase: 'done',
      lease_owner: null,
      lease_until: null,
    };
  };

  return {
    async create(job, limits) {
      return db.transaction().execute(async (trx): Promise<Created> => {
        if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CREATE_LOCK}, hashtext(${job.scope}))`.execute(trx);
        const now = context.now();
        if (job.idempotencyKey !== null) {
          const same = await trx
            .selectFrom('job')
            .select(COLUMNS)
            .where('scope', '=', job.scope)
            .where('idempotency_key', '=', job.idempotencyKey)
            .executeTakeFirst();
          if (same !== undefined) {
            const expired = same.expires_at !== null && toIso(same.expires_at) <= now;
            if (!expired) return { kind: 'existing', job: storedJob(same as unknown as Selectable<JobTable>) };
            await trx.deleteFrom('job_result_chunk').where('job_id', '=', same.id).execute();
            await trx.deleteFrom('job').where('id', '=', same.id).execute();
          }
        }
        const mine = await countActive(trx, job.scope);
        if (mine >= limits.perScope) return { kind: 'quota', active: mine };
        const all = await countActive(trx);
        if (all >= limits.total) return { kind: 'full', active: all };
        const row = await trx
          .insertInto('job')
          .values({
            id: job.id,
            scope: job.scope,
            owner_key: job.ownerKey,
            idempotency_key: job.idempotencyKey,
            request_hash: job.requestHash,
            operation: job.operation,
            subject_kind: job.subjectKind,
            subject: job.subject,
            enterprises: job.enterprises,
            parameters_version: job.parametersVersion,
            request_id: job.requestId,
            spec: job.spec,
            body: job.body,
            status: 'queued',
            phase: 'queued',
            attempts: 0,
            created_at: now,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow();
        return { kind: 'created', job: storedJob(row as unknown as Selectable<JobTable>) };
      });
    },

    get: read,

    async list(scope, request = {}) {
      const page = readPageRequest(request);
      if (!page.ok) return invalid(page.problems);
      const now = context.now();
      const query = db
        .selectFrom('job')
        .select(COLUMNS)
        .where('scope', '=', scope)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
      return success(
        await keysetPage(
          query,
          'seq',
          page,
          (row) => toNumber(row.seq),
          (row) => storedJob(row as unknown as Selectable<JobTable>),
        ),
      );
    },

    active: (scope) => countActive(db, scope),

    async claim(owner, leaseMs) {
      const now = context.now();
      const until = later(leaseMs);
      const skipLocked = dialect === 'postgres' ? sql` for update skip locked` : sql``;
      const taken = await sql<{ id: string; attempts: number | string }>`
        update job set status = 'running', lease_owner = ${owner}, lease_until = ${until},
          started_at = coalesce(started_at, ${now}), attempts = attempts + 1
        where id = (
          select id from job
          where status = 'queued' or (status = 'running' and lease_until < ${now})
          order by seq limit 1${skipLocked}
        )
        returning id, attempts`.execute(db);
      const row = taken.rows[0];
      if (row === undefined) return undefined;
      const full = await db
        .selectFrom('job')
        .select([...COLUMNS, 'body'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      return { job: storedJob(full), body: full.body, attempt: toNumber(row.attempts) };
    },

    renew: (id, owner, leaseMs) => updateHeld(id, owner, { lease_until: later(leaseMs) }),

    setPhase: (id, owner, phase) => updateHeld(id, owner, { phase }),

    async writeChunk(id, attempt, n, data) {
      await db.insertInto('job_result_chunk').values({ job_id: id, attempt, n, data }).execute();
    },

    async succeed(id, owner, attempt, result, keepMs) {
      const ok = await updateHeld(id, owner, {
        status: 'succeeded',
        ...finished(keepMs),
        result_status: result.status,
        result_headers: JSON.stringify(result.headers),
        result_size: result.size,
        result_attempt: attempt,
      });
      // Another attempt's chunks (a worker that lost its lease) are never read: drop them now.
      await db
        .deleteFrom('job_result_chunk')
        .where('job_id', '=', id)
        .where('attempt', ok ? '<>' : '=', attempt)
        .execute();
      return ok;
    },

    fail: (id, owner, problem, keepMs) => updateHeld(id, owner, { status: 'failed', ...finished(keepMs), error: problem }),

    release: (id, owner) => updateHeld(id, owner, { status: 'queued', phase: 'queued', lease_owner: null, lease_until: null }),

    async cancel(id, keepMs) {
      const job = await read(id);
      if (job === undefined) return undefined;
      if (job.status !== 'queued' && job.status !== 'running') return { kind: 'finished', job };
      // The phase stays where the job stopped.
      const { phase: _phase, ...ended } = finished(keepMs);
      const done = await db
        .updateTable('job')
        .set({ status: 'cancelled', ...ended })
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      const now = await read(id);
      if (now === undefined) return undefined;
      return { kind: done.numUpdatedRows > 0n ? 'cancelled' : 'finished', job: now };
    },

    async requeueRunning() {
      const done = await db
        .updateTable('job')
        .set({ status: 'queued', phase: 'queued', lease_owner: null, lease_until: null })
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(done.numUpdatedRows);
    },

    async *resultChunks(id, attempt) {
      for (let n = 0; ; n++) {
        const row = await db
          .selectFrom('job_result_chunk')
          .select('data')
          .where('job_id', '=', id)
          .where('attempt', '=', attempt)
          .where('n', '=', n)
          .executeTakeFirst();
        if (row === undefined) return;
        yield row.data;
      }
    },

    async purge() {
      const now = context.now();
      const expired = db.selectFrom('job').select('id').where('expires_at', '<=', now);
      await db.deleteFrom('job_result_chunk').where('job_id', 'in', expired).execute();
      const done = await db.deleteFrom('job').where('expires_at', '<=', now).executeTakeFirst();
      return Number(done.numDeletedRows);
    },
  };
}
