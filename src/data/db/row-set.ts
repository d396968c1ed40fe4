import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { buildWhere, type Filter } from '../../core/sql/table-query';
import type { DbClient } from './db-client';

/**
 * The rows of a table that pass these filters, as a bitmap over the file's rows (bit r of byte
 * r >> 3 is `__row` r): one query, one pass over the `__row` column, the form the vector kernel
 * skips rows by ("Only rows matching the Explore filter", docs/similar.md).
 */
export async function rowBitmap(
  db: DbClient,
  table: string,
  filters: readonly Filter[],
  rowCount: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const where = buildWhere(filters);
  const sql = `SELECT ${quoteIdentifier(ROW_INDEX_COLUMN)} AS r FROM ${quoteIdentifier(table)} ${where.sql}`;
  const result = await db.query(sql, {
    params: where.params,
    cache: false,
    channel: 'row-set',
    ...(signal ? { signal } : {}),
  });
  const bits = new Uint8Array(Math.ceil(rowCount / 8));
  // Straight from the Arrow buffers (`__row` is never null): no per-row values.
  for (const data of result.table.getChildAt(0)?.data ?? []) {
    const values = data.values as BigInt64Array | Int32Array | Float64Array;
    for (let i = 0; i < data.length; i++) {
      // apache-arrow slices value buffers with the data: index from 0.
      const r = Number(values[i]);
      if (r >= 0 && r < rowCount) bits[r >> 3] = (bits[r >> 3] as number) | (1 << (r & 7));
    }
  }
  return bits;
}
