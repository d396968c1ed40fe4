import { formatBytesBinary } from '../format/quantities';
import { DataType, type Field } from 'apache-arrow';
import type { ColumnPlan } from './column-plan';
import { detectRole } from './column-roles';
import { isBinaryType, isFloatFixedList, isFloatList, isStringType } from './arrow-guards';
import { normalizedType } from './normalize';
import { typeLabel } from '../format/type-label';
import { columnKeys } from './column-keys';

/** Strings longer than this on average (uncompressed, from the footer) stay out of DuckDB. */
export const LONG_TEXT_AVG_BYTES = 1024;

export interface ColumnSizeStats {
  rows: number;
  /** Uncompressed bytes per top-level column, summed over its leaves and row groups (footer). */
  uncompressedBytes: ReadonlyMap<string, number>;
}

/**
 * Decides once per file where each top-level column goes (docs/data-path.md):
 * vectors, binary and long text go to the heavy store; everything else to DuckDB.
 * `fields` are the file's top-level fields as the file names them (every one, in order: keys
 * depend on all of them); `stats` is keyed by those names, `vectorDims` (the dimension of
 * float-list columns whose decoded rows all share one length) by column key.
 */
export function planColumns(
  fields: readonly Field[],
  stats: ColumnSizeStats,
  vectorDims: ReadonlyMap<string, number> = new Map(),
): ColumnPlan[] {
  const keys = columnKeys(fields.map((f) => f.name));
  return fields.map((field, i) => {
    const key = keys[i] as string;
    return planColumn(field, key, stats, vectorDims.get(key));
  });
}

function planColumn(
  field: Field,
  key: string,
  stats: ColumnSizeStats,
  probedDim: number | undefined,
): ColumnPlan {
  const { name, type } = field;
  const fixedDim = isFloatFixedList(type) ? type.listSize : undefined;
  const vectorDim = fixedDim ?? (isFloatList(type) ? probedDim : undefined);
  const role = detectRole(name, type, { vectorDim });
  const normalized = normalizedType(type, vectorDim);
  const base = {
    name: key,
    label: name,
    arrowType: String(normalized),
    typeLabel: typeLabel(normalized),
    role,
  };

  if (vectorDim !== undefined) {
    return {
      ...base,
      destination: 'heavy',
      vectorDim,
      reason: `vector of ${vectorDim} floats: kept as Float32 buffers for similarity search, read per row group on demand`,
    };
  }
  if (isBinaryType(type)) {
    return {
      ...base,
      destination: 'heavy',
      reason: 'binary: opaque bytes are decoded on demand (hex and text views), not copied into DuckDB',
    };
  }
  if (isStringType(type)) {
    const bytes = stats.uncompressedBytes.get(name);
    if (bytes !== undefined && stats.rows > 0) {
      const avg = bytes / stats.rows;
      if (avg > LONG_TEXT_AVG_BYTES) {
        return {
          ...base,
          destination: 'heavy',
          reason: `long text (${formatBytesBinary(avg)} per row on average, over ${formatBytesBinary(LONG_TEXT_AVG_BYTES)}): read on demand`,
        };
      }
    }
    return { ...base, destination: 'duckdb', reason: 'text: queryable in SQL' };
  }
  if (isFloatList(type)) {
    return {
      ...base,
      destination: 'duckdb',
      reason: 'float list whose rows differ in length (or hold nulls): an ordinary list in SQL',
    };
  }
  if (DataType.isNull(type)) {
    return { ...base, destination: 'duckdb', reason: 'all-null column' };
  }
  return { ...base, destination: 'duckdb', reason: 'scalar or nested value: queryable in SQL' };
}

export function duckdbColumns(plan: readonly ColumnPlan[]): string[] {
  return plan.filter((c) => c.destination === 'duckdb').map((c) => c.name);
}

export function heavyColumns(plan: readonly ColumnPlan[]): string[] {
  return plan.filter((c) => c.destination === 'heavy').map((c) => c.name);
}

/** Vector dimensions by column, as the decoder's normalization wants them. */
export function vectorDimsOf(plan: readonly ColumnPlan[]): Map<string, number> {
  const dims = new Map<string, number>();
  for (const c of plan) if (c.vectorDim !== undefined) dims.set(c.name, c.vectorDim);
  return dims;
}
