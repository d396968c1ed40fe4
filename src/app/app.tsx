import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ErrorPayload } from '../core/errors';
import type { FileState } from '../data/opened-file/file-state';
import type { ProfiledQuery } from '../core/plan/duckdb-profile';
import { DataGrid } from '../components/data-grid/data-grid';
import { ThemeToggle } from '../components/theme/theme-toggle';
import { GridWarmUp } from '../components/data-grid/grid-warm-up';
import { ToolbarWarmUp } from '../features/explore/toolbar-warm-up';
import { FileListWarmUp } from '../features/files/file-list-warm-up';
import { DropOverlay } from '../features/files/drop-overlay';
import { ErrorAlerts, type AlertItem } from '../features/files/error-alerts';
import { PlanFileHint } from '../features/files/plan-file-hint';
import { OpenFilesButton } from '../features/files/open-files-button';
import type { Picked } from '../data/files/remembered-files';
import { ExploreView } from '../features/explore/explore-view';
import { ExploreAreaContext, useExploreArea } from '../features/explore/explore-area';
import { StoreExploreView } from '../features/explore/store-explore-view';
import { SqlPanel, type SqlPanelTable } from '../features/sql/sql-panel';
import { PlansView } from '../features/plans/plans-view';
import { ErrorBoundary } from './error-boundary';
import { FilesSidebar } from './files-sidebar';
import { SimilarTab, useFindSimilar, useOpenSimilarRow } from './similar-tab';
import { installInternalErrorGuard } from './internal-errors';
import { fetchSampleFiles, wantsSample } from './open-sample';
import { Tabs, TabPanel, type TabDef } from './tabs';
import type { AppServices } from './start';
import { currentSearch, holdHistoryWrites, setUrlParams } from './use-url-state';
import { useSimilarExplore, useUrlView } from './use-url-view';
import {
  VIEW_PARAMS,
  decodeExploreState,
  encodeExploreState,
  type ExploreUrlState,
} from '../core/url/view-state';

const TABS: readonly TabDef[] = [
  { id: 'explore', label: 'Explore' },
  { id: 'similar', label: 'Similar' },
  { id: 'sql', label: 'SQL' },
  { id: 'plans', label: 'Plans' },
];

const TRACE_COLUMNS = ['query_id', 'executor_id', 'deps'];
const isTraceTable = (t: FileState) =>
  t.status === 'ready' && TRACE_COLUMNS.every((c) => t.columns.some((col) => col.name === c));

export function App({ services }: { services: AppServices }) {
  const { db, workspace, remembered, internalErrors } = services;
  const tables = useSyncExternalStore(workspace.subscribe, workspace.getSnapshot);
  // The URL owns the tab, the active table and the view's state (use-url-view.ts).
  const { params, tab, setTab, urlTable, showTable, viewEpoch, remountView } = useUrlView(TABS);
  const stores = useSyncExternalStore(workspace.subscribe, workspace.getStores);
  const [appAlerts, setAppAlerts] = useState<AlertItem[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const alertSeq = useRef(0);
  const [sidebarOpen, setSidebarOpen] = useState(true);
  // A hidden grid and toolbar rendered once while idle after start-up, so the first file's view
  // runs warm code.
  const [warmUp, setWarmUp] = useState<'waiting' | 'running' | 'done'>('waiting');
  // The Explore tab's box, which the grid of a view starts from (explore-area.ts).
  const explorePanel = useRef<HTMLDivElement>(null);
  const exploreArea = useExploreArea(explorePanel);
  useEffect(() => {
    const start = () => setWarmUp((w) => (w === 'waiting' ? 'running' : w));
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(start, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(start, 200);
    return () => clearTimeout(id);
  }, []);
  const endWarmUp = useCallback(() => setWarmUp('done'), []);
  // Plans profiled in the SQL editor, for the Plans view's history; "Profile" also switches tabs.
  const [profiles, setProfiles] = useState<readonly ProfiledQuery[]>([]);
  const onProfile = useCallback(
    (profile: ProfiledQuery) => {
      setProfiles((list) => [...list, profile]);
      if (profile.show) setTab('plans');
    },
    [setTab],
  );

  const pushAlert = useCallback((error: ErrorPayload) => {
    alertSeq.current += 1;
    const id = `app-${alertSeq.current}`;
    setAppAlerts((items) => [...items, { id, error }]);
  }, []);

  useEffect(
    () =>
      installInternalErrorGuard((error) => {
        internalErrors.push(error);
        pushAlert(error);
      }),
    [pushAlert, internalErrors],
  );

  // DuckDB was restarted (data/db: its worker crashed, or it did not stop after a cancel): the new
  // engine is empty, so every open file reads its table again from its file, and the user is told.
  useEffect(
    () =>
      db.onRestart((event) => {
        pushAlert({
          code: 'internal',
          message: event.message,
          hint: 'Queries that were running were stopped: run them again once the files are loaded.',
          ...(event.detail ? { detail: event.detail } : {}),
        });
        void workspace.reloadAll();
      }),
    [db, workspace, pushAlert],
  );

  // JSON is a schedule or a plan, read by Plans: dropped elsewhere it waits for "Open in Plans".
  const [planFileHint, setPlanFileHint] = useState<readonly File[]>([]);
  const [planFiles, setPlanFiles] = useState<readonly File[]>([]);
  const openPlanFiles = useCallback(() => {
    setPlanFiles((list) => [...list, ...planFileHint]);
    setPlanFileHint([]);
    setTab('plans');
  }, [planFileHint, setTab]);

  const openFiles = useCallback(
    (dropped: File[], folder: string | null = null, picked?: Picked) => {
      const isJson = (f: File) => f.name.toLowerCase().endsWith('.json');
      const json = dropped.filter(isJson);
      // Picked with "Open files" while Plans is shown: straight there.
      if (json.length > 0 && tab === 'plans') setPlanFiles((list) => [...list, ...json]);
      else if (json.length > 0) setPlanFileHint(json);
      const files = dropped.filter((f) => !isJson(f));
      // Files opened together (a folder, a multi-file drop or pick) are also one store (docs/store.md).
      const opened = workspace.openTogether(
        files.map((file) => ({ file, name: file.name })),
        folder,
      ).files;
      if (picked) remembered.remember(picked, dropped);
      // The newest file is the one the user wants to see. Its history entry is written once its
      // first rows are painted (use-url-state.ts says why); the view switches when the file is
      // shown (its quiet start, workspace.ts), in the same render: until then the URL still names
      // the table on screen, so the view does not fall back to another one.
      const last = opened.at(-1);
      if (last !== undefined) {
        holdHistoryWrites(last.firstRowsShown());
        void workspace.whenShown(last.id).then(() => showTable(last.tableName));
      }
    },
    [workspace, remembered, showTable, tab],
  );
  const pickFailed = useCallback(
    (err: unknown) =>
      pushAlert({
        code: 'internal',
        message: "The browser's file picker failed.",
        hint: 'Try again, or drop the files on the page.',
        detail: err instanceof Error ? err.message : String(err),
      }),
    [pushAlert],
  );

  // The bundled sample, once per page load; the first file becomes the active table.
  const sampleStarted = useRef(false);
  useEffect(() => {
    if (sampleStarted.current || !wantsSample()) return;
    sampleStarted.current = true;
    fetchSampleFiles().then(
      (files) => {
        // The sample's four category files open as one store, `memories`, as a folder would.
        const first = workspace.openTogether(
          files.map((file) => ({ file, name: file.name })),
          null,
        ).files[0]?.tableName;
        // A link (or a reload) names its table already; else the sample's first file.
        if (first !== undefined && new URLSearchParams(currentSearch()).get(VIEW_PARAMS.table) === null)
          showTable(first, 'replace');
      },
      (err: unknown) =>
        pushAlert({
          code: 'internal',
          message: 'The bundled sample memory store could not be opened.',
          hint: 'Run `npm run sample` to regenerate it, or open your own files.',
          detail: err instanceof Error ? err.message : String(err),
        }),
    );
  }, [pushAlert, workspace, showTable]);

  // The table the URL names, once a file of that name is open; else the newest open file.
  const active = useMemo(() => {
    const open = (t: FileState) => t.status !== 'failed' && t.status !== 'cancelled';
    const named = urlTable === null ? undefined : tables.find((t) => t.tableName === urlTable);
    if (named && (open(named) || tables.every((t) => !open(t)))) return named;
    return [...tables].reverse().find(open) ?? named ?? tables.at(-1) ?? null;
  }, [tables, urlTable]);
  // A store the URL names (selected in the file list): Explore and the schema panel show the whole store.
  const activeStore = useMemo(
    () => stores.find((s) => s.tableName === urlTable && s.status !== 'failed') ?? null,
    [stores, urlTable],
  );
  // The table (or store view) Explore shows.
  const activeTable = activeStore?.tableName ?? active?.tableName ?? null;
  // The view's state in the URL, for the table it belongs to. A view shown by default (no table in
  // the URL, or one not open) becomes the URL's table when the user changes something in it.
  const exploreState =
    activeTable !== null && activeTable === urlTable ? params.get(VIEW_PARAMS.explore) : null;
  const onExploreState = useCallback(
    (state: ExploreUrlState) => {
      if (activeTable === null) return;
      setUrlParams(
        { [VIEW_PARAMS.table]: activeTable, [VIEW_PARAMS.explore]: encodeExploreState(state) },
        'replace',
      );
    },
    [activeTable],
  );
  // "Find similar" from Explore (a file's row, or a store's), and the file Similar shows.
  const { findSimilar, findSimilarInStore, similar } = useFindSimilar(tables, active, activeStore, setTab);
  // Similar's "Only rows matching the Explore filter" and "Show in Explore", through the URL's view.
  const similarState = similar?.state ?? null;
  const { similarExploreFilters, showInExplore } = useSimilarExplore(
    similarState,
    activeTable === similarState?.tableName ? exploreState : null,
    remountView,
  );
  const onSqlChange = useCallback(
    (sql: string) => setUrlParams({ [VIEW_PARAMS.sql]: sql || null }, 'replace'),
    [],
  );

  const activeFile = active ? (workspace.file(active.id) ?? null) : null;
  const activeStoreObject = activeStore ? (workspace.store(activeStore.id) ?? null) : null;
  const shownId = activeStore ? activeStore.id : (active?.id ?? null);
  const hasVectors =
    (active?.kind === 'parquet' || active?.kind === 'arrow') && active.columns.some((c) => c.vectorDim);
  const similarFile = similar ? (workspace.file(similar.state.id) ?? null) : null;

  const openSimilarRow = useOpenSimilarRow(
    tables,
    similarState?.id ?? null,
    activeStore,
    setTab,
    remountView,
  );

  const fileAlerts: AlertItem[] = tables
    .filter((t) => t.status === 'failed' && t.error)
    .map((t) => ({ id: `file-${t.id}`, error: t.error as ErrorPayload }))
    .concat(
      stores
        .filter((s) => s.status === 'failed' && s.error)
        .map((s) => ({ id: `store-${s.id}`, error: s.error as ErrorPayload })),
    );
  const alerts = [...fileAlerts, ...appAlerts].filter((a) => !dismissed.has(a.id));

  const queryable = useMemo(
    () =>
      tables
        .filter((t) => t.status === 'ready' || t.status === 'loading')
        .map(({ tableName, fileName, status, progress, columns }): SqlPanelTable => {
          const fileNames = new Map(columns.filter((c) => c.label !== c.name).map((c) => [c.name, c.label]));
          return {
            tableName,
            fileName,
            ...(status === 'loading' ? { loading: progress } : {}),
            ...(fileNames.size > 0 ? { fileNames } : {}),
          };
        }),
    [tables],
  );
  const sqlTables = useMemo(
    () =>
      queryable.concat(
        stores
          .filter((s) => s.status === 'ready')
          .map((s): SqlPanelTable => ({
            tableName: s.tableName,
            fileName: `store of ${s.members.length} files`,
          })),
      ),
    [stores, queryable],
  );
  const traceTables = useMemo(
    () => tables.filter(isTraceTable).map(({ tableName, fileName }) => ({ tableName, fileName })),
    [tables],
  );

  return (
    <div className="app">
      <header className="app-header">
        <button
          type="button"
          className="button button-quiet icon-button"
          aria-expanded={sidebarOpen}
          aria-controls="app-sidebar"
          aria-label={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'}
          title={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'}
          onClick={() => setSidebarOpen((open) => !open)}
        >
          <span aria-hidden="true">{sidebarOpen ? '⟨' : '☰'}</span>
        </button>
        <div className="brand">
          memscope<small>memory stores &amp; execution plans, private to this tab</small>
        </div>
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} />
        <div className="header-spacer" />
        <ThemeToggle />
        <OpenFilesButton onFiles={openFiles} onError={pickFailed} />
      </header>
      <ErrorAlerts items={alerts} onDismiss={(id) => setDismissed((s) => new Set(s).add(id))} />
      <div className={sidebarOpen ? 'app-body' : 'app-body app-body-full'}>
        <FilesSidebar
          hidden={!sidebarOpen}
          workspace={workspace}
          remembered={remembered}
          tables={tables}
          stores={stores}
          shownId={shownId}
          active={active}
          activeStore={activeStore}
          openFiles={openFiles}
          showTable={showTable}
          pushAlert={pushAlert}
        />
        <main className="main">
          <PlanFileHint files={planFileHint} onOpen={openPlanFiles} onDismiss={() => setPlanFileHint([])} />
          <TabPanel id="explore" selected={tab} ref={explorePanel}>
            <ExploreAreaContext value={exploreArea}>
              <ErrorBoundary name="Explore" resetKey={shownId ?? undefined}>
                {activeStore && activeStoreObject && activeStore.status !== 'failed' ? (
                  <StoreExploreView
                    key={`${activeStore.id}:${viewEpoch}`}
                    db={db}
                    store={activeStoreObject}
                    state={activeStore}
                    initialState={decodeExploreState(exploreState)}
                    onStateChange={onExploreState}
                    onFindSimilar={findSimilarInStore}
                  />
                ) : active && activeFile && active.status !== 'failed' && active.status !== 'cancelled' ? (
                  <ExploreView
                    key={`${active.id}:${viewEpoch}`}
                    db={db}
                    file={activeFile}
                    table={active}
                    onFindSimilar={hasVectors ? findSimilar : undefined}
                    initialState={decodeExploreState(exploreState)}
                    onStateChange={onExploreState}
                  />
                ) : (
                  <div className="empty-state">
                    <p>Drop Parquet, CSV or Arrow files anywhere on this page, or use “Open files”.</p>
                    <p>Files are read here, in this tab. Nothing is uploaded.</p>
                  </div>
                )}
              </ErrorBoundary>
            </ExploreAreaContext>
          </TabPanel>
          <TabPanel id="similar" selected={tab}>
            <ErrorBoundary name="Similar" resetKey={similar?.state.id}>
              {similar && similarFile && tab === 'similar' ? (
                <SimilarTab
                  key={similar.state.id}
                  db={db}
                  workspace={workspace}
                  tables={tables}
                  file={similarFile}
                  state={similar.state}
                  queryRow={similar.queryRow}
                  store={similar.store}
                  onOpenRow={openSimilarRow}
                  exploreFilters={similarExploreFilters}
                  onShowInExplore={showInExplore}
                />
              ) : (
                <div className="empty-state">
                  <p>Open a memory store to search its memories by similarity.</p>
                </div>
              )}
            </ErrorBoundary>
          </TabPanel>
          <TabPanel id="sql" selected={tab}>
            <ErrorBoundary name="SQL">
              <SqlPanel
                db={db}
                tables={sqlTables}
                initialSql={params.get(VIEW_PARAMS.sql) ?? undefined}
                onSqlChange={onSqlChange}
                renderResult={(source) => <DataGrid source={source} label="Query result" />}
                onProfile={onProfile}
              />
            </ErrorBoundary>
          </TabPanel>
          <TabPanel id="plans" selected={tab}>
            <ErrorBoundary name="Plans">
              <PlansView
                db={db}
                traceTables={traceTables}
                openTraceFile={(file) => openFiles([file])}
                profiles={profiles}
                planFiles={planFiles}
              />
            </ErrorBoundary>
          </TabPanel>
        </main>
      </div>
      <DropOverlay onFiles={openFiles} />
      {warmUp === 'running' ? <GridWarmUp onDone={endWarmUp} /> : null}
      {warmUp === 'running' && tables.length === 0 ? (
        <>
          <ToolbarWarmUp db={db} />
          <FileListWarmUp />
        </>
      ) : null}
    </div>
  );
}
