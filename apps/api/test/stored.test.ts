import { GUANGXI_2021 } from '@bagui/core/scenario';
import { openStore, type Store } from '@bagui/store';
import { BACKENDS, emptyDatabase } from '@bagui/store/testing';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDocumented, expectProblem, keysIn, pathOf, RUN, sampleCsv, SCENARIOS, smallScenario, testApp } from './support.js';

/**
 * Saved scenarios, revisions, data sets, the result cache, the audit log and keys through the
 * API, on SQLite and (when TEST_DATABASE_URL is set) on PostgreSQL, each in a database of its own.
 */

const SUMMARY_FIELDS = [
  'id',
  'name',
  'description',
  'archived',
  'archivedAt',
  'revision',
  'etag',
  'contentHash',
  'datasetsHash',
  'createdAt',
  'createdBy',
  'updatedAt',
];

/** A scenario whose talent applicants are a file, bound to an uploaded data set. */
function fileScenario(envelope = '1000万'): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'talent-file',
    title: 'Talent from an uploaded file',
    date: '2021-06-30',
    sources: [{ key: 'talent_fund', label: { zh: '人才项目资金', en: 'Talent fund' }, citation: 'letter 一(五)' }],
    programmes: [
      {
        programme: 'talent',
        envelope,
        citation: '⚠ assumption: a test',
        funding: { talent_fund: envelope },
        applicants: { file: 'talent.csv' },
      },
    ],
  };
}

/** Text in GBK (two bytes per Chinese character), found by decoding every two-byte sequence once. */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) table.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (table.get(c) ?? [0x3f]))));
}

describe.each(BACKENDS)('saved scenarios on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  let app: Express;
  let key: Awaited<ReturnType<typeof keysIn>>;

  beforeAll(async () => {
    const database = await emptyDatabase(kind);
    drop = database.drop;
    store = await openStore(database.location);
    app = testApp({}, { store });
    key = await keysIn(store);
  });
  afterAll(async () => {
    await store.close();
    await drop();
  });

  const create = (file: object = smallScenario()) => request(app).post(SCENARIOS).set('Authorization', key.analyst).send(file);

  it('POST saves a scenario file: 201, an absolute Location, a strong ETag, the summary and the file', async () => {
    const res = await create().set('X-Request-Id', 'req-create-1');
    expect(res.status, res.text).toBe(201);
    expectDocumented(res, 'createScenario');
    const { id } = res.body as { id: string };
    expect(id).toMatch(/^s_[0-9a-z]{16}$/u);
    expect(res.headers.location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/v1/scenarios/${id}$`, 'u'));
    expect(res.headers.etag).toBe(`"${id}.1"`);
    expect(Object.keys(res.body as object)).toEqual([...SUMMARY_FIELDS, 'file']);
    expect(res.body).toMatchObject({ name: 'A small scenario', revision: 1, etag: `"${id}.1"`, archived: false, archivedAt: null });
    expect(res.body.file).toEqual(smallScenario());
    expect(res.body.createdBy).toMatch(/^k_/u);

    const got = await request(app).get(pathOf(res.headers.location)).set('Authorization', key.viewer);
    expectDocumented(got, 'getScenario');
    expect(got.headers.etag).toBe(`"${id}.1"`);
    expect(got.body).toEqual(res.body);

    const audit = await request(app).get(`/v1/audit?resourceId=${id}`).set('Authorization', key.admin);
    expectDocumented(audit, 'listAudit');
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'scenario.create',
        resourceType: 'scenario',
        resourceId: id,
        actor: res.body.createdBy,
        requestId: 'req-create-1',
        beforeHash: null,
        afterHash: res.body.contentHash,
      }),
    ]);
  });

  it('a file with problems is refused whole, every problem at its pointer, and nothing is kept', async () => {
    const before = await store.scenarios.list({ limit: 200 });
    const res = await create({ ...smallScenario(), programs: [] });
    const body = expectProblem(res, 422, 'REQUEST.INVALID', 'createScenario');
    expect(body.errors?.[0]).toMatchObject({ pointer: '#/programs' });
    expectProblem(await create().type('json').send('{"schemaVersion": 1, "schemaVersion": 1}'), 400, 'REQUEST.MALFORMED', 'createScenario');
    const after = await store.scenarios.list({ limit: 200 });
    expect(after.ok && after.value.items.length).toBe(before.ok && before.value.items.length);
  });

  it('PUT revises with If-Match: 428 without it, 412 when stale (naming the current ETag), neither changing anything', async () => {
    const created = await create();
    const { id } = created.body as { id: string };
    const url = `${SCENARIOS}/${id}`;
    const edited = { ...smallScenario(), title: 'Edited' };

    const missing = await request(app).put(url).set('Authorization', key.analyst).send(edited);
    expectProblem(missing, 428, 'PRECONDITION.REQUIRED', 'reviseScenario');

    const revised = await request(app).put(url).set('Authorization', key.analyst).set('If-Match', `"${id}.1"`).send(edited);
    expect(revised.status, revised.text).toBe(200);
    expectDocumented(revised, 'reviseScenario');
    expect(revised.headers.etag).toBe(`"${id}.2"`);
    expect(revised.body).toMatchObject({ revision: 2, etag: `"${id}.2"`, file: edited });
    expect(revised.body.contentHash).not.toBe(created.body.contentHash);

    const stale = await request(app)
      .put(url)
      .set('Authorization', key.analyst)
      .set('If-Match', `"${id}.1"`)
      .send({ ...smallScenario(), title: 'Lost update' });
    const problem = expectProblem(stale, 412, 'PRECONDITION.FAILED', 'reviseScenario');
    expect(problem.detail).toContain(`"${id}.2"`);
    expect(stale.headers.etag).toBe(`"${id}.2"`);
    expectProblem(
      await request(app).put(url).set('Authorization', key.analyst).set('If-Match', 'W/"x"').send(edited),
      412,
      'PRECONDITION.FAILED',
    );

    const now = await request(app).get(url).set('Authorization', key.viewer);
    expect(now.body).toMatchObject({ revision: 2, file: edited });

    // The same content (keys in another order) makes no new revision.
    const { title, ...rest } = edited;
    const same = await request(app)
      .put(url)
      .set('Authorization', key.analyst)
      .set('If-Match', `"${id}.2"`)
      .send({ title, ...rest });
    expect(same.status).toBe(200);
    expect(same.headers.etag).toBe(`"${id}.2"`);

    const revisions = await request(app).get(`${url}/revisions`).set('Authorization', key.viewer);
    expectDocumented(revisions, 'listRevisions');
    expect((revisions.body.revisions as { n: number }[]).map((r) => r.n)).toEqual([2, 1]);
    const first = await request(app).get(`${url}/revisions/1`).set('Authorization', key.viewer);
    expectDocumented(first, 'getRevision');
    expect(first.body).toMatchObject({ n: 1, file: smallScenario(), datasets: {} });
    expectProblem(
      await request(app).get(`${url}/revisions/3`).set('Authorization', key.viewer),
      404,
      'SCENARIO.REVISION_NOT_FOUND',
      'getRevision',
    );

    const audit = await store.audit.list({ resourceId: id });
    expect(audit.ok && audit.value.items.map((e) => [e.action, e.beforeHash, e.afterHash])).toEqual([
      ['scenario.revise', created.body.contentHash, revised.body.contentHash],
      ['scenario.create', null, created.body.contentHash],
    ]);
  });

  it('PATCH renames and re-describes: no new revision, the same ETag and hashes, audited as a rename', async () => {
    const created = await create();
    const { id } = created.body as { id: string };
    const res = await request(app)
      .patch(`${SCENARIOS}/${id}`)
      .set('Authorization', key.analyst)
      .send({ name: 'Renamed', description: 'Why it exists' });
    expect(res.status, res.text).toBe(200);
    expectDocumented(res, 'describeScenario');
    expect(res.body).toMatchObject({ name: 'Renamed', description: 'Why it exists', revision: 1, etag: created.body.etag });
    expect(res.body.contentHash).toBe(created.body.contentHash);
    expect(res.headers.etag).toBe(created.headers.etag);
    const audit = await store.audit.list({ resourceId: id, action: 'scenario.rename' });
    expect(audit.ok && audit.value.items.map((e) => e.detail)).toEqual([
      { nameBefore: 'A small scenario', name: 'Renamed', descriptionBefore: '', description: 'Why it exists' },
    ]);
    const tooLong = await request(app)
      .patch(`${SCENARIOS}/${id}`)
      .set('Authorization', key.analyst)
      .send({ name: 'x'.repeat(201) });
    expect(expectProblem(tooLong, 422, 'REQUEST.INVALID', 'describeScenario').errors?.[0]).toMatchObject({
      code: 'STORE.NAME',
      pointer: '#/name',
    });
  });

  it('built-in scenarios are read-only; an unknown id is 404', async () => {
    const res = await request(app)
      .put(`${SCENARIOS}/guangxi-2021`)
      .set('Authorization', key.analyst)
      .set('If-Match', '*')
      .send(smallScenario());
    expectProblem(res, 405, 'SCENARIO.READ_ONLY', 'reviseScenario');
    expect(res.headers.allow).toBe('GET, HEAD');
    expectProblem(
      await request(app).get(`${SCENARIOS}/s_0000000000000000`).set('Authorization', key.viewer),
      404,
      'SCENARIO.NOT_FOUND',
      'getScenario',
    );
    // A built-in's file saved as a copy of one's own.
    const copy = await create(GUANGXI_2021);
    expect(copy.status).toBe(201);
    expect(copy.body.file).toEqual(JSON.parse(JSON.stringify(GUANGXI_2021)));
  });

  it('lists built-ins and, with a key, saved scenarios: paged, searched, archived left out', async () => {
    const anonymous = await request(app).get(SCENARIOS);
    expectDocumented(anonymous, 'listScenarios');
    expect(anonymous.body.saved).toBeNull();
    expect(anonymous.body.scenarios.length).toBeGreaterThan(0);
    expectProblem(await request(app).get(`${SCENARIOS}?archived=include`), 401, 'AUTH.REQUIRED', 'listScenarios');

    const marker = `Needle ${kind} 针`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ ...smallScenario(), title: `${marker} ${i}` })).body.id as string);
    const first = await request(app)
      .get(`${SCENARIOS}?search=${encodeURIComponent(marker.toLowerCase())}&limit=2`)
      .set('Authorization', key.viewer);
    expectDocumented(first, 'listScenarios');
    expect(first.body.scenarios).toEqual([]);
    expect((first.body.saved as { id: string }[]).map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect(Object.keys(first.body.saved[0] as object)).toEqual(SUMMARY_FIELDS);
    const second = await request(app)
      .get(`${SCENARIOS}?search=${encodeURIComponent(marker)}&limit=2&cursor=${first.body.next as string}`)
      .set('Authorization', key.viewer);
    expect((second.body.saved as { id: string }[]).map((s) => s.id)).toEqual([ids[0]]);
    expect(second.body.next).toBeNull();
    expectProblem(
      await request(app).get(`${SCENARIOS}?cursor=nonsense`).set('Authorization', key.viewer),
      400,
      'REQUEST.MALFORMED',
      'listScenarios',
    );
    expectProblem(await request(app).get(`${SCENARIOS}?limit=0`).set('Authorization', key.viewer), 422, 'REQUEST.INVALID', 'listScenarios');

    const builtins = await request(app).get(`${SCENARIOS}?search=2020-2022`).set('Authorization', key.viewer);
    expect((builtins.body.scenarios as { name: string }[]).map((s) => s.name)).toEqual(['guangxi-2020-2022']);

    // Archived: left out, still readable, unchangeable until restored (admin only).
    const [archivedId = ''] = ids;
    expectProblem(
      await request(app).post(`${SCENARIOS}/${archivedId}/archive`).set('Authorization', key.analyst),
      403,
      'AUTH.FORBIDDEN',
      'archiveScenario',
    );
    const archived = await request(app).post(`${SCENARIOS}/${archivedId}/archive`).set('Authorization', key.admin);
    expectDocumented(archived, 'archiveScenario');
    expect(archived.body).toMatchObject({ id: archivedId, archived: true });
    const listed = await request(app)
      .get(`${SCENARIOS}?search=${encodeURIComponent(marker)}`)
      .set('Authorization', key.viewer);
    expect((listed.body.saved as { id: string }[]).map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const only = await request(app)
      .get(`${SCENARIOS}?archived=only&search=${encodeURIComponent(marker)}`)
      .set('Authorization', key.viewer);
    expect((only.body.saved as { id: string }[]).map((s) => s.id)).toEqual([archivedId]);
    const refused = await request(app)
      .put(`${SCENARIOS}/${archivedId}`)
      .set('Authorization', key.analyst)
      .set('If-Match', '*')
      .send({ ...smallScenario(), title: 'x' });
    expectProblem(refused, 409, 'SCENARIO.ARCHIVED', 'reviseScenario');
    const restored = await request(app).post(`${SCENARIOS}/${archivedId}/restore`).set('Authorization', key.admin);
    expectDocumented(restored, 'restoreScenario');
    expect(restored.body.archived).toBe(false);
  });

  it('runs a saved scenario (and a revision) as the same file runs, from the result cache the second time', async () => {
    const { id } = (await create()).body as { id: string };
    const direct = await request(app).post(`${RUN}?recipients=true`).send(smallScenario());
    const first = await request(app).post(`${SCENARIOS}/${id}/run?recipients=true`).set('Authorization', key.viewer);
    expectDocumented(first, 'runBuiltinScenario');
    expect(first.text).toBe(direct.text);
    expect(first.headers['bagui-result-cache']).toBe('miss');
    const second = await request(app).post(`${SCENARIOS}/${id}/run?recipients=true`).set('Authorization', key.viewer);
    expect(second.headers['bagui-result-cache']).toBe('hit');
    expect(second.text).toBe(direct.text);
    expect(second.headers['bagui-parameters-version']).toBe(direct.headers['bagui-parameters-version']);
    expect(second.headers['content-type']).toBe(direct.headers['content-type']);
    const revision = await request(app).post(`${SCENARIOS}/${id}/revisions/1/run?recipients=true`).set('Authorization', key.viewer);
    expectDocumented(revision, 'runRevision');
    expect(revision.text).toBe(direct.text);
    expectProblem(
      await request(app).post(`${SCENARIOS}/${id}/run`).set('Authorization', key.viewer).send({ a: 1 }),
      422,
      'REQUEST.INVALID',
    );
  });

  it('compares reforms on a saved scenario, or one of its revisions, as on its file', async () => {
    const created = (await create()).body as { id: string };
    await request(app)
      .put(`${SCENARIOS}/${created.id}`)
      .set('Authorization', key.analyst)
      .set('If-Match', '*')
      .send({ ...smallScenario(), title: 'Second' });
    const reforms = [{ name: 'cap', overrides: [{ path: 'rd_incentive.firm_cap', value: '300万' }] }];
    const direct = await request(app).post(`${SCENARIOS}/compare`).send({ baseline: smallScenario(), reforms });
    const bySaved = await request(app)
      .post(`${SCENARIOS}/compare`)
      .set('Authorization', key.viewer)
      .send({ baseline: { id: created.id, revision: 1 }, reforms });
    expect(bySaved.status, bySaved.text).toBe(200);
    expect(bySaved.text).toBe(direct.text);
    const byId = await request(app).post(`${SCENARIOS}/compare`).set('Authorization', key.viewer).send({ baseline: created.id, reforms });
    expect(byId.status).toBe(200);
    expect(byId.body.scenario.title).toBe('Second');
    expectProblem(
      await request(app).post(`${SCENARIOS}/compare`).send({ baseline: created.id, reforms }),
      401,
      'AUTH.REQUIRED',
      'compareScenario',
    );
  });

  it('data sets: a CSV uploaded once by hash, bound to a file path, run, and downloaded with its applicants inline for bagui run', async () => {
    const csv = sampleCsv('talent', 12, 3);
    const upload = await request(app).post('/v1/datasets?programme=talent').set('Authorization', key.analyst).type('text/csv').send(csv);
    expect(upload.status, upload.text).toBe(201);
    expectDocumented(upload, 'uploadDataset');
    const { hash } = upload.body as { hash: string };
    expect(upload.headers.location).toMatch(new RegExp(`/v1/datasets/${hash}$`, 'u'));
    const again = await request(app).post('/v1/datasets').set('Authorization', key.analyst).type('text/csv').send(csv);
    expect(again.status).toBe(200);
    expect(again.body.hash).toBe(hash);
    const bad = await request(app)
      .post('/v1/datasets?programme=talent')
      .set('Authorization', key.analyst)
      .type('text/csv')
      .send('nonsense,header\n1,2\n');
    expectProblem(bad, 422, 'REQUEST.INVALID', 'uploadDataset');

    const unbound = await create(fileScenario());
    expect(expectProblem(unbound, 422, 'REQUEST.INVALID').errors?.[0]).toMatchObject({
      code: 'STORE.DATASET_UNBOUND',
      pointer: '#/programmes/0/applicants/file',
    });
    const unknown = await create({ file: fileScenario(), datasets: { 'talent.csv': '0'.repeat(64) } });
    expect(expectProblem(unknown, 422, 'REQUEST.INVALID').errors?.[0]).toMatchObject({
      code: 'STORE.DATASET_UNKNOWN',
      pointer: '#/datasets/talent.csv',
    });

    const misspelt = await create({ file: fileScenario(), datsets: { 'talent.csv': hash } });
    expect(expectProblem(misspelt, 422, 'REQUEST.INVALID', 'createScenario').errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      pointer: '#/datsets',
    });
    const saved = await create({ file: fileScenario(), datasets: { 'talent.csv': hash }, name: 'Talent, uploaded' });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Talent, uploaded', file: fileScenario() });
    const { id } = saved.body as { id: string };
    const run = await request(app).post(`${SCENARIOS}/${id}/run`).set('Authorization', key.viewer);
    expect(run.status, run.text).toBe(200);

    const download = await request(app).get(`${SCENARIOS}/${id}/file`).set('Authorization', key.viewer);
    expectDocumented(download, 'downloadScenario');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${id}.json"`);
    const file = JSON.parse(download.text) as { programmes: { applicants: { records: unknown[] } }[] };
    expect(file.programmes[0]?.applicants.records).toHaveLength(12);
    // What bagui run (and POST /v1/scenarios/run) computes from the download is what the saved scenario ran.
    const rerun = await request(app).post(RUN).send(file);
    expect(rerun.text).toBe(run.text);
    // A revision binds its data sets again; a name is changed with PATCH, not with PUT.
    const renaming = await request(app)
      .put(`${SCENARIOS}/${id}`)
      .set('Authorization', key.analyst)
      .set('If-Match', `"${id}.1"`)
      .send({ file: fileScenario('900万'), datasets: { 'talent.csv': hash }, name: 'x' });
    expect(expectProblem(renaming, 422, 'REQUEST.INVALID', 'reviseScenario').errors?.[0]).toMatchObject({
      code: 'REQUEST.UNKNOWN_FIELD',
      pointer: '#/name',
    });
    const revised = await request(app)
      .put(`${SCENARIOS}/${id}`)
      .set('Authorization', key.analyst)
      .set('If-Match', `"${id}.1"`)
      .send({ file: fileScenario('900万'), datasets: { 'talent.csv': hash } });
    expect(revised.status, revised.text).toBe(200);
    expect(revised.body).toMatchObject({ revision: 2, datasetsHash: saved.body.datasetsHash });

    const bytes = await request(app).get(`/v1/datasets/${hash}`).set('Authorization', key.viewer);
    expectDocumented(bytes, 'getDataset');
    expect(bytes.text).toBe(csv);
    const revision = await request(app).get(`${SCENARIOS}/${id}/revisions/2`).set('Authorization', key.viewer);
    expect(revision.body.datasets).toEqual({ 'talent.csv': hash });
  });

  it('data sets: columns the programme does not use are listed once as warnings; a BOM or a GBK body is kept as the same UTF-8 bytes', async () => {
    const csv = sampleCsv('talent', 5, 4);
    const [head = '', ...rows] = csv.split('\n');
    const extra = [`序号,${head}`, ...rows.map((row, i) => (row === '' ? row : `${i + 1},${row}`))].join('\n');
    const upload = await request(app).post('/v1/datasets?programme=talent').set('Authorization', key.analyst).type('text/csv').send(extra);
    expect(upload.status, upload.text).toBe(201);
    expectDocumented(upload, 'uploadDataset');
    expect(upload.body.warnings).toEqual([expect.objectContaining({ code: 'CSV.IGNORED_COLUMNS', line: 1, value: '序号' })]);
    const plain = await request(app).post('/v1/datasets?programme=talent').set('Authorization', key.analyst).type('text/csv').send(csv);
    expect(plain.body).not.toHaveProperty('warnings');
    const bom = await request(app)
      .post('/v1/datasets?programme=talent')
      .set('Authorization', key.analyst)
      .type('text/csv')
      .send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]));
    expect(bom.status, bom.text).toBe(200);
    expect(bom.body.hash).toBe(plain.body.hash);
    const gbk = await request(app)
      .post('/v1/datasets?programme=talent')
      .set('Authorization', key.analyst)
      .type('text/csv')
      .send(encodeGbk(csv));
    expect(gbk.status, gbk.text).toBe(200);
    expect(gbk.body.hash).toBe(plain.body.hash);
  });

  it('a data set stored in GBK by another tool (the store keeps bytes as given) runs and downloads as its UTF-8 twin', async () => {
    const csv = sampleCsv('talent', 5, 9);
    expect([...csv].some((c) => c.charCodeAt(0) > 0x7f)).toBe(true); // Chinese cities and institutions
    const gbk = await store.datasets.put(encodeGbk(csv), { mediaType: 'text/csv; charset=gbk' }, { actor: 'cli:test' });
    const utf8 = await store.datasets.put(Buffer.from(csv), { mediaType: 'text/csv' }, { actor: 'cli:test' });
    if (!gbk.ok || !utf8.ok) throw new Error('put');
    expect(gbk.value.dataset.hash).not.toBe(utf8.value.dataset.hash);
    const ids: string[] = [];
    for (const hash of [gbk.value.dataset.hash, utf8.value.dataset.hash]) {
      ids.push((await create({ file: fileScenario(), datasets: { 'talent.csv': hash } })).body.id as string);
    }
    const [fromGbk, fromUtf8] = await Promise.all(
      ids.map((id) => request(app).get(`${SCENARIOS}/${id}/file`).set('Authorization', key.viewer)),
    );
    expect(fromGbk?.status, fromGbk?.text).toBe(200);
    expect(fromGbk?.text).toBe(fromUtf8?.text);
    const runs = await Promise.all(ids.map((id) => request(app).post(`${SCENARIOS}/${id}/run`).set('Authorization', key.viewer)));
    expect(runs[0]?.status).toBe(200);
    expect(runs[0]?.text).toBe(runs[1]?.text);
  });

  it('keys through the API (admin): a new key works at once, a revoked one fails at once, on every route', async () => {
    const made = await request(app).post('/v1/keys').set('Authorization', key.admin).send({ role: 'viewer', name: 'new' });
    expect(made.status, made.text).toBe(201);
    expectDocumented(made, 'createKey');
    const secret = `Bearer ${made.body.secret as string}`;
    expect((await request(app).get(`${SCENARIOS}?limit=1`).set('Authorization', secret)).status).toBe(200);
    const listed = await request(app).get('/v1/keys').set('Authorization', key.admin);
    expectDocumented(listed, 'listKeys');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.secret);
    const revoked = await request(app)
      .post(`/v1/keys/${made.body.key.id as string}/revoke`)
      .set('Authorization', key.admin);
    expectDocumented(revoked, 'revokeKey');
    for (const path of ['/health', '/v1/programmes', SCENARIOS]) {
      const res = await request(app).get(path).set('Authorization', secret);
      expectProblem(res, 401, 'AUTH.INVALID_KEY');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="bagui", error="invalid_token"/u);
    }
  });
});

describe('the Authorization header', () => {
  it('is never silently ignored: junk, an unknown key or another scheme is 401 on every route', async () => {
    const app = testApp();
    for (const header of ['junk', 'Bearer', 'Bearer bagui_nope', 'Basic dXNlcjpwYXNz', `Bearer bagui_${'A'.repeat(43)}`, '']) {
      for (const path of ['/health', '/v1/programmes', '/v1/scenarios/guangxi-2021']) {
        const res = await request(app).get(path).set('Authorization', header);
        expectProblem(res, 401, 'AUTH.INVALID_KEY');
        expect(res.headers['www-authenticate']).toContain('Bearer realm="bagui"');
      }
    }
  });

  it('wrong keys are rate-limited like any other request; probes never are', async () => {
    const app = testApp({ RATE_LIMIT_MAX: 1 });
    expectProblem(await request(app).get('/v1/programmes').set('Authorization', 'Bearer bagui_wrong'), 401, 'AUTH.INVALID_KEY');
    expectProblem(await request(app).get('/v1/programmes').set('Authorization', 'Bearer bagui_wrong'), 429, 'RATE_LIMITED');
    for (let i = 0; i < 3; i++) expect((await request(app).get('/health')).status).toBe(200);
  });

  it('AUTH_REQUIRED=true: the stateless computations need a key too', async () => {
    const app = testApp({ AUTH_REQUIRED: true });
    const store = (await import('./support.js')).testStore;
    const key = await keysIn(store);
    const res = await request(app).get('/v1/programmes');
    expectProblem(res, 401, 'AUTH.REQUIRED', 'listProgrammes');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="bagui"');
    expect((await request(app).get('/v1/programmes').set('Authorization', key.viewer)).status).toBe(200);
    expect((await request(app).post(RUN).set('Authorization', key.viewer).send(smallScenario())).status).toBe(200);
    expect((await request(testApp()).get('/v1/programmes')).status).toBe(200);
  });
});
