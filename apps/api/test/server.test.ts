import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EVALUATE, VECTORS_CSV } from './support.js';

/** The real process: `server.ts` run by node, as `npm start` runs its build. */

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const running: ChildProcess[] = [];
/** The servers' data: a temporary folder, never the working directory's ./data. */
const DATA_DIR = mkdtempSync(join(tmpdir(), 'bagui-api-server-'));
afterAll(() => rmSync(DATA_DIR, { recursive: true, force: true }));

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', BAGUI_DATA_DIR: DATA_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function listeningPort(output: () => string): Promise<number> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const line = output()
      .split('\n')
      .find((l) => l.includes('listening'));
    if (line !== undefined) return (JSON.parse(line) as { port: number }).port;
    await sleep(50);
  }
  throw new Error(`the server did not start:\n${output()}`);
}

describe('the server process', () => {
  it('on SIGTERM stops accepting, lets the in-flight request finish, then exits 0', async () => {
    const { child, output } = start({});
    const port = await listeningPort(output);

    // An upload in flight: the headers and half the body are sent before the signal.
    const body = Buffer.from(VECTORS_CSV);
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `${EVALUATE}?budget=20000000&totals_only=true`,
      headers: { 'Content-Type': 'text/csv', 'Content-Length': body.length },
    });
    const response = once(req, 'response') as Promise<[http.IncomingMessage]>;
    req.write(body.subarray(0, body.length / 2));
    await sleep(200);
    child.kill('SIGTERM');
    await sleep(300);

    // New connections are refused while the request is still in flight.
    const refused = await new Promise<string>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/health' }, () => resolve('answered'))
        .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    req.end(body.subarray(body.length / 2));
    const [res] = await response;
    let text = '';
    for await (const chunk of res) text += String(chunk);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ totals: { enterprises: 67, awarded: '20000000.00' } });

    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(output()).toContain('shutting down');
    expect(output()).toContain('"runningJobs":0');
    expect(output()).toContain('"msg":"stopped"');
    expect(output()).toContain('"msg":"database open"');
  });

  it('refuses to start on a wrong configuration, naming it', async () => {
    const { child, output } = start({ PORT: 'eighty', BODY_LIMIT: 'lots' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(78);
    expect(output()).toContain('invalid configuration:');
    expect(output()).toContain('PORT="eighty"');
    expect(output()).toContain('BODY_LIMIT="lots"');
  });

  it('opens the database before it listens, and exits 1 naming the problem when it cannot', async () => {
    const { child, output } = start({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:9/bagui' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain('cannot open the database');
    expect(output()).not.toContain('listening');
    expect(output()).not.toContain('secret');
  });
});
