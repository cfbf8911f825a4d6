import type { Response } from 'express';

/**
 * Writes text (or UTF-8 byte) chunks as they are made, waiting whenever the client reads slower than the
 * server writes, so that a result of hundreds of megabytes is never one string in memory and
 * other requests are served between chunks. Stops if the client goes away.
 */
export async function sendChunks(res: Response, chunks: Iterable<string | Uint8Array>): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** JSON as `bagui … --format json` prints it (two-space indent, a final newline), so the bytes are the CLI's. */
export function sendJsonText(res: Response, json: unknown): void {
  res
    .status(200)
    .type('application/json; charset=utf-8')
    .send(`${JSON.stringify(json, null, 2)}\n`);
}
