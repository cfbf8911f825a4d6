import type { Problem } from '@bagui/core/errors';
import { sheetCellRef } from '@bagui/sheets/cells';
import { readXlsx, type HeaderField, type SheetLocation } from '@bagui/sheets/xlsx';

/**
 * One sheet of an XLSX workbook as the CSV text the programmes' readers take, with the way back:
 * each CSV line's row in the sheet, so a problem core finds at line 5, column `revenue` is shown
 * at `申报表!D7`. Loaded only when a workbook is dropped (exceljs is large).
 */
export interface SheetAsCsv {
  readonly text: string;
  readonly sheet: string;
  readonly sheets: readonly string[];
  /** Places a problem found in `text` (line, column) at its sheet row and cell. */
  locate(found: Problem): Problem;
}

/** A CSV field as core's reader takes it back unchanged (this text never reaches a spreadsheet). */
const field = (cell: string): string => (/[",\r\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell);

export async function sheetAsCsv(
  bytes: Uint8Array,
  options: { readonly sheet?: string; readonly fields?: readonly HeaderField[] },
): Promise<{ ok: true; value: SheetAsCsv } | { ok: false; problems: readonly Problem[]; sheet?: string; sheets?: readonly string[] }> {
  const problems: Problem[] = [];
  let header: readonly string[] = [];
  const lines: string[] = [];
  /** Sheet row of each CSV line (index 0: the header, line 1). */
  const rows: number[] = [];
  const summary = await readXlsx(
    bytes,
    {
      header: (cells, row) => {
        header = cells;
        lines.push(cells.map(field).join(','));
        rows.push(row.row);
      },
      record: (cells, _line, row) => {
        lines.push(cells.map(field).join(','));
        rows.push(row.row);
      },
      problem: (found) => {
        problems.push(found);
      },
    },
    {
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      ...(options.fields === undefined ? {} : { fields: options.fields }),
    },
  );
  if (summary === undefined || problems.length > 0) {
    return { ok: false, problems, ...(summary === undefined ? {} : { sheet: summary.sheet, sheets: summary.sheets }) };
  }
  const sheet = summary.sheet;
  const locate = (found: Problem): Problem => {
    const at = found.location;
    if (at?.line === undefined) return found;
    const row = rows[at.line - 1] ?? at.line;
    const column = at.column === undefined ? undefined : String(at.column);
    const byName = column === undefined ? -1 : header.indexOf(column);
    const byNumber = column !== undefined && /^\d+$/u.test(column) ? Number(column) - 1 : -1;
    const index = byName >= 0 ? byName : byNumber;
    const location: SheetLocation = { ...at, line: row, sheet, ...(index >= 0 ? { cell: sheetCellRef(sheet, index + 1, row) } : {}) };
    return { ...found, location };
  };
  return { ok: true, value: { text: `${lines.join('\n')}\n`, sheet, sheets: summary.sheets, locate } };
}
