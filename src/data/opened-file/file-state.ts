import type { ColumnPlan } from '../../core/schema/column-plan';
import type { ErrorPayload } from '../../core/errors';
import type { CsvTableResult } from '../csv/load-csv';
import type { ParquetFooter } from '../parquet/parquet-reader';
import type { SqlVectorsReport } from '../vectors/sql-vectors';

/**
 * What React renders about one open file: plain data, replaced (never mutated) on every change, so
 * components compare by reference. The live parts of a file (workers, heavy-column store, grid
 * sources) stay on its OpenedFile and never enter a snapshot.
 */
export type FileStatus = 'reading-footer' | 'loading' | 'ready' | 'failed' | 'cancelled';

export type FileKind = 'parquet' | 'csv' | 'arrow';

export interface FileState {
  /** Stable id for React keys and URLs. */
  id: string;
  /** DuckDB table name: sanitized from the file name, unique among every table and view in DuckDB. */
  tableName: string;
  fileName: string;
  fileBytes: number;
  /** A file opened by URL: its address, and the host the file list shows. */
  url?: string;
  host?: string;
  kind: FileKind;
  status: FileStatus;
  progress: { done: number; total: number; unit: 'row-groups' | 'bytes' | 'rows' };
  rowCount: number;
  footer: ParquetFooter | null;
  columns: ColumnPlan[];
  error: ErrorPayload | null;
  /** CSV only: the options it was read with and a warning when its shape is in doubt. */
  csv?: CsvTableResult;
  /** "Add vectors to SQL" (docs/similar.md): absent until asked for. */
  sqlVectors?: SqlVectorsState | undefined;
  /** Load timings for the bench and the status line (ms since the drop). */
  timings: { footerMs?: number; firstRowsMs?: number; loadedMs?: number };
}

/** True while the file's rows are (or are becoming) queryable. */
export const isOpenStatus = (s: FileStatus): boolean => s === 'loading' || s === 'ready';

/** The embedding column in the file's DuckDB table, as `FLOAT[dim]`, on request. */
export interface SqlVectorsState {
  column: string;
  dim: number;
  /** 'removed': it was added, then taken out (the memory figures say what that freed). */
  status: 'adding' | 'added' | 'removing' | 'removed' | 'cancelled' | 'failed';
  /** Rows put in so far while adding. */
  progress: { rows: number; total: number };
  /** Once added: rows, NULLs, DuckDB's memory before and after, the float32 bytes inserted. */
  report?: SqlVectorsReport;
  /** Once removed: DuckDB's memory before and after dropping the column. */
  removed?: { memoryBefore: number; memoryAfter: number };
  error?: ErrorPayload;
}

/** The kind a file name suggests; the magic bytes decide (parquet/file-kind.ts). */
export function kindFromName(fileName: string): FileKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.arrow') || lower.endsWith('.feather') || lower.endsWith('.arrows')) return 'arrow';
  return 'parquet';
}
