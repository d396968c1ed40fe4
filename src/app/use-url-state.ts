import { useMemo, useSyncExternalStore } from 'react';

/**
 * Shareable view state lives in the URL's search params (docs/architecture.md, convention 7; what
 * each parameter holds: src/core/url/view-state.ts). Moving between views (a tab, a table) pushes a
 * history entry, so Back and Forward move between views and stay in the app; changes inside a view
 * (filters, sort, the selected row, SQL text) replace the current entry.
 */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The URL's search params, re-read whenever they change (a set below, Back or Forward). */
export function useUrlParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Sets (string) or removes (null) params; unchanged params are left as they are. */
export function setUrlParams(changes: Record<string, string | null>, mode: 'push' | 'replace'): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href === window.location.href) return;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
  listeners.forEach((l) => l());
}
