import type { ErrorPayload } from '../../core/errors';

/**
 * What the app knows about a Parquet file after reading only its footer (a few KB, whatever the
 * file size). Shown at once in the schema panel.
 */
export interface ParquetFooter {
  rows: number;
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
  compressedBytes: number;
  uncompressedBytes: number;
}

/** One leaf column of the Parquet schema, summed over row groups. */
export interface ColumnInfo {
  path: string;
  physicalType: string;
  codecs: string[];
  compressedBytes: number;
  uncompressedBytes: number;
}

export interface ReadRequest {
  rowGroups: number[];
  /** Top-level column names; all when absent. */
  columns?: string[];
}

/**
 * Reads Parquet lazily: the footer first, then the row groups and columns asked for. Implemented by
 * a worker running parquet-wasm (browser) and by the same code in-process (Node tests).
 * Errors reject with a MemscopeError (code + message + hint, the file named).
 */
export interface ParquetSource {
  readonly fileName: string;
  footer(): Promise<ParquetFooter>;
  /** Arrow IPC stream bytes (normalized: see docs/data-path.md), transferred, not copied. */
  read(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array>;
  close(): void;
}

export type ProgressEvent = { phase: 'footer' | 'rows' | 'done'; done: number; total: number; unit: 'row-groups' | 'bytes' };

export type { ErrorPayload };
