import { useRef, useState } from 'react';
import { describeError, toMemscopeError } from '../../core/errors';
import type { ExportFormat } from '../../core/export/encode-rows';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import type { Filter, SortSpec } from '../../core/sql/table-query';
import type { DbClient } from '../../data/db/db-client';
import {
  EXPORT_PAGE_ROWS,
  EXTENSION,
  MIME,
  exportTable,
  textSink,
  type ExportSink,
} from '../../data/export/export-table';
import { workerParquetSink } from '../../data/export/worker-parquet-sink';
import { downloadBlob } from '../../components/dag/dag-export';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'jsonl', label: 'JSON Lines' },
  { format: 'parquet', label: 'Parquet' },
];

interface ExportMenuProps {
  db: DbClient;
  table: string;
  fileName: string;
  /** What the table shows: the export has the same rows in the same order. */
  sort: SortSpec | null;
  filters: readonly Filter[];
  tiebreaker: string | undefined;
  /** False until the file is in DuckDB. */
  ready: boolean;
  /** The file's own column names by SQL name: the export writes them (exportNames). */
  labels: ReadonlyMap<string, string>;
}

/** "Export": the filtered, sorted rows of the table, every one, as CSV, JSON Lines or Parquet; with progress and cancel. */
export function ExportMenu({
  db,
  table,
  fileName,
  sort,
  filters,
  tiebreaker,
  ready,
  labels,
}: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  const start = (format: ExportFormat) => {
    setOpen(false);
    setMessage(null);
    const controller = new AbortController();
    running.current = controller;
    const sink: ExportSink = format === 'parquet' ? workerParquetSink(EXPORT_PAGE_ROWS) : textSink(format);
    setProgress({ done: 0, total: 0 });
    exportTable(
      db,
      {
        table,
        sort,
        filters,
        tiebreaker,
        labels,
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      },
      sink,
    )
      .then(
        (blob) => {
          downloadBlob(new Blob([blob], { type: MIME[format] }), `${table}.${EXTENSION[format]}`);
          setMessage(`Exported ${formatCountOf(blob.size, 'byte')} as ${table}.${EXTENSION[format]}.`);
        },
        (err: unknown) => {
          const e = toMemscopeError(err, { code: 'internal', file: fileName });
          setMessage(e.code === 'cancelled' ? 'Export cancelled.' : describeError(e));
        },
      )
      .finally(() => {
        if (running.current === controller) running.current = null;
        setProgress(null);
      });
  };

  return (
    <div className="ex-export">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!ready || progress !== null}
        onClick={() => setOpen((o) => !o)}
      >
        Export
      </button>
      {open ? (
        <div role="menu" aria-label="Export as" className="ex-export-menu">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" role="menuitem" onClick={() => start(f.format)}>
              {f.label}
            </button>
          ))}
        </div>
      ) : null}
      {progress ? (
        <>
          <progress aria-label="Export progress" max={Math.max(1, progress.total)} value={progress.done} />
          <span className="ex-muted">
            {formatCount(progress.done)} of {formatCountOf(progress.total, 'row')}
          </span>
          <button type="button" className="button" onClick={() => running.current?.abort()}>
            Cancel export
          </button>
        </>
      ) : null}
      <span role="status" className="ex-muted">
        {message}
      </span>
    </div>
  );
}
