import { openStore, type Store, type StoreLocation } from '@bagui/store';
import { BACKENDS, emptyDatabase } from '@bagui/store/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bagui } from './bagui.js';

const KEY = /^bagui_[A-Za-z0-9_-]{43}$/u;

/** The environment that points the command at a database, as the server's would. */
const envOf = (location: StoreLocation): Record<string, string> =>
  'dataDir' in location ? { BAGUI_DATA_DIR: location.dataDir, DATABASE_URL: '' } : { DATABASE_URL: location.databaseUrl };

describe.each(BACKENDS)('bagui keys on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function database(): Promise<StoreLocation> {
    const { location, drop } = await emptyDatabase(kind);
    cleanups.push(drop);
    return location;
  }

  /** A store held open for the whole test, as a running server holds it. */
  async function server(location: StoreLocation): Promise<Store> {
    const store = await openStore(location);
    cleanups.push(() => store.close());
    return store;
  }

  it('create prints the new key alone on the last line of stdout; a running server accepts it at once', async () => {
    const location = await database();
    const running = await server(location);
    const { code, stdout, stderr } = await bagui(['keys', 'create', '--role', 'analyst', '--name', 'finance office'], {
      env: envOf(location),
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const key = lines.at(-2) ?? '';
    expect(key).toMatch(KEY);
    expect(lines).toHaveLength(2);
    const verified = await running.keys.verify(key);
    expect(verified.ok && verified.key).toMatchObject({ role: 'analyst', name: 'finance office' });
    if (!verified.ok) return;
    expect(stderr).toBe(
      `created ${verified.key.id} (analyst, "finance office") in ${running.location}\n` +
        'the key is shown this once and stored only as a hash: keep it secret; send it as Authorization: Bearer KEY\n',
    );
    expect(verified.key.createdBy).toMatch(/^cli:/u);
  });

  it('list shows every key without its secret; revoke revokes at once, for the running server too', async () => {
    const location = await database();
    const running = await server(location);
    const admin = await bagui(['keys', 'create', '--role', 'admin'], { env: envOf(location) });
    const viewer = await bagui(['keys', 'create', '--role', 'viewer', '--name', '审计 reader'], { env: envOf(location) });
    const [adminKey, viewerKey] = [admin.stdout.trim(), viewer.stdout.trim()];

    const listed = await bagui(['keys', 'list', '--format', 'json'], { env: envOf(location) });
    expect(listed.code).toBe(0);
    const keys = JSON.parse(listed.stdout) as { id: string; role: string; name: string; prefix: string; revokedAt: string | null }[];
    expect(keys.map((k) => [k.role, k.name, k.prefix, k.revokedAt]).sort()).toEqual([
      ['admin', '', adminKey.slice(0, 12), null],
      ['viewer', '审计 reader', viewerKey.slice(0, 12), null],
    ]);
    expect(listed.stdout).not.toContain(adminKey.slice(12));
    const viewerId = keys.find((k) => k.role === 'viewer')?.id ?? '';

    const table = await bagui(['keys', 'list'], { env: envOf(location) });
    expect(table.stdout.split('\n')[0]).toBe('ID            ROLE    PREFIX         CREATED                   BY        REVOKED  NAME');
    expect(table.stdout).toContain(`${viewerId}  viewer  ${viewerKey.slice(0, 12)}…`);

    const revoked = await bagui(['keys', 'revoke', viewerId], { env: envOf(location) });
    expect(revoked).toEqual({ code: 0, stdout: `revoked ${viewerId} (viewer, "审计 reader")\n`, stderr: '' });
    const verified = await running.keys.verify(viewerKey);
    expect(verified.ok === false && verified.kind).toBe('revoked');
    expect((await running.keys.verify(adminKey)).ok).toBe(true);

    const again = await bagui(['keys', 'revoke', viewerId], { env: envOf(location) });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^${viewerId} \\(viewer, "审计 reader"\\) was already revoked at \\d{4}-\\d\\d-\\d\\dT`, 'u'));
    const audit = await running.audit.list({ resourceType: 'key' });
    expect(audit.ok && audit.value.items.map((e) => e.action)).toEqual(['key.revoke', 'key.create', 'key.create']);
  });

  it('revoke refuses an unknown id (exit 2)', async () => {
    const location = await database();
    const { code, stdout, stderr } = await bagui(['keys', 'revoke', 'k_nosuchkey0'], { env: envOf(location) });
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: no API key has the id "k_nosuchkey0" (bagui keys list shows them)\n',
    });
  });
});

describe('bagui keys', () => {
  it('creates the data directory when it is missing', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'bagui-keys-'));
    try {
      const dataDir = join(parent, 'not', 'yet');
      const { code, stdout } = await bagui(['keys', 'create', '--role', 'admin'], { env: { BAGUI_DATA_DIR: dataDir, DATABASE_URL: '' } });
      expect(code).toBe(0);
      expect(stdout.trim()).toMatch(KEY);
      expect(await readdir(dataDir)).toContain('bagui.sqlite');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('uses ./data in the working directory by default', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'bagui-keys-'));
    try {
      const { code } = await bagui(['keys', 'create', '--role', 'viewer'], { cwd, env: { BAGUI_DATA_DIR: '', DATABASE_URL: '' } });
      expect(code).toBe(0);
      expect(await readdir(join(cwd, 'data'))).toContain('bagui.sqlite');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it.each([
    [['keys', 'create'], "error: required option '--role <role>' not specified\n(add --help for usage and examples)\n"],
    [
      ['keys', 'create', '--role', 'root'],
      "error: option '--role <role>' argument 'root' is invalid. Allowed choices are viewer, analyst, admin.\n(add --help for usage and examples)\n",
    ],
    [['keys', 'list', '--format', 'csv'], 'error: invalid --format "csv": choose one of table, json; nothing was done\n'],
  ])('refuses %j (exit 2)', async (args, message) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bagui-keys-'));
    try {
      const { code, stderr } = await bagui(args, { env: { BAGUI_DATA_DIR: dataDir, DATABASE_URL: '' } });
      expect({ code, stderr }).toEqual({ code: 2, stderr: message });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'mysql://db/bagui',
      'error: invalid environment; nothing was done\nat DATABASE_URL: DATABASE_URL must be a PostgreSQL connection URL, e.g. postgres://user:password@host:5432/bagui [ENV.DATABASE_URL]\n',
    ],
    [
      'postgres://bagui@127.0.0.1:1/bagui',
      'error: cannot open the PostgreSQL database of DATABASE_URL: connect ECONNREFUSED 127.0.0.1:1; nothing was done\n',
    ],
  ])('says why it cannot reach DATABASE_URL=%j (exit 2)', async (url, message) => {
    const { code, stderr } = await bagui(['keys', 'list'], { env: { DATABASE_URL: url } });
    expect({ code, stderr }).toEqual({ code: 2, stderr: message });
  });
});
