import type { FileState } from '../../data/opened-file/file-state';
import type { StoreState } from '../../data/store/opened-store';
import { formatCount, formatCountOf, formatSize } from '../../core/format/quantities';

interface FileListProps {
  tables: readonly FileState[];
  /** Stores group their files under their name; selecting a store shows all its rows. */
  stores?: readonly StoreState[];
  /** The file or store shown in Explore. */
  activeId: string | null;
  onSelect: (id: string) => void;
  onCancel: (id: string) => void;
  onClose: (id: string) => void;
  onCloseStore?: (id: string) => void;
}

const STORE_STATUS_TEXT: Record<StoreState['status'], string> = {
  waiting: 'waiting for its files…',
  ready: 'ready',
  failed: 'failed',
};

const STATUS_TEXT: Record<FileState['status'], string> = {
  'reading-footer': 'reading footer…',
  loading: 'loading…',
  ready: 'ready',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * The open files: status, progress, cancel while loading, close. Selecting one shows it in Explore.
 * A store's files are listed under the store (docs/store.md), which is selectable itself.
 */
export function FileList(props: FileListProps) {
  const { tables, stores = [], activeId, onSelect, onCloseStore } = props;
  if (tables.length === 0) {
    return (
      <p className="muted">No files open. Drop Parquet, CSV or Arrow files anywhere, or use “Open files”.</p>
    );
  }
  const grouped = new Set(stores.flatMap((s) => s.fileIds));
  const loose = tables.filter((t) => !grouped.has(t.id));
  return (
    <ul className="file-list" aria-label="Loaded files">
      {stores.map((s) => (
        <li
          key={s.id}
          className={`file-item store-item status-${s.status}${s.id === activeId ? ' active' : ''}`}
        >
          <button
            type="button"
            className="file-item-main"
            aria-current={s.id === activeId ? 'true' : undefined}
            onClick={() => onSelect(s.id)}
            title={`${s.title}: ${formatCountOf(s.fileIds.length, 'file')} as one view`}
          >
            <span className="file-name">
              {s.title} <span className="muted">(store of {formatCountOf(s.fileIds.length, 'file')})</span>
            </span>
            <span className="file-meta">
              <code>{s.tableName}</code> · {s.status === 'ready' ? formatCountOf(s.rowCount, 'row') : '—'} ·{' '}
              <span className="file-status">{STORE_STATUS_TEXT[s.status]}</span>
            </span>
          </button>
          {onCloseStore ? (
            <button
              type="button"
              className="button button-small button-quiet"
              aria-label={`Close store ${s.title}`}
              onClick={() => onCloseStore(s.id)}
            >
              ×
            </button>
          ) : null}
          <FileItems
            {...props}
            tables={tables.filter((t) => s.fileIds.includes(t.id))}
            label={`Files of ${s.title}`}
          />
        </li>
      ))}
      <FileItems {...props} tables={loose} />
    </ul>
  );
}

/** The items of files, in a nested list when they belong to a store. */
function FileItems({
  tables,
  activeId,
  onSelect,
  onCancel,
  onClose,
  label,
}: FileListProps & { label?: string }) {
  const items = tables.map((t) => {
    const busy = t.status === 'reading-footer' || t.status === 'loading';
    const pct = t.progress.total > 0 ? Math.round((100 * t.progress.done) / t.progress.total) : 0;
    return (
      <li key={t.id} className={`file-item status-${t.status}${t.id === activeId ? ' active' : ''}`}>
        <button
          type="button"
          className="file-item-main"
          aria-current={t.id === activeId ? 'true' : undefined}
          onClick={() => onSelect(t.id)}
          title={t.url ?? t.fileName}
        >
          <span className="file-name">{t.fileName}</span>
          {t.host !== undefined && <span className="file-host">from {t.host}</span>}
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
  });
  return label ? (
    // Inline, not in global.css (restyled elsewhere): the files sit on their own row, indented.
    <ul
      className="file-list store-files"
      aria-label={label}
      style={{ gridColumn: '1 / -1', paddingLeft: 12 }}
    >
      {items}
    </ul>
  ) : (
    <>{items}</>
  );
}
