import { useState } from 'react';
import { formatCount, formatSize } from '../../core/format/quantities';
import type { FileState } from '../../data/opened-file/file-state';

/**
 * "Add vectors to SQL" for one file (docs/similar.md, "Vectors in SQL"): the embedding column into
 * the file's DuckDB table as FLOAT[d], with progress and cancel, the memory it costs (DuckDB's own
 * figure, before and after) and the undo. Shown under the file's schema, for files with a vector
 * column; everything it shows comes from `table.sqlVectors`.
 */
export function SqlVectorsPanel({
  table,
  onAdd,
  onCancel,
  onRemove,
}: {
  table: FileState;
  onAdd(column: string): void;
  onCancel(): void;
  onRemove(): void;
}) {
  const vectors = table.columns.filter((c) => c.vectorDim);
  const [picked, setPicked] = useState<string | null>(null);
  if (vectors.length === 0 || table.status !== 'ready') return null;
  const state = table.sqlVectors;
  const column = vectors.find((c) => c.name === (picked ?? state?.column)) ?? vectors[0];
  if (!column) return null;
  const dim = column.vectorDim ?? 0;
  const busy = state?.status === 'adding' || state?.status === 'removing';
  const inSql = state?.status === 'added' || state?.status === 'removing';
  const report = inSql ? state?.report : undefined;
  return (
    <section className="sql-vectors" aria-label={`Vectors in SQL of ${table.fileName}`}>
      <h2 className="panel-title">Vectors in SQL</h2>
      {vectors.length > 1 && !inSql ? (
        <label className="sql-vectors-pick">
          Vector column{' '}
          <select value={column.name} disabled={busy} onChange={(e) => setPicked(e.target.value)}>
            {vectors.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {state?.status === 'adding' ? (
        <>
          <progress
            aria-label="Adding vectors to SQL"
            max={Math.max(1, state.progress.total)}
            value={state.progress.rows}
          />
          <p role="status">
            Rows added {formatCount(state.progress.rows)} of {formatCount(state.progress.total)}
          </p>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </>
      ) : inSql && state ? (
        <>
          <p role="status">
            <code>{state.column}</code> is in <code>{table.tableName}</code> as{' '}
            <code>FLOAT[{state.dim}]</code>
            {report ? (
              <>
                : DuckDB memory {formatSize(report.memoryBefore)} before, {formatSize(report.memoryAfter)}{' '}
                after (the vectors are {formatSize(report.vectorBytes)} as float32)
                {report.nulls + report.wrongLength > 0
                  ? `; ${formatCount(report.nulls + report.wrongLength)} rows are NULL (NULL or unusable in the file)`
                  : ''}
              </>
            ) : null}
            .
          </p>
          <p className="sql-vectors-example">
            <code>{`array_cosine_similarity("${state.column.replaceAll('"', '""')}", ?::FLOAT[${state.dim}])`}</code>
          </p>
          <button type="button" onClick={onRemove} disabled={busy}>
            Remove vectors from SQL
          </button>
        </>
      ) : (
        <>
          <p>
            SQL cannot see <code>{column.label}</code> (it is read from the file on demand). Adding it puts it
            into <code>{table.tableName}</code> as <code>FLOAT[{dim}]</code>: about{' '}
            {formatSize(table.rowCount * dim * 4)} more in DuckDB's memory.
          </p>
          {state?.status === 'removed' && state.removed ? (
            <p role="status">
              Removed: DuckDB memory {formatSize(state.removed.memoryBefore)} before,{' '}
              {formatSize(state.removed.memoryAfter)} after.
            </p>
          ) : null}
          {state?.error && (state.status === 'failed' || state.status === 'cancelled') ? (
            <p role={state.status === 'failed' ? 'alert' : 'status'} className="sql-vectors-error">
              {state.error.message}
              {state.error.hint ? ` ${state.error.hint}` : ''}
            </p>
          ) : null}
          <button type="button" onClick={() => onAdd(column.name)}>
            Add vectors to SQL
          </button>
        </>
      )}
    </section>
  );
}
