/**
 * One of DuckDB's plans in the DAG view: one node per operator (wrappers left out by the core),
 * coloured by time, share of the total, rows or misestimate; the hottest path and the flagged
 * misestimates highlighted; every field of the selected operator beside the graph; the plan
 * summary and the query-level totals below, and "Export plan summary (JSON)".
 */
import { useCallback, useMemo, useState } from 'react';
import {
  hottestPath,
  misestimateOf,
  misestimateSeverity,
  summarizeDuckDbPlan,
} from '../../core/plan/duckdb-plan-summary';
import type { DuckDbPlanResult } from '../../core/plan/duckdb-profile';
import type { PlanNode } from '../../core/plan/types';
import { downloadBlob } from '../../components/dag/dag-export';
import { DagView } from '../../components/dag/dag-view';
import type { DagColourOption, DagHighlight, DagPaintStats } from '../../components/dag/dag-types';
import { OperatorDetails, PlanSummaryTable, QueryTotalsTable } from './duckdb-plan-panels';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import { fileStem, formatSeconds, num, percent } from './format';
import type { PlansPaintStats } from './schedule-view';

const SHAPE_NAMES: Readonly<Record<DuckDbPlanResult['shape'], string>> = {
  native: 'DuckDB profile (1.x)',
  'explain-analyze': 'EXPLAIN ANALYZE',
  explain: 'EXPLAIN (estimated plan)',
  legacy: 'DuckDB profile (older format)',
};

/** extra_info keys worth a node's third line, most telling first. */
const USEFUL_EXTRA = [
  'Table',
  'Conditions',
  'Join Type',
  'Aggregates',
  'Filters',
  'Groups',
  'Function',
  'info',
];

function usefulExtra(node: PlanNode): string {
  for (const key of USEFUL_EXTRA) {
    const v = node.metrics[`extra:${key}`];
    if (typeof v === 'string' && v !== '') return v;
  }
  return '';
}

function colourOptions(totalS: number): DagColourOption[] {
  return [
    { key: 'kind', label: 'Operator type', type: 'categorical', value: (n) => n.kind },
    {
      key: 'time',
      label: 'Time',
      type: 'sequential',
      scale: 'log',
      value: (n) => num(n.metrics.timing_s),
      format: formatSeconds,
    },
    {
      key: 'share',
      label: 'Share of total time',
      type: 'sequential',
      scale: 'linear',
      value: (n) => {
        const t = num(n.metrics.timing_s);
        return t === null || totalS <= 0 ? null : t / totalS;
      },
      format: percent,
    },
    {
      key: 'rows',
      label: 'Rows',
      type: 'sequential',
      scale: 'log',
      value: (n) => num(n.metrics.cardinality) ?? num(n.metrics.estimated_cardinality),
      format: (v) => formatCount(Math.round(v)),
    },
    {
      key: 'misestimate',
      label: 'Misestimate (actual / estimated)',
      type: 'sequential',
      scale: 'log',
      value: (n) => {
        const m = misestimateOf(n);
        return m ? misestimateSeverity(m) : null;
      },
      format: (v) => `${v.toFixed(1)}×`,
    },
  ];
}

interface Props {
  readonly label: string;
  readonly plan: DuckDbPlanResult;
  /** The SQL it profiles, when the editor (or the profile) says. */
  readonly query: string | null;
  readonly openedAt: number;
  readonly onGraphPainted?: (stats: PlansPaintStats) => void;
}

export function DuckDbPlanView({ label, plan, query, openedAt, onGraphPainted }: Props) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [colourBy, setColourBy] = useState(plan.analyzed ? 'time' : 'kind');
  const [showHot, setShowHot] = useState(true);
  const facts = useMemo(() => summarizeDuckDbPlan(plan), [plan]);
  const hot = useMemo(() => hottestPath(plan.graph), [plan]);
  const options = useMemo(() => colourOptions(plan.totalTimingS), [plan]);
  const sql = query ?? plan.query.queryText;

  const highlights = useMemo((): DagHighlight[] => {
    const list: DagHighlight[] = [];
    if (showHot && plan.analyzed && hot.length > 0)
      list.push({ key: 'hot', label: 'Hottest path', style: 'critical', ids: new Set(hot) });
    const flagged = plan.graph.nodes.filter((n) => misestimateOf(n)?.flagged).map((n) => n.id);
    if (flagged.length > 0)
      list.push({
        key: 'misestimate',
        label: 'Misestimate beyond 10×',
        style: 'problem',
        ids: new Set(flagged),
      });
    return list;
  }, [plan, hot, showHot]);

  const subtitle = useCallback((node: PlanNode) => {
    const t = num(node.metrics.timing_s);
    const rows = num(node.metrics.cardinality) ?? num(node.metrics.estimated_cardinality);
    return [
      t === null ? '' : formatSeconds(t),
      rows === null ? '' : formatCountOf(rows, 'row'),
      usefulExtra(node),
    ]
      .filter(Boolean)
      .join(' · ');
  }, []);

  const onPainted = useCallback(
    (stats: DagPaintStats) => onGraphPainted?.({ ...stats, sinceOpenMs: performance.now() - openedAt }),
    [onGraphPainted, openedAt],
  );

  const exportSummary = () =>
    downloadBlob(
      new Blob([JSON.stringify(facts.summary, null, 2)], { type: 'application/json' }),
      `${fileStem(label)}-plan-summary.json`,
    );

  return (
    <>
      <header className="plans-title">
        <h2>{label}</h2>
        <p className="muted">
          {formatCount(plan.graph.nodes.length)} operators · {SHAPE_NAMES[plan.shape]}
          {plan.analyzed ? ` · ${formatSeconds(plan.totalTimingS)} in operators` : ''}
        </p>
        {sql && (
          <details className="plans-query" open>
            <summary>Query</summary>
            {/* The SQL is the user's text: rendered as text. */}
            <pre className="mono" aria-label="Profiled query">
              {sql}
            </pre>
          </details>
        )}
      </header>
      {plan.problems.length > 0 && (
        <div role="alert" className="plans-alert">
          {plan.problems.join(' ')}
        </div>
      )}
      <div className="plans-main">
        <div className="plans-graph">
          {plan.graph.nodes.length > 0 ? (
            <DagView
              graph={plan.graph}
              label={`Plan ${label}`}
              colourOptions={options}
              colourBy={colourBy}
              onColourByChange={setColourBy}
              selectedId={selectedId}
              onSelect={setSelectedId}
              highlights={highlights}
              nodeSubtitle={subtitle}
              onPainted={onPainted}
            />
          ) : (
            <p className="muted">Nothing to draw: the plan has no operators.</p>
          )}
        </div>
        <aside className="plans-side" aria-label="Summary and details">
          <section aria-label="DuckDB plan summary">
            <h3>Summary</h3>
            <PlanSummaryTable facts={facts} onSelect={setSelectedId} />
            <button type="button" className="button" onClick={exportSummary}>
              Export plan summary (JSON)
            </button>
            {plan.analyzed && (
              <label className="plans-check">
                <input type="checkbox" checked={showHot} onChange={(e) => setShowHot(e.target.checked)} />{' '}
                Highlight the hottest path ({hot.length} operators)
              </label>
            )}
            <h3>Query totals</h3>
            <QueryTotalsTable totals={plan.query} />
          </section>
          <OperatorDetails
            graph={plan.graph}
            id={selectedId}
            totalS={plan.totalTimingS}
            onSelect={setSelectedId}
          />
        </aside>
      </div>
    </>
  );
}
