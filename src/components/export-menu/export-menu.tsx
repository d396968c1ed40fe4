import { useRef, useState } from 'react';
import { describeError, toMemscopeError } from '../../core/errors';
import type { ExportFormat } from '../../core/export/encode-rows';
import type { ExportOutcome } from '../../core/export/save-file';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import { downloadBlob } from '../dag/dag-export';
import './export-menu.css';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'jsonl', label: 'JSON Lines' },
  { format: 'parquet', label: 'Parquet' },
];

/**
 * One export run: the rows written in `format`, with progress; resolves with the file to download,
 * or says that it went into the file the save picker gave, or that nothing was exported (the picker
 * was closed or refused). It is called straight from the menu item's click, which the picker needs.
 */
export type RunExport = (
  format: ExportFormat,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
) => Promise<ExportOutcome<Blob>>;

interface ExportMenuProps {
  /** False while there is nothing to export yet (a file still loading into DuckDB). */
  ready: boolean;
  run: RunExport;
  /** The file an error is about, for its message. */
  errorFile?: string;
  /** The button's name: "Export" (the table view's, named so by the test contract) unless told. */
  label?: string;
  /** An option the menu carries (a menuitemcheckbox), such as including heavy columns. */
  toggle?: { label: string; checked: boolean; onChange(checked: boolean): void } | undefined;
}

/**
 * "Export": a menu of CSV, JSON Lines and Parquet; while one runs, its progress, "Cancel export" and
 * then what was written, or why not, in a status line. What is exported is the caller's `run`
 * (Explore: the table's filtered, sorted rows; SQL: the result): this component only drives it.
 */
export function ExportMenu({ ready, run, errorFile, label = 'Export', toggle }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  const start = (format: ExportFormat) => {
    setOpen(false);
    setMessage(null);
    const controller = new AbortController();
    running.current = controller;
    setProgress({ done: 0, total: 0 });
    run(format, controller.signal, (done, total) => setProgress({ done, total }))
      .then(
        (outcome) => {
          if (outcome.to === 'download') {
            downloadBlob(outcome.file, outcome.fileName);
            setMessage(`Exported ${formatCountOf(outcome.bytes, 'byte')} as ${outcome.fileName}.`);
          } else if (outcome.to === 'picked')
            setMessage(`Saved ${formatCountOf(outcome.bytes, 'byte')} as ${outcome.fileName}.`);
          else
            setMessage(
              outcome.reason === 'cancelled'
                ? 'Export cancelled.'
                : 'Nothing exported: the browser did not open the save dialog.',
            );
        },
        (err: unknown) => {
          const e = toMemscopeError(err, { code: 'internal', ...(errorFile ? { file: errorFile } : {}) });
          setMessage(e.code === 'cancelled' ? 'Export cancelled.' : describeError(e));
        },
      )
      .finally(() => {
        if (running.current === controller) running.current = null;
        setProgress(null);
      });
  };

  return (
    <div className="export-menu">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!ready || progress !== null}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      {open ? (
        <div role="menu" aria-label={`${label} as`} className="export-menu-list">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" role="menuitem" onClick={() => start(f.format)}>
              {f.label}
            </button>
          ))}
          {toggle ? (
            <button
              type="button"
              role="menuitemcheckbox"
              aria-checked={toggle.checked}
              className="export-menu-toggle"
              onClick={() => toggle.onChange(!toggle.checked)}
            >
              <span aria-hidden="true">{toggle.checked ? '☑' : '☐'}</span> {toggle.label}
            </button>
          ) : null}
        </div>
      ) : null}
      {progress ? (
        <>
          <progress aria-label="Export progress" max={Math.max(1, progress.total)} value={progress.done} />
          <span className="export-menu-muted">
            {formatCount(progress.done)} of {formatCountOf(progress.total, 'row')}
          </span>
          <button type="button" className="button" onClick={() => running.current?.abort()}>
            Cancel export
          </button>
        </>
      ) : null}
      <span role="status" className="export-menu-muted">
        {message}
      </span>
    </div>
  );
}
