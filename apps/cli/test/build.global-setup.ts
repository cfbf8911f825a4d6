import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The end-to-end tests run dist/bin.js as a user would: build it first, so that they never
 * test a stale build. Core is another package's build (turbo runs it before this one).
 */
export default async function setup(): Promise<void> {
  try {
    await import('@bagui/core/programmes/rd-incentive');
  } catch (error) {
    throw new Error(`@bagui/core is not built: run npm run build -w @bagui/core first (${String(error)})`);
  }
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
  });
}
