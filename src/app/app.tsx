import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ErrorPayload } from '../core/errors';
import type { FileState } from '../data/opened-file/file-state';
import type { ProfiledQuery } from '../core/plan/duckdb-profile';
import { DataGrid } from '../components/data-grid/data-grid';
import { ThemeToggle } from '../components/theme/theme-toggle';
import { GridWarmUp } from '../components/data-grid/grid-warm-up';
import { DropOverlay } from '../features/files/drop-overlay';
import { ErrorAlerts, type AlertItem } from '../features/files/error-alerts';
import { FileList } from '../features/files/file-list';
import { OpenFilesButton } from '../features/files/open-files-button';
import { SchemaPanel } from '../features/files/schema-panel';
import { CsvSettings } from '../features/files/csv-settings';
import { ExploreView } from '../features/explore/explore-view';
import { SqlPanel, type SqlPanelTable } from '../features/sql/sql-panel';
import { PlansView } from '../features/plans/plans-view';
import { ErrorBoundary } from './error-boundary';
import { SimilarTab } from './similar-tab';
import { installInternalErrorGuard } from './internal-errors';
import { fetchSampleFiles, wantsSample } from './open-sample';
import { Tabs, TabPanel, type TabDef } from './tabs';
import type { AppServices } from './start';
import { useUrlParam } from './use-url-state';

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
  const { db, workspace, internalErrors } = services;
  const tables = useSyncExternalStore(workspace.subscribe, workspace.getSnapshot);
  const [tab, setTab] = useUrlParam('tab', 'explore');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [appAlerts, setAppAlerts] = useState<AlertItem[]>([]);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const alertSeq = useRef(0);
  // A hidden grid rendered once while idle after start-up, so the first file's grid runs warm code.
  const [sidebarOpen, setSidebarOpen] = useState(true);
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

  const openFiles = useCallback(
    (files: File[]) => {
      let last: string | null = null;
      for (const file of files) last = workspace.open(file, file.name).id;
      // The newest file is the one the user wants to see.
      if (last) setActiveId(last);
    },
    [workspace],
  );

  // The bundled sample, once per page load; the first file becomes the active table.
  const sampleStarted = useRef(false);
  useEffect(() => {
    if (sampleStarted.current || !wantsSample()) return;
    sampleStarted.current = true;
    fetchSampleFiles().then(
      (files) => {
        const first = files.map((f) => workspace.open(f, f.name).id)[0];
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
  }, [pushAlert, workspace]);

  const active = useMemo(() => {
    const chosen = tables.find((t) => t.id === activeId);
    if (chosen) return chosen;
    return [...tables].reverse().find((t) => t.status !== 'failed' && t.status !== 'cancelled') ?? null;
  }, [tables, activeId]);

  const activeFile = active ? (workspace.file(active.id) ?? null) : null;
  const hasVectors = active?.kind === 'parquet' && active.columns.some((c) => c.vectorDim);
  // "Find similar" from Explore: the row to search from, per file (a new object reruns it).
  const [similarQuery, setSimilarQuery] = useState<{ fileId: string; row: number } | null>(null);
  const findSimilar = useCallback(
    (row: number) => {
      if (!active) return;
      setSimilarQuery({ fileId: active.id, row });
      setTab('similar');
    },
    [active, setTab],
  );

  const fileAlerts: AlertItem[] = tables
    .filter((t) => t.status === 'failed' && t.error)
    .map((t) => ({ id: `file-${t.id}`, error: t.error as ErrorPayload }));
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
        <OpenFilesButton onFiles={openFiles} />
      </header>
      <ErrorAlerts items={alerts} onDismiss={(id) => setDismissed((s) => new Set(s).add(id))} />
      <div className={sidebarOpen ? 'app-body' : 'app-body app-body-full'}>
        <aside id="app-sidebar" className="sidebar" aria-label="Files" hidden={!sidebarOpen}>
          <section>
            <h2 className="panel-title">Files</h2>
            <FileList
              tables={tables}
              activeId={active?.id ?? null}
              onSelect={(id) => {
                setActiveId(id);
                setTab('explore');
              }}
              onCancel={(id) => workspace.file(id)?.cancel()}
              onClose={(id) => void workspace.close(id)}
            />
          </section>
          {active && <SchemaPanel table={active} />}
          {active?.csv && activeFile ? (
            <CsvSettings
              key={active.id}
              table={active}
              onReopen={(options) => void activeFile.reopenCsv(options)}
            />
          ) : null}
        </aside>
        <main className="main">
          <TabPanel id="explore" selected={tab}>
            <ErrorBoundary name="Explore" resetKey={active?.id}>
              {active && activeFile && active.status !== 'failed' && active.status !== 'cancelled' ? (
                <ExploreView
                  key={active.id}
                  db={db}
                  file={activeFile}
                  table={active}
                  onFindSimilar={hasVectors ? findSimilar : undefined}
                />
              ) : (
                <div className="empty-state">
                  <p>Drop Parquet, CSV or Arrow files anywhere on this page, or use “Open files”.</p>
                  <p>Files are read here, in this tab. Nothing is uploaded.</p>
                </div>
              )}
            </ErrorBoundary>
          </TabPanel>
          <TabPanel id="similar" selected={tab}>
            <ErrorBoundary name="Similar" resetKey={active?.id}>
              {active && activeFile && tab === 'similar' ? (
                <SimilarTab
                  key={active.id}
                  db={db}
                  file={activeFile}
                  state={active}
                  queryRow={similarQuery?.fileId === active.id ? similarQuery.row : null}
                  onOpenRow={() => setTab('explore')}
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
