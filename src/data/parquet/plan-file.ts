import { tableFromIPC, type Data } from 'apache-arrow';
import type { ColumnPlan } from '../../core/schema/column-plan';
import { isFloatList } from '../../core/schema/arrow-guards';
import { MIN_VECTOR_DIM, uniformListLength } from '../../core/schema/normalize';
import { planColumns } from '../../core/schema/plan-columns';
import { columnKeys } from '../../core/schema/column-keys';
import type { ParquetFooter, ReadRequest } from './parquet-reader';

/** Rows decoded to decide whether a float list is a vector: cheap (one page of one row group). */
export const VECTOR_PROBE_ROWS = 64;

/**
 * The column plan of a Parquet file: the footer's schema and sizes, plus one small probe read for
 * float-list columns (Parquet stores FLOAT[d] as a variable list unless the writer kept the Arrow
 * schema, so only decoded rows can say whether every row has the same length).
 */
export async function planParquetFile(
  footer: ParquetFooter,
  read: (request: ReadRequest) => Promise<Uint8Array>,
): Promise<ColumnPlan[]> {
  const probe = vectorProbeRequest(footer);
  return planFromProbe(footer, probe ? await read(probe) : null);
}

/**
 * The read that decides which float lists are vectors, or null when the footer alone decides (no
 * variable float list, or no rows): then planFromProbe runs without waiting for anything.
 */
export function vectorProbeRequest(footer: ParquetFooter): ReadRequest | null {
  const floatLists = floatListKeys(footer);
  const firstGroup = footer.rowGroups.findIndex((rg) => rg.rows > 0);
  if (floatLists.length === 0 || firstGroup < 0) return null;
  // `vectors: {}` = convert nothing: the probe wants the lists as stored.
  return { rowGroups: [firstGroup], columns: floatLists, vectors: {}, limit: VECTOR_PROBE_ROWS };
}

/** The column plan from the footer and the probe's rows (null: no probe was needed). */
export function planFromProbe(footer: ParquetFooter, probeIpc: Uint8Array | null): ColumnPlan[] {
  const schema = tableFromIPC(footer.arrowSchemaIpc).schema;
  const uncompressedBytes = new Map<string, number>();
  for (const c of footer.columns) {
    const top = c.path.split('.')[0] ?? c.path;
    uncompressedBytes.set(top, (uncompressedBytes.get(top) ?? 0) + c.uncompressedBytes);
  }
  const vectorDims = new Map<string, number>();
  if (probeIpc) {
    const probe = tableFromIPC(probeIpc);
    for (const name of floatListKeys(footer)) {
      const col = probe.schema.fields.findIndex((f) => f.name === name);
      if (col < 0) continue;
      let dim: number | null = null;
      let uniform = probe.batches.length > 0;
      for (const batch of probe.batches) {
        const d = uniformListLength(batch.data.children[col] as Data);
        if (d === null || d < MIN_VECTOR_DIM || (dim !== null && d !== dim)) uniform = false;
        dim = d;
      }
      if (uniform && dim !== null) vectorDims.set(name, dim);
    }
  }
  return planColumns(schema.fields, { rows: footer.rows, uncompressedBytes }, vectorDims);
}

/** Keys (core/schema/column-keys.ts) of the file's float-list columns: reads name columns by key. */
function floatListKeys(footer: ParquetFooter): string[] {
  const fields = tableFromIPC(footer.arrowSchemaIpc).schema.fields;
  const keys = columnKeys(fields.map((f) => f.name));
  return keys.filter((_, i) => isFloatList((fields[i] as (typeof fields)[number]).type));
}
