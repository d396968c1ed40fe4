import { tableToIPC, type Table } from 'apache-arrow';
import {
  csvHeader,
  encodeCsv,
  encodeJsonl,
  exportNames,
  uniqueNames,
  withFieldNames,
} from '../../core/export/encode-rows';
import { MemscopeError } from '../../core/errors';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import {
  buildCountQuery,
  buildKeysetEndQuery,
  buildKeysetPageQuery,
  buildPageQuery,
  type Filter,
  type SortSpec,
} from '../../core/sql/table-query';
import type { GridSource } from '../../core/grid-source';
import type { DbClient } from '../db/db-client';
import { exportableHeavy, withHeavyColumns, type HeavyExport } from './heavy-export';
import { sortedPages } from './sorted-pages';

/** Rows per page read from DuckDB, and per Parquet row group. */
export const EXPORT_PAGE_ROWS = 10_000;

/** Where exported pages go: text for CSV/JSONL, Arrow IPC for Parquet. Blob parts come out of finish(). */
export interface ExportSink {
  header?(columns: readonly string[]): void;
  page(table: Table, columns: readonly string[]): void | Promise<void>;
  finish(): Promise<BlobPart[]>;
  abort(): void;
}

export interface ExportRequest {
  table: string;
  sort?: SortSpec | null;
  filters?: readonly Filter[];
  /** Unique column for a stable order across pages (`__row`); also the order when unsorted. */
  tiebreaker?: string;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** Rows per page (and per Parquet row group); EXPORT_PAGE_ROWS unless a test asks for small pages. */
  pageRows?: number;
  /** The file's own column names by SQL name (ColumnPlan.label): columns are written under them (exportNames). */
  labels?: ReadonlyMap<string, string>;
  /** Heavy columns (vectors, binary, long text) read from the file for each page, on request. */
  heavy?: HeavyExport;
  /**
   * Columns of the DuckDB table that the view does not show (a file's vectors added to SQL): not
   * written, unless `heavy` reads them from the file.
   */
  leaveOut?: readonly string[];
}

/** A sink for CSV or JSON Lines: each page becomes one string part. */
export function textSink(format: 'csv' | 'jsonl'): ExportSink {
  // Each page's text becomes a Blob at once: the browser may keep large blobs outside the page's
  // heap (Chromium moves them to its blob store, on disk when big), so an export of 1M rows does not
  // hold every encoded page as a JS string until the download.
  const parts: Blob[] = [];
  return {
    header(columns) {
      if (format === 'csv') parts.push(new Blob([csvHeader(columns)]));
    },
    page(table, columns) {
      parts.push(new Blob([format === 'csv' ? encodeCsv(table, columns) : encodeJsonl(table, columns)]));
    },
    finish: () => Promise.resolve(parts),
    abort() {
      parts.length = 0;
    },
  };
}

/**
 * Exports what the table view shows — the filtered, sorted rows, every one, not only the painted
 * page — EXPORT_PAGE_ROWS at a time, into `sink`, in the grid's order: by the sort and then the
 * tiebreaker, or by the tiebreaker alone, so no row repeats or goes missing between pages. Pages are
 * found by key (`__row` in file order, the sort key and `__row` when sorted: sorted-pages.ts), or by
 * OFFSET through the grid's own page query (buildPageQuery) where no key can. `__row` is internal
 * and left out.
 */
export async function exportTable(db: DbClient, request: ExportRequest, sink: ExportSink): Promise<Blob> {
  const {
    table,
    sort = null,
    filters = [],
    tiebreaker,
    signal,
    onProgress,
    pageRows = EXPORT_PAGE_ROWS,
    labels = new Map<string, string>(),
    heavy,
  } = request;
  try {
    const probe = buildPageQuery({ table, limit: 0, offset: 0 });
    const schema = (await db.query(probe.sql, { params: probe.params, signal })).table.schema;
    const hidden = new Set([ROW_INDEX_COLUMN, ...(request.leaveOut ?? [])]);
    const inDb = schema.fields.map((f) => f.name).filter((n) => !hidden.has(n));
    // With heavy columns: every column in the file's order, and `__row` selected to find them by.
    const added = heavy ? new Set(exportableHeavy(heavy).map((c) => c.name)) : new Set<string>();
    const keys = heavy
      ? heavy.columns.map((c) => c.name).filter((n) => added.has(n) || inDb.includes(n))
      : inDb;
    // In file order, pages follow `__row` (keyset paging: `__row > last`, buildKeysetPageQuery), not
    // OFFSET: an OFFSET page makes DuckDB sort and skip every row before it, so a 1M-row export did
    // quadratic work (13K rows/s at 1M against 95K at 100K).
    const byRow = tiebreaker === ROW_INDEX_COLUMN && schema.fields.some((f) => f.name === ROW_INDEX_COLUMN);
    const keyset = sort === null && byRow;
    // `__row` is asked for the paging and the heavy columns only, and left out of what is written.
    const columns = heavy || byRow ? [...inDb, ROW_INDEX_COLUMN] : inDb;
    const finish = (page: Table): Table | Promise<Table> =>
      heavy
        ? withHeavyColumns(page, heavy, keys, signal)
        : columns.length > inDb.length
          ? page.selectAt(inDb.map((_, i) => i))
          : page;
    const count = buildCountQuery({ table, filters });
    const total = Number(
      (await db.query(count.sql, { params: count.params, signal })).table.getChildAt(0)?.get(0),
    );
    // Unsorted pages still need one order: sort by the tiebreaker (file order) when there is one.
    const order =
      sort ?? (tiebreaker !== undefined ? { column: tiebreaker, direction: 'asc' as const } : null);
    const names = exportNames(keys, labels);
    // Sorted (by a key whose type can bound a read): pages by key too (sorted-pages.ts), not OFFSET.
    const sorted =
      sort !== null && byRow
        ? await sortedPages(db, { table, columns, filters, sort, tiebreaker, pageRows, signal })
        : null;
    let last: bigint | null = null;
    // File order by `__row` keys; otherwise by OFFSET (a sort key that cannot bound a read, no `__row`).
    const unsortedOrByOffset = async function* (): AsyncGenerator<Table> {
      for (let offset = 0; offset < total && !signal?.aborted; offset += pageRows) {
        if (keyset) {
          const end = buildKeysetEndQuery({
            table,
            filters,
            tiebreaker: ROW_INDEX_COLUMN,
            after: last,
            limit: pageRows,
          });
          const found = (
            await db.query(end.sql, { params: end.params, signal, channel: 'export', cache: false })
          ).table
            .getChild('last')
            ?.get(0) as bigint | number | null | undefined;
          // No key left (the table shrank since it was counted): a page of no rows ends the export.
          const through = found ?? last ?? -1;
          const q = buildKeysetPageQuery({
            table,
            columns,
            filters,
            tiebreaker: ROW_INDEX_COLUMN,
            after: last,
            through,
          });
          const page = (await db.query(q.sql, { params: q.params, signal, channel: 'export', cache: false }))
            .table;
          last = BigInt(through);
          yield page;
          continue;
        }
        const q = buildPageQuery({
          table,
          columns,
          sort: order,
          filters,
          tiebreaker,
          limit: pageRows,
          offset,
        });
        yield (await db.query(q.sql, { params: q.params, signal, channel: 'export', cache: false })).table;
      }
    };
    const pages = async function* (): AsyncGenerator<Table> {
      for await (const page of sorted ?? unsortedOrByOffset()) yield await finish(page);
    };
    await writePages(sink, names, total, signal, onProgress, pages());
    if (signal?.aborted) throw new MemscopeError({ code: 'cancelled', message: 'Export cancelled.' });
    return new Blob(await sink.finish());
  } catch (err) {
    sink.abort();
    throw err;
  }
}

/**
 * Exports a grid source as it is — a SQL result, every row, not only the painted page — through its
 * own pages (`fetchRows`, the same reads the result grid makes), EXPORT_PAGE_ROWS at a time.
 */
export async function exportSource(
  source: GridSource,
  request: Pick<ExportRequest, 'signal' | 'onProgress' | 'pageRows'>,
  sink: ExportSink,
): Promise<Blob> {
  const { signal, onProgress, pageRows = EXPORT_PAGE_ROWS } = request;
  try {
    // Every column the result has, in its order, under its own names (a repeated one numbered, and
    // `__row` where the query selected it): what the result grid shows.
    const names = uniqueNames(source.columns.map((c) => c.label ?? c.name));
    const pages = async function* (): AsyncGenerator<Table> {
      for (let offset = 0; offset < source.rowCount && !signal?.aborted; offset += pageRows)
        yield await source.fetchRows(offset, pageRows, signal);
    };
    await writePages(sink, names, source.rowCount, signal, onProgress, pages());
    if (signal?.aborted) throw new MemscopeError({ code: 'cancelled', message: 'Export cancelled.' });
    return new Blob(await sink.finish());
  } catch (err) {
    sink.abort();
    throw err;
  }
}

/** The header, then every page of (about) `total` rows, written under `names` (the pages hold the columns in order). */
async function writePages(
  sink: ExportSink,
  names: readonly string[],
  total: number,
  signal: AbortSignal | undefined,
  onProgress: ExportRequest['onProgress'],
  pages: AsyncIterable<Table>,
): Promise<void> {
  sink.header?.(names);
  onProgress?.(0, total);
  let done = 0;
  for await (const page of pages) {
    if (signal?.aborted) return;
    await sink.page(withFieldNames(page, names), names);
    done += page.numRows;
    onProgress?.(Math.min(total, done), total);
  }
}

/** The Arrow IPC stream of one page, for a Parquet sink. */
export function pageToIpc(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}
