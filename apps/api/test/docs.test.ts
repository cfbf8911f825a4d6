import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { defaultConfig } from '../src/env.js';
import { keysIn, silent, testStore } from './support.js';

/**
 * Every shell example of docs/api.md, run as pasted against a live server (the real app, with
 * the default configuration), in a scratch folder that sees the repository's `apps/`. Each must
 * exit 0 and answer like the output the page shows: the same HTTP statuses where it shows them,
 * the same problem codes in the same order (none where it shows a result), the same keys at the
 * top of each JSON answer, and the same plain text where it shows text.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const CLI = join(ROOT, 'apps/cli/bin/bagui.js');
/** What the launcher runs: the examples that compare with `npx bagui` need it built. */
const CLI_BUILT = join(ROOT, 'apps/cli/dist/bin.js');

interface Example {
  readonly line: number;
  readonly script: string;
  readonly shown: string;
}

/** Each ```sh block with a curl in it, and the output block right after it. */
function examples(): Example[] {
  const found: Example[] = [];
  const block = /```(\w*)\n([\s\S]*?)```/gu;
  const blocks = [...PAGE.matchAll(block)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '', at: m.index, end: m.index + m[0].length }));
  blocks.forEach((b, i) => {
    if (b.lang !== 'sh' || !b.body.includes('curl ')) return;
    const next = blocks[i + 1];
    const adjacent = next !== undefined && next.lang !== 'sh' && PAGE.slice(b.end, next.at).trim() === '';
    found.push({ line: PAGE.slice(0, b.at).split('\n').length, script: b.body, shown: adjacent ? next.body : '' });
  });
  return found;
}

const problemCodes = (text: string): string[] => [...text.matchAll(/"urn:bagui:problem:([\w.]+)"/gu)].map((m) => m[1] ?? '');
const statuses = (text: string): string[] => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gmu)].map((m) => m[1] ?? '');
/** The first keys of each JSON answer that starts a line: `{"program"…`, `{"type"…`. */
const firstKeys = (text: string): string[] => [...text.matchAll(/^\{\s*"(\w+)"/gmu)].map((m) => m[1] ?? '');

let server: http.Server;
let base = '';
let scratch = '';
/** The examples' `$BAGUI_KEY`: an admin key, as `bagui keys create --role admin` prints it. */
let key = '';

beforeAll(async () => {
  server = http.createServer(createApp({ config: defaultConfig({ LOG_LEVEL: 'silent' }), logger: silent, store: testStore }));
  key = (await keysIn(testStore)).admin.replace(/^Bearer /u, '');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  scratch = mkdtempSync(join(tmpdir(), 'bagui-api-docs-'));
  symlinkSync(join(ROOT, 'apps'), join(scratch, 'apps'));
  symlinkSync(join(ROOT, 'packages'), join(scratch, 'packages'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

function run(script: string): Promise<{ code: number; out: string; err: string }> {
  const pasted = script.replaceAll('http://localhost:8080', base).replaceAll('npx bagui', `node ${CLI}`);
  return new Promise((resolve) => {
    const env = { ...process.env, BAGUI_KEY: key };
    execFile('bash', ['-o', 'pipefail', '-c', pasted], { cwd: scratch, env, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, out, err });
    });
  });
}

describe('docs/api.md: every curl example works when pasted', () => {
  const all = examples();

  it('has examples of every route family', () => {
    for (const route of [
      '/v1/programmes',
      '/evaluate',
      '/compare',
      '/sweep',
      '/v1/scenarios',
      '/v1/jobs/',
      '/v1/scenarios/compare',
      '/archive',
      '/v1/datasets',
      '/v1/audit',
      'If-Match',
    ]) {
      expect(
        all.some((e) => e.script.includes(route)),
        route,
      ).toBe(true);
    }
  });

  for (const example of all) {
    const first = example.script.split('\n').find((l) => l.includes('curl ')) ?? '';
    it(`line ${example.line}: ${first.trim().slice(0, 90)}`, async () => {
      if (example.script.includes('npx bagui')) expect(existsSync(CLI_BUILT), 'the CLI is not built: npm run build').toBe(true);
      const { code, out, err } = await run(example.script);
      expect(code, `${err}\n${out.slice(0, 2000)}`).toBe(0);
      expect(problemCodes(out), out.slice(0, 2000)).toEqual(problemCodes(example.shown));
      expect(statuses(out)).toEqual(statuses(example.shown));
      expect(firstKeys(out)).toEqual(firstKeys(example.shown));
      if (example.shown !== '' && !/[{[]/u.test(example.shown)) expect(out).toBe(example.shown);
    });
  }
});
