import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import {
  ROW_INDEX_MIN_ROWS,
  buildCreateRowIndex,
  buildDropRowIndex,
  ROW_INDEXES_SQL,
  hasRowIndexIn,
} from '../../core/sql/row-index';
import type { DbClient } from './db-client';

/**
 * The row index of a file's table (core/sql/row-index.ts says why), made once the table is whole.
 * Best effort: without it the table view reads sorted pages in one query, as before, so a failure
 * (the engine restarting, the table dropped meanwhile) is not the user's concern.
 */
export async function ensureRowIndex(db: DbClient, table: string, rowCount: number): Promise<void> {
  if (rowCount >= ROW_INDEX_MIN_ROWS) await createRowIndex(db, table);
}

/** The same, whatever the table's size (to put back an index that was there). */
export async function createRowIndex(db: DbClient, table: string): Promise<void> {
  await db.query(buildCreateRowIndex(table, ROW_INDEX_COLUMN), { cache: false }).catch(() => undefined);
}

/** Drops it, for statements DuckDB refuses on an indexed table (ALTER … DROP COLUMN). */
export async function dropRowIndex(db: DbClient, table: string): Promise<void> {
  await db.query(buildDropRowIndex(table), { cache: false });
}

/** Whether `table` has its row index, from the catalog (the doorway caches the answer until tables change). */
export async function hasRowIndex(db: DbClient, table: string, signal?: AbortSignal): Promise<boolean> {
  const result = await db.query(ROW_INDEXES_SQL, { signal, quick: true });
  // The table's own row iterator: one row at a time, no array of the whole result.
  return hasRowIndexIn(result.table as Iterable<{ table_name?: unknown; index_name?: unknown }>, table);
}
