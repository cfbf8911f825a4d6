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
  /** Whether stderr is a terminal: a person reads it (the run's summary is then printed). */
  readonly interactive?: boolean;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * Opens a file to read in chunks, so that a large input is never held whole: its size, and its
   * bytes in order. Rejects as `readFile` does when the file cannot be opened. Without it, inputs
   * are read with `readFile`.
   */
  openFile?(path: string): Promise<InputStream>;
  /** Writes the chunks (text as UTF-8, or bytes) to `path` so that it appears whole or not at all. */
  writeFileAtomically(path: string, chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void>;
  /** Today's date, YYYY-MM-DD, in local time: the default `--date`. */
  today(): string;
  /** The time now, ISO 8601: when a run was made (stderr summary, --meta, the about sheet). */
  now(): string;
  /** The absolute path with links resolved (a path that does not exist yet: its directory's, plus its name). */
  realPath(path: string): Promise<string>;
  /** A progress bar on stderr for `total` rows, when stderr is a terminal; undefined otherwise. */
  progress?(total: number): Progress | undefined;
}

export interface InputStream {
  readonly size: number;
  readonly chunks: AsyncIterable<Uint8Array>;
}

export interface Progress {
  update(rows: number): void;
  stop(): void;
}
