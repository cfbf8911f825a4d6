/**
 * Everything the command touches outside itself, so that `run` can be tested in memory and
 * `bin.ts` only wires the real process to it.
 */
export interface Writer {
  /** Resolves when the chunk has been accepted (a slow pipe makes the caller wait). */
  write(chunk: string): void | Promise<void>;
}

export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the chunks to `path` so that it appears whole or not at all. */
  writeFileAtomically(path: string, chunks: Iterable<string>): Promise<void>;
  /** Today's date, YYYY-MM-DD, in local time: the default `--date`. */
  today(): string;
}
