import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ErrorPayload } from '../core/errors';
import type { ProfiledQuery } from '../core/plan/duckdb-profile';
import { getBrowserDb } from '../data/db/browser-db';
import { createTableGridSource, type GridSource, type TableGridOptions } from '../data/db/grid-source';
import { closeFile, openFile, type OpenHandle } from '../data/ingest';
import { warmParquetWorkers } from '../data/parquet/worker-pool';
import { createWorkspaceStore, type OpenedTable } from '../data/workspace';
import { DataGrid } from '../components/data-grid/data-grid';
import { GridWarmUp } from '../components/data-grid/grid-warm-up';
import { DropOverlay } from '../features/files/drop-overlay';
import { ErrorAlerts, type AlertItem } from '../features/files/error-alerts';
import { FileList } from '../features/files/file-list';
import { OpenFilesButton } from '../features/files/open-files-button';
import { SchemaPanel } from '../features/files/schema-panel';
import { ExploreView } from '../features/explore/explore-view';
import { SqlPanel } from '../features/sql/sql-panel';
import { PlansView } from '../features/plans/plans-view';
import { ErrorBoundary } from './error-boundary';
import { installInternalErrorGuard } from './internal-errors';
import { fetchSampleFiles, wantsSample } from './open-sample';
import { Tabs, TabPanel, type TabDef } from './tabs';
import { useUrlParam } from './use-url-state';

const TABS: readonly TabDef[] = [
  { id: 'explore', label: 'Explore' },
  { id: 'sql', label: 'SQL' },
  { id: 'plans', label: 'Plans' },
];

// One DuckDB and one workspace per tab. Exposed on window for the benchmarks and for debugging
// from the console; it holds nothing that is not already on the page.
const db = getBrowserDb();
// Two parquet workers (a file's load and its pages) with parquet-wasm compiled before any drop.
warmParquetWorkers(2);
const workspace = createWorkspaceStore();
const internalErrors: ErrorPayload[] = [];
declare global {
  interface Window {
    __memscope?: {
      db: typeof db;
      workspace: typeof workspace;
      internalErrors: ErrorPayload[];
      /** The table view's own query path (count + page), for the benchmarks. */
      tableSource: (options: TableGridOptions) => Promise<GridSource>;
    };
  }
}
window.__memscope = {
  db,
  workspace,
  internalErrors,
  tableSource: (options) => createTableGridSource(db, options),
};

/** Loading handles by table id, for Cancel. */
const handles = new Map<string, OpenHandle>();
function open(file: File): string {
  // The first group's decode waits (at most 400 ms) until the grid has painted the first rows.
  const handle = openFile(file, { db, workspace, firstRowsWaitMs: 400 });
  handles.set(handle.id, handle);
  void handle.done.then(() => handles.delete(handle.id));
  return handle.id;
}

const TRACE_COLUMNS = ['query_id', 'executor_id', 'deps'];
const isTraceTable = (t: OpenedTable) =>
  t.status === 'ready' && TRACE_COLUMNS.every((c) => t.columns.some((col) => col.name === c));

export function App() {
  const tables = useSyncExternalStore(workspace.subscribe, workspace.getSnapshot);
  const [tab, setTab] = useUrlParam('tab', 'explore');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [appAlerts, setAppAlerts] = useState<AlertItem[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const alertSeq = useRef(0);
  // A hidden grid rendered once while idle after start-up, so the first file's grid runs warm code.
  const [warmUp, setWarmUp] = useState<'waiting' | 'running' | 'done'>('waiting');
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
    [pushAlert],
  );

  const openFiles = useCallback((files: File[]) => {
    let last: string | null = null;
    for (const file of files) last = open(file);
    // The newest file is the one the user wants to see.
    if (last) setActiveId(last);
  }, []);

  // The bundled sample, once per page load; the first file becomes the active table.
  const sampleStarted = useRef(false);
  useEffect(() => {
    if (sampleStarted.current || !wantsSample()) return;
    sampleStarted.current = true;
    fetchSampleFiles().then(
      (files) => {
        const first = files.map(open)[0];
        setActiveId((current) => current ?? first ?? null);
      },
      (err: unknown) =>
        pushAlert({
          code: 'internal',
          message: 'The bundled sample memory store could not be opened.',
          hint: 'Run `npm run sample` to regenerate it, or open your own files.',
          detail: err instanceof Error ? err.message : String(err),
        }),
    );
  }, [pushAlert]);

  const active = useMemo(() => {
    const chosen = tables.find((t) => t.id === activeId);
    if (chosen) return chosen;
    return [...tables].reverse().find((t) => t.status !== 'failed' && t.status !== 'cancelled') ?? null;
  }, [tables, activeId]);

  const fileAlerts: AlertItem[] = tables
    .filter((t) => t.status === 'failed' && t.error)
    .map((t) => ({ id: `file-${t.id}`, error: t.error as ErrorPayload }));
  const alerts = [...fileAlerts, ...appAlerts].filter((a) => !dismissed.has(a.id));

  const queryable = useMemo(
    () =>
      tables
        .filter((t) => t.status === 'ready' || t.status === 'loading')
        .map(({ tableName, fileName, status, progress }) =>
          status === 'loading' ? { tableName, fileName, loading: progress } : { tableName, fileName },
        ),
    [tables],
  );
  const traceTables = useMemo(
    () => tables.filter(isTraceTable).map(({ tableName, fileName }) => ({ tableName, fileName })),
    [tables],
  );

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          memscope<small>memory stores &amp; execution plans, private to this tab</small>
        </div>
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} />
        <div className="header-spacer" />
        <OpenFilesButton onFiles={openFiles} />
      </header>
      <ErrorAlerts items={alerts} onDismiss={(id) => setDismissed((s) => new Set(s).add(id))} />
      <div className="app-body">
        <aside className="sidebar" aria-label="Files">
          <section>
            <h2 className="panel-title">Files</h2>
            <FileList
              tables={tables}
              activeId={active?.id ?? null}
              onSelect={(id) => {
                setActiveId(id);
                setTab('explore');
              }}
              onCancel={(id) => handles.get(id)?.cancel()}
              onClose={(id) => void closeFile(id, { db, workspace })}
            />
          </section>
          {active && <SchemaPanel table={active} />}
        </aside>
        <main className="main">
          <TabPanel id="explore" selected={tab}>
            <ErrorBoundary name="Explore" resetKey={active?.id}>
              {active && active.status !== 'failed' && active.status !== 'cancelled' ? (
                <ExploreView key={active.id} db={db} table={active} />
              ) : (
                <div className="empty-state">
                  <p>Drop Parquet, CSV or Arrow files anywhere on this page, or use “Open files”.</p>
                  <p>Files are read here, in this tab. Nothing is uploaded.</p>
                </div>
              )}
            </ErrorBoundary>
          </TabPanel>
          <TabPanel id="sql" selected={tab}>
            <ErrorBoundary name="SQL">
              <SqlPanel
                db={db}
                tables={queryable}
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
              />
            </ErrorBoundary>
          </TabPanel>
        </main>
      </div>
      <DropOverlay onFiles={openFiles} />
      {warmUp === 'running' ? <GridWarmUp onDone={endWarmUp} /> : null}
    </div>
  );
}
