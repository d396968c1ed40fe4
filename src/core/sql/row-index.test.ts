import { describe, expect, it } from 'vitest';
import { buildCreateRowIndex, buildDropRowIndex, buildRowIndexLookup, rowIndexName } from './row-index';

describe('the row index statements', () => {
  it.each([
    [
      'a plain name',
      'memories',
      'CREATE INDEX IF NOT EXISTS "memories__row_index" ON "memories" ("__row")',
      'DROP INDEX IF EXISTS "memories__row_index"',
    ],
    [
      'a name with a quote and a space: quoted, never spliced',
      'my "odd" table',
      'CREATE INDEX IF NOT EXISTS "my ""odd"" table__row_index" ON "my ""odd"" table" ("__row")',
      'DROP INDEX IF EXISTS "my ""odd"" table__row_index"',
    ],
  ])('%s', (_name, table, create, drop) => {
    expect(buildCreateRowIndex(table, '__row')).toBe(create);
    expect(buildDropRowIndex(table)).toBe(drop);
    // The lookup binds the names: a table name is a value there, not SQL.
    expect(buildRowIndexLookup(table)).toEqual({
      sql: 'SELECT count(*) AS n FROM duckdb_indexes() WHERE table_name = ? AND index_name = ?',
      params: [table, rowIndexName(table)],
    });
  });
});
