import { randomBytes } from 'node:crypto';
import { open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { InputStream, Io, Progress, Writer } from './io.js';

/** A writer on a Node stream that waits for `drain` when the stream's buffer is full. */
function streamWriter(stream: NodeJS.WritableStream): Writer {
  return {
    write: (chunk) => (stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve()))),
  };
}

/**
 * The temporary file sits in the target's directory so that the final rename is atomic (same
 * file system); a failure removes it, so a half-written result never takes the target's name.
 */
export async function writeFileAtomically(
  path: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx');
  try {
    try {
      for await (const chunk of chunks) await (typeof chunk === 'string' ? file.write(chunk) : file.write(chunk));
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

/** The real path of `path`, or of its directory plus its name when it does not exist yet. */
async function realPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/** A file to read in 1 MiB chunks; its handle closes when the chunks have been read (or given up). */
export async function openFile(path: string): Promise<InputStream> {
  const handle = await open(path, 'r');
  try {
    const { size, isDirectory } = await handle.stat().then((s) => ({ size: s.size, isDirectory: s.isDirectory() }));
    if (isDirectory) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR' });
    return { size, chunks: handle.createReadStream({ highWaterMark: 1 << 20 }) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** cli-progress on stderr: rows read, rate and time left; redrawn at most 5 times a second. */
function progressBar(total: number): Progress | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'reading [{bar}] {percentage}% | {value}/{total} rows | {eta_formatted} left',
      fps: 5,
      clearOnComplete: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (rows) => bar.update(Math.min(rows, total)),
    stop: () => bar.stop(),
  };
}

export function nodeIo(): Io {
  return {
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    env: process.env,
    interactive: process.stderr.isTTY === true,
    readFile: (path) => readFile(path),
    openFile,
    writeFileAtomically,
    today: () => localDate(new Date()),
    now: () => new Date().toISOString(),
    realPath,
    progress: progressBar,
  };
}
