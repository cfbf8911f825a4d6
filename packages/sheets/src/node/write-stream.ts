import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Lang } from '../xlsx/write/explain.js';
import { ResultWorkbook } from '../xlsx/write/book.js';
import type { WorkbookTarget } from '../xlsx/write/target.js';

/**
 * A workbook written as it is built (exceljs's streaming WorkbookWriter) to a file or a Node
 * stream: each committed row goes out, so 1,000,000 rows never sit in memory as cells. Strings
 * are written inline (no shared-string table to hold).
 */
export function streamingTarget(output: string | Writable): WorkbookTarget {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof output === 'string' ? { filename: output } : { stream: output }),
    useStyles: true,
    useSharedStrings: false,
  });
  return {
    workbook,
    streaming: true,
    finish: async () => {
      await workbook.commit();
      return undefined;
    },
  };
}

/** An output workbook streamed to a file or a Node stream (see ResultWorkbook). */
export function streamingResultWorkbook(output: string | Writable, lang: Lang = 'zh'): ResultWorkbook {
  return new ResultWorkbook(streamingTarget(output), lang);
}
