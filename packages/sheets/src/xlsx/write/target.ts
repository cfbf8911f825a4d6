import ExcelJS from 'exceljs';

/**
 * Where a workbook is written: exceljs's in-memory Workbook (browser and Node; bytes at the
 * end), or in Node its streaming WorkbookWriter (`@bagui/sheets/xlsx/stream`), which writes
 * each row as it is committed. The builders write through this one interface.
 */
export interface WorkbookTarget {
  readonly workbook: ExcelJS.Workbook;
  /** Rows and sheets must be committed in order and cannot be revisited. */
  readonly streaming: boolean;
  /** Ends the workbook: its bytes when in memory, nothing when streamed to its destination. */
  finish(): Promise<Uint8Array | undefined>;
}

export function inMemoryTarget(): WorkbookTarget {
  const workbook = new ExcelJS.Workbook();
  return {
    workbook,
    streaming: false,
    finish: async () => new Uint8Array(await workbook.xlsx.writeBuffer()),
  };
}

/** exceljs's data validations by range: at run time on both kinds of worksheet, not in its types. */
export function addValidation(worksheet: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (worksheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
    range,
    validation,
  );
}

/** Commits a worksheet written by the streaming writer (a no-op in memory). */
export function commitSheet(worksheet: ExcelJS.Worksheet): void {
  const commit = (worksheet as unknown as { commit?: () => void }).commit;
  if (typeof commit === 'function') commit.call(worksheet);
}
