import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
