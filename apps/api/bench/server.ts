/**
 * What the API benches share to run the built server (`node dist/server.js`) beside them: a free
 * port, waiting until it answers /health, and the 1,000-firm evaluate the API rows load it with.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { GENERATED_HEADER, generateEnterpriseRows } from '@bagui/core/programmes/rd-incentive';
import autocannon from 'autocannon';

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

/** The body of a 1,000-firm rd_incentive evaluate (generated, seed 7) as the API bench rows send it. */
export function thousandFirmsBody(budget: string, date: string): string {
  const names = GENERATED_HEADER.split(',');
  const enterprises = [...generateEnterpriseRows(1_000, 7)]
    .join('')
    .trimEnd()
    .split('\n')
    .map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell])));
  return JSON.stringify({ budget, method: 'pro_rata', date, enterprises });
}

/** autocannon on rd_incentive's evaluate with `body`: 4 connections for `durationS` seconds; any non-2xx answer or error fails the bench. */
export async function loadEvaluate(
  port: number,
  body: string,
  query: string,
  durationS: number,
  connections = 4,
): Promise<autocannon.Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/v1/programmes/rd_incentive/evaluate?${query}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: durationS,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}
