import { useMemo, useSyncExternalStore } from 'react';

/**
 * The colour theme: the OS preference (prefers-color-scheme) until the user picks one with the
 * header's switch; the pick is kept in localStorage. public/theme-boot.js sets html[data-theme]
 * before the first paint (a classic script: the CSP allows 'self' scripts, not inline ones), so
 * there is no flash of the other theme; this module keeps the attribute up to date afterwards.
 * Every colour is a CSS custom property of src/app/global.css; canvases and charts, which cannot
 * use var(), read the resolved values with useThemeColours().
 */
export type Theme = 'light' | 'dark';

/** Also read by public/theme-boot.js: keep the two in step. */
export const THEME_STORAGE_KEY = 'memscope:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** A stored choice, or null when there is none (or it is not one we wrote). */
export function parseStoredTheme(value: string | null | undefined): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}

/** The user's choice wins; without one, the OS decides. */
export function resolveTheme(stored: Theme | null, prefersDark: boolean): Theme {
  return stored ?? (prefersDark ? 'dark' : 'light');
}

function readStored(): Theme | null {
  try {
    return parseStoredTheme(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    // Storage can be disabled (privacy settings): the OS preference still applies.
    return null;
  }
}

const media = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null);

function initial(): Theme {
  if (typeof document === 'undefined') return 'light';
  return (
    parseStoredTheme(document.documentElement.dataset.theme) ??
    resolveTheme(readStored(), media()?.matches ?? false)
  );
}

let current: Theme = initial();
const listeners = new Set<() => void>();
let watching = false;

function apply(theme: Theme) {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
  if (theme === current) return;
  current = theme;
  for (const listener of listeners) listener();
}

function watch() {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  // The OS switched (e.g. at sunset): follow it unless the user chose.
  media()?.addEventListener('change', (event) => {
    if (readStored() === null) apply(event.matches ? 'dark' : 'light');
  });
  // Another tab of the app chose.
  window.addEventListener('storage', (event) => {
    if (event.key === THEME_STORAGE_KEY) apply(resolveTheme(readStored(), media()?.matches ?? false));
  });
}

export function getTheme(): Theme {
  return current;
}

export function setTheme(theme: Theme) {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not persisted, but this page still switches.
  }
  apply(theme);
}

export function subscribeTheme(listener: () => void): () => void {
  watch();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribeTheme, getTheme, () => 'light');
}

/** The custom properties that drawings in JS use (global.css defines both themes' values). */
const COLOUR_VARS = {
  ink: '--ink',
  muted: '--muted',
  panel: '--panel',
  panel2: '--panel-2',
  line: '--line',
  lineStrong: '--line-strong',
  accent: '--accent',
  danger: '--danger',
  dangerSoft: '--danger-soft',
  ok: '--ok',
  okSoft: '--ok-soft',
  warn: '--warn',
  warnSoft: '--warn-soft',
  orange: '--orange',
  tooltipBg: '--tooltip-bg',
  tooltipInk: '--tooltip-ink',
  chart1: '--chart-1',
  chart2: '--chart-2',
  chart3: '--chart-3',
  chart4: '--chart-4',
  chart5: '--chart-5',
  chartFill: '--chart-fill',
  chartStroke: '--chart-stroke',
  chartAxis: '--chart-axis',
  chartGrid: '--chart-grid',
  chartPoint: '--chart-point',
  chartMark: '--chart-mark',
  cat1: '--cat-1',
  cat2: '--cat-2',
  cat3: '--cat-3',
  cat4: '--cat-4',
  cat5: '--cat-5',
  cat6: '--cat-6',
  cat7: '--cat-7',
  cat8: '--cat-8',
  cat9: '--cat-9',
  cat10: '--cat-10',
  cat11: '--cat-11',
  cat12: '--cat-12',
  catOther: '--cat-other',
  ink2: '--ink-2',
  edge: '--edge',
  arenaAlloc: '--arena-alloc',
  arenaAllocLine: '--arena-alloc-line',
  arenaFooter: '--arena-footer',
} as const;

export type ThemeColours = Record<keyof typeof COLOUR_VARS, string>;

/** The current values of the theme's colours, as canvas and SVG attributes take them. */
export function readThemeColours(): ThemeColours {
  const style = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
  const out = {} as Record<string, string>;
  for (const [key, name] of Object.entries(COLOUR_VARS)) {
    // No stylesheet (unit tests in jsdom): a neutral colour rather than an invalid empty one.
    out[key] = style?.getPropertyValue(name).trim() || 'gray';
  }
  return out as ThemeColours;
}

/** The theme's colours, read again when the theme changes (charts and canvases redraw with them). */
export function useThemeColours(): ThemeColours {
  const theme = useTheme();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the values change exactly when the theme does
  return useMemo(() => readThemeColours(), [theme]);
}
