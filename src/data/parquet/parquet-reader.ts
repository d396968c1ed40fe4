import type { ErrorPayload } from '../../core/errors';

/**
 * What the app knows about a Parquet file after reading only its footer (a few KB, whatever the
 * file size). Shown at once in the schema panel.
 */
export interface ParquetFooter {
  fileName: string;
  fileBytes: number;
  /** Rows in the row groups: what reading the file gives (pyarrow and DuckDB count the same). */
  rows: number;
  /** FileMetaData.num_rows as written; differs from `rows` only in a damaged or odd footer. */
  declaredRows?: number;
  /**
   * What memscope did differently from a plain read, for the schema panel: a row count taken
   * from the row groups, footer fields skipped, INT96 timestamps read as microseconds.
   */
  warnings?: string[];
  createdBy: string | null;
  version: number;
  rowGroups: RowGroupInfo[];
  columns: ColumnInfo[];
  /** Key-value metadata from the footer, minus the huge base64 `ARROW:schema` entry (flagged instead). */
  keyValue: [string, string][];
  hasArrowSchema: boolean;
  /** Arrow schema of the file as an IPC stream with no batches (parse with apache-arrow tableFromIPC). */
  arrowSchemaIpc: Uint8Array;
}

export interface RowGroupInfo {
  rows: number;
  /** Row index (in the file) of the group's first row: where its `__row` values start. */
  firstRow: number;
  compressedBytes: number;
  uncompressedBytes: number;
}

/** One leaf column of the Parquet schema, summed over row groups. */
export interface ColumnInfo {
  /** Dotted leaf path (`entities.list.element`); the top-level column is the first segment. */
  path: string;
  /** BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, or 'unknown'. */
  physicalType: string;
  codecs: string[];
  compressedBytes: number;
  uncompressedBytes: number;
}

export interface ReadRequest {
  rowGroups: number[];
  /** Top-level column names; all when absent. `[]` reads only `__row`. */
  columns?: string[];
  /**
   * Float-list columns to return as FixedSizeList<Float32>[d] (from the column plan). Absent:
   * detected per read (a list whose rows all share one length >= 2, with no nulls).
   */
  vectors?: Record<string, number>;
  /** Stop after this many rows (from the first requested row group): cheap probes. */
  limit?: number;
  /**
   * Skip this many rows first, counted from the first row of the first requested row group (as
   * parquet-wasm's own `offset`, which counts over the selected row groups only). With `limit`:
   * one grid page of file rows without decoding the rest of the group (docs/data-path.md).
   */
  offset?: number;
}

/**
 * Reads Parquet lazily: the footer first, then the row groups and columns asked for. Implemented by
 * a worker running parquet-wasm (browser) and by the same code in-process (Node tests).
 * Errors reject with a MemscopeError (code + message + hint, the file named).
 */
export interface ParquetSource {
  readonly fileName: string;
  /**
   * Opens the file if it is not open. `firstPageAhead`: decode the grid's first page (and the
   * probe its plan needs) as soon as the footer is read, before it is asked for (a worker's first
   * open only; reads-ahead.ts).
   */
  footer(options?: { firstPageAhead?: boolean }): Promise<ParquetFooter>;
  /** Arrow IPC stream bytes (normalized: see docs/data-path.md), transferred, not copied. */
  read(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array>;
  close(): void;
}

/** Budgets of one decoder (docs/data-path.md). */
export interface DecodeBudgets {
  /** Most uncompressed bytes (footer figures) one read may decode. */
  maxReadBytes: number;
  /** Most milliseconds one request may take before the worker is terminated and replaced. */
  timeoutMs: number;
}

export const DEFAULT_BUDGETS: DecodeBudgets = { maxReadBytes: 768 * 1024 * 1024, timeoutMs: 30_000 };

export type ProgressEvent = {
  phase: 'footer' | 'rows' | 'done';
  done: number;
  total: number;
  unit: 'row-groups' | 'bytes';
};

export type { ErrorPayload };
