import { Int32, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { GridColumn } from '../../core/grid-source';
import type { DbClient } from '../../data/db/db-client';
import { WarmUpBox } from '../../components/warm-up/warm-up-box';
import { ExploreTitle } from './explore-title';
import { FilterBar } from './filter-bar';
import { GoToMemory } from './go-to-memory';
import { TableExport } from './table-export';
import { TextSearch } from './text-search';

/** Four columns of a memory store: as the grid sees them, with the role the load gives them. */
const COLUMNS: readonly (GridColumn & { role: ColumnPlan['role'] })[] = [
  { name: 'memory_id', type: new Utf8(), role: 'id' },
  { name: 'content', type: new Utf8(), role: 'text' },
  { name: 'created_at', type: new TimestampMillisecond(), role: 'time' },
  { name: 'access_count', type: new Int32(), role: 'other' },
];
/** The same columns as the load plans them. */
const PLANS: readonly ColumnPlan[] = COLUMNS.map(({ name, type, role }) => ({
  name,
  label: name,
  arrowType: String(type),
  role,
  destination: 'duckdb',
  reason: 'warm-up',
}));
const ID_COLUMN = PLANS[0] as ColumnPlan;
const noop = () => undefined;

/**
 * The Explore toolbar rendered hidden once while the app is idle after start-up, beside the grid's
 * warm-up and for the same reason (components/data-grid/grid-warm-up.tsx): V8 compiles functions
 * on their first call, and the first file's toolbar ran its code cold in the render of its first
 * rows (docs/data-path.md, item 14). Its heading is there for the browser's font lookups: the first
 * text in a new font size asks the browser process for that font, synchronously, in the layout of
 * the frame that shows it (item 15). Nothing is queried: the table is never `ready`.
 * The app mounts it only while no file is shown, so its labels ("Go to memory", "Export") never
 * stand beside a real toolbar's.
 */
export function ToolbarWarmUp({ db }: { db: DbClient }) {
  // What Export and Go to memory share: a table that is never ready, an unsorted, unfiltered view.
  const view = {
    db,
    table: 'warm_up',
    fileName: 'warm-up.parquet',
    ready: false,
    sort: null,
    filters: [],
    tiebreaker: undefined,
  };
  return (
    <WarmUpBox className="ex-warm-up">
      <ExploreTitle fileName={view.fileName} tableName={view.table} />
      <TextSearch value="" columns={['content']} onChange={noop} />
      <FilterBar columns={COLUMNS} filters={[]} onChange={noop} />
      <TableExport {...view} columns={PLANS} heavy={null} labels={new Map()} />
      <GoToMemory {...view} idColumn={ID_COLUMN} onFound={noop} />
    </WarmUpBox>
  );
}
