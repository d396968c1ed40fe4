import { FILTER_OPS, type Filter, type SortSpec, type SqlParam } from '../sql/table-query';
import { selectionFilters, type FacetSelection, type RangeBound } from '../sql/facet-query';
import { textSearchFilter } from '../sql/text-search';
import { ROW_INDEX_COLUMN, type ColumnPlan } from '../schema/column-plan';

/**
 * What the URL holds of a view (issue 8, "State that survives"): the tab, the open table, and per
 * table its filters, facet selections, sort and selected row, plus the SQL text. A link or a reload
 * brings the same view back once the same files are open. Pure: the app reads and writes
 * `window.location` through src/app/use-url-state.ts.
 *
 * Values travel exactly: a bigint filter value (ids above 2^53) is written as `{"$bigint":"…"}`,
 * never through a double. Whatever comes back is checked piece by piece, and a piece that does not
 * fit (a hand-edited or truncated link) is dropped, not thrown: a bad link opens the plain view.
 */
export interface ExploreUrlState {
  filters: Filter[];
  selections: FacetSelection[];
  sort: SortSpec | null;
  /** The selected row's `__row` (its row in the file), or null. */
  row: number | null;
  /** The "Search text" box ('' when empty). */
  search: string;
}

export const EMPTY_EXPLORE_STATE: ExploreUrlState = {
  filters: [],
  selections: [],
  sort: null,
  row: null,
  search: '',
};

/** The URL parameters this module owns (others in the URL are left alone). */
export const VIEW_PARAMS = { tab: 'tab', table: 'table', explore: 'view', sql: 'sql' } as const;

/** Every filter the view applies (filter bar, search, facets), as Explore builds them: for other views. */
export function viewFilters(
  state: Pick<ExploreUrlState, 'filters' | 'selections' | 'search'>,
  columns: readonly ColumnPlan[],
): Filter[] {
  return [
    ...state.filters,
    ...textSearchFilter(state.search, columns),
    ...selectionFilters(state.selections),
  ];
}

/** The view of exactly these rows (`__row`s, e.g. a selection on the Similar map): one in-set filter. */
export function rowsView(rows: ArrayLike<number>): ExploreUrlState {
  const set = `[${Array.from(rows, (r) => String(Math.trunc(r))).join(',')}]`;
  return { ...EMPTY_EXPLORE_STATE, filters: [{ column: ROW_INDEX_COLUMN, op: 'in-set', value: set }] };
}

export function encodeExploreState(state: ExploreUrlState): string | null {
  const out: Record<string, unknown> = {};
  if (state.filters.length > 0) out.f = state.filters.map((f) => [f.column, f.op, encodeValue(f.value)]);
  if (state.selections.length > 0)
    out.s = state.selections.map((s) =>
      s.kind === 'range'
        ? [s.column, s.kind, [s.scale, encodeValue(s.lo), encodeValue(s.hi)]]
        : [s.column, s.kind, s.values],
    );
  if (state.sort) out.o = [state.sort.column, state.sort.direction];
  if (state.row !== null) out.r = state.row;
  if (state.search !== '') out.q = state.search;
  return Object.keys(out).length === 0 ? null : JSON.stringify(out);
}

export function decodeExploreState(text: string | null): ExploreUrlState {
  if (text === null) return EMPTY_EXPLORE_STATE;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_EXPLORE_STATE;
  }
  if (!isRecord(raw)) return EMPTY_EXPLORE_STATE;
  return {
    filters: arrayOf(raw.f, decodeFilter),
    selections: arrayOf(raw.s, decodeSelection),
    sort: decodeSort(raw.o),
    row: typeof raw.r === 'number' && Number.isSafeInteger(raw.r) && raw.r >= 0 ? raw.r : null,
    search: typeof raw.q === 'string' ? raw.q : '',
  };
}

function encodeValue(value: SqlParam | undefined): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  return value === undefined ? null : value;
}

function decodeValue(raw: unknown): SqlParam | undefined {
  if (raw === null || typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (isRecord(raw) && typeof raw.$bigint === 'string' && /^-?\d+$/.test(raw.$bigint))
    return BigInt(raw.$bigint);
  return undefined;
}

function decodeFilter(raw: unknown): Filter | null {
  if (!Array.isArray(raw) || raw.length !== 3) return null;
  const [column, op, rawValue] = raw as unknown[];
  if (typeof column !== 'string' || !FILTER_OPS.includes(op as Filter['op'])) return null;
  const value = decodeValue(rawValue);
  if (value === undefined) return null;
  const filter: Filter = { column, op: op as Filter['op'] };
  if (op !== 'is null' && op !== 'is not null') filter.value = value;
  return filter;
}

function decodeSelection(raw: unknown): FacetSelection | null {
  if (!Array.isArray(raw) || raw.length !== 3) return null;
  const [column, kind, values] = raw as unknown[];
  if (typeof column !== 'string') return null;
  if (kind === 'range') return decodeRange(column, values);
  if (kind !== 'value' && kind !== 'list') return null;
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string') || values.length === 0)
    return null;
  return { column, kind, values: values as string[] };
}

/** A brush: `[scale, lo, hi]`, bounds exact (bigints for integers), one side at most open. */
function decodeRange(column: string, raw: unknown): FacetSelection | null {
  if (!Array.isArray(raw) || raw.length !== 3) return null;
  const [scale, rawLo, rawHi] = raw as unknown[];
  if (scale !== 'number' && scale !== 'integer' && scale !== 'time') return null;
  const bound = (x: unknown): RangeBound | null | undefined => {
    const v = decodeValue(x);
    if (v === null) return null;
    if (scale === 'integer' && (typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v))))
      return BigInt(v);
    if (scale === 'time' && typeof v === 'number' && !Number.isNaN(new Date(v).getTime())) return v;
    if (scale === 'number' && typeof v === 'number') return v;
    return undefined;
  };
  const lo = bound(rawLo);
  const hi = bound(rawHi);
  if (lo === undefined || hi === undefined || (lo === null && hi === null)) return null;
  return { column, kind: 'range', scale, lo, hi };
}

function decodeSort(raw: unknown): SortSpec | null {
  if (!Array.isArray(raw) || raw.length !== 2) return null;
  const [column, direction] = raw as unknown[];
  if (typeof column !== 'string' || (direction !== 'asc' && direction !== 'desc')) return null;
  return { column, direction };
}

function arrayOf<T>(raw: unknown, decode: (item: unknown) => T | null): T[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(decode).filter((x): x is T => x !== null);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
