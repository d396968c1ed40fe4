import { Type, type DataType, type Int, type Decimal } from 'apache-arrow';
import type { Filter, SqlParam } from './table-query';

/**
 * Filter values typed by the user, kept exact. An integer column gets a `bigint` (DuckDB-WASM binds
 * one beyond 2^53 as its decimal text, cast by context: never a rounded double); a decimal column
 * gets the decimal text; a float column a number. Anything the column cannot hold (`1e400` in an
 * integer column, `300` in a TINYINT) is refused here, before a query, with a sentence for the user
 * instead of DuckDB's Conversion Error. Also: how a value reads in a chip, and an exact JSON form of
 * filters for URL state and exports (a bigint survives a round trip).
 */

export type ParsedValue = { value: SqlParam } | { error: string };

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function integerRange(type: Int): [bigint, bigint] {
  const bits = BigInt(type.bitWidth);
  return type.isSigned ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n] : [0n, (1n << bits) - 1n];
}

function integerTypeName(type: Int): string {
  const names: Record<number, [string, string]> = {
    8: ['TINYINT', 'UTINYINT'],
    16: ['SMALLINT', 'USMALLINT'],
    32: ['INTEGER', 'UINTEGER'],
    64: ['BIGINT', 'UBIGINT'],
  };
  const pair = names[type.bitWidth] ?? [`INT${type.bitWidth}`, `UINT${type.bitWidth}`];
  return type.isSigned ? pair[0] : pair[1];
}

/** The value to bind for `text` typed against a column of `type`, or why it cannot be. */
export function parseNumericFilterValue(column: string, type: DataType, text: string): ParsedValue {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Type a number for ${column}.` };
  if (type.typeId === Type.Int) {
    const int = type as Int;
    if (!INTEGER.test(trimmed))
      return {
        error: `“${text}” is not a whole number; ${column} holds integers (${integerTypeName(int)}).`,
      };
    const value = BigInt(trimmed);
    const [min, max] = integerRange(int);
    if (value < min || value > max)
      return {
        error: `${trimmed} is outside the range of ${column} (${integerTypeName(int)}: ${min} to ${max}).`,
      };
    return { value };
  }
  if (type.typeId === Type.Decimal) {
    const dec = type as Decimal;
    if (!DECIMAL.test(trimmed)) return { error: `“${text}” is not a decimal number.` };
    const [whole = ''] = trimmed.replace(/^[+-]/, '').split('.');
    if (whole.replace(/^0+/, '').length > dec.precision - dec.scale)
      return { error: `${trimmed} is too large for ${column} (DECIMAL(${dec.precision}, ${dec.scale})).` };
    // As text: DuckDB casts it to the column's DECIMAL exactly; a double would round it.
    return { value: trimmed };
  }
  // DuckDB's spellings of the special floats.
  if (/^[+-]?inf(inity)?$/i.test(trimmed)) return { value: trimmed.startsWith('-') ? -Infinity : Infinity };
  if (/^[+-]?nan$/i.test(trimmed)) return { value: NaN };
  const n = Number(trimmed);
  if (Number.isNaN(n)) return { error: `“${text}” is not a number.` };
  if (!Number.isFinite(n))
    return { error: `${trimmed} is too large for ${column} (a floating-point column).` };
  return { value: n };
}

/** How a filter value reads in a chip: exact digits for big integers, quotes around text. */
export function formatFilterValue(value: SqlParam | undefined): string {
  if (value === undefined || value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Filters as JSON for URL state and exports, bigints as `{"int":"<digits>"}` (JSON has no bigint). */
export function encodeFilters(filters: readonly Filter[]): string {
  return JSON.stringify(filters, (_key, v: unknown) => (typeof v === 'bigint' ? { int: v.toString() } : v));
}

/** The inverse of encodeFilters; malformed input gives no filters rather than a crash. */
export function decodeFilters(text: string): Filter[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, v: unknown) =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.keys(v).length === 1 &&
      typeof (v as { int?: unknown }).int === 'string' &&
      INTEGER.test((v as { int: string }).int)
        ? BigInt((v as { int: string }).int)
        : v,
    );
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (f): f is Filter =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as Filter).column === 'string' &&
      typeof (f as Filter).op === 'string',
  );
}
