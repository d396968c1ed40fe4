import type { ErrorPayload } from '../../core/errors';

export interface AlertItem {
  id: string;
  error: ErrorPayload;
}

/**
 * The page's error region. Each error names the file and the cause, says what to do, and keeps the
 * library's own words behind a disclosure. Text only: error messages can contain file contents.
 */
export function ErrorAlerts({
  items,
  onDismiss,
}: {
  items: readonly AlertItem[];
  onDismiss: (id: string) => void;
}) {
  return (
    <div className="alerts" aria-live="polite">
      {items.map(({ id, error }) => (
        <div key={id} role="alert" className="alert">
          <div className="alert-body">
            {error.file && !error.message.includes(error.file) && <strong>{error.file}: </strong>}
            {error.message}
            {error.hint && <span className="alert-hint"> {error.hint}</span>}
            {error.detail && error.detail !== error.message && (
              <details>
                <summary>Details</summary>
                <pre>{error.detail}</pre>
              </details>
            )}
          </div>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-label="Dismiss"
            onClick={() => onDismiss(id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
