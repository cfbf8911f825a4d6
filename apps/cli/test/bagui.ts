import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export { fen } from '../src/test-support/fen.js';

export const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** The rule's conformance vectors, stored once, beside the core rule (docs/rd-incentive.md). */
export const VECTORS = fileURLToPath(new URL('../../../packages/core/src/programmes/rd-incentive/fixtures/vectors/', import.meta.url));
export const SAMPLE = fileURLToPath(new URL('../examples/enterprises.csv', import.meta.url));

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command as a child process, as a user's shell would. */
export function bagui(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'BAGUI_DEBUG'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A temporary folder (named `prefix…`) for the calling test file: made before its tests and handed to `made`, removed after them. */
export function withTempDir(prefix: string, made: (dir: string) => void): void {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    made(dir);
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
}
