import { ROW_INDEX_COLUMN } from '../schema/column-plan';
import { quoteIdentifier } from '../sql/identifiers';

/**
 * A memory store: several files (one per category) seen as one DuckDB view that unions them by
 * column key (docs/store.md). Pure: from each file's DuckDB columns it decides the view's columns,
 * which file lacks which, how types that disagree are reconciled, and the CREATE VIEW statement.
 */

/** One column of a file's DuckDB table: its key (identifier), its name in the file, its DuckDB type. */
export interface StoreMemberColumn {
  name: string;
  label: string;
  /** As information_schema.columns.data_type spells it (`VARCHAR`, `FLOAT[384]`, `BIGINT`…). */
  type: string;
}

export interface StoreMember {
  /** The file's DuckDB table. */
  table: string;
  fileName: string;
  rowCount: number;
  /** In table order; the table's own `__row` is ignored. */
  columns: readonly StoreMemberColumn[];
}

/**
 * How a column's types were reconciled: 'none' (one type everywhere), 'widened' (numbers or
 * timestamps of different widths: one wider type), 'text' (types that do not mix: cast to VARCHAR in
 * every file), 'left-out' (cannot be text: binary; not in the view, still in each file's table).
 */
export type UnionCast = 'none' | 'widened' | 'text' | 'left-out';

export interface UnionColumn {
  /** Its key in the view (the first file's spelling; keys match ignoring case, as DuckDB's do). */
  name: string;
  label: string;
  /** Its DuckDB type in the view. */
  type: string;
  cast: UnionCast;
  /** Tables of the files that lack it: NULL in their rows. */
  missingFrom: string[];
  /** Category only: tables whose rows take it from the file name (the file has no such column). */
  fromFileName: string[];
}

export interface UnionConflict {
  column: string;
  label: string;
  /** Each file's type, in member order (files lacking the column are not listed). */
  types: { table: string; fileName: string; type: string }[];
  resolution: 'text' | 'left-out';
  /** For the schema panel: what differs and what the store does about it. */
  message: string;
}

export interface UnionSchema {
  /** The view's columns in order (first appearance across files), without the internal ones. */
  columns: UnionColumn[];
  /** Columns left out of the view (their types cannot be reconciled). */
  leftOut: UnionColumn[];
  conflicts: UnionConflict[];
  /** The view's column naming each row's file (its table name); `__file` unless a file has one. */
  fileColumn: string;
  /** The view's column with the row's `__row` in its file; `__file_row` unless a file has one. */
  fileRowColumn: string;
  /** Keys every file has (the category from the file name not counted): none means no store. */
  shared: string[];
}

/** The column a store adds from the file name when a file has none. */
export const CATEGORY_COLUMN = 'category';

const fold = (name: string) => name.toLowerCase();

/** `experiences.parquet` → `experiences`: the file name without its extension(s), as written. */
export function categoryFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stripped = base.replace(/\.(parquet|parq|pq|arrow|feather|arrows|ipc|csv|tsv)(\.[a-z0-9]+)?$/i, '');
  return stripped === '' ? base : stripped;
}

/**
 * A SQL string literal. A view's body cannot hold `?` parameters, so the category (from a file
 * name) and the file's table name are written as literals: quotes doubled, NUL refused.
 */
export function sqlStringLiteral(text: string): string {
  if (text.includes('\u0000')) throw new Error('A SQL string cannot contain a NUL character.');
  return `'${text.replaceAll("'", "''")}'`;
}

const INTEGERS = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER']);
const WIDE_INTEGERS = new Set(['UBIGINT', 'HUGEINT', 'UHUGEINT']);
const FLOATS = new Set(['FLOAT', 'DOUBLE', 'REAL']);
const LOCAL_TIMES = new Set(['DATE', 'TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS']);

const isInteger = (t: string) => INTEGERS.has(t) || WIDE_INTEGERS.has(t);
const isNumber = (t: string) => isInteger(t) || FLOATS.has(t) || /^DECIMAL(\(|$)/.test(t);
const isBinary = (t: string) => /^(BLOB|BYTEA|BINARY|VARBINARY|BIT)\b/.test(t) || /\bBLOB\b/.test(t);

/** One DuckDB type for a column whose files give it `types` (at least one). */
export function unifyTypes(types: readonly string[]): { type: string; cast: UnionCast } {
  const distinct = [...new Set(types.map((t) => t.trim().toUpperCase()))];
  const [first] = distinct;
  if (first === undefined) throw new Error('A column needs at least one type.');
  if (distinct.length === 1) return { type: types[0] as string, cast: 'none' };
  if (distinct.every(isInteger))
    return { type: distinct.some((t) => WIDE_INTEGERS.has(t)) ? 'HUGEINT' : 'BIGINT', cast: 'widened' };
  if (distinct.every(isNumber)) return { type: 'DOUBLE', cast: 'widened' };
  if (distinct.every((t) => LOCAL_TIMES.has(t))) return { type: 'TIMESTAMP', cast: 'widened' };
  // Binary as text would fail on bytes that are not UTF-8: better left out than a view that throws.
  if (distinct.some(isBinary)) return { type: 'BLOB', cast: 'left-out' };
  return { type: 'VARCHAR', cast: 'text' };
}

interface Gathered {
  name: string;
  label: string;
  /** Per member index: the member's own key and type, or undefined when it lacks the column. */
  byMember: ({ key: string; type: string; literal?: string } | undefined)[];
}

/** Every column, keyed by folded name, in order of first appearance; the category filled in. */
function gather(members: readonly StoreMember[]): Gathered[] {
  const byKey = new Map<string, Gathered>();
  const order: Gathered[] = [];
  const categoryKey = fold(CATEGORY_COLUMN);
  const hasCategory = members.map((m) => m.columns.some((c) => fold(c.name) === categoryKey));
  members.forEach((m, i) => {
    const add = (key: string, label: string, entry: { key: string; type: string; literal?: string }) => {
      let g = byKey.get(fold(key));
      if (!g) {
        g = { name: key, label, byMember: members.map(() => undefined) };
        byKey.set(fold(key), g);
        order.push(g);
      }
      g.byMember[i] = entry;
    };
    // A file without a category column gets one, first, from its name.
    if (!hasCategory[i])
      add(CATEGORY_COLUMN, CATEGORY_COLUMN, {
        key: CATEGORY_COLUMN,
        type: 'VARCHAR',
        literal: categoryFromFileName(m.fileName),
      });
    for (const c of m.columns) {
      if (fold(c.name) === fold(ROW_INDEX_COLUMN)) continue;
      if (byKey.get(fold(c.name))?.byMember[i]) continue; // a repeated key (keys are unique already)
      add(c.name, c.label, { key: c.name, type: c.type });
    }
  });
  return order;
}

/** A name of the app's own that no file column takes (ignoring case). */
function freeName(base: string, taken: ReadonlySet<string>): string {
  let candidate = base;
  for (let n = 1; taken.has(fold(candidate)); n++) candidate = `${base}_${n}`;
  return candidate;
}

/** The union of the files' columns: order, types, which file lacks what, and the conflicts. */
export function unionSchema(members: readonly StoreMember[]): UnionSchema {
  const gathered = gather(members);
  const columns: UnionColumn[] = [];
  const leftOut: UnionColumn[] = [];
  const conflicts: UnionConflict[] = [];
  for (const g of gathered) {
    const present = members.flatMap((m, i) => {
      const e = g.byMember[i];
      return e ? [{ table: m.table, fileName: m.fileName, type: e.type }] : [];
    });
    const { type, cast } = unifyTypes(present.map((p) => p.type));
    const column: UnionColumn = {
      name: g.name,
      label: g.label,
      type,
      cast,
      missingFrom: members.filter((_, i) => !g.byMember[i]).map((m) => m.table),
      fromFileName: members.filter((_, i) => g.byMember[i]?.literal !== undefined).map((m) => m.table),
    };
    if (cast === 'text' || cast === 'left-out') {
      const list = present.map((p) => `${p.type} in ${p.fileName}`).join(', ');
      conflicts.push({
        column: g.name,
        label: g.label,
        types: present,
        resolution: cast,
        message:
          cast === 'text'
            ? `${g.label} is ${list}: shown as text (VARCHAR) in the store.`
            : `${g.label} is ${list}: left out of the store (binary cannot be shown as text); each file's table still has it.`,
      });
    }
    (cast === 'left-out' ? leftOut : columns).push(column);
  }
  const taken = new Set(gathered.map((g) => fold(g.name)));
  taken.add(fold(ROW_INDEX_COLUMN));
  const fileColumn = freeName('__file', taken);
  taken.add(fold(fileColumn));
  const fileRowColumn = freeName('__file_row', taken);
  const shared = gathered
    .filter((g) => g.byMember.every((e) => e !== undefined && e.literal === undefined))
    .map((g) => g.name);
  return { columns, leftOut, conflicts, fileColumn, fileRowColumn, shared };
}

/**
 * True when the files make a store: at least two, and at least one column (other than a category
 * taken from the file name) that every file has. Unrelated tables dropped together stay apart.
 */
export function formsStore(members: readonly StoreMember[]): boolean {
  return members.length >= 2 && unionSchema(members).shared.length > 0;
}

/**
 * `CREATE OR REPLACE VIEW <name> AS SELECT … UNION ALL BY NAME SELECT …`: one SELECT per file, in
 * member order (DuckDB keeps a UNION ALL's inputs in order when insertion order is preserved, so
 * unsorted pages are stable). Each SELECT names the columns its file has, cast where the union
 * needs it; BY NAME fills the others with NULL. `__row` is the row's position in the store (its
 * file's `__row` plus the rows of the files before it: unique, a sort tiebreaker), the file column
 * names its table and the file-row column keeps its `__row` there, for the row detail and heavy
 * columns. Every identifier is quoted; the only literals are the category and the table names.
 */
export function buildCreateStoreView(
  viewName: string,
  members: readonly StoreMember[],
  schema: UnionSchema = unionSchema(members),
): string {
  if (members.length === 0) throw new Error('A store needs at least one file.');
  const byKey = new Map(gather(members).map((g) => [fold(g.name), g]));
  const row = quoteIdentifier(ROW_INDEX_COLUMN);
  let offset = 0;
  const selects = members.map((m, i) => {
    if (!Number.isSafeInteger(m.rowCount) || m.rowCount < 0)
      throw new Error(`Invalid row count for ${m.fileName}: ${m.rowCount}`);
    const list = [`${row} + ${offset} AS ${row}`];
    for (const c of schema.columns) {
      const entry = byKey.get(fold(c.name))?.byMember[i];
      if (!entry) continue;
      const alias = quoteIdentifier(c.name);
      if (entry.literal !== undefined) list.push(`${sqlStringLiteral(entry.literal)} AS ${alias}`);
      else if (c.cast === 'none') list.push(`${quoteIdentifier(entry.key)} AS ${alias}`);
      // Only types chosen by unifyTypes are written into the SQL, never a file's own type text.
      else list.push(`CAST(${quoteIdentifier(entry.key)} AS ${c.type}) AS ${alias}`);
    }
    list.push(`${sqlStringLiteral(m.table)} AS ${quoteIdentifier(schema.fileColumn)}`);
    list.push(`${row} AS ${quoteIdentifier(schema.fileRowColumn)}`);
    offset += m.rowCount;
    return `SELECT ${list.join(', ')} FROM ${quoteIdentifier(m.table)}`;
  });
  // BY NAME orders columns by first appearance, which would put a later file's own columns after
  // the file columns: the outer SELECT puts them in the union's order.
  const outer = [
    ROW_INDEX_COLUMN,
    ...schema.columns.map((c) => c.name),
    schema.fileColumn,
    schema.fileRowColumn,
  ]
    .map(quoteIdentifier)
    .join(', ');
  return (
    `CREATE OR REPLACE VIEW ${quoteIdentifier(viewName)} AS SELECT ${outer} FROM (` +
    `${selects.join(' UNION ALL BY NAME ')}) AS memscope_store`
  );
}
