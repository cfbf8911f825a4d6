import type { Problem } from '@bagui/core/errors';
import { columnLetter } from '../../cells/index.js';
import type { SheetLocation } from '../types.js';
import type { Lang } from './explain.js';
import { addHeadedSheet, cellText, PROBLEM_FILL, textWidth } from './style.js';
import { commitSheet, inMemoryTarget, type WorkbookTarget } from './target.js';

/** A row of the input as it was read: its line (CSV) or row number (XLSX), and its cells' text. */
export interface InputRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface ProblemsReportInput {
  /** The input's header row. */
  readonly header: readonly string[];
  /** The input's rows, in order (those a reader could split into cells). */
  readonly rows: Iterable<InputRow>;
  /** Every problem of the input, as the reader and validation reported them. */
  readonly problems: readonly Problem[];
  readonly lang: Lang;
  /** The name of the input sheet; `applicants` / 申报数据 when absent. */
  readonly sheet?: string;
}

const TEXT = {
  zh: {
    sheet: '申报数据',
    problems: '问题',
    all: '全部问题',
    columns: ['行', '列', '值', '代码', '问题'],
    line: (n: number) => `第 ${n} 行`,
  },
  en: {
    sheet: 'applicants',
    problems: 'problems',
    all: 'all problems',
    columns: ['line', 'column', 'value', 'code', 'problem'],
    line: (n: number) => `line ${n}`,
  },
} as const;

/**
 * The input back as a workbook for the person to fix and read again: every row with its cells
 * as text (as they were read), a problems column at the end listing the row's problems, each bad
 * cell filled and carrying the problem as a note; then a sheet listing every problem, those
 * of the file or the header included.
 */
export function writeProblemsReport(target: WorkbookTarget, input: ProblemsReportInput): void {
  const t = TEXT[input.lang];
  const byLine = new Map<number, Problem[]>();
  for (const p of input.problems) {
    const line = p.location?.line;
    if (line === undefined) continue;
    const list = byLine.get(line);
    if (list === undefined) byLine.set(line, [p]);
    else list.push(p);
  }
  const header = input.header.map((h) => h.trim());
  const columnOf = (p: Problem): number => {
    const where = p.location as SheetLocation | undefined;
    if (where?.column === undefined) return -1;
    const column = String(where.column);
    const byHeader = header.indexOf(column.trim());
    if (byHeader !== -1) return byHeader;
    return /^[A-Z]{1,3}$/u.test(column) ? header.findIndex((_, i) => columnLetter(i + 1) === column) : -1;
  };

  const sheet = addHeadedSheet(
    target.workbook,
    input.sheet ?? t.sheet,
    [...input.header.map(cellText), t.problems],
    [...header.map((h) => Math.min(40, Math.max(10, textWidth(h) + 4))), 80],
    { dress: (row) => mark(row, byLine.get(1) ?? [], columnOf, header.length, t.line) },
  );
  for (const row of input.rows) {
    const written = sheet.addRow([...row.cells.map(cellText)]);
    mark(written, byLine.get(row.line) ?? [], columnOf, header.length, t.line, row.line);
    written.commit();
  }
  commitSheet(sheet);

  const all = addHeadedSheet(target.workbook, t.all, t.columns, [8, 20, 24, 28, 100]);
  for (const p of input.problems) {
    const where = p.location as SheetLocation | undefined;
    const row = all.addRow([
      where?.line ?? null,
      cellText(where?.cell ?? (where?.column === undefined ? undefined : String(where.column)) ?? where?.path?.join('.') ?? ''),
      cellText(where?.value ?? ''),
      p.code,
      cellText(p.message),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.commit();
  }
  commitSheet(all);
}

function mark(
  row: import('exceljs').Row,
  problems: readonly Problem[],
  columnOf: (p: Problem) => number,
  width: number,
  lineLabel: (n: number) => string,
  line?: number,
): void {
  if (problems.length === 0) return;
  const notes = new Map<number, string[]>();
  for (const p of problems) {
    const column = columnOf(p);
    if (column === -1) continue;
    const list = notes.get(column);
    if (list === undefined) notes.set(column, [p.message]);
    else list.push(p.message);
  }
  for (const [column, messages] of notes) {
    const cell = row.getCell(column + 1);
    cell.fill = PROBLEM_FILL;
    cell.note = cellText(messages.join('\n'));
  }
  // The header's own problems are noted on its cells; its last cell stays the problems column's name.
  if (line === undefined) return;
  const summary = problems.map((p) => `${p.location?.column === undefined ? '' : `[${p.location.column}] `}${p.message}`).join('\n');
  const cell = row.getCell(width + 1);
  cell.value = cellText(`${lineLabel(line)}: ${summary}`);
  cell.alignment = { vertical: 'top', wrapText: true };
  cell.font = { color: { argb: 'FFC00000' } };
}

/** The problems report as XLSX bytes (browser and Node). */
export async function buildProblemsReport(input: ProblemsReportInput): Promise<Uint8Array> {
  const target = inMemoryTarget();
  writeProblemsReport(target, input);
  return (await target.finish()) ?? new Uint8Array(0);
}
