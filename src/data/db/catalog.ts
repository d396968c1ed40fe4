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
