import type { Io } from '../io.js';

/** An Io in memory: files by path, and what the command printed. */
export interface MemoryIo extends Io {
  readonly files: Map<string, Uint8Array | string>;
  readonly written: Map<string, string>;
  /** Each file written, as bytes. */
  readonly writtenBytes: Map<string, Uint8Array>;
  out(): string;
  err(): string;
}

export function memoryIo(files: Record<string, string | Uint8Array> = {}, env: Record<string, string> = {}): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const fileMap = new Map(Object.entries(files));
  const written = new Map<string, string>();
  const writtenBytes = new Map<string, Uint8Array>();
  return {
    files: fileMap,
    written,
    writtenBytes,
    env,
    stdout: { write: (chunk) => void stdout.push(chunk) },
    stderr: { write: (chunk) => void stderr.push(chunk) },
    readFile(path) {
      const content = fileMap.get(path);
      if (content === undefined) {
        return Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' }));
      }
      return Promise.resolve(typeof content === 'string' ? new TextEncoder().encode(content) : content);
    },
    /** In chunks of 64 KiB (and an odd last one), as a file stream gives them: the reader's chunk seams are exercised. */
    async openFile(path) {
      const bytes = await this.readFile(path);
      async function* chunks(): AsyncIterable<Uint8Array> {
        for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
      }
      return { size: bytes.length, chunks: chunks() };
    },
    async writeFileAtomically(path, chunks) {
      const parts: Uint8Array[] = [];
      for await (const chunk of chunks) parts.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
      const bytes = Buffer.concat(parts);
      writtenBytes.set(path, new Uint8Array(bytes));
      written.set(path, bytes.toString('utf8'));
    },
    today: () => '2024-06-30',
    now: () => '2024-06-30T08:00:00.000Z',
    realPath: (path) => Promise.resolve(path.startsWith('/') ? path : `/work/${path}`),
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}
