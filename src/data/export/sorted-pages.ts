import type { Table } from 'apache-arrow';
import {
  buildSortBoundsQuery,
  buildSortedRangeQuery,
  isKeysetBound,
  type SortPosition,
  type SortedKeysetQuery,
} from '../../core/sql/sorted-keyset';
import type { DbClient } from '../db/db-client';

/**
 * Pages per read of a sorted export. Each read is one scan of the table filtered on the sort key
 * (no sort of the table), whose cost hardly depends on how many rows it returns. At 1M rows sorted
 * by a double, the bounds and every read took, in the bench's page (load 3–4), 11.4 s in reads of
 * 50,000 rows, 7.5 s in reads of 100,000 and 7.5 s in reads of 200,000 (in Node: 10.4 s in reads of
 * 10,000, 3.4 s in reads of 50,000). Ten pages is 100,000 rows held at once at most (~27 MB of the
 * bench's rows as CSV), handed on a page at a time.
 */
export const SORTED_READ_PAGES = 10;

/**
 * The pages of a sorted export in `ORDER BY <sort> NULLS LAST, <tiebreaker>` order, `pageRows`
 * rows each (core/sql/sorted-keyset.ts): one sort of the keys alone finds every read's last
 * position, then each read takes the rows between two positions. Null when the sort key's type
 * cannot bound a read (a list, a struct): the caller pages by OFFSET then.
 */
export async function sortedPages(
  db: DbClient,
  q: SortedKeysetQuery & { pageRows: number; signal?: AbortSignal },
): Promise<AsyncIterable<Table> | null> {
  const { pageRows, signal, ...query } = q;
  const readRows = pageRows * SORTED_READ_PAGES;
  const boundsQuery = buildSortBoundsQuery({ ...query, every: readRows });
  const result = (
    await db.query(boundsQuery.sql, { params: boundsQuery.params, signal, channel: 'export', cache: false })
  ).table;
  const keys = result.getChild('key');
  const types = result.getChild('type');
  const rows = result.getChild('row');
  const bounds: SortPosition[] = [];
  for (let i = 0; i < result.numRows; i++) {
    const key = keys?.get(i) as string | null | undefined;
    const type = types?.get(i) as string | null | undefined;
    const row = rows?.get(i) as bigint | number | null | undefined;
    if (type == null || row == null) return null;
    const position = { key: key ?? null, type, row };
    if (!isKeysetBound(position)) return null;
    bounds.push(position);
  }
  return read();

  async function* read(): AsyncGenerator<Table> {
    // The last read runs past the last bound to the end (`through` null).
    for (let i = 0; i <= bounds.length; i++) {
      if (signal?.aborted) return;
      const range = buildSortedRangeQuery({
        ...query,
        after: bounds[i - 1] ?? null,
        through: bounds[i] ?? null,
      });
      const rows = (
        await db.query(range.sql, { params: range.params, signal, channel: 'export', cache: false })
      ).table;
      for (let at = 0; at < rows.numRows; at += pageRows) yield rows.slice(at, at + pageRows);
    }
  }
}
