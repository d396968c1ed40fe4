/**
 * The allocation strategies over every query of a trace table, in order: which run it is (how many
 * queries of which file, in which order and why), what the model assumes, then the shared
 * RunStrategies table, chart and warnings. File names and query ids are rendered as text.
 */
import { useId } from 'react';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { TraceRun } from '../../core/plan/memory/trace-run';
import { RunStrategies } from './run-strategies';
import './run-strategies.css';

export function TraceRunPanel({
  fileName,
  run,
  onClose,
}: {
  fileName: string;
  run: TraceRun;
  onClose: () => void;
}) {
  const titleId = useId();
  const n = run.queries.length;
  const withErrors = run.queries.filter((q) => q.errors > 0).length;
  const neverRan = run.queries.reduce((s, q) => s + q.executors - q.ran, 0);
  const order = run.order.by === 'start' ? 'in order of start time' : 'in table order';
  return (
    <section className="plans-panel plans-run" aria-labelledby={titleId}>
      <div className="plans-run-head">
        <h3 id={titleId}>
          Allocation strategies over {formatCountOf(n, 'query', 'queries')} of trace {fileName}, {order}
        </h3>
        <button type="button" className="button" onClick={onClose}>
          Close run
        </button>
      </div>
      <p className="plans-run-order">
        Queries are played {run.order.reason} {formatCountOf(run.executors, 'executor')} in all
        {neverRan > 0 ? `, ${formatCount(neverRan)} of which never ran (no timings)` : ''}. Within a query,
        executors are created in topological order; Box sizes follow the glibc model, arenas bumpalo ≥ 3.18
        with <code>Bump::new()</code>.
      </p>
      {withErrors > 0 && (
        <p className="plans-run-order">
          {formatCountOf(withErrors, 'query', 'queries')} of the trace {withErrors === 1 ? 'has' : 'have'}{' '}
          validation errors (open one with “Open query” to see them);{' '}
          {withErrors === 1 ? 'it is' : 'they are'} played as read.
        </p>
      )}
      {run.tableProblems.length > 0 && (
        <ul className="plans-memory-warnings">
          {run.tableProblems.map((p) => (
            <li key={p} className="plans-memory-warning">
              {p}
            </li>
          ))}
        </ul>
      )}
      {n > 0 && (
        <RunStrategies
          results={run.results}
          queryLabels={run.queries.map((q) => `query ${q.queryId}`)}
          label="Allocation strategies over the trace"
        />
      )}
    </section>
  );
}
