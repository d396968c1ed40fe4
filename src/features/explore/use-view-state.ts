import { useEffect, useRef } from 'react';
import { ROW_INDEX_COLUMN } from '../../core/schema/column-plan';
import type { GridSort, GridSource } from '../../core/grid-source';
import type { Filter } from '../../core/sql/table-query';
import { encodeExploreState, type ExploreUrlState } from '../../core/url/view-state';
import type { DbClient } from '../../data/db/db-client';
import { lookupRow } from '../../data/db/facets';

/**
 * The two halves of Explore's state in the URL (src/core/url/view-state.ts): a view restored from
 * the URL selects its row again, and the user's changes are reported (not the initial state).
 */

/**
 * The position, in the current view, of the row the initial state selected (`pendingRow`, a
 * `__row`): one lookup once the file is in DuckDB. `onDone` gets it (null: not in the view).
 */
export function useRestoredRow(
  q: {
    db: DbClient;
    table: string;
    pendingRow: number | null;
    source: GridSource | null;
    loaded: boolean;
    tiebreaker: string | undefined;
    sort: GridSort | null;
    filters: readonly Filter[];
  },
  onDone: (position: number | null) => void,
): void {
  const { db, table, pendingRow, source, loaded, tiebreaker, sort, filters } = q;
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    if (pendingRow === null || !source || !loaded || tiebreaker === undefined) return;
    const controller = new AbortController();
    const lookup = { table, idColumn: ROW_INDEX_COLUMN, idIsText: false, id: String(pendingRow) };
    lookupRow(db, { ...lookup, sort, filters, tiebreaker }, controller.signal).then(
      (r) => {
        if (!controller.signal.aborted) done.current(r.found ? r.position : null);
      },
      () => {
        if (!controller.signal.aborted) done.current(null);
      },
    );
    return () => controller.abort();
  }, [db, table, pendingRow, source, loaded, tiebreaker, sort, filters]);
}

/** Calls `onChange` with the view's state whenever it changes after the first render. */
export function useReportedState(
  state: ExploreUrlState,
  onChange: ((state: ExploreUrlState) => void) | undefined,
): void {
  const reported = useRef<string | null>(null);
  const { filters, selections, sort, row, search } = state;
  useEffect(() => {
    const now: ExploreUrlState = { filters, selections, sort, row, search };
    // Compared as the URL writes it (exact for bigints).
    const text = encodeExploreState(now) ?? '';
    if (reported.current === null) reported.current = text;
    else if (reported.current !== text) {
      reported.current = text;
      onChange?.(now);
    }
  }, [filters, selections, sort, row, search, onChange]);
}
