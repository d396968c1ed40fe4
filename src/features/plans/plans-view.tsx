/**
 * The Plans view: open an executor schedule (sample, file, pasted JSON, or one query of an open
 * trace table) or one of DuckDB's plans (a profile file, or a query profiled in the SQL editor),
 * keep every one of them in this tab's history, show one at a time, or compare any two.
 * Schedules are drawn by ScheduleView, DuckDB plans by DuckDbPlanView, pairs by PlanCompareView;
 * this file owns opening and the history.
 */
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { toMemscopeError } from '../../core/errors';
import type { ParsedPlan } from '../../core/plan/parse-plan';
import type { ProfiledQuery } from '../../core/plan/duckdb-profile';
import type { DbClient } from '../../data/db/db-client';
import { DuckDbPlanView } from './duckdb-plan-view';
import { PlanAnalysisClient } from './plan-analysis-client';
import { PlanCompareView } from './plan-compare-view';
import type { PlanEntry } from './plan-entry';
import { PlanHistory } from './plan-history';
import { RunPanel } from './run-panel';
import type { PlanSample } from './samples';
import { ScheduleSources, type TraceTableRef } from './schedule-sources';
import { ScheduleDigestView } from './schedule-digest-view';
import { ScheduleView, type PlansPaintStats } from './schedule-view';
import { isCancelled, listTraceQueries, loadTraceQuery } from './trace-query';
import { TraceRunPanel } from './trace-run-panel';
import { useTraceRun } from './use-trace-run';
import './plans.css';

export type { PlansPaintStats } from './schedule-view';
export { PANEL_STAGE } from './schedule-view';

export interface PlansViewProps {
  readonly db?: DbClient;
  /** Open files that have the trace columns (query_id, executor_id, kind, size_bytes, deps, ...). */
  readonly traceTables?: readonly TraceTableRef[];
  /**
   * Opens a file through the app's normal path (Parquet/CSV -> DuckDB table). Used by the Parquet
   * trace sample; once the table shows up in `traceTables`, its first query opens here.
   */
  readonly openTraceFile?: (file: File) => void | Promise<void>;
  /**
   * Queries profiled in the SQL editor, oldest first; the app appends to this list. Each new one
   * joins the history, and one with `show` becomes the plan on screen.
   */
  readonly profiles?: readonly ProfiledQuery[];
  /** Plan or schedule files handed over by the app (a .json dropped on another view), oldest first; append-only. */
  readonly planFiles?: readonly File[];
  /** Bench and status hook: called after a plan's graph is first painted. */
  readonly onGraphPainted?: (stats: PlansPaintStats) => void;
}

const NO_TABLES: readonly TraceTableRef[] = [];
const NO_PROFILES: readonly ProfiledQuery[] = [];
const NO_FILES: readonly File[] = [];

export function PlansView({
  db,
  traceTables = NO_TABLES,
  openTraceFile,
  profiles = NO_PROFILES,
  planFiles = NO_FILES,
  onGraphPainted,
}: PlansViewProps) {
  const [entries, setEntries] = useState<readonly PlanEntry[]>([]);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [comparing, setComparing] = useState<{ a: number; b: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pendingTraceFile, setPendingTraceFile] = useState<string | null>(null);
  const nextEntryId = useRef(1);

  // Parsing and validation run in a worker (src/workers/plan-analysis.worker.ts).
  const analysisRef = useRef<PlanAnalysisClient | null>(null);
  useEffect(
    () => () => {
      analysisRef.current?.dispose();
      analysisRef.current = null;
    },
    [],
  );
  // The worker starts when the pointer or focus first comes into the (visible) view, not with the
  // app (this view stays mounted behind its tab), so the first schedule does not wait for it to load.
  const warmAnalysis = () => {
    analysisRef.current ??= new PlanAnalysisClient();
    analysisRef.current.warm();
  };
  const getAnalysis = useCallback(() => (analysisRef.current ??= new PlanAnalysisClient()), []);
  const traceRun = useTraceRun(db, getAnalysis);
  const openSeq = useRef(0);

  const add = useCallback(
    (
      label: string,
      plan: ParsedPlan,
      openedAt: number,
      options: { extraProblems?: PlanEntry['extraProblems']; query?: string | null; show?: boolean } = {},
    ) => {
      const entry: PlanEntry = {
        id: nextEntryId.current++,
        label,
        at: Date.now(),
        openedAt,
        query: options.query ?? null,
        plan,
        extraProblems: options.extraProblems ?? [],
      };
      setEntries((list) => [...list, entry]);
      if (options.show ?? true) {
        openSeq.current++;
        setCurrentId(entry.id);
        setComparing(null);
        setOpenError(null);
      }
    },
    [],
  );

  const openText = useCallback(
    async (source: string | Blob, label: string, options: { query?: string; show?: boolean } = {}) => {
      const openedAt = performance.now();
      const show = options.show ?? true;
      const seq = show ? ++openSeq.current : openSeq.current;
      analysisRef.current ??= new PlanAnalysisClient();
      if (show) setBusy(`Reading ${label}…`);
      try {
        const plan = await analysisRef.current.parse(source, label);
        // A plan opened meanwhile wins the screen; this one still joins the history.
        const stillWanted = show && seq === openSeq.current;
        if (show && stillWanted) setBusy(null);
        add(label, plan, openedAt, { query: options.query ?? null, show: stillWanted });
      } catch (e) {
        if (show && seq !== openSeq.current) return;
        setBusy(null);
        const err = toMemscopeError(e, { code: 'invalid-input' });
        setOpenError(`Could not read ${label}: ${err.message}${err.hint ? ` ${err.hint}` : ''}`);
      }
    },
    [add],
  );

  // Plans profiled in the SQL editor: each new one is read like a file, labelled by its SQL.
  const seenProfiles = useRef(0);
  useEffect(() => {
    const fresh = profiles.slice(seenProfiles.current);
    seenProfiles.current = profiles.length;
    fresh.forEach((p, k) => {
      const n = profiles.length - fresh.length + k + 1;
      const label = `${p.analyzed ? 'Profile' : 'Estimated plan'} ${n}`;
      void openText(p.planJson, label, { query: p.sql, show: p.show });
    });
  }, [profiles, openText]);

  // Files the app handed over: each new one opens like a picked file.
  const seenFiles = useRef(0);
  useEffect(() => {
    const fresh = planFiles.slice(seenFiles.current);
    seenFiles.current = planFiles.length;
    for (const file of fresh) void openText(file, file.name);
  }, [planFiles, openText]);

  const openTraceQuery = useCallback(
    async (table: TraceTableRef, queryId: string) => {
      if (!db) return;
      const openedAt = performance.now();
      setBusy(`Reading query ${queryId} from ${table.fileName}…`);
      try {
        const trace = await loadTraceQuery(db, table.tableName, queryId);
        const query = trace.queries[0];
        if (!query) {
          setOpenError(
            trace.problems.map((p) => p.message).join(' ') ||
              `The table ${table.fileName} has no rows for query ${queryId}.`,
          );
          return;
        }
        add(
          `${table.fileName} · query ${query.queryId}`,
          { kind: 'schedule', parsed: query.parsed },
          openedAt,
          { extraProblems: trace.problems },
        );
      } catch (e) {
        if (!isCancelled(e))
          setOpenError(
            `Could not read query ${queryId} from ${table.fileName}: ${e instanceof Error ? e.message : String(e)}`,
          );
      } finally {
        setBusy(null);
      }
    },
    [db, add],
  );

  const openSample = useCallback(
    async (sample: PlanSample) => {
      setBusy(`Opening ${sample.title}…`);
      setOpenError(null);
      try {
        const response = await fetch(sample.url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        if (sample.format === 'json') {
          await openText(await response.text(), sample.title);
        } else {
          if (!openTraceFile)
            throw new Error('this build cannot open trace tables here; open the file from the Explore tab');
          const name = decodeURIComponent(new URL(sample.url).pathname.split('/').pop() ?? 'trace.parquet');
          const file = new File([await response.blob()], name);
          setPendingTraceFile(name);
          await openTraceFile(file);
        }
      } catch (e) {
        if (!isCancelled(e))
          setOpenError(
            `Could not open the sample "${sample.title}": ${e instanceof Error ? e.message : String(e)}`,
          );
      } finally {
        setBusy(null);
      }
    },
    [openText, openTraceFile],
  );

  const pendingTable = pendingTraceFile
    ? (traceTables.find((t) => t.fileName === pendingTraceFile) ?? null)
    : null;
  const [preferredTable, setPreferredTable] = useState<string | null>(null);

  // A trace sample is one click: once the app has opened it as a table, open its first query.
  // No cleanup on purpose: clearing the pending file re-runs this effect, and that must not drop
  // the answer of the query that is already on its way.
  useEffect(() => {
    if (!pendingTable || !db) return;
    const table = pendingTable;
    queueMicrotask(() => {
      setPendingTraceFile(null);
      setPreferredTable(table.tableName);
    });
    listTraceQueries(db, table.tableName, undefined, 'plans-trace-sample').then(
      (queries) => {
        if (queries[0]) void openTraceQuery(table, queries[0].queryId);
      },
      (e: unknown) => {
        if (!isCancelled(e)) {
          setOpenError(
            `Could not list the queries of ${table.fileName}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      },
    );
  }, [pendingTable, db, openTraceQuery]);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    setDragging(false);
    const file = [...event.dataTransfer.files].find((f) => f.name.toLowerCase().endsWith('.json'));
    // Parquet or CSV: left to the app's page-wide drop zone, which opens it as a table; a trace
    // table then shows up in the trace picker here.
    if (!file) return;
    // preventDefault marks the drop as handled for the page-wide drop zone (it listens on window
    // and must still see the event to reset its drag state, so no stopPropagation).
    event.preventDefault();
    void openText(file, file.name);
  };

  const current = entries.find((e) => e.id === currentId) ?? null;
  const pair = comparing
    ? {
        a: entries.find((e) => e.id === comparing.a),
        b: entries.find((e) => e.id === comparing.b),
      }
    : null;

  return (
    <section
      className={`plans${dragging ? ' plans-dragging' : ''}`}
      aria-label="Plans"
      onPointerEnter={warmAnalysis}
      onFocus={warmAnalysis}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <ScheduleSources
        db={db}
        traceTables={traceTables}
        busy={busy !== null}
        onOpenText={(text, label) => void openText(text, label)}
        onOpenFile={(file) => void openText(file, file.name)}
        onOpenSample={(s) => void openSample(s)}
        onOpenTraceQuery={(t, q) => void openTraceQuery(t, q)}
        onRunTrace={(t) => void traceRun.start(t)}
        preferredTable={preferredTable}
      />
      {busy && (
        <p role="status" className="plans-busy">
          {busy}
        </p>
      )}
      {openError && (
        <p role="alert" className="plans-alert">
          {openError}
        </p>
      )}
      {dragging && (
        <div className="plans-drop-hint">Drop a schedule or a DuckDB profile (.json) to open it</div>
      )}
      <PlanHistory
        entries={entries}
        currentId={comparing ? null : currentId}
        onShow={(id) => {
          setCurrentId(id);
          setComparing(null);
        }}
        onCompare={(a, b) => setComparing({ a, b })}
      />
      {traceRun.running && (
        <p role="status" className="plans-busy">
          {traceRun.running}
        </p>
      )}
      {traceRun.error && (
        <p role="alert" className="plans-alert">
          {traceRun.error}
        </p>
      )}
      {traceRun.traceRun && (
        <TraceRunPanel
          fileName={traceRun.traceRun.table.fileName}
          run={traceRun.traceRun.run}
          onClose={traceRun.close}
        />
      )}
      <RunPanel entries={entries} />

      {!current && !pair && (
        <p className="plans-empty muted">
          Open a sample, a schedule or a DuckDB profile, or pasted JSON, to see its DAG. Schedules show their
          runnable waves and arena-versus-Box memory; DuckDB plans their operators' time, rows and
          misestimates. In the SQL tab, “Profile” opens a query's plan here.
        </p>
      )}
      {pair?.a && pair.b ? (
        <PlanCompareView a={pair.a} b={pair.b} onClose={() => setComparing(null)} />
      ) : current?.plan.kind === 'schedule' ? (
        <ScheduleView
          key={current.id}
          label={current.label}
          parsed={current.plan.parsed}
          openedAt={current.openedAt}
          extraProblems={current.extraProblems}
          onGraphPainted={onGraphPainted}
        />
      ) : current?.plan.kind === 'schedule-digest' ? (
        <ScheduleDigestView key={current.id} label={current.label} digest={current.plan.digest} />
      ) : current?.plan.kind === 'duckdb' ? (
        <DuckDbPlanView
          key={current.id}
          label={current.label}
          plan={current.plan.plan}
          query={current.query}
          openedAt={current.openedAt}
          onGraphPainted={onGraphPainted}
        />
      ) : null}
    </section>
  );
}
