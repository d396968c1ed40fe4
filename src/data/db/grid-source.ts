import type { Schema, Table } from 'apache-arrow';
import type { GridColumn, GridSource } from '../../core/grid-source';
import { classifySql } from '../../core/sql/statement';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import {
  KEY_BLOCK_ROWS,
  KEYED_FETCH_MAX_ROWS,
  KEYED_PAGE_ROWS,
  fetchesByKey,
  keyBlocksOf,
} from '../../core/sql/row-index';
import {
  buildCountQuery,
  buildKeyPageQuery,
  buildPageQuery,
  buildRowsByKeyQuery,
  buildSqlCountQuery,
  buildSqlPageQuery,
  type Filter,
  type SortSpec,
} from '../../core/sql/table-query';
import type { DbClient } from './db-client';
import { hasRowIndex } from './row-index';

let sourceCounter = 0;

export interface TableGridOptions {
  table: string;
  sort?: SortSpec | null;
  filters?: readonly Filter[];
  /** Columns to show, in order; absent shows all. */
  columns?: readonly string[] | null;
  /** Unique column appended to ORDER BY when sorting so pages are stable; defaults to `__row` if present. */
  tiebreaker?: string | null;
  signal?: AbortSignal;
}

/**
 * A grid source over one table, with sort and filters, built on buildPageQuery/buildCountQuery.
 * Pages are fetched on demand through the DbClient's cache. Pages do not share a channel (two
 * visible pages load at once); pass an AbortSignal to drop pages scrolled past.
 *
 * A sorted view of a table with its row index reads keys, then rows by key (core/sql/row-index.ts):
 * its keys in blocks of KEY_BLOCK_ROWS, its pages screen-sized (the source's `pageSize`). It reads
 * its first page before it returns and takes the column types from it: the view asks that page
 * first anyway, and a separate probe for the types would be one more trip to the engine.
 * Other views probe the types (a zero-row page) and count up front.
 */
export async function createTableGridSource(db: DbClient, options: TableGridOptions): Promise<GridSource> {
  const { table, sort = null } = options;
  // Only `__row` has the row index. A sorted view asks the catalog for it (cached by the doorway:
  // it changes only with the table), so a dropped index makes pages slower, never wrong.
  const mayReadByKey =
    sort !== null && (options.tiebreaker === undefined || options.tiebreaker === ROW_INDEX_COLUMN);
  if (mayReadByKey && (await hasRowIndex(db, table, options.signal))) {
    return createKeyedSource(db, { ...options, sort });
  }
  return createScanSource(db, options);
}

/** A table view read in one query a page: unsorted, or sorted without the row index. */
async function createScanSource(db: DbClient, options: TableGridOptions): Promise<GridSource> {
  const { table, sort = null, filters = [], columns = null, signal } = options;
  // The column types do not depend on sort or filters: probing without them lets the doorway's cache
  // answer every later sort or filter of the same table.
  const schemaQuery = buildPageQuery({ table, columns, limit: 0, offset: 0 });
  const count = buildCountQuery({ table, filters });
  // Asked together: the engine answers them one after the other, but none waits for the page's
  // code in between.
  const [schemaResult, counted] = await Promise.all([
    db.query(schemaQuery.sql, { params: schemaQuery.params, signal, quick: true }),
    db.query(count.sql, { params: count.params, signal }),
  ]);
  const gridColumns = columnsOf(schemaResult.table.schema);
  const tiebreaker =
    options.tiebreaker === null
      ? undefined
      : (options.tiebreaker ??
        (hasColumn(schemaResult.table.schema, ROW_INDEX_COLUMN) ? ROW_INDEX_COLUMN : undefined));
  // Pages name every column rather than `*`: DuckDB 1.4 (DuckDB-WASM 1.32) answers a sorted
  // `SELECT * … LIMIT n` by late materialization (row ids first, then a join back over the whole
  // table), which at 100K rows took ~58 ms where the same columns named took ~21 ms (Node, same
  // rows; docs/benchmarks.md).
  const pageColumns = columns ?? gridColumns.map((c) => c.name);
  return {
    key: sourceKey(options),
    rowCount: toCount(counted.table),
    columns: gridColumns,
    async fetchRows(offset, limit, rowSignal) {
      const page = buildPageQuery({ table, columns: pageColumns, sort, filters, tiebreaker, limit, offset });
      return (await db.query(page.sql, { params: page.params, signal: rowSignal })).table;
    },
  };
}

/** A sorted view of a table with its row index: keys first, then rows by key (core/sql/row-index.ts). */
async function createKeyedSource(
  db: DbClient,
  options: TableGridOptions & { sort: SortSpec },
): Promise<GridSource> {
  const { table, sort, filters = [], columns = null, signal } = options;
  const keyBlockQuery = (block: number) => ({
    table,
    sort,
    filters,
    tiebreaker: ROW_INDEX_COLUMN,
    limit: KEY_BLOCK_ROWS,
    offset: block * KEY_BLOCK_ROWS,
  });
  // The first block of keys comes with the count (one statement, not two)...
  const counting = buildKeyPageQuery({ ...keyBlockQuery(0), withCount: true });
  const counted = (await db.query(counting.sql, { params: counting.params, signal })).table;
  const rowCount = toCount(counted, 1);
  const firstBlock = keyList(counted);
  // ...and the first page with the column types. Without named columns it reads `*`: late
  // materialization (see createScanSource) is for `ORDER BY … LIMIT`, and a page by key has no LIMIT.
  const rowsByKey = (pageColumns: readonly string[] | null, keys: readonly (bigint | number)[]) =>
    buildRowsByKeyQuery({ table, columns: pageColumns, sort, tiebreaker: ROW_INDEX_COLUMN, keys });
  const first = rowsByKey(columns, firstBlock.slice(0, KEYED_PAGE_ROWS));
  const firstPage = (await db.query(first.sql, { params: first.params, signal, quick: true })).table;
  const gridColumns = columnsOf(firstPage.schema);
  const pageColumns = columns ?? gridColumns.map((c) => c.name);

  /** The keys of rows [offset, offset + limit), from the key blocks they fall in. */
  async function keysOf(
    offset: number,
    limit: number,
    rowSignal?: AbortSignal,
  ): Promise<(bigint | number)[]> {
    const blocks = keyBlocksOf(offset, limit);
    const keys: (bigint | number)[] = [];
    for (const block of blocks) {
      if (block === 0) {
        keys.push(...firstBlock);
        continue;
      }
      // Cached by the doorway: the next pages of the block cost their lookup only.
      const q = buildKeyPageQuery(keyBlockQuery(block));
      keys.push(...keyList((await db.query(q.sql, { params: q.params, signal: rowSignal })).table));
    }
    const start = offset - (blocks[0] ?? 0) * KEY_BLOCK_ROWS;
    return keys.slice(start, start + limit);
  }

  return {
    key: sourceKey(options),
    rowCount,
    columns: gridColumns,
    pageSize: KEYED_PAGE_ROWS,
    async fetchRows(offset, limit, rowSignal) {
      // Rows the first page holds (Table.slice is zero-copy).
      if (offset >= 0 && offset + limit <= KEYED_PAGE_ROWS) return firstPage.slice(offset, offset + limit);
      if (fetchesByKey(limit, rowCount)) {
        const rows = rowsByKey(pageColumns, await keysOf(offset, limit, rowSignal));
        // A page's worth of rows through the index is milliseconds whatever the table: one round
        // trip. A big fetch by key (many matches) stays interruptible.
        const quick = limit <= KEYED_FETCH_MAX_ROWS;
        return (await db.query(rows.sql, { params: rows.params, signal: rowSignal, quick })).table;
      }
      const page = buildPageQuery({
        table,
        columns: pageColumns,
        sort,
        filters,
        tiebreaker: ROW_INDEX_COLUMN,
        limit,
        offset,
      });
      return (await db.query(page.sql, { params: page.params, signal: rowSignal })).table;
    },
  };
}

/** The counter makes a new key per source: a table re-created under the same name has other rows. */
function sourceKey({ table, sort = null, filters = [], columns = null }: TableGridOptions): string {
  return `table:${++sourceCounter}:${JSON.stringify([table, columns, sort, filters.map(stringifyFilter)])}`;
}

export interface SqlGridResult {
  source: GridSource;
  /** Engine time of the statement (for a paged query: the count, which runs it in full, plus the first page). */
  elapsedMs: number;
  /** True when the grid pages over the statement; false when the one result is held in memory. */
  paged: boolean;
}

/**
 * Runs user SQL for the SQL panel. A single read-only query is paged (`SELECT * FROM (<sql>) LIMIT
 * n OFFSET m`) and counted once, so a million-row result never sits in the tab; anything else runs
 * once as it is and its one result is sliced in memory (Table.slice is zero-copy).
 */
export async function createSqlGridSource(
  db: DbClient,
  sql: string,
  options: { signal?: AbortSignal; channel?: string } = {},
): Promise<SqlGridResult> {
  const { signal, channel } = options;
  const info = classifySql(sql);
  const run = ++sourceCounter;
  if (info.kind === 'query') {
    // The first page doubles as the schema probe and fails fast on a bad query before the count.
    const firstPage = await db.query(buildSqlPageQuery(info.body, 0, 0), { signal, channel, cache: false });
    const counted = await db.query(buildSqlCountQuery(info.body), { signal, channel, cache: false });
    const rowCount = toCount(counted.table);
    return {
      paged: true,
      elapsedMs: firstPage.elapsedMs + counted.elapsedMs,
      source: {
        // Each run gets its own key: the same text may give other rows after tables changed.
        key: `sql:${run}:${info.body}`,
        rowCount,
        columns: columnsOf(firstPage.table.schema),
        async fetchRows(offset, limit, rowSignal) {
          // Not cached: the same text may mean other rows on a later run (now(), random(), changed
          // tables); the grid caches the pages of this source by its key.
          return (
            await db.query(buildSqlPageQuery(info.body, limit, offset), { signal: rowSignal, cache: false })
          ).table;
        },
      },
    };
  }
  const result = await db.query(sql, { signal, channel, cache: false });
  const table = result.table;
  return {
    paged: false,
    elapsedMs: result.elapsedMs,
    source: {
      key: `sql:${run}:${info.body}`,
      rowCount: table.numRows,
      columns: columnsOf(table.schema),
      fetchRows(offset, limit) {
        return Promise.resolve(table.slice(offset, Math.min(table.numRows, offset + limit)));
      },
    },
  };
}

function columnsOf(schema: Schema): GridColumn[] {
  return schema.fields.map((f) => ({ name: f.name, type: f.type }));
}

function hasColumn(schema: Schema, name: string): boolean {
  return schema.fields.some((f) => f.name === name);
}

/** The first column's values as integers (`__row` is BIGINT: bigint values). */
function keyList(table: Table): (bigint | number)[] {
  const column = table.getChildAt(0);
  const keys: (bigint | number)[] = [];
  if (!column) return keys;
  for (const value of column) if (typeof value === 'bigint' || typeof value === 'number') keys.push(value);
  return keys;
}

/** `count(*)` (in column `index`) comes back as a BigInt; row counts fit in a double. */
function toCount(table: Table, index = 0): number {
  const value: unknown = table.getChildAt(index)?.get(0);
  return typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : 0;
}

function stringifyFilter(f: Filter): unknown[] {
  return [f.column, f.op, typeof f.value === 'bigint' ? `${f.value}n` : f.value];
}
