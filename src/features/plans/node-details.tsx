import { formatBytesBinary, formatCount } from '../../core/format/quantities';
import { formatUs } from './format';
import type { PlanBase } from './use-plan-analysis';

interface Props {
  readonly base: PlanBase;
  readonly id: string | null;
  readonly onSelect: (id: string) => void;
}

/** Details of the selected executor: its fields, neighbours, wave and critical-path slack. */
export function NodeDetails({ base, id, onSelect }: Props) {
  const e = id === null ? undefined : base.executorById.get(id);
  if (!e) {
    return (
      <section className="plans-details" aria-label="Executor details">
        <h3>Executor details</h3>
        <p className="muted">Click an executor in the graph (or search for one) to see its details.</p>
      </section>
    );
  }
  const deps = base.deps.get(e.id) ?? [];
  const succs = base.succs.get(e.id) ?? [];
  const ready = base.waves.runnableAt.get(e.id);
  const done = base.waves.completedAt.get(e.id);
  const slack = base.criticalPath.slack.get(e.id);
  const unit = base.criticalPath.unit;
  const fmt = (v: number) =>
    unit === 'us' ? formatUs(v) : `${formatCount(v)} executor${v === 1 ? '' : 's'}`;
  const onPath = base.criticalPath.path.includes(e.id);
  return (
    <section className="plans-details" aria-label="Executor details">
      <h3>
        {e.kind} {e.id}
      </h3>
      <dl className="plans-dl">
        <dt>Kind</dt>
        <dd>{e.kind}</dd>
        <dt>Id</dt>
        <dd className="mono">{e.id}</dd>
        {e.name && (
          <>
            <dt>Name</dt>
            <dd>{e.name}</dd>
          </>
        )}
        <dt>Size</dt>
        <dd>
          {formatCount(e.sizeBytes)} B{e.sizeBytes >= 1024 ? ` (${formatBytesBinary(e.sizeBytes)})` : ''}
        </dd>
        <dt>Align</dt>
        <dd>{e.align} B</dd>
        <dt>Holds heap data</dt>
        <dd>{e.holdsHeap ? 'yes: needs Drop' : 'no'}</dd>
        <dt>Dependencies</dt>
        <dd>
          <IdLinks ids={deps} onSelect={onSelect} />
        </dd>
        <dt>Successors</dt>
        <dd>
          <IdLinks ids={succs} onSelect={onSelect} />
        </dd>
        <dt>Wave</dt>
        <dd>
          {ready === undefined
            ? 'never runnable (on or behind a cycle)'
            : `runnable at step ${ready + 1}${done !== undefined ? `, completes at step ${done + 1}` : ''}`}
        </dd>
        <dt>Start / finish</dt>
        <dd>
          {e.startUs !== undefined && e.endUs !== undefined
            ? `${formatUs(e.startUs)} → ${formatUs(e.endUs)} (${formatUs(e.endUs - e.startUs)})`
            : 'no timings'}
        </dd>
        {e.rows !== undefined && (
          <>
            <dt>Rows</dt>
            <dd>{formatCount(e.rows)}</dd>
          </>
        )}
        <dt>Slack</dt>
        <dd>
          {slack
            ? `${fmt(slack.slack)}${onPath ? ' (on the critical path)' : ''} · earliest start ${fmt(slack.earliestStart)}, latest start ${fmt(slack.latestStart)}`
            : 'not computed (cycle)'}
        </dd>
      </dl>
    </section>
  );
}

function IdLinks({ ids, onSelect }: { ids: readonly string[]; onSelect: (id: string) => void }) {
  if (ids.length === 0) return <span className="muted">none</span>;
  const shown = ids.slice(0, 30);
  return (
    <span className="plans-id-links">
      {shown.map((id) => (
        <button
          key={id}
          type="button"
          className="link-button mono"
          onClick={() => onSelect(id)}
          aria-label={`Select executor ${id}`}
        >
          {id}
        </button>
      ))}
      {ids.length > shown.length && <span className="muted"> and {ids.length - shown.length} more</span>}
    </span>
  );
}
