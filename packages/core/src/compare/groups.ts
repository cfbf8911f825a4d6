import { compareCodePoints } from '../allocation/index.js';

/** Group values in code-point order, recipients without a value last. */
function byGroupValue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareCodePoints(a, b);
}

/** A group column as its distinct values (sorted) and each recipient's value as an index into them. */
export interface GroupColumn {
  readonly values: readonly (string | null)[];
  readonly codes: Int32Array;
}

const columns = new WeakMap<readonly (string | undefined)[], GroupColumn>();

/**
 * The column coded once: a population's groups are the same arrays in every outcome of it, so a
 * comparison or a sweep codes each column once, then counts with integer indices.
 */
export function groupColumn(column: readonly (string | undefined)[]): GroupColumn {
  let coded = columns.get(column);
  if (coded === undefined) {
    const values = [...new Set(column.map((v) => v ?? null))].sort(byGroupValue);
    const index = new Map(values.map((v, c) => [v, c]));
    const codes = new Int32Array(column.length);
    for (let i = 0; i < column.length; i++) codes[i] = index.get(column[i] ?? null) ?? 0;
    coded = { values, codes };
    columns.set(column, coded);
  }
  return coded;
}
