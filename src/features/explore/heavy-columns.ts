import { CELL_FORMAT, FULL_FORMAT } from '../../core/format/cell-value';
import { formatHeavyValue } from '../../core/format/heavy-value';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { GridExtraColumn } from '../../components/data-grid/data-grid';
import type { HeavyColumnStore } from '../../data/heavy-store';

/** "float32[384]" for a vector column, else the Arrow type as the ingest plan printed it. */
export function heavyTypeLabel(plan: ColumnPlan): string {
  if (plan.vectorDim) return `vector[${plan.vectorDim}]`;
  return plan.typeLabel ?? plan.arrowType.toLowerCase();
}

/** Grid columns for the heavy columns (kept outside DuckDB), read through the HeavyColumnStore by `__row`. */
export function heavyGridColumns(
  plans: readonly ColumnPlan[],
  store: HeavyColumnStore | null,
): GridExtraColumn[] {
  if (!store) return [];
  return plans
    .filter((p) => p.destination === 'heavy' && store.columns.includes(p.name))
    .map((p) => ({
      name: p.name,
      label: p.label,
      typeLabel: heavyTypeLabel(p),
      width: p.vectorDim ? 140 : 200,
      getCell(fileRow, mode) {
        const value = store.peek(p.name, fileRow);
        return value === undefined
          ? undefined
          : formatHeavyValue(value, mode === 'full' ? FULL_FORMAT : CELL_FORMAT);
      },
      getBytes(fileRow) {
        const value = store.peek(p.name, fileRow);
        return value instanceof Uint8Array ? value : undefined;
      },
      load: (rows, signal) => store.ensure(p.name, rows, signal),
    }));
}
