import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GridSource } from '../../core/grid-source';
import type { UnionSchema } from '../../core/store/union-schema';
import type { DbClient } from '../../data/db/db-client';
import type { ExploreUrlState } from '../../core/url/view-state';
import type { FileState } from '../../data/opened-file/file-state';
import type { OpenedStore, StoreState } from '../../data/store/opened-store';
import { ExploreView, type ExploreOwner, type RenderRowDetail } from './explore-view';
import { RowDetail } from './row-detail';

/**
 * A whole store in Explore (docs/store.md): the same view as a file's, over the store's DuckDB view,
 * so the grid, filters, facets, sort, "Go to memory" and "Export" work on every file at once. The
 * store has no file-order rows and no heavy columns of its own: a selected row's detail is read
 * through the file it came from (the view's file and file-row columns), vectors and bytes included.
 */
export function StoreExploreView({
  db,
  store,
  state,
  initialState,
  onStateChange,
}: {
  db: DbClient;
  store: OpenedStore;
  state: StoreState;
  /** As ExploreView's: the view in the URL, read at mount; the user's changes, for the URL. */
  initialState?: ExploreUrlState;
  onStateChange?: (state: ExploreUrlState) => void;
}) {
  const table = useMemo(() => storeAsTable(state), [state]);
  const owner = useMemo<ExploreOwner>(
    () => ({
      fileOrderRows: null,
      heavy: null,
      firstRowsPainted() {},
      // The view was dropped from SQL: make it again from the files.
      reload: () => store.rebuild(),
    }),
    [store],
  );
  const union = state.union;
  const renderRowDetail = useCallback<RenderRowDetail>(
    (p) => (union ? <StoreRowDetail {...p} store={store} union={union} /> : null),
    [store, union],
  );
  return (
    <ExploreView
      db={db}
      file={owner}
      table={table}
      renderRowDetail={renderRowDetail}
      {...(initialState ? { initialState } : {})}
      {...(onStateChange ? { onStateChange } : {})}
    />
  );
}

/** The store as the table Explore shows: its view, its union's columns, the sum of its rows. */
function storeAsTable(state: StoreState): FileState {
  const files = state.fileIds.length;
  return {
    id: state.id,
    tableName: state.tableName,
    fileName: `${state.title} (${files} files)`,
    fileBytes: 0,
    kind: 'parquet',
    status: state.status === 'ready' ? 'ready' : state.status === 'failed' ? 'failed' : 'loading',
    progress: { done: state.members.length, total: files, unit: 'rows' },
    rowCount: state.rowCount,
    footer: null,
    columns: state.columns,
    error: state.error,
    timings: {},
  };
}

/** The detail of a store row: which file and row it is, then RowDetail over that file. */
function StoreRowDetail({
  source,
  row,
  onClose,
  store,
  union,
}: {
  source: GridSource;
  row: number;
  onClose(): void;
  store: OpenedStore;
  union: UnionSchema;
}) {
  const [origin, setOrigin] = useState<{ row: number; table: string; fileRow: number } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    // The same one-row page RowDetail asks for: the doorway's cache answers the second.
    source.fetchRows(row, 1, controller.signal).then(
      (page) => {
        const table: unknown = page.getChild(union.fileColumn)?.get(0);
        const fileRow: unknown = page.getChild(union.fileRowColumn)?.get(0);
        if (!controller.signal.aborted && table != null && fileRow != null)
          setOrigin({ row, table: String(table), fileRow: Number(fileRow) });
      },
      () => undefined, // RowDetail reads the same row and shows the error
    );
    return () => controller.abort();
  }, [source, row, union]);
  const member = origin?.row === row ? store.member(origin.table) : undefined;
  if (!origin || !member) return null;
  return (
    <RowDetail
      source={source}
      table={member.state}
      heavy={member.heavy}
      row={row}
      fileRow={origin.fileRow}
      onClose={onClose}
    />
  );
}
