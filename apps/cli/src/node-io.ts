import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Io, Writer } from './io.js';

/** A writer on a Node stream that waits for `drain` when the stream's buffer is full. */
export function streamWriter(stream: NodeJS.WritableStream): Writer {
  return {
    write: (chunk) => (stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve()))),
  };
}

/**
 * The temporary file sits in the target's directory so that the final rename is atomic (same
 * file system); a failure removes it, so a half-written result never takes the target's name.
 */
export async function writeFileAtomically(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx');
  try {
    try {
      for (const chunk of chunks) await file.write(chunk);
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function nodeIo(): Io {
  return {
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    env: process.env,
    readFile: (path) => readFile(path),
    writeFileAtomically,
    today: () => localDate(new Date()),
  };
}
