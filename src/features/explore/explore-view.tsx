import {
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { Filter } from '../../core/sql/table-query';
import type { FacetSelection } from '../../core/sql/facet-query';
import { EMPTY_EXPLORE_STATE, viewFilters, type ExploreUrlState } from '../../core/url/view-state';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { DataGrid } from '../../components/data-grid/data-grid';
import type { GridSort } from '../../core/grid-source';
import type { DbClient } from '../../data/db/db-client';
import { columnLabel, withColumnLabels, type GridSource } from '../../core/grid-source';
import { textSearchColumns, textSearchFilter } from '../../core/sql/text-search';
import type { FileState } from '../../data/opened-file/file-state';
import type { HeavyColumnStore } from '../../data/heavy-store';
import { TableExport } from './table-export';
import { FacetPanel } from './facet-panel';
import { FilterBar } from './filter-bar';
import { TextSearch } from './text-search';
import { useReportedState, useRestoredRow } from './use-view-state';
import { GoToMemory } from './go-to-memory';
import { heavyGridColumns } from './heavy-columns';
import { RowDetail } from './row-detail';
import { useRowActions } from './row-actions';
import { watchForDroppedTable } from './table-dropped';
import { useTableSource } from './use-table-source';
import { ExploreAreaContext } from './explore-area';
import { ExploreTitle } from './explore-title';
import './explore-view.css';

// performance.mark once per opened table (the bench reads `ms:first-rows:<file>`), even if the view remounts.
const markedTables = new Set<string>();

/**
 * What the view reads and calls on what it shows: an OpenedFile, or a store's stand-in
 * (store-explore-view.tsx: no file-order rows, no heavy store of its own, reload = rebuild the view).
 */
export interface ExploreOwner {
  readonly fileOrderRows: GridSource | null;
  readonly heavy: HeavyColumnStore | null;
  firstRowsPainted(): void;
  reload(): Promise<unknown>;
}

/** The selected row's detail, when the default (RowDetail over the file's own heavy store) does not fit. */
export type RenderRowDetail = (props: {
  source: GridSource;
  row: number;
  fileRow: number | null;
  onClose(): void;
}) => ReactNode;

/**
 * One table: the grid (sort by header, filters), the row count, and the selected row in full.
 *
 * Unsorted and unfiltered, a Parquet table is shown through its file-order source (docs/table.md):
 * pages are file rows, decoded from the file while it loads and read from DuckDB once it is
 * loaded, with no count or schema query first. Sorting and filtering need DuckDB and the whole
 * file: asked for while the file loads, they are applied when it is loaded.
 */
export function ExploreView({
  db,
  file,
  table,
  onFindSimilar,
  canFindSimilar,
  initialState = EMPTY_EXPLORE_STATE,
  onStateChange,
  renderRowDetail,
}: {
  db: DbClient;
  file: ExploreOwner;
  table: FileState;
  /** "Find similar" from the row detail (src/app opens the Similar view); absent: no vectors. */
  onFindSimilar?: ((fileRow: number) => void) | undefined;
  /** Whether the row menu's "Find similar" fits a row (a store's: its file has vectors). */
  canFindSimilar?: ((fileRow: number) => boolean) | undefined;
  /** The view to start from (a link or a reload: src/core/url/view-state.ts); read once, at mount. */
  initialState?: ExploreUrlState;
  /** Every change the user makes to the view (not the initial state), for the URL. */
  onStateChange?: (state: ExploreUrlState) => void;
  renderRowDetail?: RenderRowDetail | undefined;
}) {
  const [sort, setSort] = useState<GridSort | null>(initialState.sort);
  const [filters, setFilters] = useState<Filter[]>(initialState.filters);
  const [selections, setSelections] = useState<FacetSelection[]>(initialState.selections);
  const [search, setSearch] = useState(initialState.search);
  // "Search text" looks in the text columns by role (content, summary), else in every string column.
  const searched = useMemo(() => textSearchColumns(table.columns), [table.columns]);
  const searchFilter = useMemo(() => textSearchFilter(search, table.columns), [search, table.columns]);
  // The selected row of the initial state, until it is found in the view and selected.
  const [pendingRow, setPendingRow] = useState<number | null>(initialState.row);
  // The table shows the rows that pass the filter bar and every facet's selection.
  // The same list Similar reads from the URL (viewFilters): filter bar, search, facets.
  const allFilters = useMemo(
    () => viewFilters({ filters, selections, search }, table.columns),
    [filters, selections, search, table.columns],
  );
  // Facets count the rows the filter bar and the text search leave (their own selections aside).
  const facetFilters = useMemo(() => [...filters, ...searchFilter], [filters, searchFilter]);
  const highlight = useMemo(
    () => (search === '' ? null : { columns: searched.map((c) => c.name), text: search }),
    [search, searched],
  );
  const [scrollToRow, setScrollToRow] = useState<{ row: number; sourceKey: string } | null>(null);
  // The file's DuckDB table was dropped (from SQL): offer to read the file again.
  const [dropped, setDropped] = useState(false);
  const onDropped = useCallback(() => setDropped(true), []);
  const [selected, setSelected] = useState<{ key: string; row: number; fileRow: number | null } | null>(null);
  const gridBox = useRef<HTMLDivElement>(null);
  // The grid starts from the Explore tab's box instead of measuring its own (explore-area.ts).
  const exploreArea = useContext(ExploreAreaContext);
  const [gridSizeGuess] = useState(() => exploreArea());

  const loaded = table.status === 'ready';
  const loading = table.status === 'loading';
  // The same object from 'loading' to 'ready' (and null for CSV / Arrow files): the grid keeps its
  // pages and scroll position when loading ends.
  const fileSource = useMemo(
    () => (loading || loaded ? file.fileOrderRows : null),
    // The file hands over a new source only when it reloads (status back through 'loading').
    [file, loading, loaded],
  );
  const plain = sort === null && allFilters.length === 0;
  const useFileOrder = fileSource !== null && (plain || !loaded);

  // Without a file-order source (CSV, Arrow) the DuckDB table exists once the first batch is in;
  // the source is made again when loading ends (the count grows while row groups stream in).
  const queryable = loaded || (fileSource === null && loading && table.timings.firstRowsMs !== undefined);
  // Vectors added to SQL (docs/similar.md) stay a heavy column here: the grid names the file's
  // DuckDB columns instead of `*`, so the vector is not shown twice.
  const sqlVector = table.sqlVectors?.report ? table.sqlVectors.column : null;
  const sqlColumns = useMemo(
    () =>
      sqlVector
        ? [ROW_INDEX_COLUMN, ...table.columns.filter((c) => c.destination === 'duckdb').map((c) => c.name)]
        : null,
    [sqlVector, table.columns],
  );
  const { tableSource, error, reset } = useTableSource({
    db,
    tableName: table.tableName,
    fileName: table.fileName,
    sort,
    filters: allFilters,
    columns: sqlColumns,
    enabled: queryable && !useFileOrder,
    loaded,
    dropped,
    onDropped,
  });

  // A refused filter is never a dead end: the filter bar and the last good rows stay (the file's
  // own rows when nothing was filtered yet), with the message beside them.
  const chosen = useFileOrder ? fileSource : (tableSource ?? (error !== null ? fileSource : null));
  // Columns go by key in SQL and by the file's names on screen (core/schema/column-keys.ts).
  const labels = useMemo(() => new Map(table.columns.map((c) => [c.name, c.label])), [table.columns]);
  // Types as the file has them (one timestamp unit everywhere: ColumnPlan.typeLabel).
  const typeLabels = useMemo(
    () => new Map(table.columns.flatMap((c) => (c.typeLabel ? [[c.name, c.typeLabel] as const] : []))),
    [table.columns],
  );
  const source = useMemo(
    () =>
      chosen
        ? withColumnLabels(watchForDroppedTable(chosen, table.tableName, onDropped), labels, typeLabels)
        : null,
    [chosen, table.tableName, labels, typeLabels, onDropped],
  );
  const reload = useCallback(() => {
    setDropped(false);
    reset();
    void file.reload();
  }, [file, reset]);
  // A selection belongs to the rows it was made in.
  const selectedHere = selected && source && selected.key === source.key ? selected : null;

  const heavy = loading || loaded ? file.heavy : null;
  const extraColumns = useMemo(() => heavyGridColumns(table.columns, heavy), [table.columns, heavy]);

  const onFirstRowsPainted = useCallback(() => {
    if (markedTables.has(table.id)) return;
    markedTables.add(table.id);
    performance.mark(`ms:first-rows:${table.fileName}`);
    // The load's first row-group decode waited for this (start.ts: firstRowsWaitMs).
    file.firstRowsPainted();
  }, [file, table.id, table.fileName]);

  const sourceKey = source?.key ?? '';
  const onActiveRowChange = useCallback(
    (row: number | null, fileRow: number | null) => {
      setSelected(row === null ? null : { key: sourceKey, row, fileRow });
    },
    [sourceKey],
  );

  // Esc closes the row detail, from the grid or the detail; focus goes (back) to the grid, whose
  // active cell stays, so that arrows or a click open the detail again.
  const closeDetail = useCallback(() => {
    setSelected(null);
    gridBox.current?.querySelector<HTMLElement>('[role="grid"]')?.focus({ preventScroll: true });
  }, []);
  const onGridKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || !selectedHere || (e.target as Element).closest('dialog')) return;
    e.preventDefault();
    closeDetail();
  };

  // The row menu; "Show details" makes the row active (scrollToRow), which opens its detail.
  const rowActions = useRowActions(onFindSimilar, sourceKey, setScrollToRow, canFindSimilar);
  const idColumn = table.columns.find((c) => c.role === 'id' && c.destination === 'duckdb') ?? null;
  const tiebreaker = source?.columns.some((c) => c.name === ROW_INDEX_COLUMN) ? ROW_INDEX_COLUMN : undefined;

  // The initial state's selected row is found and selected once the file is in DuckDB; the user's
  // changes go to onStateChange (the URL).
  useRestoredRow(
    { db, table: table.tableName, pendingRow, source, loaded, tiebreaker, sort, filters: allFilters },
    (row) => {
      if (row !== null && source) setScrollToRow({ row, sourceKey: source.key });
      setPendingRow(null);
    },
  );
  const selectedRow = selectedHere?.fileRow ?? pendingRow;
  useReportedState({ filters, selections, sort, row: selectedRow, search }, onStateChange);
  const filtered = allFilters.length > 0 && !useFileOrder;
  const total = loaded ? table.rowCount : null;
  const pending = useFileOrder && !plain;
  const status = source ? (
    <>
      {filtered
        ? `${formatCount(source.rowCount)} of ${formatCountOf(total ?? source.rowCount, 'row')}`
        : formatCountOf(source.rowCount, 'row')}
      {pending ? (
        <span className="ex-muted">
          {' '}
          (sorting and filtering need the file loaded: {table.progress.done} of {table.progress.total}{' '}
          {table.progress.unit}; applied when it is)
        </span>
      ) : !loaded ? (
        <span className="ex-muted">
          {' '}
          (loading {table.progress.done} of {table.progress.total} {table.progress.unit})
        </span>
      ) : null}
    </>
  ) : null;

  return (
    <div className="ex-view">
      <div className="ex-toolbar">
        <ExploreTitle fileName={table.fileName} tableName={table.tableName} />
        {source ? (
          <TextSearch value={search} columns={searched.map((c) => columnLabel(c))} onChange={setSearch} />
        ) : null}
        {source ? <FilterBar columns={source.columns} filters={filters} onChange={setFilters} /> : null}
        {source ? (
          <TableExport
            db={db}
            table={table.tableName}
            fileName={table.fileName}
            columns={table.columns}
            heavy={heavy}
            sort={sort}
            filters={allFilters}
            tiebreaker={tiebreaker}
            labels={labels}
            ready={loaded && !dropped}
          />
        ) : null}
        {idColumn && source ? (
          <GoToMemory
            db={db}
            table={table.tableName}
            fileName={table.fileName}
            idColumn={idColumn}
            ready={loaded}
            sort={sort}
            filters={allFilters}
            tiebreaker={tiebreaker}
            onFound={(row) => setScrollToRow({ row, sourceKey: source.key })}
          />
        ) : null}
      </div>
      {error ? (
        <p className="ex-error" role="alert">
          {error}
        </p>
      ) : null}
      {dropped && loaded ? (
        <div className="ex-error" role="alert">
          <p>
            The table <code>{table.tableName}</code> was dropped (from SQL). {table.fileName} is still open
            here: read it into DuckDB again to see its rows.
          </p>
          <button type="button" className="button" onClick={reload}>
            Reload from the file
          </button>
        </div>
      ) : null}
      <div className="ex-body">
        {loaded && !dropped ? (
          <FacetPanel
            db={db}
            table={table.tableName}
            fileName={table.fileName}
            columns={table.columns}
            filters={facetFilters}
            selections={selections}
            onChange={setSelections}
          />
        ) : null}
        <div className="ex-grid" ref={gridBox} onKeyDown={onGridKeyDown}>
          {dropped && loaded ? null : source ? (
            <DataGrid
              source={source}
              label={`${table.fileName} rows`}
              rowNumberMax={table.rowCount}
              sort={sort}
              onSortChange={setSort}
              extraColumns={extraColumns}
              onActiveRowChange={onActiveRowChange}
              onFirstRowsPainted={onFirstRowsPainted}
              initialSize={gridSizeGuess}
              status={status}
              scrollToRow={scrollToRow}
              highlight={highlight}
              rowActions={rowActions}
            />
          ) : (
            <p className="ex-muted ex-waiting">{queryable ? 'Counting rows…' : 'Reading the file…'}</p>
          )}
        </div>
        {source && selectedHere && renderRowDetail
          ? renderRowDetail({
              source,
              row: selectedHere.row,
              fileRow: selectedHere.fileRow,
              onClose: () => setSelected(null),
            })
          : null}
        {source && selectedHere && !renderRowDetail ? (
          <RowDetail
            source={source}
            table={table}
            heavy={heavy}
            row={selectedHere.row}
            fileRow={selectedHere.fileRow}
            onClose={closeDetail}
            onFindSimilar={onFindSimilar}
          />
        ) : null}
      </div>
    </div>
  );
}
