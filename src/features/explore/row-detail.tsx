import { useEffect, useState } from 'react';
import type { Table } from 'apache-arrow';
import { FULL_FORMAT, type CellValue } from '../../core/format/cell-value';
import { formatCell } from '../../core/format/format-cell';
import { formatHeavyValue } from '../../core/format/heavy-value';
import { typeLabel } from '../../core/format/type-label';
import { describeError, toMemscopeError } from '../../core/errors';
import { ValueView } from '../../components/data-grid/value-view';
import { columnLabel, type GridSource } from '../../core/grid-source';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import type { HeavyColumnStore } from '../../data/heavy-store';
import type { FileState } from '../../data/opened-file/file-state';
import { heavyTypeLabel } from './heavy-columns';

interface Field {
  /** The column's key. */
  name: string;
  /** Its name in the file. */
  label: string;
  type: string;
  cell: CellValue | undefined;
  bytes?: Uint8Array | undefined;
}

/**
 * The selected row in full: every DuckDB column from a one-row query, and every heavy column read
 * through the HeavyColumnStore (vectors with statistics and a sparkline, binary as hex and decoded).
 */
export function RowDetail({
  source,
  table,
  heavy,
  row,
  fileRow,
  onClose,
  onFindSimilar,
}: {
  source: GridSource;
  table: FileState;
  heavy: HeavyColumnStore | null;
  row: number;
  fileRow: number | null;
  onClose(): void;
  /** "Find similar": search the file's vectors for this row (absent when the file has none). */
  onFindSimilar?: ((fileRow: number) => void) | undefined;
}) {
  const [page, setPage] = useState<{ row: number; table: Table } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [heavyTick, setHeavyTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    source.fetchRows(row, 1, controller.signal).then(
      (t) => {
        setPage({ row, table: t });
        setError(null);
      },
      (err: unknown) => {
        if (!controller.signal.aborted)
          setError(describeError(toMemscopeError(err, { code: 'sql', file: table.fileName })));
      },
    );
    return () => controller.abort();
  }, [source, row, table.fileName]);

  const heavyPlans = table.columns.filter(
    (c) => c.destination === 'heavy' && heavy?.columns.includes(c.name),
  );
  useEffect(() => {
    if (!heavy || fileRow === null || heavyPlans.length === 0) return;
    const controller = new AbortController();
    Promise.all(heavyPlans.map((p) => heavy.ensure(p.name, [fileRow], controller.signal))).then(
      () => {
        if (!controller.signal.aborted) setHeavyTick((t) => t + 1);
      },
      (err: unknown) => {
        if (!controller.signal.aborted)
          setError(describeError(toMemscopeError(err, { code: 'internal', file: table.fileName })));
      },
    );
    return () => controller.abort();
    // heavyPlans is derived from table.columns
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [heavy, fileRow, table.columns, table.fileName]);

  // Each field is named and typed as the file's column plan has it, as the grid's headers are
  // (DuckDB holds every timestamp in µs; ColumnPlan.typeLabel keeps the file's unit).
  const plans = new Map(table.columns.map((c) => [c.name, c]));
  const fields: Field[] = [];
  if (page && page.row === row && page.table.numRows > 0) {
    for (const f of page.table.schema.fields) {
      // The app's row index is the heading ("Row n"); a file's own `__row` has another key.
      if (f.name === ROW_INDEX_COLUMN) continue;
      const vector = page.table.getChild(f.name);
      if (!vector) continue;
      const cell = formatCell(vector, 0, FULL_FORMAT);
      const raw: unknown = cell.kind === 'binary' ? vector.get(0) : undefined;
      fields.push({
        name: f.name,
        label: columnLabel({ name: f.name, label: plans.get(f.name)?.label }),
        type: plans.get(f.name)?.typeLabel ?? typeLabel(f.type),
        cell,
        bytes: raw instanceof Uint8Array ? raw : undefined,
      });
    }
  }
  void heavyTick; // re-read the store after a load
  for (const p of heavyPlans) {
    const value = heavy && fileRow !== null ? heavy.peek(p.name, fileRow) : undefined;
    fields.push({
      name: p.name,
      label: columnLabel(p),
      type: heavyTypeLabel(p),
      cell: value === undefined ? undefined : formatHeavyValue(value, FULL_FORMAT),
      bytes: value instanceof Uint8Array ? value : undefined,
    });
  }

  return (
    <aside
      className="ex-detail"
      aria-label="Selected row"
      onKeyDown={(e) => {
        // Esc closes the detail (a value's own dialog closes first: it handles its Esc itself).
        if (e.key === 'Escape' && !(e.target as Element).closest('dialog')) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="ex-detail-head">
        <h2>Row {fileRow ?? row + 1}</h2>
        {onFindSimilar && fileRow !== null ? (
          <button type="button" className="button button-small" onClick={() => onFindSimilar(fileRow)}>
            Find similar
          </button>
        ) : null}
        <button type="button" onClick={onClose} aria-label="Close row details">
          ✕
        </button>
      </header>
      {error ? (
        <p className="ex-error" role="alert">
          {error}
        </p>
      ) : null}
      <dl className="ex-fields">
        {fields.map((f) => (
          <div key={f.name} className="ex-field">
            <dt>
              <span className="ex-field-name">{f.label}</span> <span className="ex-field-type">{f.type}</span>
            </dt>
            <dd>
              {f.cell ? (
                <ValueView cell={f.cell} bytes={f.bytes} name={f.label} />
              ) : (
                <span className="ex-muted">Loading…</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
