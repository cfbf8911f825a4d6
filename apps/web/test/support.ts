import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root and the built CLI, as `npx bagui` runs it. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BAGUI = `${ROOT}apps/cli/bin/bagui.js`;
export const CLI_EXAMPLES = `${ROOT}apps/cli/examples/`;
export const VECTORS = `${ROOT}packages/core/src/programmes/rd-incentive/fixtures/vectors/rd-enterprises-67.csv`;

/** Runs the built `bagui` command and returns its stdout (throws on a non-zero exit, with stderr). */
export function bagui(args: readonly string[], cwd: string = ROOT): string {
  if (!existsSync(`${ROOT}apps/cli/dist/bin.js`)) throw new Error('the CLI is not built: run npm run build');
  return execFileSync(process.execPath, [BAGUI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export const text = (path: string): string => readFileSync(path, 'utf8');
