import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GridSource } from '../../core/grid-source';
import { rowOrigin, spanStarts } from '../../core/store/row-origin';
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
 * store has no file-order rows and no heavy columns of its own: its grid's heavy columns and a
 * selected row's detail are read through the file each row came from (store-heavy.ts; the view's
 * file and file-row columns), vectors and bytes included. "Find similar" searches from the row's
 * vector in its file, across the store's files.
 */
export function StoreExploreView({
  db,
  store,
  state,
  initialState,
  onStateChange,
  onFindSimilar,
}: {
  db: DbClient;
  store: OpenedStore;
  state: StoreState;
  /** "Find similar" from a store row: its file and its row there (src/app opens Similar on it). */
  onFindSimilar?: ((origin: { fileId: string; fileRow: number }) => void) | undefined;
  /** As ExploreView's: the view in the URL, read at mount; the user's changes, for the URL. */
  initialState?: ExploreUrlState;
  onStateChange?: (state: ExploreUrlState) => void;
}) {
  const table = useMemo(() => storeAsTable(state), [state]);
  const owner = useMemo<ExploreOwner>(
    () => ({
      fileOrderRows: null,
      // Made again by the store for each build of its view (the files it maps rows to).
      get heavy() {
        return store.heavy;
      },
      firstRowsPainted() {},
      // The view was dropped from SQL: make it again from the files.
      reload: () => store.rebuild(),
    }),
    [store],
  );
  const union = state.union;
  // Files whose rows can be searched from: those with a vector column.
  const withVectors = useMemo(
    () =>
      new Set(
        state.members
          .filter((m) => store.member(m.tableName)?.state.columns.some((c) => c.vectorDim))
          .map((m) => m.id),
      ),
    [store, state.members],
  );
  const starts = useMemo(() => spanStarts(state.members), [state.members]);
  // The grid's row menu gives the view's `__row`: its file and row there follow from the files' rows.
  const searchable = useCallback(
    (row: number) => {
      const origin = rowOrigin(starts, row);
      const member = origin ? state.members[origin.file] : undefined;
      return origin && member && withVectors.has(member.id)
        ? { fileId: member.id, fileRow: origin.fileRow }
        : null;
    },
    [starts, state.members, withVectors],
  );
  const findSimilar = useMemo(() => {
    if (!onFindSimilar || withVectors.size === 0) return undefined;
    return (row: number) => {
      const origin = searchable(row);
      if (origin) onFindSimilar(origin);
    };
  }, [onFindSimilar, withVectors, searchable]);
  const canFindSimilar = useCallback((row: number) => searchable(row) !== null, [searchable]);
  const renderRowDetail = useCallback<RenderRowDetail>(
    (p) =>
      union ? (
        <StoreRowDetail
          {...p}
          store={store}
          union={union}
          withVectors={withVectors}
          onFindSimilar={onFindSimilar}
        />
      ) : null,
    [store, union, withVectors, onFindSimilar],
  );
  return (
    <ExploreView
      db={db}
      file={owner}
      table={table}
      onFindSimilar={findSimilar}
      canFindSimilar={canFindSimilar}
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
    // The files' heavy columns after the view's: the grid shows them, read through each row's file.
    columns: [...state.columns, ...state.heavyColumns],
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
  withVectors,
  onFindSimilar,
}: {
  source: GridSource;
  row: number;
  onClose(): void;
  store: OpenedStore;
  union: UnionSchema;
  /** Ids of the files with vectors ("Find similar" is offered for their rows). */
  withVectors: ReadonlySet<string>;
  onFindSimilar?: ((origin: { fileId: string; fileRow: number }) => void) | undefined;
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
      onFindSimilar={
        onFindSimilar && withVectors.has(member.id)
          ? (fileRow: number) => onFindSimilar({ fileId: member.id, fileRow })
          : undefined
      }
    />
  );
}
