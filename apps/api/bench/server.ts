/**
 * What the API benches share to run the built server (`node dist/server.js`) beside them: a free
 * port, and waiting until it answers /health.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port nobody listens on now, on the loopback interface. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Waits until the server on `port` answers GET /health; fails when it exits first or takes longer than `timeoutMs`. */
export async function waitForHealth(child: ChildProcess, port: number, options: { timeoutMs?: number; log?: string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) {
      throw new Error(
        `the server exited: run \`npm run build -w @bagui/api\` first${options.log === undefined ? '' : `; see ${options.log}`}`,
      );
    }
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    if (waited > timeoutMs) throw new Error('the server did not start');
    await sleep(100);
  }
}
