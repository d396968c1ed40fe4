import {
  Field,
  FixedSizeList,
  Float32,
  Int64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  type Data,
} from 'apache-arrow';
import { ROW_INDEX_COLUMN } from '../schema/column-plan';
import { NULL_ELEMENT, NULL_ROW, WRONG_LENGTH, floatList, isValid } from '../arrow/list-values';
import { quoteIdentifier } from '../sql/identifiers';
import { float32FixedListData } from '../arrow/from-buffers';

/**
 * "Add vectors to SQL" (docs/similar.md, "Vectors in SQL"), the pure half: one batch of an embedding
 * column as DuckDB's `FLOAT[d]` (an Arrow FixedSizeList<Float32>[d], which DuckDB reads as an ARRAY),
 * built from the buffers (apache-arrow's builders need eval, which the CSP refuses), and the SQL
 * statements that put the column into the file's table group by group and take it out again.
 */

export interface SqlVectorBatch {
  /** FixedSizeList<Float32>[dim]: NULL where the row is NULL, holds a NULL or has another length. */
  data: Data<FixedSizeList<Float32>>;
  /** NULL rows and rows with a NULL element. */
  nulls: number;
  wrongLength: number;
}

export function sqlVectorType(dim: number): FixedSizeList<Float32> {
  return new FixedSizeList(dim, new Field('item', new Float32(), true));
}

/**
 * One batch of a List, LargeList or FixedSizeList of Float16/32/64 as FixedSizeList<Float32>[dim].
 * A FixedSizeList<Float32>[dim] whose elements have no NULL is passed through (no copy); anything
 * else is copied once into one Float32Array. Rows that cannot be a `FLOAT[dim]` become NULL and are
 * counted; NaN and ±Infinity stay (they are values a FLOAT holds).
 * @throws TypeError when the column is not a list of floats
 */
export function toSqlVectors(data: Data, dim: number): SqlVectorBatch {
  const list = floatList(data, dim);
  const n = data.length;
  if (list.denseFixed && list.values instanceof Float32Array) {
    const nulls = data.nullCount;
    const valid = nulls > 0 ? { bitmap: rebase(data), nullCount: nulls } : null;
    return {
      data: float32FixedListData(list.values.subarray(0, n * dim), dim, valid),
      nulls,
      wrongLength: 0,
    };
  }
  const out = new Float32Array(n * dim);
  const valid = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  let wrongLength = 0;
  for (let i = 0; i < n; i++) {
    const start = list.start(i);
    if (start === NULL_ROW || start === NULL_ELEMENT) nulls++;
    else if (start === WRONG_LENGTH) wrongLength++;
    else {
      for (let j = 0; j < dim; j++) out[i * dim + j] = list.values[start + j] as number;
      valid[i >> 3] = (valid[i >> 3] as number) | (1 << (i & 7));
    }
  }
  const bad = nulls + wrongLength;
  return { data: float32FixedListData(out, dim, { bitmap: valid, nullCount: bad }), nulls, wrongLength };
}

function rebase(data: Data): Uint8Array {
  const out = new Uint8Array((data.length + 7) >> 3);
  for (let i = 0; i < data.length; i++) {
    if (isValid(data.nullBitmap, data.nullCount, data.offset + i))
      out[i >> 3] = (out[i >> 3] as number) | (1 << (i & 7));
  }
  return out;
}

/** A table `(__row BIGINT, <column> FLOAT[dim])` of one batch, ready for tableToIPC. */
export function sqlVectorTable(rows: BigInt64Array, column: string, batch: SqlVectorBatch): Table {
  const dim = (batch.data.type as FixedSizeList).listSize;
  const fields = [
    new Field(ROW_INDEX_COLUMN, new Int64(), false),
    new Field(column, sqlVectorType(dim), true),
  ];
  const schema = new Schema(fields);
  const rowData = makeData({ type: new Int64(), length: rows.length, nullCount: 0, data: rows });
  const struct = makeData({
    type: new Struct(fields),
    length: rows.length,
    nullCount: 0,
    children: [rowData, batch.data],
  });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}

/** The tables one "Add vectors to SQL" works with (`staging` and `building` are its own). */
export interface SqlVectorTables {
  table: string;
  column: string;
  dim: number;
  /** Holds one row group's `(__row, vector)` at a time. */
  staging: string;
  /** The table with the vectors, filled group by group, then renamed to `table`. */
  building: string;
}

/** The statements, every identifier quoted (the names come from the file). */
export function sqlVectorStatements(t: SqlVectorTables) {
  const table = quoteIdentifier(t.table);
  const column = quoteIdentifier(t.column);
  const staging = quoteIdentifier(t.staging);
  const building = quoteIdentifier(t.building);
  const row = quoteIdentifier(ROW_INDEX_COLUMN);
  return {
    /** The new table: every column of the file's table, then the vectors (no rows yet). */
    create: `CREATE TABLE ${building} AS SELECT ${table}.*, CAST(NULL AS FLOAT[${t.dim}]) AS ${column} FROM ${table} LIMIT 0`,
    /** One row group's rows `[from, to)` with their vectors (NULL where the staging table has none). */
    fill: (from: number, to: number) => {
      // Row numbers from the footer, spliced (DuckDB cannot bind inside this INSERT's plan cheaply):
      // integers only.
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to))
        throw new RangeError('row range must be integers');
      return `INSERT INTO ${building} SELECT ${table}.*, ${staging}.${column} FROM ${table} LEFT JOIN ${staging} ON ${table}.${row} = ${staging}.${row} WHERE ${table}.${row} >= ${from} AND ${table}.${row} < ${to} ORDER BY ${table}.${row}`;
    },
    /** The new table takes the old one's place in one transaction: no query sees neither. */
    swap: `BEGIN TRANSACTION; DROP TABLE ${table}; ALTER TABLE ${building} RENAME TO ${quoteIdentifier(t.table)}; COMMIT`,
    dropStaging: `DROP TABLE IF EXISTS ${staging}`,
    dropBuilding: `DROP TABLE IF EXISTS ${building}`,
    /** "Remove vectors from SQL". */
    remove: `ALTER TABLE ${table} DROP COLUMN IF EXISTS ${column}`,
    /** The column as DuckDB sees it (1 row: its type), to tell whether it is there. */
    typeOf: `SELECT data_type FROM information_schema.columns WHERE table_schema = 'main' AND lower(table_name) = lower(?) AND column_name = ?`,
  };
}

/** Bytes DuckDB holds in memory, over every tag (the figure before and after adding). */
export const DUCKDB_MEMORY_SQL =
  'SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS bytes FROM duckdb_memory()';

/** The float32 payload of `rows` vectors of `dim`: what the column needs at the least. */
export function sqlVectorBytes(rows: number, dim: number): number {
  return rows * dim * 4;
}
