import {
  Binary,
  Field,
  Int32,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm/esm';

/**
 * A small file whose column names DuckDB cannot take as they are (issue 10 item 2): two names
 * that differ only in case, an empty name, a repeated name (a light and a heavy one), and the
 * app's own `__row`, with its rows in reverse so a mix-up shows. Built here, not stored, so every
 * writer-side choice is visible. Needs parquet-wasm initialised (initParquetWasmNode).
 */
export const AWKWARD_COLUMNS: { name: string; type: DataType; values: unknown[] }[] = [
  { name: 'A', type: new Int32(), values: [1, 2, 3] },
  { name: 'a', type: new Int32(), values: [10, 20, 30] },
  { name: '', type: new Utf8(), values: ['e0', 'e1', 'e2'] },
  { name: 'x', type: new Int32(), values: [7, 8, 9] },
  { name: 'x', type: new Int32(), values: [70, 80, 90] },
  { name: '__row', type: new Utf8(), values: ['r2', 'r1', 'r0'] },
  { name: 'blob', type: new Binary(), values: [bytes(1), bytes(2), bytes(3)] },
  { name: 'blob', type: new Binary(), values: [bytes(101), bytes(102), bytes(103)] },
];

/** The keys memscope gives those columns (core/schema/column-keys.ts), in order. */
export const AWKWARD_KEYS = ['A', 'a_1', 'column2', 'x', 'x_1', '__row_1', 'blob', 'blob_1'];

function bytes(n: number): Uint8Array {
  return new Uint8Array([n, n, n]);
}

export function awkwardTable(): Table {
  const fields = AWKWARD_COLUMNS.map((c) => new Field(c.name, c.type, true));
  const children = AWKWARD_COLUMNS.map(
    (c, i) => vectorFromArray(c.values as never, fields[i]!.type).data[0]!,
  );
  const data = makeData({ type: new Struct(fields), length: 3, nullCount: 0, children });
  return new Table([new RecordBatch(new Schema(fields), data)]);
}

export function awkwardParquet(): Uint8Array {
  return writeParquet(WasmTable.fromIPCStream(tableToIPC(awkwardTable(), 'stream')));
}

/** The same file as CSV (no binary columns: CSV has none). */
export const AWKWARD_CSV = 'A,a,,x,x,__row\n1,10,e0,7,70,r2\n2,20,e1,8,80,r1\n3,30,e2,9,90,r0\n';
