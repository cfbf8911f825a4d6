import type ExcelJS from 'exceljs';

/** Yuan with two decimals and grouping: `¥1,234,567.89`; the cell holds the number of yuan. */
export const YUAN_FORMAT = '"¥"#,##0.00';
export const COUNT_FORMAT = '#,##0';

/** The most rows one sheet holds (Excel's limit), the header included. */
export const XLSX_MAX_ROWS = 1_048_576;

/** The longest text a cell holds (Excel's limit). */
const XLSX_MAX_TEXT = 32_767;

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export const HEADER_FILL = solid('FFE7ECF3');
export const NOTES_FILL = solid('FFF6F7F9');
/** A value marked ⚠ (our assumption). */
export const ASSUMPTION_FILL = solid('FFFFF2CC');
/** A cell with a problem, in a problems report. */
export const PROBLEM_FILL = solid('FFF8CBAD');
export const TOTALS_FILL = solid('FFF2F2F2');

export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
export const HEADER_BORDER: Partial<ExcelJS.Borders> = { bottom: { style: 'thin', color: { argb: 'FF8497B0' } } };

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/gu, '_').replace(/^'+|'+$/gu, '');
  return [...clean].slice(0, 31).join('') || 'Sheet';
}

/** Text as a cell holds it: within Excel's limit, marked where cut. */
export function cellText(text: string): string {
  return text.length <= XLSX_MAX_TEXT ? text : `${text.slice(0, XLSX_MAX_TEXT - 1)}…`;
}

/** A column width in characters for texts: CJK characters count two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch)
      ? 2
      : 1;
  return width;
}

/**
 * A new sheet whose first row is a header of `columns` (bold, filled, ruled, and unless `wrap` is
 * false wrapped and centred vertically), frozen, with the given column widths. `dress` sees the
 * header row before it is committed (a streamed row cannot be changed afterwards).
 */
export function addHeadedSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly string[],
  widths: readonly number[],
  { dress, wrap = true }: { readonly dress?: (header: ExcelJS.Row) => void; readonly wrap?: boolean } = {},
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = widths.map((width) => ({ width }));
  const header = sheet.addRow([...columns]);
  header.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = HEADER_BORDER;
    if (wrap) cell.alignment = { vertical: 'middle', wrapText: true };
  });
  dress?.(header);
  header.commit();
  return sheet;
}
