import type { FacetSelection, RangeBound } from '../sql/facet-query';
import { binEdge, type Bins } from '../sql/histogram-bins';

/**
 * Facet counts without a query (docs/explore.md, "Facets at scale"): the facet cube. Every facet
 * column is held once as one code per row (a value's dictionary code, a histogram's bin, a list's
 * element codes), so a click or a brush recounts every facet in one pass over typed arrays instead
 * of one GROUP BY scan per facet. Mosaic's crossfilter does the same with pre-aggregates built in
 * DuckDB when the pointer enters a view; here the codes are the pre-aggregate, kept at row grain, so
 * any combination of selections is answered exactly.
 *
 * The counts are the facet queries' (facet-query.ts, histogram-query.ts) exactly: a facet counts
 * the rows that pass the filter bar (the `base` mask) and every OTHER facet's selection, never its
 * own. Where the cube cannot say the same (a typed brush bound inside a bin, a search with letters
 * outside ASCII) `compileSelections` / `topCounts` answer null and the caller asks DuckDB.
 */

/** A range dimension's code for a NULL (in no bin and in no range). */
export const NO_BIN = -1;
/** A number below every bin (−∞): `x >= lo` is false, `x < hi` is true. */
export const BELOW_BINS = -2;
/** A number above every bin (+∞, and NaN, which DuckDB sorts above every number). */
export const ABOVE_BINS = -3;

/**
 * Codes as narrow as their dictionary allows (at 1M rows the count is bound by memory traffic: an
 * Int8Array is a quarter of an Int32Array's): see narrowCodes.
 */
export type CodeArray = Int8Array | Int16Array | Int32Array;

/** The narrowest signed array that holds codes from -3 to maxCode (the specials are negative). */
export function narrowCodes(codes: Int32Array, maxCode: number): CodeArray {
  if (maxCode <= 127) return Int8Array.from(codes);
  if (maxCode <= 32767) return Int16Array.from(codes);
  return codes;
}

export type CubeDimension =
  | {
      column: string;
      kind: 'value';
      /** Per row: its value's code in `dictionary`, or -1 for NULL. */
      codes: CodeArray;
      dictionary: readonly string[];
    }
  | {
      column: string;
      kind: 'list';
      /** Row r's elements are codes[offsets[r] .. offsets[r + 1]); a NULL element is -1. */
      offsets: Int32Array;
      codes: CodeArray;
      dictionary: readonly string[];
    }
  | {
      column: string;
      kind: 'range';
      bins: Bins;
      /** Per row: its bin 0 .. bins.count − 1, or NO_BIN, BELOW_BINS, ABOVE_BINS. */
      codes: CodeArray;
    };

export interface FacetCube {
  rows: number;
  dimensions: readonly CubeDimension[];
}

/** A selection as codes of its dimension. */
export type CubePredicate =
  | { dim: number; kind: 'value'; codes: readonly number[] }
  | { dim: number; kind: 'list'; codes: readonly number[] }
  | { dim: number; kind: 'range'; lo: number | null; hi: number | null };

/** The bin whose lower edge is exactly `bound` (0 .. count), or -1 when it falls inside a bin. */
function edgeIndex(bins: Bins, bound: RangeBound): number {
  for (let i = 0; i <= bins.count; i++) {
    const edge = binEdge(bins, i);
    if (typeof edge === 'bigint' || typeof bound === 'bigint') {
      if (BigInt(edge) === BigInt(bound)) return i;
    } else if (edge === bound) return i;
  }
  return -1;
}

/**
 * The selections as predicates over the cube's codes, or null when the cube cannot answer them
 * exactly: a selection on a column the cube does not hold, or a brush bound that is not a bin edge
 * (a typed bound, or bins from another extent).
 */
export function compileSelections(
  cube: FacetCube,
  selections: readonly FacetSelection[],
): CubePredicate[] | null {
  const out: CubePredicate[] = [];
  for (const s of selections) {
    const dim = cube.dimensions.findIndex((d) => d.column === s.column);
    const d = cube.dimensions[dim];
    if (!d) return null;
    if (s.kind === 'range') {
      if (d.kind !== 'range' || d.bins.scale !== s.scale) return null;
      // Bounds beyond the bins (a brush from before a reload) are still exact: every value is inside.
      const lo = s.lo === null ? null : edgeIndex(d.bins, s.lo);
      const hi = s.hi === null ? null : edgeIndex(d.bins, s.hi);
      if (lo === -1 || hi === -1) return null;
      out.push({ dim, kind: 'range', lo, hi });
      continue;
    }
    if (d.kind !== s.kind) return null;
    // A value no row holds gets code -2, which no row has: the selection keeps no row.
    const codes = s.values.map((v) => {
      const code = d.dictionary.indexOf(v);
      return code < 0 ? -2 : code;
    });
    out.push({ dim, kind: s.kind, codes });
  }
  return out;
}

/**
 * Marks the rows that fail one predicate: fails[r] counts a row's failed predicates (capped at 2,
 * which is all that matters), failedDim[r] remembers the last one. One tight loop per predicate
 * over one typed array: this is where the time goes at 1M rows.
 */
function markFails(cube: FacetCube, p: CubePredicate, fails: Uint8Array, failedDim: Int8Array): void {
  const d = cube.dimensions[p.dim]!;
  const n = cube.rows;
  const fail = (r: number) => {
    if (fails[r]! < 2) fails[r]!++;
    failedDim[r] = p.dim;
  };
  if (p.kind === 'value' && d.kind === 'value') {
    const codes = d.codes;
    // One value selected (the usual case): a row passes when its code is that value's.
    const want = p.codes[0] ?? -1;
    const same = p.codes.every((c) => c === want);
    for (let r = 0; r < n; r++) if (!same || codes[r] !== want) fail(r);
  } else if (p.kind === 'list' && d.kind === 'list') {
    const { offsets, codes } = d;
    for (let r = 0; r < n; r++) {
      const from = offsets[r]!;
      const to = offsets[r + 1]!;
      for (const c of p.codes) {
        let k = from;
        while (k < to && codes[k] !== c) k++;
        if (k === to) {
          fail(r);
          break;
        }
      }
    }
  } else if (p.kind === 'range' && d.kind === 'range') {
    // Which codes pass, as a table over bins plus the three special codes.
    const count = d.bins.count;
    const pass = new Uint8Array(count + 3);
    for (let b = 0; b < count; b++)
      pass[b] = (p.lo === null || b >= p.lo) && (p.hi === null || b < p.hi) ? 1 : 0;
    pass[count] = 0; // NO_BIN
    pass[count + 1] = p.lo === null ? 1 : 0; // BELOW_BINS
    pass[count + 2] = p.hi === null ? 1 : 0; // ABOVE_BINS
    const codes = d.codes;
    for (let r = 0; r < n; r++) {
      const c = codes[r]!;
      if (pass[c >= 0 ? c : count - 1 - c] === 0) fail(r);
    }
  } else {
    throw new Error(`A ${p.kind} selection cannot apply to the ${d.kind} facet ${d.column}.`);
  }
}

/** Slots counted per dimension: dictionary codes, or bins. */
function slotsOf(d: CubeDimension): number {
  return d.kind === 'range' ? d.bins.count : d.dictionary.length;
}

/**
 * Every dimension's counts under the predicates: dimension d counts the rows that pass `base`
 * (when given: 1 = the row passes the filter bar) and every predicate not on d. A value dimension
 * counts its NULLs nowhere; a list counts every non-NULL element (a repeated element twice, as
 * `unnest` does); a range counts bins only. The predicates are applied first, one typed-array pass
 * each; then each dimension counts the rows listed for it (selection vectors, below).
 */
export function crossfilterCounts(
  cube: FacetCube,
  predicates: readonly CubePredicate[],
  base: Uint8Array | null = null,
): Int32Array[] {
  const n = cube.rows;
  if (cube.dimensions.length > 127) throw new Error('The facet cube holds at most 127 dimensions.');
  const dims = cube.dimensions;
  if (base === null && predicates.length === 0) return dims.map((d) => countRows(d, null, n));
  const scratch = scratchOf(cube);
  // fails[r]: 0 passes all, 1 fails one (failedDim[r]), 2 fails two or more; a row the filter bar
  // hides counts as failing two.
  const fails = scratch.fails.fill(0);
  const failedDim = scratch.failedDim.fill(-1);
  if (base) for (let r = 0; r < n; r++) if (base[r] === 0) fails[r] = 2;
  for (const p of predicates) markFails(cube, p, fails, failedDim);
  // Selection vectors: the rows that pass everything, and per selected dimension the rows that fail
  // only its selection (they count for that facet alone). Each facet then reads only its rows: a
  // click that keeps a fifth of the rows costs a fifth of a pass per facet.
  const passing = scratch.passing;
  let np = 0;
  const single = new Map<number, { rows: Int32Array; n: number }>();
  for (const p of predicates)
    if (!single.has(p.dim)) single.set(p.dim, { rows: scratch.rowsOf(p.dim), n: 0 });
  for (let r = 0; r < n; r++) {
    const f = fails[r];
    if (f === 0) passing[np++] = r;
    else if (f === 1) {
      const s = single.get(failedDim[r]!)!;
      s.rows[s.n++] = r;
    }
  }
  return dims.map((d, di) => {
    const out = countRows(d, passing.subarray(0, np), n);
    const s = single.get(di);
    if (s) addCounts(out, d, s.rows.subarray(0, s.n));
    return out;
  });
}

/**
 * The arrays a count writes, kept per cube and reused (each is reset or written before it is read).
 * Allocated fresh for every click they cost more than the counting they serve: at 1M rows ~10 MB
 * of new memory, zeroed and faulted in page by page (a value click, Node: 24–27 ms fresh, 11.7 ms
 * reused). Held while the cube is: 6 MB at 1M rows, and 4 MB per dimension ever selected.
 */
interface Scratch {
  fails: Uint8Array;
  failedDim: Int8Array;
  passing: Int32Array;
  rowsOf(dim: number): Int32Array;
}

const scratches = new WeakMap<FacetCube, Scratch>();

function scratchOf(cube: FacetCube): Scratch {
  let scratch = scratches.get(cube);
  if (!scratch) {
    const n = cube.rows;
    const rows = new Map<number, Int32Array>();
    scratch = {
      fails: new Uint8Array(n),
      failedDim: new Int8Array(n),
      passing: new Int32Array(n),
      rowsOf(dim) {
        let r = rows.get(dim);
        if (!r) rows.set(dim, (r = new Int32Array(n)));
        return r;
      },
    };
    scratches.set(cube, scratch);
  }
  return scratch;
}

/** A dimension's counts over the rows listed (null: every row). */
function countRows(d: CubeDimension, rows: Int32Array | null, n: number): Int32Array {
  const out = new Int32Array(slotsOf(d));
  if (rows) addCounts(out, d, rows);
  else if (d.kind === 'list') {
    for (let k = 0; k < d.offsets[n]!; k++) {
      const c = d.codes[k]!;
      if (c >= 0) out[c]!++;
    }
  } else {
    const codes = d.codes;
    for (let r = 0; r < n; r++) {
      const c = codes[r]!;
      if (c >= 0) out[c]!++;
    }
  }
  return out;
}

function addCounts(out: Int32Array, d: CubeDimension, rows: Int32Array): void {
  if (d.kind === 'list') {
    const { offsets, codes } = d;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      for (let k = offsets[r]!; k < offsets[r + 1]!; k++) {
        const c = codes[k]!;
        if (c >= 0) out[c]!++;
      }
    }
    return;
  }
  const codes = d.codes;
  for (let i = 0; i < rows.length; i++) {
    const c = codes[rows[i]!]!;
    if (c >= 0) out[c]!++;
  }
}

/** Compares by Unicode code point, which is UTF-8 byte order: DuckDB's order of VARCHARs. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const isAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
};
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A value or list facet's shown counts, as its query orders them (count descending, then value), at
 * most `limit`, values with no row left out; `search` keeps the values containing it, ignoring case.
 * Null when the search cannot be answered as DuckDB's ILIKE would: its case folding of letters
 * outside ASCII is its own (the Kelvin sign folds to `k`), so such searches go to DuckDB.
 */
export function topCounts(
  counts: Int32Array,
  dictionary: readonly string[],
  limit: number,
  search = '',
): { value: string; count: number }[] | null {
  const needle = search.trim();
  if (needle !== '' && (!isAscii(needle) || !dictionary.every(isAscii))) return null;
  const folded = asciiLower(needle);
  const out: { value: string; count: number }[] = [];
  counts.forEach((count, code) => {
    if (count === 0) return;
    const value = dictionary[code]!;
    if (folded !== '' && !asciiLower(value).includes(folded)) return;
    out.push({ value, count });
  });
  out.sort((a, b) => b.count - a.count || compareCodePoints(a.value, b.value));
  return out.slice(0, limit);
}
