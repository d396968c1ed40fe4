import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FileState } from '../data/opened-file/file-state';
import {
  VIEW_PARAMS,
  decodeExploreState,
  encodeExploreState,
  rowsView,
  viewFilters,
} from '../core/url/view-state';
import type { TabDef } from './tabs';
import { setUrlParams, useUrlParams } from './use-url-state';

/**
 * The app's view as the URL holds it (docs/explore.md, "State in the URL"): the tab (an unknown one
 * shows Explore), the table, and an epoch that changes when the view was set from outside the view
 * itself (Back / Forward, "Show in Explore"): Explore reads the URL once, at mount, so a new epoch
 * mounts it again.
 */
export function useUrlView(tabs: readonly TabDef[]) {
  const params = useUrlParams();
  const urlTab = params.get(VIEW_PARAMS.tab);
  const tab = tabs.some((t) => t.id === urlTab) ? (urlTab as string) : 'explore';
  const setTab = useCallback(
    (next: string) => setUrlParams({ [VIEW_PARAMS.tab]: next === 'explore' ? null : next }, 'push'),
    [],
  );
  const urlTable = params.get(VIEW_PARAMS.table);
  // Another table is another view: a history entry of its own, without the last table's filters.
  const showTable = useCallback(
    (tableName: string, mode: 'push' | 'replace' = 'push') =>
      setUrlParams({ [VIEW_PARAMS.table]: tableName, [VIEW_PARAMS.explore]: null }, mode),
    [],
  );
  const [viewEpoch, setViewEpoch] = useState(0);
  const remountView = useCallback(() => setViewEpoch((e) => e + 1), []);
  useEffect(() => {
    window.addEventListener('popstate', remountView);
    return () => window.removeEventListener('popstate', remountView);
  }, [remountView]);
  return { params, tab, setTab, urlTable, showTable, viewEpoch, remountView };
}

/**
 * Similar's links to Explore: the filters Explore applies to the file now (`view` is the URL's view
 * of that file, or null), for "Only rows matching the Explore filter"; and "Show in Explore", which
 * makes a selection of rows Explore's filter.
 */
export function useSimilarExplore(file: FileState | null, view: string | null, remountView: () => void) {
  const similarExploreFilters = useMemo(
    () => (file && view !== null ? viewFilters(decodeExploreState(view), file.columns) : []),
    [file, view],
  );
  const showInExplore = useCallback(
    (rows: Float64Array) => {
      if (!file) return;
      const params = {
        [VIEW_PARAMS.table]: file.tableName,
        [VIEW_PARAMS.explore]: encodeExploreState(rowsView(rows)),
        [VIEW_PARAMS.tab]: null,
      };
      setUrlParams(params, 'push');
      remountView();
    },
    [file, remountView],
  );
  return { similarExploreFilters, showInExplore };
}
