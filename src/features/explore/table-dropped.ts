import { MemscopeError } from '../../core/errors';
import type { GridSource } from '../../core/grid-source';

/**
 * DuckDB's answer when a file's table is gone (dropped from the SQL editor): "Catalog Error: Table
 * with name x does not exist!". The view then offers to read the file again instead of showing the
 * engine's text over an empty grid.
 */
export function isTableMissing(err: unknown, tableName: string): boolean {
  const text =
    err instanceof MemscopeError
      ? `${err.message} ${err.detail ?? ''}`
      : err instanceof Error
        ? err.message
        : typeof err === 'string'
          ? err
          : '';
  const m = /Table with name ("?)(.+?)\1 does not exist/i.exec(text);
  return m !== null && (m[2] ?? '').toLowerCase() === tableName.toLowerCase();
}

/** The same source, reporting (once per failure) when a page finds the table gone. */
export function watchForDroppedTable(
  source: GridSource,
  tableName: string,
  onDropped: () => void,
): GridSource {
  return {
    ...source,
    async fetchRows(offset, limit, signal) {
      try {
        return await source.fetchRows(offset, limit, signal);
      } catch (err) {
        if (isTableMissing(err, tableName)) onDropped();
        throw err;
      }
    },
  };
}
