import './plan-file-hint.css';

/**
 * A .json dropped outside the Plans view is not a table: memscope reads JSON as an executor schedule
 * or a DuckDB profile, in Plans. Instead of failing as an unreadable table, the file waits here with
 * one button that opens it there.
 */
export function PlanFileHint({
  files,
  onOpen,
  onDismiss,
}: {
  files: readonly File[];
  onOpen(): void;
  onDismiss(): void;
}) {
  if (files.length === 0) return null;
  const names = files.map((f) => f.name).join(', ');
  return (
    <div className="plan-file-hint" role="status">
      <p>
        {names} {files.length === 1 ? 'looks' : 'look'} like an execution schedule or a query plan: open{' '}
        {files.length === 1 ? 'it' : 'them'} in Plans.
      </p>
      <button type="button" className="button" onClick={onOpen}>
        Open in Plans
      </button>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
