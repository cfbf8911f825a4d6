import { problem, type Problem } from '@bagui/core/errors';

/**
 * What a file's first bytes say it is, before a zip library sees it: an XLSX workbook is a zip
 * archive (`PK\x03\x04`); an Excel 97–2003 `.xls` — or an XLSX saved with a password, which
 * Excel wraps the same way — is an OLE2 compound file (`D0 CF 11 E0`). Anything else (a CSV
 * file renamed, a PDF) is refused here with a message rather than by the zip reader's error.
 */
export function checkXlsxSignature(head: Uint8Array): Problem | undefined {
  if (head.length === 0) return problem('XLSX.EMPTY_FILE', 'the file is empty: give an XLSX workbook saved by Excel, WPS or LibreOffice');
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06))
    return undefined;
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return problem(
      'XLSX.LEGACY_OR_ENCRYPTED',
      'the file is an Excel 97–2003 workbook (.xls) or a workbook saved with a password: ' +
        'open it in Excel or WPS and save it as "Excel Workbook (*.xlsx)" without a password',
    );
  }
  const text = looksLikeText(head);
  return problem(
    'XLSX.NOT_XLSX',
    text
      ? 'the file is text, not an XLSX workbook (a CSV file with an .xlsx name?): read it as CSV, or save it from Excel as "Excel Workbook (*.xlsx)"'
      : 'the file is not an XLSX workbook: save it from Excel, WPS or LibreOffice as "Excel Workbook (*.xlsx)"',
  );
}

function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const b = head[i] ?? 0;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  }
  return true;
}

/** A zip archive that the XLSX reader could not open: truncated, corrupted, or not a workbook inside. */
export function damaged(cause: unknown): Problem {
  const detail = cause instanceof Error && cause.message !== '' ? ` (${cause.message.split('\n')[0]?.slice(0, 200)})` : '';
  return problem(
    'XLSX.DAMAGED',
    `the file is a damaged or incomplete XLSX workbook${detail}: ` +
      'open it in Excel or WPS, repair it if asked, and save it again as .xlsx',
  );
}

export function noSuchSheet(wanted: string, sheets: readonly string[]): Problem {
  return problem(
    'XLSX.NO_SUCH_SHEET',
    `there is no sheet named ${JSON.stringify(wanted)}: the workbook's sheets are ${sheets.map((s) => JSON.stringify(s)).join(', ')}`,
    { value: wanted },
  );
}

export function noSheets(): Problem {
  return problem('XLSX.NO_SHEETS', 'the workbook has no worksheet: put the table in the first sheet');
}
