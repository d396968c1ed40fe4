import {
  Binary,
  Field,
  Float32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  type Data,
  type DataType,
} from 'apache-arrow';
import { binaryData, float32ListData, utf8Data } from '../../core/arrow/from-buffers';
import { ROW_INDEX_COLUMN, type ColumnPlan } from '../../core/schema/column-plan';
import type { HeavyColumnStore, HeavyValue } from '../heavy-store';

/**
 * Heavy columns in an export, on request: vectors, binary and very long text never enter DuckDB
 * (docs/data-path.md), so each exported page's rows (`__row`) are read from the file through the
 * file's heavy store — the row groups they fall in, decoded by the file's worker — and the page is
 * put back together in the file's column order.
 */
export interface HeavyExport {
  store: HeavyColumnStore;
  /** The file's columns in its order: DuckDB's and the heavy ones (destination 'heavy') together. */
  columns: readonly ColumnPlan[];
}

/** The heavy columns an export can add: those the store holds. */
export function exportableHeavy(heavy: HeavyExport): ColumnPlan[] {
  return heavy.columns.filter((c) => c.destination === 'heavy' && heavy.store.columns.includes(c.name));
}

/** The Arrow type a heavy column is exported as: vectors as list<float32>, bytes as binary, text as utf8. */
export function heavyArrowType(plan: ColumnPlan): DataType {
  if (plan.vectorDim !== undefined) return new List(new Field('item', new Float32(), true));
  return /binary/i.test(plan.arrowType) ? new Binary() : new Utf8();
}

/**
 * One exported page with its heavy columns: `page` holds DuckDB's columns and `__row`; the result
 * holds every column of `keys` (file order, `__row` left out), heavy ones read from the file.
 */
export async function withHeavyColumns(
  page: Table,
  heavy: HeavyExport,
  keys: readonly string[],
  signal?: AbortSignal,
): Promise<Table> {
  const plans = new Map(exportableHeavy(heavy).map((p) => [p.name, p]));
  const batches: RecordBatch[] = [];
  let schema: Schema | null = null;
  for (const batch of page.batches) {
    const rowVector = batch.getChild(ROW_INDEX_COLUMN);
    if (!rowVector) throw new Error(`The page has no ${ROW_INDEX_COLUMN} column.`);
    const rows = Array.from({ length: batch.numRows }, (_, i) => Number(rowVector.get(i)));
    const children: Data[] = [];
    for (const key of keys) {
      const plan = plans.get(key);
      const data = plan
        ? heavyData(await heavyValues(heavy.store, key, rows, signal), heavyArrowType(plan))
        : batch.getChild(key)?.data[0];
      if (!data) throw new Error(`The page has no column ${key}.`);
      children.push(data);
    }
    schema ??= new Schema(keys.map((k, i) => new Field(k, children[i]!.type, true)));
    batches.push(
      new RecordBatch(
        schema,
        makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }),
      ),
    );
  }
  return schema ? new Table(schema, batches) : new Table();
}

/** Arrow data for heavy values (core/arrow/from-buffers.ts: no builders under the CSP). */
function heavyData(values: readonly HeavyValue[], type: DataType): Data {
  if (type instanceof List) return float32ListData(values as (Float32Array | null)[], type.children[0]!);
  if (type instanceof Binary) return binaryData(values as (Uint8Array | null)[]);
  return utf8Data(values as (string | null)[]);
}

/**
 * One heavy column's values for `rows`. The store loads the row groups the rows fall in and may
 * evict some again under its memory budget before they are read (a sorted page spans many groups):
 * a value evicted in between is loaded again on its own.
 */
async function heavyValues(
  store: HeavyColumnStore,
  column: string,
  rows: readonly number[],
  signal?: AbortSignal,
): Promise<HeavyValue[]> {
  await store.ensure(column, rows, signal);
  const out: HeavyValue[] = [];
  for (const row of rows) {
    let value = store.peek(column, row);
    if (value === undefined) {
      await store.ensure(column, [row], signal);
      value = store.peek(column, row);
    }
    out.push(value ?? null);
  }
  return out;
}
