import type { Schema } from 'apache-arrow';
import { Table, tableFromIPC } from 'apache-arrow';
import { MemscopeError } from '../core/errors';
import { ROW_INDEX_COLUMN } from '../core/schema/column-plan';
import { normalizeTable } from '../core/schema/normalize';
import { columnKeys } from '../core/schema/column-keys';
import { quoteIdentifier } from '../core/sql/identifiers';
import type { DbClient } from './db/db-client';
import type { GridColumn, GridSource } from '../core/grid-source';
import { parquetError } from './parquet/parquet-errors';
import type { ParquetFooter, ReadRequest } from './parquet/parquet-reader';
import { rowsRequest } from './parquet/first-page';

/**
 * The grid source of an unsorted, unfiltered Parquet table: page i is file rows
 * [offset, offset + limit) (docs/table.md, "File order"). It needs no query to exist: the row count
 * comes from the footer and the columns from the column plan, so the grid can ask for its first
 * page as soon as the plan is known.
 *
 * While the table is loading, pages are decoded by the file's page worker (only the rows of the
 * page, only the DuckDB-destined columns); once every row group is in DuckDB they come from
 * DuckDB (`WHERE __row >= a AND __row < b ORDER BY __row`). Both give `__row` + the same columns in
 * the same order and the same values, and the source object (its key) stays the same, so the grid
 * neither re-keys nor jumps when loading ends.
 */

export interface FileOrderSourceOptions {
  /** The DuckDB table (a getter: the name is final only once the load has claimed it). */
  tableName: () => string;
  fileName: string;
  footer: Pick<ParquetFooter, 'rows' | 'rowGroups' | 'arrowSchemaIpc'>;
  /** The DuckDB-destined columns, in plan order (what the load inserts after `__row`). */
  columns: readonly string[];
  /** Vector dimensions from the plan (passed to the decoder as for the load). */
  vectors: Record<string, number>;
  /** Decodes from the Parquet file (the page worker); may reject 'cancelled' once it is closed. */
  readParquet(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array>;
  db: DbClient;
  /** True once every row group is in DuckDB. */
  isLoaded(): boolean;
  /**
   * Decode file rows [0, n) at once, before the grid asks: the decode then overlaps the view's
   * first render. Requests inside that range are served from it (zero-copy slices).
   */
  prefetchRows?: number;
  /** Reads the prefetched rows; default readParquet. */
  prefetchRead?(request: ReadRequest): Promise<Uint8Array>;
}

let counter = 0;

export function createFileOrderSource(options: FileOrderSourceOptions): GridSource {
  const { tableName, footer, columns, vectors, readParquet, db, isLoaded } = options;
  const rowCount = footer.rows;
  const schema = fileOrderSchema(footer.arrowSchemaIpc, columns, vectors);
  const gridColumns: GridColumn[] = schema.fields.map((f) => ({ name: f.name, type: f.type }));
  const select = [ROW_INDEX_COLUMN, ...columns].map(quoteIdentifier).join(', ');
  const rowColumn = quoteIdentifier(ROW_INDEX_COLUMN);

  const fromDb = async (start: number, end: number, signal?: AbortSignal): Promise<Table> => {
    // Integers computed here (never user text): inlined so DuckDB can prune by __row's zone maps.
    const table = quoteIdentifier(tableName());
    const sql = `SELECT ${select} FROM ${table} WHERE ${rowColumn} >= ${start} AND ${rowColumn} < ${end} ORDER BY ${rowColumn}`;
    return (await db.query(sql, { signal })).table;
  };

  const fromParquet = async (
    start: number,
    end: number,
    signal?: AbortSignal,
    read: (request: ReadRequest) => Promise<Uint8Array> = readParquet,
  ): Promise<Table> => {
    const request = rowsRequest(footer, columns, vectors, start, end);
    if (!request) return new Table(schema, []);
    // The signal is not passed on: aborting a running read terminates the worker (parquet-wasm
    // cannot be interrupted), and a new page worker costs more than finishing a 256-row page.
    const ipc = await read(request);
    if (signal?.aborted) throw parquetError('cancelled', options.fileName);
    return tableFromIPC(ipc);
  };

  const prefetchEnd = Math.min(rowCount, Math.max(0, Math.floor(options.prefetchRows ?? 0)));
  const prefetched =
    prefetchEnd > 0 ? fromParquet(0, prefetchEnd, undefined, options.prefetchRead ?? readParquet) : null;
  // The prefetched rows once decoded, for peekRows. A failed prefetch is not an error by itself:
  // the page asked for again reports it.
  let first: Table | null = null;
  prefetched?.then(
    (rows) => (first = rows),
    () => undefined,
  );
  /** Rows [start, end) from the prefetched first page, if it holds them. */
  const fromFirst = (rows: Table, start: number, end: number): Table =>
    start === 0 && end === rows.numRows ? rows : rows.slice(start, end);

  return {
    key: `file:${++counter}:${tableName()}`,
    rowCount,
    columns: gridColumns,
    peekRows(offset, limit) {
      const start = Math.max(0, Math.floor(offset));
      const end = Math.min(rowCount, start + Math.max(0, Math.floor(limit)));
      if (isLoaded() || !first || end > first.numRows || end <= start) return null;
      return fromFirst(first, start, end);
    },
    async fetchRows(offset, limit, signal) {
      const start = Math.max(0, Math.floor(offset));
      const end = Math.min(rowCount, start + Math.max(0, Math.floor(limit)));
      if (end <= start) return new Table(schema, []);
      if (isLoaded()) return fromDb(start, end, signal);
      if (prefetched && end <= prefetchEnd) {
        const rows = await prefetched.catch(() => null);
        if (rows && rows.numRows >= end) return fromFirst(rows, start, end);
      }
      try {
        return await fromParquet(start, end, signal);
      } catch (err) {
        // The page worker is closed when loading ends; a page in flight then comes from DuckDB.
        const cancelled = err instanceof MemscopeError && err.code === 'cancelled';
        if (cancelled && !signal?.aborted && isLoaded()) return fromDb(start, end, signal);
        throw err;
      }
    },
  };
}

/** `__row` + the DuckDB-destined columns (by key) as the decoder returns them (normalized), from the footer. */
export function fileOrderSchema(
  arrowSchemaIpc: Uint8Array,
  columns: readonly string[],
  vectors: Record<string, number>,
): Schema {
  const file = tableFromIPC(arrowSchemaIpc).schema;
  const wanted = new Set(columns);
  const keys = columnKeys(file.fields.map((f) => f.name)).map((k) => (wanted.has(k) ? k : null));
  return normalizeTable(new Table(file, []), {
    rowStart: 0,
    vectors: new Map(Object.entries(vectors)),
    keys,
  }).schema;
}
