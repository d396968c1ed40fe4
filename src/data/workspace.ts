import type { ColumnPlan } from '../core/schema/column-plan';
import type { ErrorPayload } from '../core/errors';
import type { ParquetFooter } from './parquet/parquet-reader';
import type { CsvTableResult } from './csv/load-csv';

/**
 * The cross-feature store (DESIGN.md convention 7): which files are open and in what state.
 * Query results do not live here; they live in the DbClient's cache.
 */
export type OpenedStatus = 'reading-footer' | 'loading' | 'ready' | 'failed' | 'cancelled';

export interface OpenedTable {
  /** Stable id for React keys and URLs. */
  id: string;
  /** DuckDB table name: sanitized from the file name, unique among open tables. */
  tableName: string;
  fileName: string;
  fileBytes: number;
  kind: 'parquet' | 'csv' | 'arrow';
  status: OpenedStatus;
  progress: { done: number; total: number; unit: 'row-groups' | 'bytes' | 'rows' };
  rowCount: number;
  footer: ParquetFooter | null;
  columns: ColumnPlan[];
  heavy: HeavyColumnStore | null;
  error: ErrorPayload | null;
  /** CSV only: the options it was read with and a warning when its shape is in doubt. */
  csv?: CsvTableResult;
  /** Load timings for the bench and the status line (ms since the drop). */
  timings: { footerMs?: number; firstRowsMs?: number; loadedMs?: number };
}

/** A value of a heavy column for one row, decoded on demand. */
export type HeavyValue = Float32Array | Uint8Array | string | null;

export interface HeavyColumnStore {
  readonly columns: readonly string[];
  /** The value if its row group is loaded, else undefined (the cell paints a placeholder). */
  peek(column: string, row: number): HeavyValue | undefined;
  /** Loads the row groups holding these rows (LRU under a byte budget). */
  ensure(column: string, rows: readonly number[], signal?: AbortSignal): Promise<void>;
}

/**
 * The workspace store: a tiny external store for React's useSyncExternalStore
 * (`useSyncExternalStore(store.subscribe, store.getSnapshot)`). Snapshots are immutable arrays:
 * every change makes a new array and new objects for the tables that changed, so React compares
 * by reference.
 */
export interface WorkspaceStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly OpenedTable[];
  get(id: string): OpenedTable | undefined;
  /** DuckDB table names in use (for unique naming). */
  tableNames(): Set<string>;
  add(table: OpenedTable): void;
  update(id: string, patch: Partial<OpenedTable> | ((t: OpenedTable) => Partial<OpenedTable>)): void;
  remove(id: string): void;
}

export function createWorkspaceStore(): WorkspaceStore {
  let tables: readonly OpenedTable[] = [];
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of [...listeners]) l();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => tables,
    get: (id) => tables.find((t) => t.id === id),
    tableNames: () => new Set(tables.map((t) => t.tableName)),
    add(table) {
      tables = [...tables, table];
      emit();
    },
    update(id, patch) {
      let changed = false;
      tables = tables.map((t) => {
        if (t.id !== id) return t;
        changed = true;
        return { ...t, ...(typeof patch === 'function' ? patch(t) : patch) };
      });
      if (changed) emit();
    },
    remove(id) {
      const next = tables.filter((t) => t.id !== id);
      if (next.length === tables.length) return;
      tables = next;
      emit();
    },
  };
}
