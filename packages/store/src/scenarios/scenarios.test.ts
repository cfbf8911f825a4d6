import { describe, expect, it } from 'vitest';
import { canonicalHash, datasetsHash } from '../hash.js';
import { SCENARIO_ID } from '../ids.js';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import { fileScenario, FIRMS_CSV, talentScenario } from '../test-support/scenario-files.js';
import type { Store } from '../open.js';

const ALICE = { actor: 'k_alice00000', requestId: 'req-1' };
const BOB = { actor: 'k_bob0000000' };

async function saved(store: Store, file: unknown = talentScenario(), extra: { name?: string; description?: string } = {}) {
  const created = await store.scenarios.create({ file, ...extra }, ALICE);
  if (!created.ok) throw new Error(JSON.stringify(created.problems));
  return created.value;
}

async function auditCount(store: Store): Promise<number> {
  const page = await store.audit.list({ limit: 200 });
  if (!page.ok) throw new Error('audit list failed');
  return page.value.items.length;
}

describe.each(BACKENDS)('saved scenarios on %s', (kind) => {
  const stores = storeFixture(kind);

  describe('create', () => {
    it('saves a scenario file as revision 1, named after its title, with a strong ETag and an audit entry', async () => {
      const store = await stores.open();
      const file = talentScenario();
      const { scenario, revision } = await saved(store, file);
      expect(scenario.id).toMatch(SCENARIO_ID);
      expect(scenario).toMatchObject({
        name: 'Talent money from two funds',
        description: '人才项目 paid from two funds',
        archived: false,
        archivedAt: null,
        revision: 1,
        etag: `"${scenario.id}.1"`,
        contentHash: canonicalHash(file),
        datasetsHash: datasetsHash({}),
        createdBy: ALICE.actor,
      });
      expect(revision).toMatchObject({
        scenarioId: scenario.id,
        n: 1,
        etag: scenario.etag,
        contentHash: canonicalHash(file),
        datasets: {},
      });
      expect(JSON.parse(revision.content)).toEqual(file);
      expect(revision.content).toBe(`${JSON.stringify(file, null, 2)}\n`);

      const audit = await store.audit.list();
      expect(audit.ok && audit.value.items).toEqual([
        expect.objectContaining({
          actor: ALICE.actor,
          requestId: 'req-1',
          action: 'scenario.create',
          resourceType: 'scenario',
          resourceId: scenario.id,
          beforeHash: null,
          afterHash: canonicalHash(file),
          detail: { name: scenario.name, revision: 1, datasetsHash: datasetsHash({}) },
        }),
      ]);
    });

    it('takes a name and a description instead of the file’s', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store, talentScenario(), { name: '2022 draft', description: 'for the March meeting' });
      expect(scenario).toMatchObject({ name: '2022 draft', description: 'for the March meeting' });
    });

    it('refuses an invalid file with every problem at its path, and writes nothing', async () => {
      const store = await stores.open();
      const file = {
        ...talentScenario(),
        date: '2021-02-30',
        programmes: [{ ...(talentScenario().programmes as object[])[0], programme: 'nope' }],
      };
      const created = await store.scenarios.create({ file, name: '' }, ALICE);
      expect(created.ok).toBe(false);
      if (created.ok) return;
      expect(created.kind).toBe('invalid');
      expect(created.problems.map((p) => [p.code, p.location?.path?.join('.')])).toEqual([
        ['STORE.NAME', 'name'],
        ['DATE.INVALID', 'date'],
      ]);
      expect(created.problems[0]?.message).toBe("a scenario's name must be 1–200 characters, not only spaces (this one has 0)");
      const list = await store.scenarios.list();
      expect(list.ok && list.value.items).toEqual([]);
      expect(await auditCount(store)).toBe(0);
    });
  });

  it('smoke: datasets bind', async () => {
    const store = await stores.open();
    const up = await store.datasets.put(new TextEncoder().encode(FIRMS_CSV), { mediaType: 'text/csv' }, ALICE);
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    const created = await store.scenarios.create({ file: fileScenario(), datasets: { 'firms.csv': up.value.dataset.hash } }, BOB);
    expect(created.ok && created.value.revision.datasets).toEqual({ 'firms.csv': up.value.dataset.hash });
  });
});
