import { ROW_INDEX_COLUMN } from './column-plan';

/**
 * Names the app gives columns of its own. A file column with one of these names (ignoring case)
 * gets another key; the app's column keeps its name, so `__row` always means "row in the file".
 */
export const RESERVED_COLUMN_NAMES: readonly string[] = [ROW_INDEX_COLUMN];

/**
 * The key of every top-level column of a file, from the names as the file writes them, in order.
 *
 * A column's key is its identifier in DuckDB and its name everywhere inside the app (requests to the
 * decoder, the heavy store, filters, sort, facets, export); the name in the file stays its label,
 * shown to the user. Keys are decided here, once, and handed to DuckDB as they are, because DuckDB
 * would otherwise rename on its own and the app would have to guess how: its identifiers are
 * case-insensitive (`A` and `a` become `A`, `a_1`), cannot be empty (`v9`) and cannot repeat
 * (`x`, `x` become `x`, `x_1`). A filter on `a` then silently matched the wrong column.
 *
 * The rules, chosen to keep every name that can be kept and to read like DuckDB's own:
 * - a name is kept when it is not empty, not reserved and not taken by an earlier column (ignoring
 *   case); names are reserved before any is renamed, so a file's own `x_1` keeps its name;
 * - an empty name becomes `column<i>` (i from 0, as DuckDB's CSV reader names headerless columns);
 * - any other name becomes `<name>_<n>` with the smallest n >= 1 that is free (ignoring case);
 * - NUL (which no SQL identifier can hold) becomes U+FFFD.
 */
export function columnKeys(names: readonly string[]): string[] {
  const taken = new Set(RESERVED_COLUMN_NAMES.map(fold));
  const cleaned = names.map((n) => n.replaceAll('\u0000', '\uFFFD'));
  const keys: (string | null)[] = cleaned.map((name) => {
    if (name === '' || taken.has(fold(name))) return null;
    taken.add(fold(name));
    return name;
  });
  return keys.map((key, i) => {
    if (key !== null) return key;
    const name = cleaned[i] as string;
    const base = name === '' ? `column${i}` : name;
    let candidate = base;
    for (let n = 1; taken.has(fold(candidate)); n++) candidate = `${base}_${n}`;
    taken.add(fold(candidate));
    return candidate;
  });
}

/**
 * A read of some columns by key from a reader that selects by name (parquet-wasm): the names to ask
 * for, and the key of each column it will return (null: not asked for, to drop). Such a reader
 * returns, in file order, every column whose name is asked for, so a file that repeats a name gives
 * all of them. `missing`: keys that are not the file's.
 */
export function selectByKey(
  names: readonly string[],
  keys: readonly string[],
  wanted: readonly string[],
): { read: string[]; keys: (string | null)[]; missing: string[] } {
  const known = new Set(keys);
  const want = new Set(wanted);
  const read = new Set(names.filter((_, i) => want.has(keys[i] as string)));
  return {
    read: [...read],
    keys: names.flatMap((n, i) =>
      read.has(n) ? [want.has(keys[i] as string) ? (keys[i] as string) : null] : [],
    ),
    missing: wanted.filter((k) => !known.has(k)),
  };
}

/** DuckDB compares identifiers ignoring case (ASCII and beyond). */
function fold(name: string): string {
  return name.toLowerCase();
}
