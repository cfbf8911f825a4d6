import { describe, expect, it } from 'vitest';
import { sha256 } from '../hash.js';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import { hasRole, ROLES, type Role } from './roles.js';

const CLI = { actor: 'cli:root' };

describe('roles', () => {
  it.each([
    ['viewer', ['viewer']],
    ['analyst', ['viewer', 'analyst']],
    ['admin', ['viewer', 'analyst', 'admin']],
  ] as const)('a %s key may do what these may: %j', (role, allowed) => {
    expect(ROLES.filter((required: Role) => hasRole(role, required))).toEqual(allowed);
  });
});

describe.each(BACKENDS)('API keys on %s', (kind) => {
  const stores = storeFixture(kind);

  it('shows the secret once, stores only its hash, and verifies it', async () => {
    const store = await stores.open();
    const created = await store.keys.create({ role: 'analyst', name: 'finance office' }, CLI);
    if (!created.ok) throw new Error(JSON.stringify(created.problems));
    const { key, secret } = created.value;
    expect(secret).toMatch(/^bagui_[A-Za-z0-9_-]{43}$/u);
    expect(key).toMatchObject({
      role: 'analyst',
      name: 'finance office',
      createdBy: 'cli:root',
      revokedAt: null,
      prefix: secret.slice(0, 12),
    });
    expect(key.id).toMatch(/^k_[0-9a-hjkmnp-tv-z]{10}$/u);

    const row = await store.db.selectFrom('api_key').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(secret.slice(12));
    expect(audit.map((e) => [e.action, e.resource_id, e.actor])).toEqual([['key.create', key.id, 'cli:root']]);

    expect(await store.keys.verify(secret)).toEqual({ ok: true, key });
    expect(await store.keys.list()).toEqual([key]);
  });

  it.each(['', 'Bearer x', 'bagui_short', `bagui_${'A'.repeat(43)}`, `${'x'.repeat(49)}`])('answers unknown for %j', async (secret) => {
    const store = await stores.open();
    await store.keys.create({ role: 'admin' }, CLI);
    expect(await store.keys.verify(secret)).toEqual({ ok: false, kind: 'unknown' });
  });

  it('revokes a key at once; revoking it again changes nothing', async () => {
    const store = await stores.open();
    const created = await store.keys.create({ role: 'viewer' }, CLI);
    if (!created.ok) throw new Error('create failed');
    const revoked = await store.keys.revoke(created.value.key.id, { actor: 'k_admin00000', requestId: 'r9' });
    expect(revoked.ok && revoked.value.changed).toBe(true);
    expect(revoked.ok && revoked.value.key.revokedBy).toBe('k_admin00000');
    const verified = await store.keys.verify(created.value.secret);
    expect(verified.ok === false && verified.kind).toBe('revoked');
    const again = await store.keys.revoke(created.value.key.id, CLI);
    expect(again.ok && again.value.changed).toBe(false);
    expect(await store.keys.list({ active: true })).toEqual([]);
    expect((await store.keys.list()).map((k) => k.id)).toEqual([created.value.key.id]);
    const audit = await store.audit.list({ resourceType: 'key' });
    expect(audit.ok && audit.value.items.map((e) => [e.action, e.actor, e.requestId])).toEqual([
      ['key.revoke', 'k_admin00000', 'r9'],
      ['key.create', 'cli:root', null],
    ]);
  });

  it('answers not_found when revoking an unknown key', async () => {
    const store = await stores.open();
    expect(await store.keys.revoke('k_nosuchkey0', CLI)).toEqual({
      ok: false,
      kind: 'not_found',
      problems: [
        {
          code: 'STORE.KEY_NOT_FOUND',
          message: 'no API key has the id "k_nosuchkey0" (bagui keys list shows them)',
          location: { value: 'k_nosuchkey0' },
        },
      ],
    });
  });

  it('refuses an unknown role and an overlong name', async () => {
    const store = await stores.open();
    const created = await store.keys.create({ role: 'root', name: 'n'.repeat(201) }, CLI);
    expect(created.ok === false && created.problems.map((p) => [p.code, p.message])).toEqual([
      ['KEY.ROLE', 'the role must be one of viewer, analyst, admin'],
      ['KEY.NAME', "a key's name must be at most 200 characters"],
    ]);
    expect(await store.keys.list()).toEqual([]);
  });

  it('a key made through one instance is accepted by another at once, and a revocation too', async () => {
    const location = await stores.database();
    const server = await stores.openAt(location);
    const cli = await stores.openAt(location);
    expect(await server.keys.verify('bagui_' + 'A'.repeat(43))).toEqual({ ok: false, kind: 'unknown' });
    const created = await cli.keys.create({ role: 'admin' }, CLI);
    if (!created.ok) throw new Error('create failed');
    expect((await server.keys.verify(created.value.secret)).ok).toBe(true);
    await cli.keys.revoke(created.value.key.id, CLI);
    const verified = await server.keys.verify(created.value.secret);
    expect(verified.ok === false && verified.kind).toBe('revoked');
  });
});
