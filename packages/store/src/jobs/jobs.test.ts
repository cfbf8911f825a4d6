import { describe, expect, it } from 'vitest';
import { BACKENDS, storeFixture } from '../test-support/backends.js';
import type { NewJob } from './jobs.js';

const job = (n: number, scope = 'client:a', idempotencyKey: string | null = null): NewJob => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  scope,
  ownerKey: null,
  idempotencyKey,
  requestHash: `h${n}`,
  operation: 'evaluate',
  subjectKind: 'programme',
  subject: 'rd_incentive',
  enterprises: n,
  parametersVersion: 'v',
  requestId: `r${n}`,
  spec: '{}',
  body: new Uint8Array([n]),
});

const LIMITS = { perScope: 100, total: 100 };

describe.each(BACKENDS)('the jobs queue on %s', (kind) => {
  const stores = storeFixture(kind);

  it('workers claiming at once never take the same job, and take them oldest first', async () => {
    const store = await stores.open();
    for (let n = 1; n <= 8; n++) expect((await store.jobs.create(job(n), LIMITS)).kind).toBe('created');
    const claimed = await Promise.all(Array.from({ length: 12 }, (_, w) => store.jobs.claim(`w${w}`, 60_000)));
    const ids = claimed.flatMap((c) => (c === undefined ? [] : [c.job.id]));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(claimed.find((c) => c !== undefined)?.body).toBeDefined();
    expect(await store.jobs.active()).toBe(8);
  });

  it('a job whose lease ran out is taken again, and its first owner can no longer finish it', async () => {
    const store = await stores.open();
    await store.jobs.create(job(1), LIMITS);
    const first = await store.jobs.claim('dead', 1);
    expect(first?.attempt).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await store.jobs.claim('alive', 60_000);
    expect(again?.attempt).toBe(2);
    expect(await store.jobs.renew(job(1).id, 'dead', 1000)).toBe(false);
    expect(await store.jobs.setPhase(job(1).id, 'dead', 'evaluating')).toBe(false);
    await store.jobs.writeChunk(job(1).id, 2, 0, new Uint8Array([1, 2]));
    expect(await store.jobs.succeed(job(1).id, 'alive', 2, { status: 200, headers: { 'content-type': 'text/csv' }, size: 2 }, 1000)).toBe(
      true,
    );
    const chunks = [];
    for await (const chunk of store.jobs.resultChunks(job(1).id, 2)) chunks.push([...chunk]);
    expect(chunks).toEqual([[1, 2]]);
    expect(await store.jobs.get(job(1).id)).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      resultAttempt: 2,
      result: { status: 200, headers: { 'content-type': 'text/csv' }, size: 2 },
    });
  });

  it('quotas count queued and running jobs per scope; an idempotency key finds the scope’s job', async () => {
    const store = await stores.open();
    const limits = { perScope: 2, total: 3 };
    expect((await store.jobs.create(job(1, 'client:a', 'k'), limits)).kind).toBe('created');
    expect((await store.jobs.create(job(2, 'client:a'), limits)).kind).toBe('created');
    expect(await store.jobs.create(job(3, 'client:a'), limits)).toEqual({ kind: 'quota', active: 2 });
    expect((await store.jobs.create(job(4, 'client:b', 'k'), limits)).kind).toBe('created');
    expect(await store.jobs.create(job(5, 'client:c'), limits)).toEqual({ kind: 'full', active: 3 });
    const same = await store.jobs.create(job(6, 'client:a', 'k'), limits);
    expect(same.kind === 'existing' && same.job.id).toBe(job(1).id);
    expect((await store.jobs.cancel(job(2).id, 1000))?.kind).toBe('cancelled');
    expect((await store.jobs.cancel(job(2).id, 1000))?.kind).toBe('finished');
    expect((await store.jobs.create(job(7, 'client:a'), limits)).kind).toBe('created');
  });
});
