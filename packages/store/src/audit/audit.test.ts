import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import { fileScenario, FIRMS_CSV, talentScenario } from '../test-support/scenario-files.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { Store } from '../open.js';

/** A clock that moves one minute a call from 2026-12-01T00:00Z. */
function ticking(): () => string {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 11, 1, 0, minute++)).toISOString();
}

async function entries(store: Store, filter: Parameters<Store['audit']['list']>[0] = {}) {
  const page = await store.audit.list(filter);
  if (!page.ok) throw new Error(JSON.stringify(page.problems));
  return page.value;
}

describe.each(BACKENDS)('the audit log on %s', (kind) => {
  const stores = storeFixture(kind);

  async function history(store: Store): Promise<string> {
    const a = await store.scenarios.create({ file: talentScenario() }, { actor: 'k_alice00000', requestId: 'r1' });
    if (!a.ok) throw new Error('create failed');
    await store.scenarios.revise(a.value.scenario.id, { file: talentScenario('1100万') }, 1, { actor: 'k_bob0000000', requestId: 'r2' });
    await store.scenarios.describe(a.value.scenario.id, { name: 'renamed' }, { actor: 'k_alice00000', requestId: 'r3' });
    await store.keys.create({ role: 'viewer', name: 'reader' }, { actor: 'cli:root' });
    return a.value.scenario.id;
  }

  /** The history, and a scenario whose applicants are an uploaded data set. */
  async function historyWithData(store: Store): Promise<void> {
    await history(store);
    const uploaded = await store.datasets.put(new TextEncoder().encode(FIRMS_CSV), { mediaType: 'text/csv' }, { actor: 'k_alice00000' });
    if (!uploaded.ok) throw new Error('upload failed');
    const created = await store.scenarios.create(
      { file: fileScenario(), datasets: { 'firms.csv': uploaded.value.dataset.hash } },
      { actor: 'k_alice00000' },
    );
    if (!created.ok) throw new Error('create failed');
  }

  it.each([
    ['audit_log', 'actor'],
    ['revision', 'created_by'],
    ['revision_dataset', 'path'],
  ] as const)('%s refuses every change and deletion, whoever asks (database triggers)', async (table, column) => {
    const store = await stores.open();
    await historyWithData(store);
    const before = await store.db.selectFrom(table).selectAll().execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`update ${sql.table(table)} set ${sql.ref(column)} = 'changed'`.execute(store.db)).rejects.toThrow(
      new RegExp(`${table} is append-only: UPDATE refused`, 'u'),
    );
    await expect(store.db.deleteFrom(table).execute()).rejects.toThrow(new RegExp(`${table} is append-only: DELETE refused`, 'u'));
    if (kind === 'postgres') {
      await expect(sql`truncate ${sql.table(table)} cascade`.execute(store.db)).rejects.toThrow(
        new RegExp(`${table} is append-only: TRUNCATE refused`, 'u'),
      );
    }
    expect(await store.db.selectFrom(table).selectAll().execute()).toEqual(before);
  });

  it('is written in the same transaction as the write: when the entry cannot be written, neither is the scenario', async () => {
    const store = await stores.open();
    if (kind === 'sqlite') {
      await sql`create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit refused for the test'); end`.execute(
        store.db,
      );
    } else {
      await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused for the test'; end $$`.execute(
        store.db,
      );
      await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(store.db);
    }
    await expect(store.scenarios.create({ file: talentScenario() }, { actor: 'k_alice00000' })).rejects.toThrow(
      /audit refused for the test/u,
    );
    await expect(store.keys.create({ role: 'admin' }, { actor: 'cli:root' })).rejects.toThrow(/audit refused for the test/u);
    expect(await store.db.selectFrom('scenario').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('revision').selectAll().execute()).toEqual([]);
    expect(await store.keys.list()).toEqual([]);
  });

  it('reads newest first, filtered by resource, actor, action and time, paged', async () => {
    const store = await stores.open({ now: ticking() });
    const id = await history(store);
    const all = await entries(store);
    expect(all.items.map((e) => [e.action, e.actor, e.requestId])).toEqual([
      ['key.create', 'cli:root', null],
      ['scenario.rename', 'k_alice00000', 'r3'],
      ['scenario.revise', 'k_bob0000000', 'r2'],
      ['scenario.create', 'k_alice00000', 'r1'],
    ]);
    // The first minutes went to the migrations' records, one each.
    const minute = (n: number): string => new Date(Date.UTC(2026, 11, 1, 0, MIGRATIONS.length + n)).toISOString();
    expect(all.items.map((e) => e.at)).toEqual([minute(3), minute(2), minute(1), minute(0)]);
    expect((await entries(store, { resourceType: 'scenario', resourceId: id })).items).toHaveLength(3);
    expect((await entries(store, { resourceType: 'key' })).items.map((e) => e.detail)).toEqual([{ role: 'viewer', name: 'reader' }]);
    expect((await entries(store, { actor: 'k_alice00000' })).items.map((e) => e.action)).toEqual(['scenario.rename', 'scenario.create']);
    expect((await entries(store, { action: 'scenario.revise' })).items.map((e) => e.actor)).toEqual(['k_bob0000000']);
    // from is inclusive, to exclusive; a zone other than UTC is read as such.
    const beijing = `2026-12-01T08:${String(MIGRATIONS.length + 1).padStart(2, '0')}:00+08:00`;
    const window = await entries(store, { from: beijing, to: new Date(minute(3)) });
    expect(window.items.map((e) => e.action)).toEqual(['scenario.rename', 'scenario.revise']);
    expect((await entries(store, { from: '2026-12-02' })).items).toEqual([]);

    const first = await entries(store, { limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = await entries(store, { limit: 3, cursor: first.next ?? undefined });
    expect(rest.items.map((e) => e.action)).toEqual(['scenario.create']);
    expect(rest.next).toBeNull();
  });

  it.each([
    [{ from: 'yesterday' }, 'from'],
    [{ to: '2026-12-01T08:00:00' }, 'to'],
    [{ from: new Date(Number.NaN) }, 'from'],
  ])('refuses the time filter %j', async (filter, name) => {
    const store = await stores.open();
    const page = await store.audit.list(filter);
    expect(page.ok === false && page.problems.map((p) => [p.code, p.message])).toEqual([
      ['AUDIT.TIME', `${name} must be a date-time with a zone, e.g. 2026-12-01T08:00:00Z or 2026-12-01T16:00:00+08:00, or a date`],
    ]);
  });
});
