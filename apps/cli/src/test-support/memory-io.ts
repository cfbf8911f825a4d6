import type { Io } from '../io.js';

/** An Io in memory: files by path, and what the command printed. */
export interface MemoryIo extends Io {
  readonly files: Map<string, Uint8Array | string>;
  readonly written: Map<string, string>;
  out(): string;
  err(): string;
}

export function memoryIo(files: Record<string, string | Uint8Array> = {}, env: Record<string, string> = {}): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const fileMap = new Map(Object.entries(files));
  const written = new Map<string, string>();
  return {
    files: fileMap,
    written,
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
    writeFileAtomically(path, chunks) {
      written.set(path, [...chunks].join(''));
      return Promise.resolve();
    },
    today: () => '2024-06-30',
    out: () => stdout.join(''),
    err: () => stderr.join(''),
  };
}
