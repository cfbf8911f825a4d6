import type { ReactNode } from 'react';
import { formatCount } from './intl';
import { Money } from './Money';
import { useLang } from './use-lang';

/** A column of a figures table: its heading, and whether it holds numbers (right-aligned). */
export type Column = string | { readonly label: ReactNode; readonly num?: boolean; readonly key?: string };

/**
 * The heading row of a `figures` table. A plain string is a text column; `{ label, num: true }` a
 * column of numbers; an empty string the blank corner above the row headings.
 */
export function ColumnHeads({ columns }: { readonly columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, k) =>
          typeof column === 'string' ? (
            <th key={k} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.key ?? k} scope="col" className={column.num === true ? 'num' : undefined}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** Shorthand for a numeric column. */
export const num = (label: ReactNode, key?: string): Column => (key === undefined ? { label, num: true } : { label, num: true, key });

/** A cell holding an amount in fen (万元 / 亿元, exact on hover and copy). */
export function MoneyCell({ fen, signed = false }: { readonly fen: number; readonly signed?: boolean }) {
  return (
    <td className="num">
      <Money fen={fen} signed={signed} />
    </td>
  );
}

/** A cell holding a count, in the reader's language. */
export function CountCell({ n }: { readonly n: number }) {
  const lang = useLang();
  return <td className="num">{formatCount(n, lang)}</td>;
}
