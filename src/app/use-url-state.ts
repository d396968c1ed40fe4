import { useCallback, useSyncExternalStore } from 'react';

/**
 * Shareable view state lives in the URL's search params (docs/architecture.md, convention 7): `?tab=plans`.
 * history.replaceState keeps Back meaningful (it does not push one entry per click).
 */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUrlParam(name: string, fallback: string): [string, (value: string) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get(name) ?? fallback,
  );
  const set = useCallback(
    (next: string) => {
      const url = new URL(window.location.href);
      if (next === fallback) url.searchParams.delete(name);
      else url.searchParams.set(name, next);
      window.history.replaceState(null, '', url);
      listeners.forEach((l) => l());
    },
    [name, fallback],
  );
  return [value, set];
}
