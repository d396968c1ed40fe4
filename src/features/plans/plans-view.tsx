/**
 * The Plans view: open an executor schedule (sample, file, pasted JSON, or one query of an open
 * trace table), see its DAG with problems beside it, play its runnable waves, and compare Box and
 * bumpalo-arena memory. All analysis is the plan core's (src/core/plan); this file composes it.
 */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { PlanNode, ParsedSchedule, MemorySummary } from '../../core/plan/types';
import { runnableSetAt } from '../../core/plan/waves';
import type { DbClient } from '../../data/db/db-client';
import { downloadBlob } from '../../components/dag/dag-export';
import { DagView } from '../../components/dag/dag-view';
import type { DagColourOption, DagHighlight, DagPaintStats } from '../../components/dag/dag-types';
import { formatBytesBinary, formatCount } from '../../core/format/quantities';
import { formatUs } from './format';
import { MemoryPanel } from './memory-panel';
import { NodeDetails } from './node-details';
import { PlanAnalysisClient } from './plan-analysis-client';
import { ProblemsPanel } from './problems-panel';
import type { PlanSample } from './samples';
import { ScheduleSources, type TraceTableRef } from './schedule-sources';
import { isCancelled, listTraceQueries, loadTraceQuery } from './trace-query';
import { DEFAULT_WHAT_IF, usePlanAnalysis, type WhatIf } from './use-plan-analysis';
import { WavePlayer } from './wave-player';
import { afterNextPaint } from './yield-to-main';
import './plans.css';

export interface PlansPaintStats extends DagPaintStats {
  /** From the moment a schedule was opened (before parsing) to the first frame showing its graph. */
  readonly sinceOpenMs: number;
}

export interface PlansViewProps {
  readonly db?: DbClient;
  /** Open files that have the trace columns (query_id, executor_id, kind, size_bytes, deps, ...). */
  readonly traceTables?: readonly TraceTableRef[];
  /**
   * Opens a file through the app's normal path (Parquet/CSV -> DuckDB table). Used by the Parquet
   * trace sample; once the table shows up in `traceTables`, its first query opens here.
   */
  readonly openTraceFile?: (file: File) => void | Promise<void>;
  /** Bench and status hook: called after a schedule's graph is first painted. */
  readonly onGraphPainted?: (stats: PlansPaintStats) => void;
}

interface Source {
  readonly label: string;
  readonly parsed: ParsedSchedule;
  readonly openedAt: number;
  /** Problems about the table rather than the schedule (trace tables). */
  readonly extraProblems: ParsedSchedule['problems'];
}

const NO_TABLES: readonly TraceTableRef[] = [];
const PANELS_FALLBACK_MS = 1500;

/**
 * The panels below the graph mount one part per frame, in this order, each in its own task after
 * the previous one has painted: mounted together (recharts measures its tick labels in the DOM,
 * the arena map is thousands of rects) they were one 0.5-0.9 s task at 10,000 executors.
 */
export const PANEL_STAGE = {
  waves: 1,
  parallelismChart: 2,
  memory: 3,
  boxChart: 4,
  arenaChart: 5,
  arenaMap: 6,
} as const;
const LAST_PANEL_STAGE = PANEL_STAGE.arenaMap;

const COLOUR_OPTIONS: readonly DagColourOption[] = [
  { key: 'kind', label: 'Kind', type: 'categorical', value: (n) => n.kind },
  {
    key: 'size',
    label: 'Size',
    type: 'sequential',
    scale: 'log',
    value: (n) => num(n.metrics.size_bytes),
    format: (v) => formatBytesBinary(Math.round(v)),
  },
  {
    key: 'duration',
    label: 'Duration',
    type: 'sequential',
    scale: 'log',
    value: (n) => num(n.metrics.duration_us),
    format: formatUs,
  },
  {
    key: 'wave',
    label: 'Wave (step runnable)',
    type: 'sequential',
    scale: 'linear',
    value: (n) => num(n.metrics.wave),
    format: (v) => `step ${Math.round(v) + 1}`,
  },
];

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function nodeSubtitle(node: PlanNode): string {
  const size = num(node.metrics.size_bytes);
  const duration = num(node.metrics.duration_us);
  const parts = [
    size === null ? '' : formatBytesBinary(size),
    duration === null ? '' : formatUs(duration),
  ].filter(Boolean);
  return parts.join(' · ');
}

export function PlansView({ db, traceTables = NO_TABLES, openTraceFile, onGraphPainted }: PlansViewProps) {
  const [source, setSource] = useState<Source | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [colourBy, setColourBy] = useState('kind');
  const [showCritical, setShowCritical] = useState(true);
  const [whatIf, setWhatIf] = useState<WhatIf>(DEFAULT_WHAT_IF);
  const [shown, setShown] = useState<readonly string[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const [pendingTraceFile, setPendingTraceFile] = useState<string | null>(null);

  // The charts and the arena map take longer to render than the graph: they mount once the graph
  // has painted (or after PANELS_FALLBACK_MS when a slow elk layout is still running), one part per
  // frame (PANEL_STAGE), in transitions, so the graph shows first and input keeps working.
  const [panelsFor, setPanelsFor] = useState<Source | null>(null);
  const [panelStage, setPanelStage] = useState<{ source: Source; stage: number } | null>(null);
  const stage = source !== null && panelStage?.source === source ? panelStage.stage : 0;
  const { base, memory } = usePlanAnalysis(source?.parsed ?? null, whatIf, stage >= PANEL_STAGE.memory);
  const panelsReady = stage >= PANEL_STAGE.waves;
  useEffect(() => {
    if (!source) return;
    const timer = setTimeout(() => startTransition(() => setPanelsFor(source)), PANELS_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, [source]);
  const panelsStart = source !== null && panelsFor === source && base !== null ? source : null;
  useEffect(() => {
    if (!panelsStart) return;
    let live = true;
    void (async () => {
      for (let next = 1; next <= LAST_PANEL_STAGE; next++) {
        await afterNextPaint();
        if (!live) return;
        startTransition(() => setPanelStage({ source: panelsStart, stage: next }));
      }
    })();
    return () => {
      live = false;
    };
  }, [panelsStart]);

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
  const openSeq = useRef(0);

  const open = useCallback(
    (
      label: string,
      parsed: ParsedSchedule,
      openedAt: number,
      extraProblems: Source['extraProblems'] = [],
    ) => {
      openSeq.current++;
      setSource({ label, parsed, openedAt, extraProblems });
      setSelectedId(null);
      setStep(0);
      setShown(null);
      setOpenError(null);
    },
    [],
  );

  const openText = useCallback(
    async (text: string, label: string) => {
      const openedAt = performance.now();
      const seq = ++openSeq.current;
      analysisRef.current ??= new PlanAnalysisClient();
      setBusy(`Reading ${label}…`);
      try {
        const parsed = await analysisRef.current.parse(text);
        // A schedule opened meanwhile wins.
        if (seq !== openSeq.current) return;
        setBusy(null);
        open(label, parsed, openedAt);
      } catch (e) {
        if (seq !== openSeq.current) return;
        setBusy(null);
        setOpenError(`Could not read ${label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [open],
  );

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
        open(`${table.fileName} · query ${query.queryId}`, query.parsed, openedAt, trace.problems);
      } catch (e) {
        if (!isCancelled(e))
          setOpenError(
            `Could not read query ${queryId} from ${table.fileName}: ${e instanceof Error ? e.message : String(e)}`,
          );
      } finally {
        setBusy(null);
      }
    },
    [db, open],
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
    void file.text().then((text) => openText(text, file.name));
  };

  const runnable = useMemo(() => (base ? runnableSetAt(base.waves, step) : []), [base, step]);

  const highlights = useMemo((): DagHighlight[] => {
    if (!base) return [];
    const list: DagHighlight[] = [
      { key: 'runnable', label: `Runnable at step ${step + 1}`, style: 'active', ids: new Set(runnable) },
    ];
    if (showCritical)
      list.push({
        key: 'critical',
        label: 'Critical path',
        style: 'critical',
        ids: new Set(base.criticalPath.path),
      });
    const problemIds =
      shown ??
      (source?.parsed.problems ?? []).filter((p) => p.code === 'cycle').flatMap((p) => p.executorIds ?? []);
    if (problemIds.length > 0) {
      list.push({
        key: 'problem',
        label: shown ? 'Shown from a message' : 'On a cycle',
        style: 'problem',
        ids: new Set(problemIds),
      });
    }
    return list;
  }, [base, runnable, step, showCritical, shown, source]);

  const onPainted = useCallback(
    (stats: DagPaintStats) => {
      if (!source) return;
      const sinceOpenMs = performance.now() - source.openedAt;
      startTransition(() => setPanelsFor(source));
      onGraphPainted?.({ ...stats, sinceOpenMs });
    },
    [onGraphPainted, source],
  );

  const exportSummary = (summary: MemorySummary) => {
    const stem = (source?.label ?? 'plan').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
    downloadBlob(
      new Blob([JSON.stringify(summary, null, 2)], { type: 'application/json' }),
      `${stem}-memory-summary.json`,
    );
  };

  const showExecutors = (ids: readonly string[]) => {
    setShown(ids);
    if (ids[0] !== undefined) setSelectedId(ids[0]);
  };

  const problems = source ? [...source.extraProblems, ...source.parsed.problems] : [];

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
        onOpenSample={(s) => void openSample(s)}
        onOpenTraceQuery={(t, q) => void openTraceQuery(t, q)}
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
      {dragging && <div className="plans-drop-hint">Drop a schedule (.json) to open it</div>}

      {!source && (
        <p className="plans-empty muted">
          Open a sample, a schedule file or pasted JSON to see its DAG, runnable waves and arena-versus-Box
          memory.
        </p>
      )}

      {source && (
        <header className="plans-title">
          <h2>{source.label}</h2>
          <p className="muted">
            {formatCount(source.parsed.schedule.executors.length)} executors ·{' '}
            {formatCount(source.parsed.schedule.edges.length)} dependencies ·{' '}
            {source.parsed.format === 'engine'
              ? "engine's own shape"
              : source.parsed.format === 'trace-table'
                ? 'trace table'
                : 'edge list'}
            {source.parsed.schedule.rootId !== null ? ` · root ${source.parsed.schedule.rootId}` : ''}
          </p>
        </header>
      )}
      {source && !base && (
        <p role="status" className="muted">
          Analysing {formatCount(source.parsed.schedule.executors.length)} executors…
        </p>
      )}
      {source && base && (
        <>
          <div className="plans-main">
            <div className="plans-graph">
              {base.graph.nodes.length > 0 ? (
                <DagView
                  graph={base.graph}
                  label={`Schedule ${source.label}`}
                  colourOptions={COLOUR_OPTIONS}
                  colourBy={colourBy}
                  onColourByChange={setColourBy}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                  highlights={highlights}
                  nodeSubtitle={nodeSubtitle}
                  onPainted={onPainted}
                />
              ) : (
                <p className="muted">Nothing to draw: the schedule has no executors.</p>
              )}
            </div>
            <aside className="plans-side" aria-label="Problems and details">
              <ProblemsPanel problems={problems} onShow={showExecutors} />
              <NodeDetails base={base} id={selectedId} onSelect={setSelectedId} />
            </aside>
          </div>
          {!panelsReady && <p className="muted">Preparing waves and memory…</p>}
          {panelsReady && (
            <WavePlayer
              chart={stage >= PANEL_STAGE.parallelismChart}
              base={base}
              step={Math.min(step, Math.max(0, base.waves.steps.length - 1))}
              onStep={setStep}
              runnable={runnable}
              showCritical={showCritical}
              onShowCritical={setShowCritical}
            />
          )}
          {panelsReady && stage < PANEL_STAGE.memory && <p className="muted">Preparing memory…</p>}
          {memory && (
            <MemoryPanel
              boxChart={stage >= PANEL_STAGE.boxChart}
              arenaChart={stage >= PANEL_STAGE.arenaChart}
              arenaMap={stage >= PANEL_STAGE.arenaMap}
              base={base}
              memory={memory}
              whatIf={whatIf}
              onWhatIf={setWhatIf}
              onExport={exportSummary}
              onShowExecutors={showExecutors}
            />
          )}
        </>
      )}
    </section>
  );
}
