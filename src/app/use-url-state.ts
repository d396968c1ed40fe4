import { useMemo, useSyncExternalStore } from 'react';

/**
 * Shareable view state lives in the URL's search params (docs/architecture.md, convention 7; what
 * each parameter holds: src/core/url/view-state.ts). Moving between views (a tab, a table) pushes a
 * history entry, so Back and Forward move between views and stay in the app; changes inside a view
 * (filters, sort, the selected row, SQL text) replace the current entry.
 *
 * A write to history can be held for a moment (holdHistoryWrites): the view reads the new params at
 * once, and the browser's history gets them when the hold ends. Opening a file holds it until the
 * file's first rows are painted: the same-document navigation keeps the browser process busy for
 * ~10 ms, which otherwise lands inside the drop → first rows window (docs/benchmarks.md).
 */
const listeners = new Set<() => void>();

/** The URL the view shows while a write is held, and whether any held write was a push. */
let pending: { url: URL; push: boolean } | null = null;
let holds = 0;

window.addEventListener('popstate', () => {
  // The user moved in history: what was held belonged to the entry they left.
  pending = null;
  listeners.forEach((l) => l());
});
// A page that goes away writes what it holds (best effort: a reload keeps the URL it started with).
window.addEventListener('pagehide', () => flush());

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function currentHref(): string {
  return pending?.url.href ?? window.location.href;
}

/** The search part of the URL the view shows (a held write included). */
export function currentSearch(): string {
  return pending?.url.search ?? window.location.search;
}

/** The URL's search params, re-read whenever they change (a set below, Back or Forward). */
export function useUrlParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Sets (string) or removes (null) params; unchanged params are left as they are. */
export function setUrlParams(changes: Record<string, string | null>, mode: 'push' | 'replace'): void {
  const url = new URL(currentHref());
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href === currentHref()) return;
  // Held writes collapse into one: a push if any of them was.
  if (holds > 0) pending = { url, push: (pending?.push ?? false) || mode === 'push' };
  else write(url, mode);
  listeners.forEach((l) => l());
}

/**
 * Holds history writes until `until` settles, or `maxMs` at most; the view sees every change at
 * once all the same. Holds nest: the last one to end writes.
 */
export function holdHistoryWrites(until: Promise<unknown>, maxMs = 1000): void {
  holds++;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    holds--;
    if (holds === 0) flush();
  };
  const timer = setTimeout(release, maxMs);
  until.then(release, release);
}

function flush(): void {
  if (!pending) return;
  const { url, push } = pending;
  pending = null;
  if (url.href !== window.location.href) write(url, push ? 'push' : 'replace');
}

function write(url: URL, mode: 'push' | 'replace'): void {
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}
