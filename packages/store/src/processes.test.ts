import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE } from './database/sqlite.js';
import { MIGRATIONS } from './migrations/index.js';
import { BACKENDS, storeFixture } from './test-support/backends.js';
import { runChild } from './test-support/processes.js';
import { talentScenario } from './test-support/scenario-files.js';
import type { Store } from './open.js';

const FILE = JSON.stringify(talentScenario());

/** `create ID` and `revise ID N` lines → the highest revision acknowledged for each scenario. */
function acknowledged(lines: readonly string[]): Map<string, number> {
  const revisions = new Map<string, number>();
  for (const line of lines) {
    const [what, id = '', n = '1'] = line.split(' ');
    if (what === 'create' || what === 'revise') revisions.set(id, Math.max(revisions.get(id) ?? 0, Number(n)));
  }
  return revisions;
}

/** Every acknowledged revision is there with its content and audit entry; every scenario points at a revision that exists. */
async function expectAcknowledgedWritesKept(store: Store, acked: Map<string, number>): Promise<void> {
  for (const [id, n] of acked) {
    const got = await store.scenarios.get(id);
    expect(got.ok, `scenario ${id}`).toBe(true);
    if (!got.ok) continue;
    expect(got.value.scenario.revision).toBeGreaterThanOrEqual(n);
    const revision = await store.scenarios.revision(id, n);
    expect(revision.ok && JSON.parse(revision.value.content)).toMatchObject({ schemaVersion: 1 });
    const audit = await store.audit.list({ resourceId: id, limit: 200 });
    expect(audit.ok && audit.value.items.length).toBeGreaterThanOrEqual(n);
  }
  // Nothing half-written: each scenario's current revision exists, and each revision has its audit entry.
  const scenarios = await store.db.selectFrom('scenario').select(['id', 'current_revision']).execute();
  const revisions = await store.db.selectFrom('revision').select(['scenario_id', 'n']).execute();
  const audits = await store.db
    .selectFrom('audit_log')
    .select(['resource_id', 'action'])
    .where('action', 'in', ['scenario.create', 'scenario.revise'])
    .execute();
  for (const s of scenarios) {
    expect(revisions.filter((r) => r.scenario_id === s.id).length).toBe(s.current_revision);
  }
  expect(audits.length).toBe(revisions.length);
}

describe.each(BACKENDS)('several processes on %s', (kind) => {
  const stores = storeFixture(kind);

  it('two processes opening an empty database at once both start, and each migration runs once', async () => {
    const location = await stores.database();
    const children = [runChild('open', location), runChild('open', location)];
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(exits.map((e) => [e.code, e.stderr])).toEqual(children.map(() => [0, '']));
    const migrated = children.map((c) => (JSON.parse(c.lines[0] ?? '{}') as { migrated: string[] }).migrated);
    expect(migrated.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name));
    const store = await stores.openAt(location);
    expect(store.migrated).toEqual([]);
    expect((await store.db.selectFrom('bagui_migration').select('name').execute()).map((r) => r.name)).toEqual(
      MIGRATIONS.map((m) => m.name),
    );
  });

  it('two processes write at once (the server and the CLI): every write of both is kept', async () => {
    const location = await stores.database();
    await (await stores.openAt(location)).close();
    const children = [runChild('burst', location, FILE, '4', '60'), runChild('burst', location, FILE, '4', '60')];
    const exits = await Promise.all(children.map((c) => c.exited));
    expect(exits.map((e) => [e.code, e.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const acked = acknowledged(children.flatMap((c) => c.lines));
    expect([...acked.values()].reduce((a, b) => a + b, 0)).toBe(120);
    await expectAcknowledgedWritesKept(await stores.openAt(location), acked);
  });

  it('a process killed (SIGKILL) in a burst of concurrent writes loses no acknowledged write and corrupts nothing', async () => {
    const location = await stores.database();
    await (await stores.openAt(location)).close();
    const child = runChild('burst', location, FILE, '8', '1000000');
    await child.linesPrinted(150);
    child.child.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(child.lines).not.toContain('done');
    const acked = acknowledged(child.lines);
    expect(acked.size).toBe(8);

    if ('dataDir' in location) {
      const database = new Database(join(location.dataDir, SQLITE_FILE));
      try {
        expect(database.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(database.pragma('foreign_key_check')).toEqual([]);
      } finally {
        database.close();
      }
    }
    const store = await stores.openAt(location);
    await expectAcknowledgedWritesKept(store, acked);
    // Writing goes on after the restart.
    const [id, n] = [...acked][0] ?? ['', 0];
    const current = await store.scenarios.get(id);
    expect(current.ok && current.value.scenario.revision).toBeGreaterThanOrEqual(n);
    const revision = current.ok ? current.value.scenario.revision : 0;
    const revised = await store.scenarios.revise(id, { file: talentScenario('9999万') }, revision, { actor: 'k_after00000' });
    expect(revised.ok && revised.value.scenario.revision).toBe(revision + 1);
  });

  it('two instances on one database: a scenario written through one is read through the other; a stale revise through the other is refused', async () => {
    const location = await stores.database();
    const one = await stores.openAt(location);
    const two = await stores.openAt(location);
    const created = await one.scenarios.create({ file: talentScenario() }, { actor: 'k_one0000000' });
    if (!created.ok) throw new Error('create failed');
    const { id } = created.value.scenario;
    const read = await two.scenarios.get(id);
    expect(read.ok && read.value).toEqual(created.value);
    const revised = await one.scenarios.revise(id, { file: talentScenario('1100万') }, 1, { actor: 'k_one0000000' });
    expect(revised.ok && revised.value.scenario.etag).toBe(`"${id}.2"`);
    const stale = await two.scenarios.revise(id, { file: talentScenario('1200万') }, 1, { actor: 'k_two0000000' });
    expect(stale.ok === false && stale.kind).toBe('stale');
    expect(stale.ok === false && stale.kind === 'stale' && stale.current.etag).toBe(`"${id}.2"`);
    const after = await one.scenarios.get(id);
    expect(after.ok && JSON.parse(after.value.revision.content)).toEqual(talentScenario('1100万'));
  });
});
