import type { FileState } from '../../data/opened-file/file-state';
import { formatCount, formatCountOf, formatSize } from '../../core/format/quantities';

interface FileListProps {
  tables: readonly FileState[];
  activeId: string | null;
  onSelect: (id: string) => void;
  onCancel: (id: string) => void;
  onClose: (id: string) => void;
}

const STATUS_TEXT: Record<FileState['status'], string> = {
  'reading-footer': 'reading footer…',
  loading: 'loading…',
  ready: 'ready',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The open files: status, progress, cancel while loading, close. Selecting one shows it in Explore. */
export function FileList({ tables, activeId, onSelect, onCancel, onClose }: FileListProps) {
  if (tables.length === 0) {
    return (
      <p className="muted">No files open. Drop Parquet, CSV or Arrow files anywhere, or use “Open files”.</p>
    );
  }
  return (
    <ul className="file-list" aria-label="Loaded files">
      {tables.map((t) => {
        const busy = t.status === 'reading-footer' || t.status === 'loading';
        const pct = t.progress.total > 0 ? Math.round((100 * t.progress.done) / t.progress.total) : 0;
        return (
          <li key={t.id} className={`file-item status-${t.status}${t.id === activeId ? ' active' : ''}`}>
            <button
              type="button"
              className="file-item-main"
              aria-current={t.id === activeId ? 'true' : undefined}
              onClick={() => onSelect(t.id)}
              title={t.fileName}
            >
              <span className="file-name">{t.fileName}</span>
              <span className="file-meta">
                <code>{t.tableName}</code> ·{' '}
                {t.status === 'failed' || t.status === 'cancelled'
                  ? 'no rows loaded'
                  : formatCountOf(t.rowCount, 'row')}{' '}
                · {formatSize(t.fileBytes)} · <span className="file-status">{STATUS_TEXT[t.status]}</span>
              </span>
            </button>
            {busy && (
              <div className="file-progress">
                <progress
                  max={Math.max(1, t.progress.total)}
                  value={t.progress.done}
                  aria-label={`Loading ${t.fileName}`}
                />
                <span className="muted">
                  {formatCount(t.progress.done)} / {formatCount(t.progress.total)}{' '}
                  {t.progress.unit.replace('-', ' ')} ({pct}%)
                </span>
                <button type="button" className="button button-small" onClick={() => onCancel(t.id)}>
                  Cancel
                </button>
              </div>
            )}
            {!busy && (
              <button
                type="button"
                className="button button-small button-quiet"
                aria-label={`Close ${t.fileName}`}
                onClick={() => onClose(t.id)}
              >
                ×
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
