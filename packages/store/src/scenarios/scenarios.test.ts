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

  describe('get', () => {
    it('reads a scenario with its current revision', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const got = await store.scenarios.get(scenario.id);
      expect(got.ok && got.value.scenario).toEqual(scenario);
      expect(got.ok && got.value.revision.n).toBe(1);
    });

    it.each(['s_0000000000000000', 'guangxi-2021', 'run', "s_'; drop table scenario; --"])('answers not_found for %j', async (id) => {
      const store = await stores.open();
      await saved(store);
      const got = await store.scenarios.get(id);
      expect(got).toEqual({
        ok: false,
        kind: 'not_found',
        problems: [
          { code: 'STORE.SCENARIO_NOT_FOUND', message: `no saved scenario has the id ${JSON.stringify(id)}`, location: { value: id } },
        ],
      });
    });
  });

  describe('revise', () => {
    it('makes revision 2 when the expectation names revision 1: new ETag, audit with the hashes before and after', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const file = talentScenario('1200万');
      const revised = await store.scenarios.revise(scenario.id, { file }, 1, BOB);
      expect(revised.ok).toBe(true);
      if (!revised.ok) return;
      expect(revised.value.changed).toBe(true);
      expect(revised.value.scenario).toMatchObject({ revision: 2, etag: `"${scenario.id}.2"`, contentHash: canonicalHash(file) });
      expect(revised.value.revision).toMatchObject({ n: 2, createdBy: BOB.actor, contentHash: canonicalHash(file) });
      expect(JSON.parse(revised.value.revision.content)).toEqual(file);

      const audit = await store.audit.list({ action: 'scenario.revise' });
      expect(audit.ok && audit.value.items).toEqual([
        expect.objectContaining({
          actor: BOB.actor,
          requestId: null,
          resourceId: scenario.id,
          beforeHash: scenario.contentHash,
          afterHash: canonicalHash(file),
          detail: { revision: 2, datasetsHashBefore: datasetsHash({}), datasetsHash: datasetsHash({}) },
        }),
      ]);
      const first = await store.scenarios.revision(scenario.id, 1);
      expect(first.ok && JSON.parse(first.value.content)).toEqual(talentScenario());
    });

    it('refuses a stale expectation, names the current ETag, and changes nothing', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      await store.scenarios.revise(scenario.id, { file: talentScenario('1100万') }, 1, ALICE);
      const before = await auditCount(store);
      const stale = await store.scenarios.revise(scenario.id, { file: talentScenario('1200万') }, 1, BOB);
      expect(stale.ok).toBe(false);
      if (stale.ok || stale.kind !== 'stale') throw new Error('expected stale');
      expect(stale.current).toMatchObject({ revision: 2, etag: `"${scenario.id}.2"` });
      expect(stale.problems).toEqual([
        {
          code: 'STORE.STALE_REVISION',
          message: `the write expected revision 1, but the scenario is at revision 2 (ETag "${scenario.id}.2"): read it again, then send the change with that ETag`,
          location: { value: `"${scenario.id}.2"` },
        },
      ]);
      const now = await store.scenarios.get(scenario.id);
      expect(now.ok && now.value.scenario.revision).toBe(2);
      expect(await auditCount(store)).toBe(before);
      const revisions = await store.scenarios.revisions(scenario.id);
      expect(revisions.ok && revisions.value.items.map((r) => r.n)).toEqual([2, 1]);
    });

    it('accepts any revision for If-Match: *, and one of several from a list', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const any = await store.scenarios.revise(scenario.id, { file: talentScenario('1100万') }, 'any', ALICE);
      expect(any.ok && any.value.scenario.revision).toBe(2);
      const listed = await store.scenarios.revise(scenario.id, { file: talentScenario('1200万') }, [1, 2], ALICE);
      expect(listed.ok && listed.value.scenario.revision).toBe(3);
      const none = await store.scenarios.revise(scenario.id, { file: talentScenario('1300万') }, [], ALICE);
      expect(none.ok === false && none.kind).toBe('stale');
      expect(none.ok === false && none.problems[0]?.message).toMatch(/^the write expected no revision of this scenario, but/u);
    });

    it('makes no new revision for the same content, however its keys are ordered or spaced', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const before = await auditCount(store);
      const reordered = Object.fromEntries(Object.entries(talentScenario()).reverse());
      const same = await store.scenarios.revise(scenario.id, { file: reordered }, 1, BOB);
      expect(same.ok).toBe(true);
      if (!same.ok) return;
      expect(same.value.changed).toBe(false);
      expect(same.value.scenario.etag).toBe(scenario.etag);
      expect(same.value.revision.n).toBe(1);
      expect(await auditCount(store)).toBe(before);
    });

    it('refuses an invalid file without touching the scenario', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const revised = await store.scenarios.revise(scenario.id, { file: { ...talentScenario(), sources: [] } }, 1, BOB);
      expect(revised.ok === false && revised.kind).toBe('invalid');
      expect(revised.ok === false && revised.problems.map((p) => p.code)).toEqual(['SCENARIO.INVALID']);
      const now = await store.scenarios.get(scenario.id);
      expect(now.ok && now.value.scenario.revision).toBe(1);
    });

    it('answers not_found for an unknown scenario', async () => {
      const store = await stores.open();
      const revised = await store.scenarios.revise('s_0000000000000000', { file: talentScenario() }, 1, BOB);
      expect(revised.ok === false && revised.kind).toBe('not_found');
    });

    it('lets exactly one of two concurrent revises with the same expectation through', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const results = await Promise.all([
        store.scenarios.revise(scenario.id, { file: talentScenario('1100万') }, 1, ALICE),
        store.scenarios.revise(scenario.id, { file: talentScenario('1200万') }, 1, BOB),
      ]);
      expect(results.map((r) => (r.ok ? 'revised' : r.kind)).sort()).toEqual(['revised', 'stale']);
      const revisions = await store.scenarios.revisions(scenario.id);
      expect(revisions.ok && revisions.value.items.map((r) => r.n)).toEqual([2, 1]);
    });
  });

  describe('rename and describe', () => {
    it('changes the name and description without a new revision or a new ETag, and audits both values', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const renamed = await store.scenarios.describe(scenario.id, { name: '2022 plan' }, BOB);
      expect(renamed.ok).toBe(true);
      if (!renamed.ok) return;
      expect(renamed.value).toMatchObject({
        name: '2022 plan',
        description: scenario.description,
        revision: 1,
        etag: scenario.etag,
        contentHash: scenario.contentHash,
      });
      const audit = await store.audit.list({ action: 'scenario.rename' });
      expect(audit.ok && audit.value.items.map((e) => [e.beforeHash, e.afterHash, e.detail])).toEqual([
        [scenario.contentHash, scenario.contentHash, { nameBefore: scenario.name, name: '2022 plan' }],
      ]);
      const unchanged = await store.scenarios.describe(scenario.id, { name: '2022 plan' }, BOB);
      expect(unchanged.ok).toBe(true);
      expect(await auditCount(store)).toBe(2);
    });

    it.each([
      [{ name: '   ' }, 'STORE.NAME', "a scenario's name must be 1–200 characters, not only spaces (this one has 3)"],
      [{ name: '名'.repeat(201) }, 'STORE.NAME', "a scenario's name must be 1–200 characters, not only spaces (this one has 201)"],
      [{ description: 'x'.repeat(4001) }, 'STORE.DESCRIPTION', "a scenario's description must be at most 4000 characters"],
    ])('refuses %j', async (details, code, message) => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const renamed = await store.scenarios.describe(scenario.id, details, BOB);
      expect(renamed.ok === false && renamed.problems.map((p) => [p.code, p.message])).toEqual([[code, message]]);
    });

    it('counts a name of 200 Chinese characters as 200', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const renamed = await store.scenarios.describe(scenario.id, { name: '名'.repeat(200) }, BOB);
      expect(renamed.ok).toBe(true);
    });
  });

  describe('archive', () => {
    it('archives instead of deleting: still readable, listed only on request, unchangeable until restored', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const other = await saved(store, talentScenario(), { name: 'kept' });
      const archived = await store.scenarios.archive(scenario.id, ALICE);
      expect(archived.ok && archived.value.changed).toBe(true);
      expect(archived.ok && archived.value.scenario.archived).toBe(true);
      const again = await store.scenarios.archive(scenario.id, ALICE);
      expect(again.ok && again.value.changed).toBe(false);

      const got = await store.scenarios.get(scenario.id);
      expect(got.ok && got.value.scenario.archived).toBe(true);
      const listed = async (archivedFilter?: 'include' | 'only') => {
        const page = await store.scenarios.list(archivedFilter === undefined ? {} : { archived: archivedFilter });
        return page.ok ? page.value.items.map((s) => s.id) : [];
      };
      expect(await listed()).toEqual([other.scenario.id]);
      expect(await listed('only')).toEqual([scenario.id]);
      expect(await listed('include')).toEqual([other.scenario.id, scenario.id]);

      const revised = await store.scenarios.revise(scenario.id, { file: talentScenario('1') }, 1, ALICE);
      expect(revised.ok === false && revised.kind).toBe('archived');
      expect(revised.ok === false && revised.problems[0]?.message).toBe(
        `the scenario ${scenario.id} is archived: restore it before changing it`,
      );
      const renamed = await store.scenarios.describe(scenario.id, { name: 'x' }, ALICE);
      expect(renamed.ok === false && renamed.kind).toBe('archived');

      const restored = await store.scenarios.restore(scenario.id, ALICE);
      expect(restored.ok && restored.value.scenario.archived).toBe(false);
      expect(await listed()).toEqual([other.scenario.id, scenario.id]);
      const audit = await store.audit.list({ resourceId: scenario.id });
      expect(audit.ok && audit.value.items.map((e) => e.action)).toEqual(['scenario.restore', 'scenario.archive', 'scenario.create']);
    });

    it('answers not_found for an unknown scenario', async () => {
      const store = await stores.open();
      expect((await store.scenarios.archive('s_0000000000000000', ALICE)).ok).toBe(false);
    });
  });

  describe('list', () => {
    it('pages newest first with a cursor, never repeating or skipping one while others are added', async () => {
      const store = await stores.open();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await saved(store, talentScenario(), { name: `plan ${i}` })).scenario.id);
      const first = await store.scenarios.list({ limit: 2 });
      if (!first.ok) throw new Error('list failed');
      expect(first.value.items.map((s) => s.name)).toEqual(['plan 4', 'plan 3']);
      await saved(store, talentScenario(), { name: 'added meanwhile' });
      const second = await store.scenarios.list({ limit: 2, cursor: first.value.next ?? undefined });
      if (!second.ok) throw new Error('list failed');
      expect(second.value.items.map((s) => s.name)).toEqual(['plan 2', 'plan 1']);
      const third = await store.scenarios.list({ limit: 2, cursor: second.value.next ?? undefined });
      expect(third.ok && third.value.items.map((s) => s.name)).toEqual(['plan 0']);
      expect(third.ok && third.value.next).toBeNull();
    });

    it.each([
      [{ limit: 0 }, 'PAGE.LIMIT', 'limit must be a whole number from 1 to 200'],
      [{ limit: 201 }, 'PAGE.LIMIT', 'limit must be a whole number from 1 to 200'],
      [{ limit: 1.5 }, 'PAGE.LIMIT', 'limit must be a whole number from 1 to 200'],
      [
        { cursor: 'bm9wZQ' },
        'PAGE.CURSOR',
        'cursor is not one this service gave: pass the `next` of the previous page unchanged, or none for the first page',
      ],
    ])('refuses the page request %j', async (request, code, message) => {
      const store = await stores.open();
      const page = await store.scenarios.list(request);
      expect(page.ok === false && page.problems.map((p) => [p.code, p.message])).toEqual([[code, message]]);
    });

    it('searches name and description for a substring in any case, Chinese and accented letters too, % and _ as themselves', async () => {
      const store = await stores.open();
      const names = ['Talent PLAN', 'Été budget', '研发投入奖补 2022', '100% funded', 'a_b', 'plain'];
      for (const name of names)
        await saved(store, talentScenario(), { name, description: name === 'plain' ? 'mentions the talent fund' : '' });
      const found = async (search: string) => {
        const page = await store.scenarios.list({ search });
        return page.ok ? page.value.items.map((s) => s.name).sort() : [];
      };
      expect(await found('talent')).toEqual(['Talent PLAN', 'plain']);
      expect(await found('TALENT plan')).toEqual(['Talent PLAN']);
      expect(await found('été')).toEqual(['Été budget']);
      expect(await found('ÉTÉ')).toEqual(['Été budget']);
      expect(await found('投入')).toEqual(['研发投入奖补 2022']);
      expect(await found('%')).toEqual(['100% funded']);
      expect(await found('_')).toEqual(['a_b']);
      expect(await found('nothing like it')).toEqual([]);
    });
  });

  describe('revisions', () => {
    it('lists revisions newest first and reads each, content and all', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      for (const envelope of ['1100万', '1200万', '1300万']) {
        const current = await store.scenarios.get(scenario.id);
        if (!current.ok) throw new Error('get failed');
        await store.scenarios.revise(scenario.id, { file: talentScenario(envelope) }, current.value.scenario.revision, ALICE);
      }
      const page = await store.scenarios.revisions(scenario.id, { limit: 3 });
      if (!page.ok) throw new Error('revisions failed');
      expect(page.value.items.map((r) => [r.n, r.etag])).toEqual([4, 3, 2].map((n) => [n, `"${scenario.id}.${n}"`]));
      const rest = await store.scenarios.revisions(scenario.id, { limit: 3, cursor: page.value.next ?? undefined });
      expect(rest.ok && rest.value.items.map((r) => r.n)).toEqual([1]);
      const third = await store.scenarios.revision(scenario.id, 3);
      expect(third.ok && JSON.parse(third.value.content)).toEqual(talentScenario('1200万'));
    });

    it('answers not_found for a revision that does not exist, naming the ones that do', async () => {
      const store = await stores.open();
      const { scenario } = await saved(store);
      const missing = await store.scenarios.revision(scenario.id, 2);
      expect(missing.ok === false && missing.problems).toEqual([
        { code: 'STORE.REVISION_NOT_FOUND', message: `the scenario ${scenario.id} has revisions 1 to 1, not 2`, location: { value: '2' } },
      ]);
      const unknown = await store.scenarios.revisions('s_0000000000000000');
      expect(unknown.ok === false && unknown.kind).toBe('not_found');
    });
  });

  describe('data sets', () => {
    const csv = new TextEncoder().encode(FIRMS_CSV);

    it('binds each applicants file to a stored data set; the binding is part of the revision', async () => {
      const store = await stores.open();
      const up = await store.datasets.put(csv, { mediaType: 'text/csv' }, ALICE);
      if (!up.ok) throw new Error('upload failed');
      const { hash } = up.value.dataset;
      const created = await store.scenarios.create({ file: fileScenario(), datasets: { 'firms.csv': hash } }, BOB);
      if (!created.ok) throw new Error(JSON.stringify(created.problems));
      expect(created.value.revision.datasets).toEqual({ 'firms.csv': hash });
      expect(created.value.scenario.datasetsHash).toBe(datasetsHash({ 'firms.csv': hash }));

      // The same file with other data is a new revision.
      const other = await store.datasets.put(
        new TextEncoder().encode(`${FIRMS_CSV}GX-0003,below,1000000,100000,0\n`),
        { mediaType: 'text/csv' },
        ALICE,
      );
      if (!other.ok) throw new Error('upload failed');
      const revised = await store.scenarios.revise(
        created.value.scenario.id,
        { file: fileScenario(), datasets: { 'firms.csv': other.value.dataset.hash } },
        1,
        BOB,
      );
      expect(revised.ok && revised.value.changed).toBe(true);
      expect(revised.ok && revised.value.scenario.contentHash).toBe(created.value.scenario.contentHash);
      const first = await store.scenarios.revision(created.value.scenario.id, 1);
      expect(first.ok && first.value.datasets).toEqual({ 'firms.csv': hash });
    });

    it('refuses an applicants file without a data set, a hash not stored, and a binding no programme reads', async () => {
      const store = await stores.open();
      const unbound = await store.scenarios.create({ file: fileScenario() }, BOB);
      expect(unbound.ok === false && unbound.problems).toEqual([
        {
          code: 'STORE.DATASET_UNBOUND',
          message: 'the applicants file "firms.csv" has no data set: upload the file and bind its hash to this path in datasets',
          location: { path: ['programmes', 0, 'applicants', 'file'], value: 'firms.csv' },
        },
      ]);
      const missing = 'f'.repeat(64);
      const wrong = await store.scenarios.create({ file: fileScenario(), datasets: { 'firms.csv': missing, 'other.csv': missing } }, BOB);
      expect(wrong.ok === false && wrong.problems).toEqual([
        {
          code: 'STORE.DATASET_UNKNOWN',
          message: `no data set has the hash "${missing}": upload the file first and bind the hash it is given`,
          location: { path: ['datasets', 'firms.csv'], value: missing },
        },
        {
          code: 'STORE.DATASET_UNUSED',
          message: 'no programme reads the applicants file "other.csv": bind data sets only to the scenario\'s applicants.file paths',
          location: { path: ['datasets', 'other.csv'], value: missing },
        },
      ]);
      const list = await store.scenarios.list();
      expect(list.ok && list.value.items).toEqual([]);
    });
  });
});
