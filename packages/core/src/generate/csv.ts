/** One CSV line: cells joined by commas, a cell quoted only when it must be; `undefined` is an empty cell. */
export function csvLine(cells: readonly (string | number | boolean | undefined)[]): string {
  return `${cells.map((cell) => (cell === undefined ? '' : quote(String(cell)))).join(',')}\n`;
}

function quote(cell: string): string {
  return /[",\r\n]/u.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** `GF-0007`: a prefix and the 1-based row number, padded to the width of the count (at least 4). */
export function rowId(prefix: string, index: number, count: number): string {
  return `${prefix}-${String(index + 1).padStart(Math.max(4, String(count).length), '0')}`;
}

/** Rows in chunks of up to `chunkRows`, so that a large population streams. */
export function* chunked(count: number, row: (index: number) => string, chunkRows = 10_000): Generator<string> {
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(row(i));
    if (chunk.length === chunkRows) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}
