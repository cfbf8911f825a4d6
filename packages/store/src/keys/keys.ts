import { problem } from '@bagui/core/errors';
import { appendAudit } from '../audit/audit.js';
import type { StoreContext, WriteContext } from '../context.js';
import type { Selectable } from 'kysely';
import type { ApiKeyTable } from '../database/schema.js';
import { toIso, toIsoOrNull } from '../database/values.js';
import { sha256 } from '../hash.js';
import { newKeyId } from '../ids.js';
import { invalid, notFound, success, type Invalid, type NotFound, type Outcome } from '../outcome.js';
import { isRole, ROLES, type Role } from './roles.js';

/** An API key as listed: never its secret, which only its creator ever sees. */
export interface ApiKey {
  /** The public id, `k_` and 10 base32 characters: what lists, revocation and the audit log name. */
  readonly id: string;
  /** The first characters of the secret (`bagui_` and 6 more), to tell which key one holds. */
  readonly prefix: string;
  readonly role: Role;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

export type Verified =
  | { readonly ok: true; readonly key: ApiKey }
  /** No key has this secret (or it is not a Bagui key at all). */
  | { readonly ok: false; readonly kind: 'unknown' }
  | { readonly ok: false; readonly kind: 'revoked'; readonly key: ApiKey };

export interface ApiKeys {
  /** A new key; `secret` is returned this once and stored only as its hash. */
  create(
    options: { readonly role: string; readonly name?: string | undefined },
    context: WriteContext,
  ): Promise<Outcome<{ key: ApiKey; secret: string }, Invalid>>;
  /**
   * The key whose secret this is: one indexed lookup of the secret's hash, every time, so a key
   * created or revoked by another process (the CLI) counts at the very next request.
   */
  verify(secret: string): Promise<Verified>;
  /** Every key, newest first; revoked ones too unless `active` is set. */
  list(options?: { readonly active?: boolean }): Promise<readonly ApiKey[]>;
  /** The key with this id, revoked or not. */
  get(id: string): Promise<ApiKey | undefined>;
  /** Revokes the key (at once, for every instance); revoking a revoked key changes nothing. */
  revoke(id: string, context: WriteContext): Promise<Outcome<{ key: ApiKey; changed: boolean }, NotFound>>;
}

/** `bagui_` and 32 random bytes in base64url: 256 bits, which no one guesses or brute-forces. */
const SECRET = /^bagui_[A-Za-z0-9_-]{43}$/u;
const PREFIX_LENGTH = 'bagui_'.length + 6;
export const KEY_NAME_MAX = 200;

function apiKey(row: Selectable<ApiKeyTable>): ApiKey {
  return {
    id: row.id,
    prefix: row.prefix,
    role: row.role as Role,
    name: row.name,
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    revokedAt: toIsoOrNull(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

/**
 * Secrets are stored as SHA-256 hashes. A slow password hash (bcrypt, argon2) protects secrets a
 * person chose, which can be guessed from a list; these are 256 random bits, so a fast hash is
 * as safe and lets every request be checked by one indexed lookup.
 */
export function apiKeys(context: StoreContext): ApiKeys {
  const { db } = context;
  return {
    async create(options, write) {
      const name = options.name ?? '';
      const problems = [];
      if (!isRole(options.role)) {
        problems.push(problem('KEY.ROLE', `the role must be one of ${ROLES.join(', ')}`, { path: ['role'], value: options.role }));
      }
      if ([...name].length > KEY_NAME_MAX) {
        problems.push(problem('KEY.NAME', `a key's name must be at most ${KEY_NAME_MAX} characters`, { path: ['name'] }));
      }
      if (problems.length > 0) return invalid(problems);
      const secret = `bagui_${Buffer.from(context.random(32)).toString('base64url')}`;
      const id = newKeyId(context.random);
      return db.transaction().execute(async (trx) => {
        const at = context.now();
        await trx
          .insertInto('api_key')
          .values({
            id,
            prefix: secret.slice(0, PREFIX_LENGTH),
            secret_hash: sha256(secret),
            role: options.role,
            name,
            created_at: at,
            created_by: write.actor,
            revoked_at: null,
            revoked_by: null,
          })
          .execute();
        await appendAudit(trx, at, write, {
          action: 'key.create',
          resourceType: 'key',
          resourceId: id,
          detail: { role: options.role, name },
        });
        const row = await trx.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return success({ key: apiKey(row), secret });
      });
    },

    async verify(secret) {
      if (!SECRET.test(secret)) return { ok: false, kind: 'unknown' };
      const row = await db.selectFrom('api_key').selectAll().where('secret_hash', '=', sha256(secret)).executeTakeFirst();
      if (row === undefined) return { ok: false, kind: 'unknown' };
      const key = apiKey(row);
      return key.revokedAt === null ? { ok: true, key } : { ok: false, kind: 'revoked', key };
    },

    async list(options = {}) {
      let query = db.selectFrom('api_key').selectAll();
      if (options.active === true) query = query.where('revoked_at', 'is', null);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(apiKey);
    },

    async get(id) {
      const row = await db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : apiKey(row);
    },

    async revoke(id, write) {
      return db.transaction().execute(async (trx): Promise<Outcome<{ key: ApiKey; changed: boolean }, NotFound>> => {
        const row = await trx.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
        if (row === undefined)
          return notFound('STORE.KEY_NOT_FOUND', `no API key has the id ${JSON.stringify(id)} (bagui keys list shows them)`, id);
        if (row.revoked_at !== null) return success({ key: apiKey(row), changed: false });
        const at = context.now();
        await trx.updateTable('api_key').set({ revoked_at: at, revoked_by: write.actor }).where('id', '=', id).execute();
        await appendAudit(trx, at, write, {
          action: 'key.revoke',
          resourceType: 'key',
          resourceId: id,
          detail: { role: row.role, name: row.name },
        });
        const revoked = await trx.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return success({ key: apiKey(revoked), changed: true });
      });
    },
  };
}
