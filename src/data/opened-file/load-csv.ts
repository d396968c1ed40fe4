import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { planColumns } from '../../core/schema/plan-columns';
import { quoteIdentifier } from '../../core/sql/identifiers';
import type { CsvOptions } from '../csv/csv-options';
import { createCsvTable } from '../csv/load-csv';
import { localFile, mark, type LoadContext } from './load-context';

/**
 * CSV -> DuckDB with DuckDB's core reader (no extension needed), through src/data/csv (sniffing
 * checked against the first bytes, typed errors, the options the user may change). The file is
 * registered under a name of ours; rows get `__row` in file order, the same meaning as for Parquet.
 * Every column is queryable in DuckDB, whatever its size.
 */
export async function loadCsv(ctx: LoadContext, options: CsvOptions | undefined): Promise<void> {
  const { deps, fileName } = ctx;
  ctx.update({ status: 'loading', progress: { done: 0, total: ctx.file.size, unit: 'bytes' } });
  await deps.db.ready();
  const tableName = await ctx.claimTableName();
  ctx.checkAborted();
  const csv = await createCsvTable(deps.db, {
    file: localFile(ctx),
    fileName,
    registeredName: `memscope_${ctx.id}.${fileName.toLowerCase().endsWith('.tsv') ? 'tsv' : 'csv'}`,
    tableName,
    rowColumn: ROW_INDEX_COLUMN,
    ...(options ? { options } : {}),
    signal: ctx.signal,
  });
  ctx.tableCreated();
  ctx.checkAborted();
  deps.db.invalidate();
  const q = quoteIdentifier(tableName);
  const count = await deps.db.query(`SELECT count(*) AS n FROM ${q}`, { cache: false });
  const schema = await deps.db.query(`SELECT * FROM ${q} LIMIT 0`, { cache: false });
  const fields = schema.table.schema.fields.filter((f) => f.name !== ROW_INDEX_COLUMN);
  // DuckDB named the columns (unique, never empty, never `__row`: they are the keys); the labels
  // are the header's cells as written, when there is one header cell per column.
  const labels = csv.headerNames?.length === fields.length ? csv.headerNames : null;
  const columns = planColumns(fields, { rows: 0, uncompressedBytes: new Map() }).map((c, i) => ({
    ...c,
    label: labels?.[i] ?? c.label,
    destination: 'duckdb' as const,
    reason: 'CSV: read by DuckDB',
  }));
  const rows = Number(count.table.getChild('n')?.get(0) ?? 0);
  mark(`ms:first-batch:${fileName}`);
  ctx.update({
    csv,
    rowCount: rows,
    columns,
    progress: { done: ctx.file.size, total: ctx.file.size, unit: 'bytes' },
    timings: { firstRowsMs: performance.now() - ctx.t0 },
  });
}
