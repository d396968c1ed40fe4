import type { DbClient } from './db-client';

export interface CatalogColumn {
  name: string;
  /** DuckDB's type name, e.g. `VARCHAR`, `BIGINT`, `FLOAT[384]`, `VARCHAR[]`. */
  type: string;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
}

/**
 * The tables of the connection's `main` schema and their columns, in column order, for the SQL
 * panel's sidebar. Read through information_schema with bound parameters. Cached by the DbClient
 * until tables change.
 */
export async function listTables(
  db: DbClient,
  schema = 'main',
  signal?: AbortSignal,
): Promise<CatalogTable[]> {
  const { table } = await db.query(
    `SELECT table_name, column_name, data_type
       FROM information_schema.columns
      WHERE table_schema = ? AND table_catalog = current_database()
      ORDER BY table_name, ordinal_position`,
    { params: [schema], signal },
  );
  const names = table.getChild('table_name');
  const columns = table.getChild('column_name');
  const types = table.getChild('data_type');
  const out: CatalogTable[] = [];
  let current: CatalogTable | undefined;
  for (let i = 0; i < table.numRows; i++) {
    const name = String(names?.get(i));
    if (!current || current.name !== name) {
      current = { name, columns: [] };
      out.push(current);
    }
    current.columns.push({ name: String(columns?.get(i)), type: String(types?.get(i)) });
  }
  return out;
}

/**
 * Every table and view name in DuckDB's `main` schema, lowercased (DuckDB matches identifiers
 * case-insensitively): a file opening must not take one of them. Never cached: a user table may
 * have been created a moment ago.
 */
export async function relationNames(db: DbClient): Promise<Set<string>> {
  const { table } = await db.query(
    `SELECT lower(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'main' AND table_catalog = current_database()`,
    { cache: false },
  );
  const names = table.getChild('name');
  const out = new Set<string>();
  for (let i = 0; i < table.numRows; i++) out.add(String(names?.get(i)));
  return out;
}
