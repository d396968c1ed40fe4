import { MemscopeError, toMemscopeError } from '../../core/errors';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import { planColumns } from '../../core/schema/plan-columns';
import { quoteIdentifier } from '../../core/sql/identifiers';
import { mark, type LoadContext } from './load-context';

/**
 * CSV -> DuckDB with DuckDB's core reader (no extension needed). The file is registered under a
 * name of ours, so it can sit in a SQL string literal safely; rows get `__row` in file order, the
 * same meaning as for Parquet. Every column is queryable in DuckDB, whatever its size.
 */
export async function loadCsv(ctx: LoadContext): Promise<void> {
  const { deps, fileName } = ctx;
  ctx.update({ status: 'loading', progress: { done: 0, total: ctx.file.size, unit: 'bytes' } });
  await deps.db.ready();
  const registered = `memscope_${ctx.id}.${fileName.toLowerCase().endsWith('.tsv') ? 'tsv' : 'csv'}`;
  await deps.db.registerFile(registered, ctx.file);
  const tableName = await ctx.claimTableName();
  ctx.checkAborted();
  const q = quoteIdentifier(tableName);
  try {
    await deps.db.query(
      `CREATE TABLE ${q} AS SELECT (row_number() OVER () - 1)::BIGINT AS ${quoteIdentifier(ROW_INDEX_COLUMN)}, * FROM read_csv_auto('${registered}')`,
      { cache: false, signal: ctx.signal },
    );
  } catch (err) {
    const e = toMemscopeError(err, { code: 'corrupt', file: fileName });
    if (e.code === 'cancelled') throw e;
    throw new MemscopeError({
      code: 'corrupt',
      file: fileName,
      message: `${fileName} could not be read as CSV (${e.message}).`,
      hint: 'Check that it is comma- or tab-separated text with one header row, or convert it to Parquet.',
      detail: e.detail ?? e.message,
    });
  }
  ctx.tableCreated();
  deps.db.invalidate();
  const count = await deps.db.query(`SELECT count(*) AS n FROM ${q}`, { cache: false });
  const schema = await deps.db.query(`SELECT * FROM ${q} LIMIT 0`, { cache: false });
  const fields = schema.table.schema.fields.filter((f) => f.name !== ROW_INDEX_COLUMN);
  const columns = planColumns(fields, { rows: 0, uncompressedBytes: new Map() }).map((c) => ({
    ...c,
    destination: 'duckdb' as const,
    reason: 'CSV: read by DuckDB',
  }));
  const rows = Number(count.table.getChild('n')?.get(0) ?? 0);
  mark(`ms:first-batch:${fileName}`);
  ctx.update({
    rowCount: rows,
    columns,
    progress: { done: ctx.file.size, total: ctx.file.size, unit: 'bytes' },
    timings: { firstRowsMs: performance.now() - ctx.t0 },
  });
}
