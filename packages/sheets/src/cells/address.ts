/** `1` → `A`, `27` → `AA`: the letters of a 1-based column number. */
export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`not a column number: ${column}`);
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `A` → `1`, `AA` → `27`. */
export function columnNumber(letters: string): number {
  if (!/^[A-Z]{1,3}$/u.test(letters)) throw new RangeError(`not column letters: ${letters}`);
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `D7`: a cell reference from a 1-based column and row. */
export function cellRef(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/** `Sheet1!D7`, quoting a sheet name that is not a plain word as Excel does: `'研发 2021'!D7`. */
export function sheetCellRef(sheet: string, column: number, row: number): string {
  const name = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${cellRef(column, row)}`;
}

/** A range such as `A1:C1` (or one cell, `B2`) as 1-based bounds. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export function parseRange(text: string): CellRange | undefined {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/u.exec(text.replaceAll('$', ''));
  if (m === null) return undefined;
  const left = columnNumber(m[1] ?? 'A');
  const top = Number(m[2]);
  const right = m[3] === undefined ? left : columnNumber(m[3]);
  const bottom = m[4] === undefined ? top : Number(m[4]);
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

export function rangeText(range: CellRange): string {
  const from = cellRef(range.left, range.top);
  const to = cellRef(range.right, range.bottom);
  return from === to ? from : `${from}:${to}`;
}
