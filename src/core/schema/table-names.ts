/**
 * DuckDB table names from file names: lowercase, [a-z0-9_] only, not starting with a digit, and
 * unique among open tables (`_2`, `_3`, ... on clashes). Names are still quoted in SQL; the
 * sanitizing is for people typing them in the SQL editor.
 */
export function sanitizeTableName(fileName: string): string {
  const base = fileName.replace(/\.(parquet|pq|arrow|feather|arrows|ipc|csv|tsv)(\.[a-z0-9]+)?$/i, '');
  let name = base
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (name === '') name = 'table';
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  return name;
}

export function uniqueTableName(fileName: string, taken: ReadonlySet<string>): string {
  const base = sanitizeTableName(fileName);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
