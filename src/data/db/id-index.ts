import type { Data, Utf8 } from 'apache-arrow';
import { IdIndex, utf8Chunk, type Utf8Chunk } from '../../core/lookup/id-index';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { quoteIdentifier } from '../../core/sql/identifiers';
import type { DbClient } from './db-client';

/**
 * The id index of a table (src/core/lookup/id-index.ts): one query reads the id column as text with
 * `__row`, in file order, and the index is built over the result's own Arrow buffers. At 1M rows of
 * 36-character ids that is ~40 MB of bytes and offsets plus an 8 MB slot table, held while the
 * Explore view that built it is open.
 */
export async function buildIdIndex(
  db: DbClient,
  table: string,
  idColumn: string,
  signal?: AbortSignal,
): Promise<IdIndex> {
  const row = quoteIdentifier(ROW_INDEX_COLUMN);
  const sql =
    `SELECT CAST(${quoteIdentifier(idColumn)} AS VARCHAR) AS id, CAST(${row} AS INTEGER) AS r ` +
    `FROM ${quoteIdentifier(table)} ORDER BY ${row}`;
  const { table: result } = await db.query(sql, { signal, channel: 'row-lookup', cache: false });
  const rows = new Int32Array(result.numRows);
  const chunks: Utf8Chunk[] = [];
  let at = 0;
  for (const batch of result.batches) {
    const ids = batch.getChildAt(0)?.data[0] as Data<Utf8> | undefined;
    const r = batch.getChildAt(1)?.data[0];
    if (!ids || !r) continue;
    rows.set((r.values as Int32Array).subarray(0, r.length), at);
    at += r.length;
    chunks.push(utf8Chunk(ids));
  }
  return new IdIndex(chunks, rows);
}
