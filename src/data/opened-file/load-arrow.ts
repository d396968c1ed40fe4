import { tableToIPC, type Table } from 'apache-arrow';
import { isFloatFixedList } from '../../core/schema/arrow-guards';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { duckdbColumns, heavyColumns, planColumns } from '../../core/schema/plan-columns';
import { readArrowIpcFile } from '../arrow-ipc';
import { RowGroupHeavyStore } from '../heavy-store';
import { localFile, mark, type LoadContext } from './load-context';
import type { ColumnReader } from '../vectors/sql-vectors';

/**
 * Arrow IPC (file or stream) -> DuckDB: read whole with apache-arrow (IPC has no footer to read
 * lazily), light columns inserted into DuckDB, heavy columns served from the table in memory.
 */
export async function loadArrow(ctx: LoadContext): Promise<void> {
  const { deps, fileName } = ctx;
  ctx.update({ status: 'loading', progress: { done: 0, total: 1, unit: 'row-groups' } });
  const read = readArrowIpcFile(new Uint8Array(await localFile(ctx).arrayBuffer()), fileName);
  const table: Table = read.table;
  ctx.checkAborted();
  // Vectors as normalization found them (by key; the app's `__row` is never one).
  const dims = new Map<string, number>();
  for (const f of table.schema.fields) if (isFloatFixedList(f.type)) dims.set(f.name, f.type.listSize);
  const plan = planColumns(read.fields, { rows: table.numRows, uncompressedBytes: new Map() }, dims);
  const heavyNames = heavyColumns(plan);
  ctx.setHeavy(
    heavyNames.length === 0
      ? null
      : new RowGroupHeavyStore(
          heavyNames,
          [{ firstRow: 0, rows: table.numRows }],
          // The whole file is in memory already: "decoding" a group is selecting the column.
          async (_group, column) => table.select([column]),
          Number.POSITIVE_INFINITY,
        ),
  );
  ctx.setColumnReader(inMemoryReader(table));
  ctx.update({ columns: plan, rowCount: table.numRows });
  await deps.db.ready();
  const tableName = await ctx.claimTableName();
  ctx.checkAborted();
  const ipc = tableToIPC(table.select([ROW_INDEX_COLUMN, ...duckdbColumns(plan)]), 'stream');
  await deps.db.insertArrowIpc(tableName, ipc, { create: true });
  ctx.tableCreated();
  deps.db.invalidate();
  mark(`ms:first-batch:${fileName}`);
  ctx.update({
    progress: { done: 1, total: 1, unit: 'row-groups' },
    timings: { firstRowsMs: performance.now() - ctx.t0 },
  });
}

/** Rows per group when the file's columns are read again (the vector index, "Add vectors to SQL"). */
export const ARROW_GROUP_ROWS = 65_536;

/**
 * The in-memory table's columns in groups of ARROW_GROUP_ROWS rows (slices: no copy), so two
 * vector workers share the work and progress moves even when the file is one record batch.
 */
function inMemoryReader(table: Table): ColumnReader {
  const groups: { firstRow: number; rows: number }[] = [];
  for (let r = 0; r < table.numRows; r += ARROW_GROUP_ROWS)
    groups.push({ firstRow: r, rows: Math.min(ARROW_GROUP_ROWS, table.numRows - r) });
  const readNow = (group: number, column: string): Table => {
    const g = groups[group] ?? { firstRow: 0, rows: 0 };
    return table.slice(g.firstRow, g.firstRow + g.rows).select([ROW_INDEX_COLUMN, column]);
  };
  return { groups, readNow, read: async (group, column) => readNow(group, column) };
}
