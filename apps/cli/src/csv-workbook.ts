import { formatProblem } from '@bagui/core/errors';
import { parseCsv } from '@bagui/core/tabular';
import type { RunAbout, TableColumn, TableValue } from '@bagui/sheets/xlsx';
import type { Lang } from './amounts.js';
import { InputError } from './input-error.js';

const AMOUNT = /^-?\d+\.\d\d$/u;
const COUNT = /^-?\d+$/u;

/** `-273410.80` as integer fen, exactly (no float arithmetic on the decimal). */
function fenOf(text: string): number {
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace('.', '');
  const fen = Number(digits);
  return negative ? -fen : fen;
}

/**
 * A table Bagui writes as CSV (`compare`'s and `sweep`'s), as an XLSX workbook: a column whose
 * cells are all amounts (`1234.50`) becomes yuan numbers with the yuan format and a total, one
 * of whole numbers a count, anything else text (never a formula); frozen header, filters, and
 * the about sheet. The CSV is the one source of the columns, so the two never disagree.
 */
export async function csvWorkbook(chunks: Iterable<string>, sheet: string, lang: Lang, about: RunAbout): Promise<Uint8Array> {
  const parsed = parseCsv([...chunks].join(''));
  if (!parsed.ok) throw new Error(`bagui wrote a CSV it cannot read: ${parsed.problems.map(formatProblem).join('; ')}`);
  const { header, records } = parsed.value;
  const kinds = header.map((_, i) => {
    const cells = records.map((r) => r.cells[i] ?? '').filter((c) => c !== '');
    if (cells.length > 0 && cells.every((c) => AMOUNT.test(c))) return 'amount' as const;
    if (cells.length > 0 && cells.every((c) => COUNT.test(c) && Number.isSafeInteger(Number(c)))) return 'count' as const;
    return 'text' as const;
  });
  // No totals row: the rows are reforms × applicants or sweep points, whose sum means nothing.
  const columns: TableColumn[] = header.map((h, i) => ({ header: h, kind: kinds[i] ?? 'text' }));
  const rows = records.map((r) =>
    r.cells.map((cell, i): TableValue => {
      if (cell === '') return undefined;
      if (kinds[i] === 'amount') return fenOf(cell);
      if (kinds[i] === 'count') return Number(cell);
      return cell;
    }),
  );
  const { resultWorkbook } = await import('@bagui/sheets/xlsx');
  const book = resultWorkbook(lang);
  const written = book.addTable({ sheet, columns, rows, count: rows.length });
  if (!written.ok) throw new InputError('the result does not fit in a workbook; nothing was written', written.problems.map(formatProblem));
  book.addAbout(about);
  return (await book.finish()) ?? new Uint8Array(0);
}
