import { problem, type Problem } from '@bagui/core/errors';
import { sql, type SelectQueryBuilder, type StringReference } from 'kysely';

/** One page of a list, newest first, and the cursor of the next page (null on the last). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface PageRequest {
  /** The `next` of the previous page; absent for the first. */
  readonly cursor?: string | undefined;
  /** Items per page, 1–200; default 50. */
  readonly limit?: number | undefined;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/**
 * A cursor is the position (a row's insertion number) after which the next page starts, in
 * base64url so that it reads as one opaque word. Keyset paging: a page never repeats or skips
 * an item, whatever is inserted meanwhile.
 */
const encodeCursor = (position: number): string => Buffer.from(String(position)).toString('base64url');

/** The page's limit and its start, or the problems with the request (a parameter named as the API names it). */
export function readPageRequest(
  request: PageRequest,
): { ok: true; limit: number; after: number | undefined } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    problems.push(problem('PAGE.LIMIT', `limit must be a whole number from 1 to ${MAX_LIMIT}`, { path: ['limit'], value: String(limit) }));
  }
  let after: number | undefined;
  if (request.cursor !== undefined) {
    const text = Buffer.from(request.cursor, 'base64url').toString();
    after = /^[1-9][0-9]{0,15}$/u.test(text) && encodeCursor(Number(text)) === request.cursor ? Number(text) : undefined;
    if (after === undefined) {
      problems.push(
        problem(
          'PAGE.CURSOR',
          'cursor is not one this service gave: pass the `next` of the previous page unchanged, or none for the first page',
          {
            path: ['cursor'],
            value: request.cursor,
          },
        ),
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, limit, after };
}

/** The page of `rows` fetched with `limit + 1`: the extra row, if any, says there is a next page. */
function pageOf<R, T>(rows: readonly R[], limit: number, position: (row: R) => number, item: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(item),
    next: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null,
  };
}

/**
 * The page `page` asks for of `query`, newest first by its `key` column (the row's insertion
 * number): the rows after the cursor, `limit + 1` of them so that the extra one says whether
 * there is a next page.
 */
export async function keysetPage<DB, TB extends keyof DB, R, T>(
  query: SelectQueryBuilder<DB, TB, R>,
  key: StringReference<DB, TB>,
  page: { readonly limit: number; readonly after: number | undefined },
  position: (row: R) => number,
  item: (row: R) => T,
): Promise<Page<T>> {
  const after = page.after === undefined ? query : query.where(sql.ref(key), '<', page.after);
  const rows = await after
    .orderBy(sql.ref(key), 'desc')
    .limit(page.limit + 1)
    .execute();
  return pageOf(rows, page.limit, position, item);
}
