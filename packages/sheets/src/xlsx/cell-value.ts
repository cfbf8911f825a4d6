import { excelDecimal } from '../cells/index.js';
import type { SheetCell } from './types.js';

/** A cell that cannot be read as a value: reported where its column is read. */
interface CellFault {
  readonly kind: 'fault';
  readonly code: 'XLSX.ERROR_CELL' | 'XLSX.NO_CACHED_VALUE';
  /** The error (`#DIV/0!`) or the formula (`=C2*2`). */
  readonly text: string;
}

export type ReadCell = SheetCell | CellFault;

export const EMPTY: SheetCell = Object.freeze({ kind: 'empty', text: '' });

/**
 * An exceljs cell value as what Excel shows: numbers through `excelDecimal`, rich text and
 * hyperlinks flattened to their text, a formula by its cached result.
 */
export function readCellValue(value: unknown): ReadCell {
  if (value === null || value === undefined) return EMPTY;
  switch (typeof value) {
    case 'string':
      return value === '' ? EMPTY : { kind: 'text', text: value };
    case 'number':
      // The streaming reader gives an error result of a formula as NaN (parseFloat('#N/A')).
      return Number.isFinite(value)
        ? { kind: 'number', text: excelDecimal(value) }
        : { kind: 'fault', code: 'XLSX.ERROR_CELL', text: '#N/A' };
    case 'boolean':
      return { kind: 'boolean', text: value ? 'true' : 'false' };
    case 'object':
      break;
    default:
      return { kind: 'text', text: shown(value) };
  }
  if (value instanceof Date) return dateCell(value);
  const v = value as Record<string, unknown>;
  if (typeof v['error'] === 'string') return { kind: 'fault', code: 'XLSX.ERROR_CELL', text: v['error'] };
  if (Array.isArray(v['richText'])) return textCell(flatten(v['richText']));
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v['result'];
    if (result === undefined || result === null) {
      const formula = typeof v['formula'] === 'string' && v['formula'] !== '' ? v['formula'] : shown(v['sharedFormula'] ?? '');
      return { kind: 'fault', code: 'XLSX.NO_CACHED_VALUE', text: `=${formula}` };
    }
    return readCellValue(result);
  }
  if ('hyperlink' in v || 'text' in v) {
    const text = v['text'];
    if (typeof text === 'string') return textCell(text);
    if (typeof text === 'object' && text !== null && Array.isArray((text as Record<string, unknown>)['richText'])) {
      return textCell(flatten((text as { richText: unknown[] }).richText));
    }
  }
  return { kind: 'text', text: JSON.stringify(value) };
}

function textCell(text: string): SheetCell {
  return text === '' ? EMPTY : { kind: 'text', text };
}

function flatten(runs: readonly unknown[]): string {
  return runs.map((run) => (typeof run === 'object' && run !== null ? shown((run as { text?: unknown }).text ?? '') : '')).join('');
}

/** A value exceljs gives outside its documented kinds, as JavaScript prints it. */
const shown = (value: unknown): string => String(value);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Excel's dates have no zone: exceljs gives them as UTC instants, read back in UTC. */
function dateCell(date: Date): ReadCell {
  if (Number.isNaN(date.getTime())) return { kind: 'fault', code: 'XLSX.ERROR_CELL', text: '#VALUE!' };
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  const text = seconds === 0 ? day : `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return { kind: 'date', text };
}
