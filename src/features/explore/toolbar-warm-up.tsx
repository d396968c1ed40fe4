import { Int32, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { GridColumn } from '../../core/grid-source';
import type { DbClient } from '../../data/db/db-client';
import { FilterBar } from './filter-bar';
import { GoToMemory } from './go-to-memory';
import { TableExport } from './table-export';
import { TextSearch } from './text-search';

const plan = (name: string, arrowType: string, role: ColumnPlan['role']): ColumnPlan => ({
  name,
  label: name,
  arrowType,
  role,
  destination: 'duckdb',
  reason: 'warm-up',
});

const PLANS: readonly ColumnPlan[] = [
  plan('memory_id', 'Utf8', 'id'),
  plan('content', 'Utf8', 'text'),
  plan('created_at', 'Timestamp<MILLISECOND>', 'time'),
  plan('access_count', 'Int32', 'other'),
];
const COLUMNS: readonly GridColumn[] = [
  { name: 'memory_id', type: new Utf8() },
  { name: 'content', type: new Utf8() },
  { name: 'created_at', type: new TimestampMillisecond() },
  { name: 'access_count', type: new Int32() },
];
const ID_COLUMN = PLANS[0] as ColumnPlan;
const noop = () => undefined;

/**
 * The Explore toolbar's controls rendered hidden once while the app is idle after start-up, beside
 * the grid's warm-up and for the same reason (components/data-grid/grid-warm-up.tsx): V8 compiles
 * functions on their first call, and the first file's toolbar ran its code cold in the render of
 * its first rows (docs/data-path.md, item 14). Nothing is queried: the table is never `ready`.
 * The app mounts it only while no file is shown, so its labels ("Go to memory", "Export") never
 * stand beside a real toolbar's.
 */
export function ToolbarWarmUp({ db }: { db: DbClient }) {
  return (
    <div className="ex-warm-up" aria-hidden="true" inert>
      <TextSearch value="" columns={['content']} onChange={noop} />
      <FilterBar columns={COLUMNS} filters={[]} onChange={noop} />
      <TableExport
        db={db}
        table="warm_up"
        fileName="warm-up.parquet"
        columns={PLANS}
        heavy={null}
        sort={null}
        filters={[]}
        tiebreaker={undefined}
        labels={new Map()}
        ready={false}
      />
      <GoToMemory
        db={db}
        table="warm_up"
        fileName="warm-up.parquet"
        idColumn={ID_COLUMN}
        ready={false}
        sort={null}
        filters={[]}
        tiebreaker={undefined}
        onFound={noop}
      />
    </div>
  );
}
