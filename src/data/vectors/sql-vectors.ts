import { tableToIPC, type Data, type Table } from 'apache-arrow';
import { MemscopeError, toMemscopeError } from '../../core/errors';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import {
  DUCKDB_MEMORY_SQL,
  sqlVectorBytes,
  sqlVectorStatements,
  sqlVectorTable,
  toSqlVectors,
} from '../../core/vectors/sql-vectors';
import type { DbClient } from '../db/db-client';
import { createRowIndex, dropRowIndex, hasRowIndex } from '../db/row-index';
import type { GroupSpan } from '../heavy-store';

/**
 * "Add vectors to SQL" (docs/similar.md, "Vectors in SQL"): the embedding column, read from the file
 * group by group by the file's own reader (its parquet workers, or an Arrow file's batches), put
 * into the file's DuckDB table as `FLOAT[d]` — never through `number[]`, never whole in memory. The
 * file's table stays queryable all along: the vectors go into a new table beside it, which takes
 * its place in one transaction at the end. Cancel (or a failure) drops what was made so far.
 */

/** Reads an opened file's columns group by group, as stored (lists not made fixed). */
export interface ColumnReader {
  readonly groups: readonly GroupSpan[];
  /** `__row` and `column` of one group. */
  read(group: number, column: string, signal?: AbortSignal): Promise<Table>;
  /** The same, at once, for a file whose columns are in memory (Arrow IPC). */
  readNow?: (group: number, column: string) => Table;
}

export interface SqlVectorsReport {
  column: string;
  dim: number;
  rows: number;
  /** Rows that are NULL in SQL: NULL or holding a NULL element / of another length in the file. */
  nulls: number;
  wrongLength: number;
  /** DuckDB's memory (sum of `duckdb_memory()`), before and after, in bytes. */
  memoryBefore: number;
  memoryAfter: number;
  /** rows × dim × 4: the float32 payload inserted. */
  vectorBytes: number;
}

export interface AddVectorsOptions {
  db: DbClient;
  fileName: string;
  tableName: string;
  column: string;
  dim: number;
  reader: ColumnReader;
  signal?: AbortSignal;
  /** Rows put in so far, of `total`. */
  onProgress?: (rows: number, total: number) => void;
}

/** Where DuckDB runs these statements: its own connection, so the grid and the editor are not held up. */
const CHANNEL = 'sql-vectors';

export async function duckdbMemoryBytes(db: DbClient): Promise<number> {
  const r = await db.query(DUCKDB_MEMORY_SQL, { cache: false });
  return Number(r.table.getChildAt(0)?.get(0) ?? 0);
}

/** The column's DuckDB type (`FLOAT[384]`) when the file's table has it, else null. */
export async function sqlColumnType(db: DbClient, tableName: string, column: string): Promise<string | null> {
  const { typeOf } = sqlVectorStatements({ table: tableName, column, dim: 1, staging: '', building: '' });
  const r = await db.query(typeOf, { params: [tableName, column], cache: false });
  return r.table.numRows > 0 ? String(r.table.getChildAt(0)?.get(0)) : null;
}

let runs = 0;

export async function addVectorsToSql(options: AddVectorsOptions): Promise<SqlVectorsReport> {
  const { db, fileName, tableName, column, dim, reader, signal } = options;
  const suffix = `${Date.now().toString(36)}_${++runs}`;
  const staging = `__memscope_vectors_stage_${suffix}`;
  const sql = sqlVectorStatements({
    table: tableName,
    column,
    dim,
    staging,
    building: `__memscope_vectors_${suffix}`,
  });
  const total = reader.groups.reduce((n, g) => n + g.rows, 0);
  const checkAborted = () => {
    if (signal?.aborted)
      throw new MemscopeError({
        code: 'cancelled',
        file: fileName,
        message: `${fileName}: adding the vectors to SQL was cancelled; the table is as it was.`,
      });
  };
  try {
    if ((await sqlColumnType(db, tableName, column)) !== null) {
      throw new MemscopeError({
        code: 'invalid-input',
        file: fileName,
        message: `The table ${tableName} already has a column "${column}".`,
        hint: 'Remove it first (Remove vectors from SQL, or ALTER TABLE … DROP COLUMN).',
      });
    }
    const memoryBefore = await duckdbMemoryBytes(db);
    await db.query(sql.create, { cache: false, channel: CHANNEL, signal });
    let rows = 0;
    let nulls = 0;
    let wrongLength = 0;
    options.onProgress?.(0, total);
    for (let g = 0; g < reader.groups.length; g++) {
      checkAborted();
      const span = reader.groups[g] as GroupSpan;
      if (span.rows === 0) continue;
      const staged = stagingTable(await reader.read(g, column, signal), column, dim, fileName);
      checkAborted();
      nulls += staged.nulls;
      wrongLength += staged.wrongLength;
      await db.query(sql.dropStaging, { cache: false, channel: CHANNEL });
      await db.insertArrowIpc(staging, tableToIPC(staged.table, 'stream'), { create: true });
      await db.query(sql.fill(span.firstRow, span.firstRow + span.rows), {
        cache: false,
        channel: CHANNEL,
        signal,
      });
      rows += span.rows;
      options.onProgress?.(rows, total);
    }
    checkAborted();
    await db.query(sql.dropStaging, { cache: false, channel: CHANNEL });
    // The old table's row index goes with it; the new one gets its own.
    const indexed = await hasRowIndex(db, tableName);
    await db.query(sql.swap, { cache: false, channel: CHANNEL });
    if (indexed) await createRowIndex(db, tableName);
    db.invalidate();
    const memoryAfter = await duckdbMemoryBytes(db);
    return {
      column,
      dim,
      rows,
      nulls,
      wrongLength,
      memoryBefore,
      memoryAfter,
      vectorBytes: sqlVectorBytes(rows, dim),
    };
  } catch (err) {
    // Best effort: the file's own table was not touched until the swap, which is one transaction.
    await db.query('ROLLBACK', { cache: false, channel: CHANNEL }).catch(() => undefined);
    await db.query(sql.dropStaging, { cache: false }).catch(() => undefined);
    await db.query(sql.dropBuilding, { cache: false }).catch(() => undefined);
    db.invalidate();
    checkAborted();
    const e = toMemscopeError(err, { code: 'sql', file: fileName });
    if (e.code === 'cancelled' || e.code === 'invalid-input' || e.code === 'unsupported') throw e;
    throw new MemscopeError({
      ...e.toPayload(),
      file: fileName,
      message: `${fileName}: the vectors of "${column}" could not be added to SQL: ${e.message}`,
      hint: e.hint ?? 'The table is as it was; close other files to free memory, then try again.',
    });
  }
}

/** "Remove vectors from SQL": drops the column; returns DuckDB's memory before and after. */
export async function removeVectorsFromSql(
  db: DbClient,
  tableName: string,
  column: string,
): Promise<{ memoryBefore: number; memoryAfter: number }> {
  const memoryBefore = await duckdbMemoryBytes(db);
  const { remove } = sqlVectorStatements({ table: tableName, column, dim: 1, staging: '', building: '' });
  // DuckDB refuses DROP COLUMN on a table with an index: the row index steps aside meanwhile.
  const indexed = await hasRowIndex(db, tableName);
  if (indexed) await dropRowIndex(db, tableName);
  try {
    await db.query(remove, { cache: false });
  } finally {
    if (indexed) await createRowIndex(db, tableName);
    db.invalidate();
  }
  return { memoryBefore, memoryAfter: await duckdbMemoryBytes(db) };
}

/** One group as `(__row, FLOAT[dim])`, with what became NULL. */
function stagingTable(table: Table, column: string, dim: number, fileName: string) {
  const col = table.getChild(column);
  const rowCol = table.getChild(ROW_INDEX_COLUMN);
  if (!col || !rowCol) {
    throw new MemscopeError({
      code: 'internal',
      file: fileName,
      message: `${fileName}: no column "${column}" to add.`,
    });
  }
  let nulls = 0;
  let wrongLength = 0;
  const parts = col.data.map((data: Data, b: number) => {
    let out;
    try {
      out = toSqlVectors(data, dim);
    } catch (err) {
      throw new MemscopeError({
        code: 'unsupported',
        file: fileName,
        message: `${fileName}: the column "${column}" cannot be added to SQL as FLOAT[${dim}].`,
        hint: 'Only lists of floats become vectors.',
        detail: err instanceof Error ? err.message : String(err),
      });
    }
    nulls += out.nulls;
    wrongLength += out.wrongLength;
    const rowValues = (rowCol.data[b] as Data).values as BigInt64Array | Int32Array;
    const rows =
      rowValues instanceof BigInt64Array ? rowValues : BigInt64Array.from(rowValues, (v) => BigInt(v));
    return sqlVectorTable(rows.subarray(0, data.length), column, out);
  });
  const [first, ...rest] = parts;
  if (!first)
    throw new MemscopeError({ code: 'internal', file: fileName, message: `${fileName}: an empty read.` });
  return { table: rest.reduce((t, p) => t.concat(p), first), nulls, wrongLength };
}
