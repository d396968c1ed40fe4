import type { ValidationProblem } from '../../core/plan/types';

interface Props {
  readonly problems: readonly ValidationProblem[];
  readonly onShow: (ids: readonly string[]) => void;
}

/** Blocking problems in an alert region, warnings in a plain list; the graph stays on screen. */
export function ProblemsPanel({ problems, onShow }: Props) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (problems.length === 0)
    return <p className="plans-ok">No problems found: the schedule is a valid DAG.</p>;
  return (
    <div className="plans-problems">
      {errors.length > 0 && (
        <div role="alert" className="plans-alert">
          <h3>
            {errors.length} problem{errors.length === 1 ? '' : 's'} to fix
          </h3>
          <ul>{errors.map((p, k) => item(p, k, onShow))}</ul>
          <p className="muted">What can be shown is still shown.</p>
        </div>
      )}
      {warnings.length > 0 && (
        <section aria-label="Warnings">
          <h3>
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </h3>
          <ul className="plans-warning-list">{warnings.map((p, k) => item(p, k, onShow))}</ul>
        </section>
      )}
    </div>
  );
}

function item(p: ValidationProblem, k: number, onShow: (ids: readonly string[]) => void) {
  const ids = p.executorIds ?? [];
  return (
    <li key={`${p.code}-${k}`}>
      <span>{p.message}</span>
      {p.path && <span className="muted"> ({p.path})</span>}
      {ids.length > 0 && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => onShow(ids)}>
            show in graph
          </button>
        </>
      )}
    </li>
  );
}
