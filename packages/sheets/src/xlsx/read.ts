import { fail, ok, type Problem, type Result } from '@bagui/core/errors';
import ExcelJS from 'exceljs';
import { parseRange, type CellRange } from '../cells/index.js';
import { readCellValue, type ReadCell } from './cell-value.js';
import { checkXlsxSignature, damaged, noSheets, noSuchSheet } from './format.js';
import type { SheetReadOptions, SheetReadSummary, SheetRow, SheetTable, SheetVisitor } from './types.js';
import { SheetWalker } from './walker.js';

/**
 * Reads one sheet of an XLSX workbook held in memory (browser or Node), calling `visitor` for
 * the header, each record and each problem. Returns what was read, or undefined when the file
 * could not be read as a workbook at all (the problem has gone to the visitor). For large files
 * in Node, `readXlsxStream` (`@bagui/sheets/xlsx/stream`) reads the same way without the whole
 * workbook in memory.
 */
export async function readXlsx(
  bytes: Uint8Array,
  visitor: SheetVisitor,
  options: SheetReadOptions = {},
): Promise<SheetReadSummary | undefined> {
  const signature = checkXlsxSignature(bytes.subarray(0, 8));
  if (signature !== undefined) {
    visitor.problem(signature);
    return undefined;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types want a Node Buffer; it reads any ArrayBuffer view (JSZip underneath).
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    visitor.problem(damaged(cause));
    return undefined;
  }
  const worksheets = workbook.worksheets;
  const names = worksheets.map((ws) => ws.name);
  const worksheet = pickSheet(worksheets, options.sheet, visitor);
  if (worksheet === undefined) return undefined;

  const walker = new SheetWalker(worksheet.name, visitor, options.fields);
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: ReadCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // The other cells of a merged range hold nothing in the file; exceljs shows them the master's value.
      cells[column - 1] = cell.type === ExcelJS.ValueType.Merge ? { kind: 'empty', text: '' } : readCellValue(cell.value);
    });
    walker.row(row.number, cells);
  });
  walker.end(mergedRanges(worksheet));
  return { sheet: worksheet.name, sheets: names, skippedRows: walker.skippedRows, records: walker.records };
}

/** Reads a whole sheet into memory, or every problem (like core's `parseCsv`). */
export async function parseXlsx(bytes: Uint8Array, options: SheetReadOptions = {}): Promise<Result<SheetTable>> {
  let header: readonly string[] = [];
  const records: SheetRow[] = [];
  const problems: Problem[] = [];
  const summary = await readXlsx(
    bytes,
    {
      header: (cells) => {
        header = cells;
      },
      record: (_cells, _line, row) => {
        records.push(row);
      },
      problem: (found) => {
        problems.push(found);
      },
    },
    options,
  );
  if (problems.length > 0 || summary === undefined) return fail(...problems);
  return ok({ sheet: summary.sheet, header, records });
}

/** The named sheet, or the first visible one; a problem listing the sheets when there is no such sheet. */
function pickSheet(
  worksheets: readonly ExcelJS.Worksheet[],
  wanted: string | undefined,
  visitor: SheetVisitor,
): ExcelJS.Worksheet | undefined {
  if (worksheets.length === 0) {
    visitor.problem(noSheets());
    return undefined;
  }
  if (wanted === undefined) return worksheets.find((ws) => ws.state === 'visible') ?? worksheets[0];
  const found = worksheets.find((ws) => ws.name === wanted) ?? worksheets.find((ws) => ws.name.trim() === wanted.trim());
  if (found === undefined)
    visitor.problem(
      noSuchSheet(
        wanted,
        worksheets.map((ws) => ws.name),
      ),
    );
  return found;
}

/** exceljs keeps a loaded sheet's merged ranges by their first cell (not in its typed API). */
function mergedRanges(worksheet: ExcelJS.Worksheet): CellRange[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, { range?: string } | undefined> })._merges ?? {};
  const ranges: CellRange[] = [];
  for (const merge of Object.values(merges)) {
    const range = merge?.range === undefined ? undefined : parseRange(merge.range);
    if (range !== undefined) ranges.push(range);
  }
  return ranges.sort((a, b) => a.top - b.top || a.left - b.left);
}
