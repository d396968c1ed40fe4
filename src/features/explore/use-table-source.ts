import { useCallback, useEffect, useMemo, useState } from 'react';
import { describeError, toMemscopeError } from '../../core/errors';
import type { GridSource, GridSort } from '../../core/grid-source';
import type { Filter } from '../../core/sql/table-query';
import type { DbClient } from '../../data/db/db-client';
import { createTableGridSource } from '../../data/db/grid-source';
import { isTableMissing } from './table-dropped';

/**
 * The DuckDB source of a sorted or filtered view (data/db/grid-source.ts), made again whenever the
 * sort, the filters or the columns change, and the message of the last query that failed — kept
 * for the sort and filters it was made for, so a refused filter shows beside the filter bar while
 * the last good rows stay.
 */
export function useTableSource(options: {
  db: DbClient;
  tableName: string;
  fileName: string;
  sort: GridSort | null;
  filters: readonly Filter[];
  /** Columns to name in the pages (null: every column). */
  columns: readonly string[] | null;
  /** False while the file-order source is shown, or the table cannot be queried yet. */
  enabled: boolean;
  /**
   * Whether the file has loaded: a CSV or Arrow table is queried while its batches go in, and
   * its source is made again when loading ends (the count grew meanwhile).
   */
  loaded: boolean;
  /** Bumped to make the source again (the table was dropped, then the file read again). */
  dropped: boolean;
  onDropped(): void;
}): { tableSource: GridSource | null; error: string | null; reset(): void } {
  const { db, tableName, fileName, sort, filters, columns, enabled, loaded, dropped, onDropped } = options;
  const [tableSource, setTableSource] = useState<GridSource | null>(null);
  // A query that failed, and the message, for the sort and filters it was made for.
  const [failure, setFailure] = useState<{ for: string; message: string } | null>(null);
  const queryKey = useMemo(
    () => JSON.stringify({ sort, filters }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)),
    [sort, filters],
  );
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    createTableGridSource(db, { table: tableName, sort, filters, columns, signal: controller.signal }).then(
      (s) => {
        if (controller.signal.aborted) return;
        setTableSource(s);
        setFailure(null);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const e = toMemscopeError(err, { code: 'sql', file: fileName });
        if (isTableMissing(e, tableName)) onDropped();
        else if (e.code !== 'cancelled') setFailure({ for: queryKey, message: describeError(e) });
      },
    );
    return () => controller.abort();
  }, [db, tableName, fileName, sort, filters, columns, queryKey, enabled, loaded, dropped, onDropped]);
  const reset = useCallback(() => setTableSource(null), []);
  return { tableSource, error: failure?.for === queryKey ? failure.message : null, reset };
}
