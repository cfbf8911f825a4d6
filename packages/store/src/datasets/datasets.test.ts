import { describe, expect, it } from 'vitest';
import { sha256 } from '../hash.js';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import { FIRMS_CSV } from '../test-support/scenario-files.js';

const bytes = new TextEncoder().encode(FIRMS_CSV);

describe.each(BACKENDS)('data sets on %s', (kind) => {
  const stores = storeFixture(kind);

  it('stores bytes once under their SHA-256; a second upload of the same bytes stores nothing new', async () => {
    const store = await stores.open();
    const first = await store.datasets.put(bytes, { mediaType: 'text/csv' }, { actor: 'k_alice00000', requestId: 'r1' });
    expect(first.ok && first.value).toMatchObject({
      created: true,
      dataset: { hash: sha256(bytes), mediaType: 'text/csv', size: bytes.byteLength, createdBy: 'k_alice00000' },
    });
    const second = await store.datasets.put(bytes, { mediaType: 'text/csv; charset=utf-8' }, { actor: 'k_bob0000000' });
    expect(second.ok && second.value).toEqual({ created: false, dataset: first.ok && first.value.dataset });
    expect(await store.db.selectFrom('dataset').select('hash').execute()).toHaveLength(1);

    const got = await store.datasets.get(sha256(bytes));
    expect(got.ok && Buffer.from(got.value.bytes).toString()).toBe(FIRMS_CSV);
    const audit = await store.audit.list({ resourceType: 'dataset' });
    expect(audit.ok && audit.value.items.map((e) => [e.actor, e.afterHash, e.detail])).toEqual([
      ['k_bob0000000', sha256(bytes), { size: bytes.byteLength, mediaType: 'text/csv; charset=utf-8', created: false }],
      ['k_alice00000', sha256(bytes), { size: bytes.byteLength, mediaType: 'text/csv', created: true }],
    ]);
  });

  it('keeps every byte, including ones that are not UTF-8', async () => {
    const store = await stores.open();
    const gbk = Uint8Array.of(0xd1, 0xd0, 0xb7, 0xa2, 0x00, 0xff);
    const put = await store.datasets.put(gbk, { mediaType: 'text/csv' }, { actor: 'k_alice00000' });
    const got = put.ok ? await store.datasets.get(put.value.dataset.hash) : undefined;
    expect(got?.ok && [...got.value.bytes]).toEqual([...gbk]);
  });

  it('answers not_found for a hash it does not hold', async () => {
    const store = await stores.open();
    const hash = sha256('nothing');
    expect(await store.datasets.info(hash)).toEqual({
      ok: false,
      kind: 'not_found',
      problems: [{ code: 'STORE.DATASET_NOT_FOUND', message: `no data set has the hash "${hash}"`, location: { value: hash } }],
    });
    expect((await store.datasets.get('../etc/passwd')).ok).toBe(false);
  });

  it('refuses an upload without a media type', async () => {
    const store = await stores.open();
    const put = await store.datasets.put(bytes, { mediaType: 'csv' }, { actor: 'k_alice00000' });
    expect(put.ok === false && put.problems.map((p) => [p.code, p.message])).toEqual([
      ['STORE.MEDIA_TYPE', 'a data set needs a media type such as text/csv or application/json'],
    ]);
  });
});
