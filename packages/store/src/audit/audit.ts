import type { Kysely, Transaction } from 'kysely';
import type { StoreContext, WriteContext } from '../context.js';
import type { Database } from '../database/schema.js';
import { toIso, toNumber } from '../database/values.js';
import { invalid, success, type Outcome } from '../outcome.js';
import { keysetPage, readPageRequest, type Page, type PageRequest } from '../paging.js';
import { problem, type Problem } from '@bagui/core/errors';

/** What was written. */
export type AuditAction =
  | 'scenario.create'
  | 'scenario.revise'
  | 'scenario.rename'
  | 'scenario.archive'
  | 'scenario.restore'
  | 'dataset.upload'
  | 'key.create'
  | 'key.revoke';

export type ResourceType = 'scenario' | 'dataset' | 'key';

export interface AuditEntry {
  /** Increases with every entry: the order of the log. */
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly resourceType: ResourceType;
  readonly resourceId: string;
  /** The content hash before the write (a scenario's previous revision), or null. */
  readonly beforeHash: string | null;
  /** The content hash after the write (the new revision, the data set), or null. */
  readonly afterHash: string | null;
  readonly requestId: string | null;
  /** What changed beside the content: a name, a description, a role. Never a secret. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

export interface AuditRecord {
  readonly action: AuditAction;
  readonly resourceType: ResourceType;
  readonly resourceId: string;
  readonly beforeHash?: string | null;
  readonly afterHash?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/**
 * Appends the entry of a write, inside that write's transaction: both commit, or neither. There
 * is no other way to write to the log, and the database refuses any change to an entry.
 */
export async function appendAudit(trx: Transaction<Database>, at: string, context: WriteContext, record: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: context.actor,
      action: record.action,
      resource_type: record.resourceType,
      resource_id: record.resourceId,
      before_hash: record.beforeHash ?? null,
      after_hash: record.afterHash ?? null,
      request_id: context.requestId ?? null,
      detail: record.detail === undefined ? null : JSON.stringify(record.detail),
    })
    .execute();
}

export interface AuditFilter extends PageRequest {
  readonly resourceType?: string | undefined;
  readonly resourceId?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  /** Entries at or after this time (an ISO-8601 date-time with a zone, or a Date). */
  readonly from?: string | Date | undefined;
  /** Entries strictly before this time. */
  readonly to?: string | Date | undefined;
}

export interface AuditLog {
  /** The entries that match every filter given, newest first, paged. */
  list(filter?: AuditFilter): Promise<Outcome<Page<AuditEntry>>>;
}

/** A date-time with a zone (`2026-12-01T08:00:00Z`, `…+08:00`) or a calendar date (UTC midnight). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/u;

function instant(value: string | Date | undefined, name: string, problems: Problem[]): string | undefined {
  if (value === undefined) return undefined;
  const date = typeof value === 'string' && DATE_TIME.test(value) ? new Date(value) : value instanceof Date ? value : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    problems.push(
      problem('AUDIT.TIME', `${name} must be a date-time with a zone, e.g. 2026-12-01T08:00:00Z or 2026-12-01T16:00:00+08:00, or a date`, {
        path: [name],
        value: String(value),
      }),
    );
    return undefined;
  }
  return date.toISOString();
}

export function auditLog(context: StoreContext): AuditLog {
  const db: Kysely<Database> = context.db;
  return {
    async list(filter = {}) {
      const page = readPageRequest(filter);
      const problems: Problem[] = page.ok ? [] : [...page.problems];
      const from = instant(filter.from, 'from', problems);
      const to = instant(filter.to, 'to', problems);
      if (!page.ok || problems.length > 0) return invalid(problems);
      let query = db.selectFrom('audit_log').selectAll();
      if (filter.resourceType !== undefined) query = query.where('resource_type', '=', filter.resourceType);
      if (filter.resourceId !== undefined) query = query.where('resource_id', '=', filter.resourceId);
      if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (from !== undefined) query = query.where('at', '>=', from);
      if (to !== undefined) query = query.where('at', '<', to);
      return success(
        await keysetPage(
          query,
          'id',
          page,
          (row) => toNumber(row.id),
          (row): AuditEntry => ({
            id: toNumber(row.id),
            at: toIso(row.at),
            actor: row.actor,
            action: row.action as AuditAction,
            resourceType: row.resource_type as ResourceType,
            resourceId: row.resource_id,
            beforeHash: row.before_hash,
            afterHash: row.after_hash,
            requestId: row.request_id,
            detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
          }),
        ),
      );
    },
  };
}
