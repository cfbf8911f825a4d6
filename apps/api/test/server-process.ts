import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { StoreLocation } from '@bagui/store';
import { afterEach, beforeAll } from 'vitest';

/**
 * The built server (`node dist/server.js`, as `npm start` runs it) as a real process, for the
 * tests across processes (processes.test.ts, job-processes.test.ts).
 */

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(API_DIR, 'dist/server.js');

export interface Server {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
}

/**
 * Registers in the calling test file: the build before its tests (what `npm start` runs, never a
 * stale build) and the SIGKILL of every server still running after each test. Returns the start
 * of one server on `location`, with `env` added to its environment; it resolves once the server
 * listens.
 */
export function builtServer(): (location: StoreLocation, env?: Record<string, string>) => Promise<Server> {
  const running: ChildProcess[] = [];
  beforeAll(() => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: API_DIR, stdio: 'inherit' });
  }, 120_000);
  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return async (location, env = {}) => {
    const where = 'dataDir' in location ? { BAGUI_DATA_DIR: location.dataDir } : { DATABASE_URL: location.databaseUrl };
    const child = spawn(process.execPath, [SERVER], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0', ...where, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let waited = 0; waited < 30_000; waited += 50) {
      const line = output.split('\n').find((l) => l.includes('listening'));
      if (line !== undefined) {
        return { child, exited, output: () => output, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` };
      }
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    throw new Error(`the server did not start:\n${output}`);
  };
}
