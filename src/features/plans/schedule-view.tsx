/**
 * One open executor schedule: its DAG with problems beside it, its runnable waves, and Box versus
 * bumpalo-arena memory. All analysis is the plan core's (src/core/plan); this file composes it.
 * Mounted with a key per opened schedule, so selection, step and what-if start fresh.
 */
import { startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { ParsedSchedule, PlanNode } from '../../core/plan/types';
import type { MemorySummary } from '../../core/plan/memory/memory-types';
import { runnableSetAt } from '../../core/plan/waves';
import { downloadBlob } from '../../components/dag/dag-export';
import { DagView } from '../../components/dag/dag-view';
import type { DagColourOption, DagHighlight, DagPaintStats } from '../../components/dag/dag-types';
import { formatBytesBinary, formatCountOf } from '../../core/format/quantities';
import { fileStem, formatUs, num } from './format';
import { MemoryPanel } from './memory-panel';
import { NodeDetails } from './node-details';
import { ProblemsPanel } from './problems-panel';
import { DEFAULT_WHAT_IF, usePlanAnalysis, type WhatIf } from './use-plan-analysis';
import { WavePlayer } from './wave-player';
import { afterNextPaint } from './yield-to-main';

export interface PlansPaintStats extends DagPaintStats {
  /** From the moment a plan was opened (before parsing) to the first frame showing its graph. */
  readonly sinceOpenMs: number;
}

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

function nodeSubtitle(node: PlanNode): string {
  const size = num(node.metrics.size_bytes);
  const duration = num(node.metrics.duration_us);
  const parts = [
    size === null ? '' : formatBytesBinary(size),
    duration === null ? '' : formatUs(duration),
  ].filter(Boolean);
  return parts.join(' · ');
}

interface Props {
  readonly label: string;
  readonly parsed: ParsedSchedule;
  /** performance.now() when the user opened it, for the paint timing. */
  readonly openedAt: number;
  /** Problems about the table rather than the schedule (trace tables). */
  readonly extraProblems: ParsedSchedule['problems'];
  readonly onGraphPainted?: (stats: PlansPaintStats) => void;
}

export function ScheduleView({ label, parsed, openedAt, extraProblems, onGraphPainted }: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [colourBy, setColourBy] = useState('kind');
  const [showCritical, setShowCritical] = useState(true);
  const [whatIf, setWhatIf] = useState<WhatIf>(DEFAULT_WHAT_IF);
  const [shown, setShown] = useState<readonly string[] | null>(null);

  // The charts and the arena map take longer to render than the graph: they mount once the graph
  // has painted (or after PANELS_FALLBACK_MS when a slow elk layout is still running), one part per
  // frame (PANEL_STAGE), in transitions, so the graph shows first and input keeps working.
  const [panelsStarted, setPanelsStarted] = useState(false);
  const [stage, setStage] = useState(0);
  const { base, memory } = usePlanAnalysis(parsed, whatIf, stage >= PANEL_STAGE.memory);
  const panelsReady = stage >= PANEL_STAGE.waves;
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setPanelsStarted(true)), PANELS_FALLBACK_MS);
    return () => clearTimeout(timer);
  }, []);
  const panelsStart = panelsStarted && base !== null;
  useEffect(() => {
    if (!panelsStart) return;
    let live = true;
    void (async () => {
      for (let next = 1; next <= LAST_PANEL_STAGE; next++) {
        await afterNextPaint();
        if (!live) return;
        startTransition(() => setStage(next));
      }
    })();
    return () => {
      live = false;
    };
  }, [panelsStart]);

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
      shown ?? parsed.problems.filter((p) => p.code === 'cycle').flatMap((p) => p.executorIds ?? []);
    if (problemIds.length > 0) {
      list.push({
        key: 'problem',
        label: shown ? 'Shown from a message' : 'On a cycle',
        style: 'problem',
        ids: new Set(problemIds),
      });
    }
    return list;
  }, [base, runnable, step, showCritical, shown, parsed]);

  const onPainted = useCallback(
    (stats: DagPaintStats) => {
      const sinceOpenMs = performance.now() - openedAt;
      startTransition(() => setPanelsStarted(true));
      onGraphPainted?.({ ...stats, sinceOpenMs });
    },
    [onGraphPainted, openedAt],
  );

  const exportSummary = (summary: MemorySummary) => {
    downloadBlob(
      new Blob([JSON.stringify(summary, null, 2)], { type: 'application/json' }),
      `${fileStem(label)}-memory-summary.json`,
    );
  };

  const showExecutors = (ids: readonly string[]) => {
    setShown(ids);
    if (ids[0] !== undefined) setSelectedId(ids[0]);
  };

  const problems = [...extraProblems, ...parsed.problems];

  return (
    <>
      <header className="plans-title">
        <h2>{label}</h2>
        <p className="muted">
          {formatCountOf(parsed.schedule.executors.length, 'executor')} ·{' '}
          {formatCountOf(parsed.schedule.edges.length, 'dependency', 'dependencies')} ·{' '}
          {parsed.format === 'engine'
            ? "engine's own shape"
            : parsed.format === 'trace-table'
              ? 'trace table'
              : 'edge list'}
          {parsed.schedule.rootId !== null ? ` · root ${parsed.schedule.rootId}` : ''}
        </p>
      </header>
      {!base && (
        <p role="status" className="muted">
          Analysing {formatCountOf(parsed.schedule.executors.length, 'executor')}…
        </p>
      )}
      {base && (
        <>
          <div className="plans-main">
            <div className="plans-graph">
              {base.graph.nodes.length > 0 ? (
                <DagView
                  graph={base.graph}
                  label={`Schedule ${label}`}
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
    </>
  );
}
