import { problem, type Problem } from '@bagui/core/errors';
import { columnLetter, rangeText, sheetCellRef, type CellRange } from '../cells/index.js';
import { EMPTY, type ReadCell } from './cell-value.js';
import type { HeaderField, SheetCell, SheetLocation, SheetRow, SheetVisitor } from './types.js';

/**
 * The marker of rows that are not data: a template's notes row (every non-empty cell starts with
 * it), and a totals row under a table (its first cell starts with it: `※ 合计`). A notes row right
 * under the header is skipped, and so is a row between the header and it (the template's second
 * header row); marked rows after the last record are skipped. A marked row with records after it
 * is read as a record like any other.
 */
export const NOTES_MARKER = '※';

const BRACKETED_UNIT = /\s*[（(][^（()）]*[)）]\s*$/u;

/**
 * Turns the rows of one sheet, in order, into the visitor's header, records and problems, by
 * the rules of core's CSV reader: the header is row 1; blank rows after the last record are
 * ignored and blank rows inside the table are a problem; a row with a problem is never a record.
 * Shared by the in-memory reader (`readXlsx`) and the Node streaming reader.
 */
export class SheetWalker {
  private phase: 'header' | 'template' | 'data' | 'done' = 'header';
  private header: readonly string[] = [];
  private width = 0;
  private used: ReadonlySet<number> | undefined;
  /** A row under the header held back until the next row tells whether it is a template's. */
  private held: { readonly number: number; readonly cells: readonly (ReadCell | undefined)[] } | undefined;
  /** The last row of the header and template rows. */
  private headerEnd = 1;
  /** The last row with a value in it. */
  private lastContent = 0;
  /** Marked rows after the last record so far: skipped unless a record follows. */
  private trailing: { readonly number: number; readonly cells: readonly (ReadCell | undefined)[] }[] = [];
  readonly skippedRows: number[] = [];
  records = 0;

  constructor(
    readonly sheet: string,
    private readonly visitor: SheetVisitor,
    private readonly fields: readonly HeaderField[] | undefined,
  ) {}

  /** Row `number` (1-based, increasing), with its cells by 0-based column (holes are empty). */
  row(number: number, cells: readonly (ReadCell | undefined)[]): void {
    if (this.phase === 'done') return;
    const blank = isBlank(cells);
    if (this.phase === 'header') {
      if (blank) return; // a first row further down is reported once the sheet ends
      if (number !== 1) {
        this.visitor.problem(this.noHeader(`row 1 is blank and the table starts at row ${number}`));
        this.phase = 'done';
        return;
      }
      this.readHeader(cells);
      return;
    }
    if (this.phase === 'template') {
      if (this.template(number, cells, blank)) return;
      this.phase = 'data';
    }
    this.data(number, cells, blank);
  }

  /** The end of the sheet, with its merged ranges. */
  end(merges: readonly CellRange[]): void {
    if (this.phase === 'header') {
      this.visitor.problem(this.noHeader('the sheet is empty'));
      return;
    }
    const held = this.held;
    this.held = undefined;
    if (held !== undefined) this.data(held.number, held.cells, isBlank(held.cells));
    for (const row of this.trailing) this.skippedRows.push(row.number);
    this.trailing = [];
    for (const range of merges) this.merged(range);
  }

  private readHeader(cells: readonly (ReadCell | undefined)[]): void {
    this.width = lastFilled(cells) + 1;
    const texts: string[] = [];
    const problems: Problem[] = [];
    for (let i = 0; i < this.width; i++) {
      const cell = cells[i] ?? EMPTY;
      if (cell.kind === 'fault') {
        problems.push(this.fault(cell.code, cell.text, i, 1, columnLetter(i + 1)));
        texts.push('');
      } else {
        texts.push(cell.text);
      }
    }
    this.header = texts;
    this.lastContent = 1;
    this.phase = 'template';
    const used = this.visitor.header(texts, this.sheetRow(1, texts.map(textCell)));
    if (Array.isArray(used)) this.used = new Set(used as readonly number[]);
    for (const found of problems) this.visitor.problem(found);
  }

  /** Whether the row is a template's header or notes row (and so skipped); may hold row 2 back. */
  private template(number: number, cells: readonly (ReadCell | undefined)[], blank: boolean): boolean {
    const next = this.headerEnd + 1;
    if (blank || number !== next || number > 3) {
      this.release();
      return false;
    }
    if (isNotes(cells)) {
      if (this.held !== undefined) this.skip(this.held.number);
      this.held = undefined;
      this.skip(number);
      this.phase = 'data';
      return true;
    }
    if (this.held === undefined && this.names(cells)) {
      this.skip(number);
      return true;
    }
    if (this.held === undefined && number === 2) {
      this.held = { number, cells };
      this.headerEnd = number; // tentatively: released as data unless row 3 is the notes row
      return true;
    }
    this.release();
    return false;
  }

  private skip(number: number): void {
    this.skippedRows.push(number);
    this.headerEnd = number;
    this.lastContent = number;
  }

  /** A held row turns out to be data. */
  private release(): void {
    const held = this.held;
    if (held === undefined) return;
    this.held = undefined;
    this.headerEnd = held.number - 1;
    this.phase = 'data';
    this.data(held.number, held.cells, false);
  }

  /** With the programme's fields: each filled cell names the same field as the header above it. */
  private names(cells: readonly (ReadCell | undefined)[]): boolean {
    const fields = this.fields;
    if (fields === undefined) return false;
    let named = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === undefined || cell.kind === 'empty') continue;
      if (cell.kind !== 'text' || i >= this.width) return false;
      const above = fieldOf(fields, this.header[i] ?? '');
      if (above === undefined || fieldOf(fields, cell.text) !== above) return false;
      named++;
    }
    return named > 0;
  }

  private data(number: number, cells: readonly (ReadCell | undefined)[], blank: boolean): void {
    if (blank) return;
    if (startsMarked(cells[0])) {
      this.trailing.push({ number, cells });
      return;
    }
    if (this.trailing.length > 0) {
      const rows = this.trailing;
      this.trailing = [];
      for (const row of rows) this.record(row.number, row.cells);
    }
    this.record(number, cells);
  }

  private record(number: number, cells: readonly (ReadCell | undefined)[]): void {
    if (number > this.lastContent + 1) this.visitor.problem(this.blankRows(this.lastContent + 1, number - 1));
    this.lastContent = number;
    let valid = true;
    const texts: string[] = new Array<string>(this.width);
    const typed: SheetCell[] = new Array<SheetCell>(this.width);
    for (let i = 0; i < this.width; i++) {
      const cell = cells[i] ?? EMPTY;
      if (cell.kind === 'fault') {
        if (this.reads(i)) {
          this.visitor.problem(this.fault(cell.code, cell.text, i, number, this.columnName(i)));
          valid = false;
        }
        texts[i] = cell.text;
        typed[i] = { kind: 'text', text: cell.text };
      } else {
        texts[i] = cell.text;
        typed[i] = cell;
      }
    }
    for (let i = this.width; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === undefined || cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '')) continue;
      valid = false;
      const ref = sheetCellRef(this.sheet, i + 1, number);
      this.visitor.problem(
        problem(
          'XLSX.OUTSIDE_TABLE',
          `cell ${ref} has a value but its column ${columnLetter(i + 1)} has no header in row 1: ` +
            'give the column a header, or clear the cell',
          this.at(number, columnLetter(i + 1), ref, cell.text),
        ),
      );
    }
    if (!valid) return;
    this.records++;
    this.visitor.record(texts, number, this.sheetRow(number, typed));
  }

  private merged(range: CellRange): void {
    if (range.top > this.lastContent || range.left > Math.max(this.width, 1)) return;
    const text = rangeText(range);
    const first = sheetCellRef(this.sheet, range.left, range.top);
    if (range.top <= this.headerEnd) {
      this.visitor.problem(
        problem(
          'XLSX.MERGED_HEADER',
          `cells ${text} of the header are merged: unmerge them and give each column its own header in row 1 ` +
            '(a title above the table belongs in another sheet)',
          this.at(range.top, columnLetter(range.left), first, text),
        ),
      );
      return;
    }
    let read = false;
    for (let c = range.left; c <= Math.min(range.right, this.width); c++) if (this.reads(c - 1)) read = true;
    if (!read) return;
    this.visitor.problem(
      problem(
        'XLSX.MERGED_CELLS',
        `cells ${text} are merged, so only ${first} holds a value and the others read as empty: ` + 'unmerge them and fill in every cell',
        this.at(range.top, this.columnName(range.left - 1), first, text),
      ),
    );
  }

  private reads(index: number): boolean {
    return this.used === undefined || this.used.has(index);
  }

  private columnName(index: number): string {
    const header = this.header[index]?.trim() ?? '';
    return header === '' ? columnLetter(index + 1) : header;
  }

  private sheetRow(row: number, cells: readonly SheetCell[]): SheetRow {
    const sheet = this.sheet;
    return { sheet, row, cells, ref: (index) => sheetCellRef(sheet, index + 1, row) };
  }

  private at(line: number, column: string, cell: string, value: string): SheetLocation {
    return { line, column, value, sheet: this.sheet, cell };
  }

  private fault(code: string, text: string, index: number, row: number, column: string): Problem {
    const ref = sheetCellRef(this.sheet, index + 1, row);
    const message =
      code === 'XLSX.ERROR_CELL'
        ? `cell ${ref} shows the error ${text}: correct its formula, or type the value in the cell`
        : `cell ${ref} holds the formula ${text} but no value calculated by Excel (the file was written by a program ` +
          'that does not calculate): open it in Excel or WPS and save it, or type the value in the cell';
    return problem(code, message, this.at(row, column, ref, text));
  }

  private blankRows(from: number, to: number): Problem {
    const message =
      from === to
        ? `row ${from} is blank inside the table: delete it (blank rows are allowed only after the last row of the table)`
        : `rows ${from}–${to} are blank inside the table: delete them (blank rows are allowed only after the last row of the table)`;
    return problem('XLSX.BLANK_ROW', message, { line: from, sheet: this.sheet, cell: sheetCellRef(this.sheet, 1, from) } as SheetLocation);
  }

  private noHeader(why: string): Problem {
    return problem(
      'XLSX.NO_HEADER',
      `${why}: row 1 of sheet ${JSON.stringify(this.sheet)} must be the header naming the columns, one per cell`,
      { line: 1, sheet: this.sheet } as SheetLocation,
    );
  }
}

function textCell(text: string): SheetCell {
  return text === '' ? EMPTY : { kind: 'text', text };
}

function isBlank(cells: readonly (ReadCell | undefined)[]): boolean {
  for (const cell of cells) {
    if (cell === undefined || cell.kind === 'empty') continue;
    if (cell.kind === 'text' && cell.text.trim() === '') continue;
    return false;
  }
  return true;
}

function lastFilled(cells: readonly (ReadCell | undefined)[]): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i];
    if (cell !== undefined && cell.kind !== 'empty' && !(cell.kind === 'text' && cell.text.trim() === '')) return i;
  }
  return -1;
}

function startsMarked(cell: ReadCell | undefined): boolean {
  return cell !== undefined && cell.kind === 'text' && cell.text.trimStart().startsWith(NOTES_MARKER);
}

function isNotes(cells: readonly (ReadCell | undefined)[]): boolean {
  let notes = 0;
  for (const cell of cells) {
    if (cell === undefined || cell.kind === 'empty') continue;
    if (cell.kind !== 'text' || !cell.text.trimStart().startsWith(NOTES_MARKER)) return false;
    notes++;
  }
  return notes > 0;
}

/** The field a header names, in either language, with or without a unit in brackets. */
function fieldOf(fields: readonly HeaderField[], header: string): HeaderField | undefined {
  const text = header.trim();
  const bare = text.replace(BRACKETED_UNIT, '');
  return fields.find((f) => f.name === text || f.zh === text || f.name === bare || f.zh === bare);
}
