import ExcelJS from 'exceljs';
import type { Problem } from '@bagui/core/errors';
import type { SheetReadOptions, SheetReadSummary, SheetVisitor } from '../xlsx/types.js';

/** A workbook built by a test: sheets of rows (exceljs cell values), written to XLSX bytes. */
export async function workbookBytes(
  sheets: Record<string, readonly (readonly ExcelJS.CellValue[])[]>,
  dress?: (workbook: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value !== undefined && value !== null) sheet.getCell(i + 1, j + 1).value = value;
      });
    });
  }
  dress?.(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface Seen {
  readonly events: string[];
  readonly problems: Problem[];
  summary: SheetReadSummary | undefined;
}

/** Every call a reader makes, as short lines: `header a|b`, `3: x|y`, `problem 4 XLSX.BLANK_ROW`. */
function recorder(): { visitor: SheetVisitor; seen: Seen } {
  const seen: Seen = { events: [], problems: [], summary: undefined };
  return {
    seen,
    visitor: {
      header: (cells) => {
        seen.events.push(`header ${cells.join('|')}`);
      },
      record: (cells, line, row) => {
        seen.events.push(`${line}: ${cells.join('|')}`);
        const kinds = row.cells.map((c) => c.kind);
        if (kinds.some((k) => k !== 'text' && k !== 'empty')) seen.events.push(`  kinds ${kinds.join('|')}`);
      },
      problem: (found) => {
        seen.problems.push(found);
        seen.events.push(`problem ${found.location?.line ?? '-'} ${found.code}`);
      },
    },
  };
}

export type Reader = (bytes: Uint8Array, visitor: SheetVisitor, options?: SheetReadOptions) => Promise<SheetReadSummary | undefined>;

export async function readAll(reader: Reader, bytes: Uint8Array, options?: SheetReadOptions): Promise<Seen> {
  const { visitor, seen } = recorder();
  seen.summary = await reader(bytes, visitor, options);
  return seen;
}
