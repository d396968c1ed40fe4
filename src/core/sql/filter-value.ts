import { Type, type DataType, type Int, type Decimal } from 'apache-arrow';
import type { SqlParam } from './table-query';

/**
 * Filter values typed by the user, kept exact. An integer column gets a `bigint` (DuckDB-WASM binds
 * one beyond 2^53 as its decimal text, cast by context: never a rounded double); a decimal column
 * gets the decimal text; a float column a number. Anything the column cannot hold (`1e400` in an
 * integer column, `300` in a TINYINT) is refused here, before a query, with a sentence for the user
 * instead of DuckDB's Conversion Error. A date or time column gets text DuckDB can cast (checked
 * here: `yesterday` is refused with the forms that work). Also: how a value reads in a chip. (URL
 * state keeps filters exactly too: src/core/url/view-state.ts.)
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

// What DuckDB casts to DATE / TIMESTAMP / TIME: ISO 8601 dates with an optional time, `T` or a
// space between them, optional fractional seconds and an optional zone (Z, +01, +01:00).
const DATE_PART = String.raw`\d{4,}-\d{1,2}-\d{1,2}`;
const TIME_PART = String.raw`\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?`;
const ZONE_PART = String.raw`(\s*(Z|[+-]\d{2}(:?\d{2})?))?`;
const DATE_TIME = new RegExp(`^${DATE_PART}([T ]${TIME_PART}${ZONE_PART})?$`, 'i');
const TIME_ONLY = new RegExp(`^${TIME_PART}$`);

/**
 * A value for a date, timestamp or time column, as the text DuckDB will cast, or a sentence saying
 * which forms work. The calendar is checked too (2024-02-30 is refused); clock fields out of range
 * (25:00) are left to DuckDB, whose refusal the view shows beside the filter bar.
 */
export function parseTemporalFilterValue(column: string, type: DataType, text: string): ParsedValue {
  const trimmed = text.trim();
  const isTime = type.typeId === Type.Time;
  const example = isTime ? '12:30 or 12:30:05' : '2024-01-31 or 2024-01-31 12:30';
  if (isTime ? TIME_ONLY.test(trimmed) : DATE_TIME.test(trimmed) && validCalendarDate(trimmed)) {
    return { value: trimmed };
  }
  return {
    error: `“${text}” is not a ${isTime ? 'time' : 'date'} ${column} can be compared with: write it as ${example}.`,
  };
}

function validCalendarDate(text: string): boolean {
  const m = /^(\d{4,})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}
