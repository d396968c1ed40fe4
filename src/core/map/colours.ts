/**
 * Colour by a column: each map point gets a small code (a Uint16Array, one per point, no per-row
 * objects), codes index the legend, and the legend's entries take the theme's categorical colours
 * in order. DuckDB answers with (`__row`, code) pairs in Arrow chunks; the most frequent values get
 * their own colour and the rest share "Other" (core/sql side: the map's colour query).
 */

/** Distinct colours before the rest become "Other". */
export const MAX_COLOURED_VALUES = 12;

/** Code 0 is "Other" (values beyond the first MAX_COLOURED_VALUES, or a row DuckDB did not answer). */
export const OTHER_CODE = 0;

export interface LegendEntry {
  /** The value as text; null for SQL NULL; "Other" entries have `other: true`. */
  label: string | null;
  code: number;
  count: number;
  other?: boolean;
}

/**
 * A per-`__row` code table from DuckDB's Arrow chunks (row numbers and codes, chunk by chunk).
 * Rows beyond `rowCount` are ignored; rows not answered keep OTHER_CODE.
 */
export function codesByRow(
  rows: readonly ArrayLike<number | bigint>[],
  codes: readonly ArrayLike<number>[],
  rowCount: number,
): Uint16Array {
  const out = new Uint16Array(rowCount);
  for (let c = 0; c < rows.length; c++) {
    const r = rows[c] as ArrayLike<number | bigint>;
    const k = codes[c] as ArrayLike<number>;
    for (let i = 0; i < r.length; i++) {
      const row = Number(r[i]);
      if (row >= 0 && row < rowCount) out[row] = k[i] as number;
    }
  }
  return out;
}

/** The code of each map point (its `__row` looked up in the table), and how many points have each code. */
export function pointCodes(
  byRow: Uint16Array,
  pointRows: Float64Array,
  codeCount: number,
): { codes: Uint16Array; counts: Uint32Array } {
  const codes = new Uint16Array(pointRows.length);
  const counts = new Uint32Array(codeCount);
  for (let i = 0; i < pointRows.length; i++) {
    const row = pointRows[i] as number;
    let code = row >= 0 && row < byRow.length ? (byRow[row] as number) : OTHER_CODE;
    if (code >= codeCount) code = OTHER_CODE;
    codes[i] = code;
    counts[code] = (counts[code] as number) + 1;
  }
  return { codes, counts };
}

/**
 * The legend: one entry per value that has points (`values[i]` has code i + 1), most points first
 * (ties in value order), then "Other" when it has any, with how many distinct values it covers.
 */
export function legendEntries(
  values: readonly (string | null)[],
  counts: Uint32Array,
  otherValues: number,
): LegendEntry[] {
  const entries: LegendEntry[] = [];
  values.forEach((label, i) => {
    const count = counts[i + 1] ?? 0;
    if (count > 0) entries.push({ label, code: i + 1, count });
  });
  entries.sort((a, b) => b.count - a.count || a.code - b.code);
  const other = counts[OTHER_CODE] ?? 0;
  if (other > 0) {
    entries.push({
      label: otherValues > 0 ? `Other (${otherValues.toLocaleString('en-US')} values)` : 'Other',
      code: OTHER_CODE,
      count: other,
      other: true,
    });
  }
  return entries;
}

/**
 * The pixel colour (0xAABBGGRR) of every code: value i + 1 takes palette[i mod palette length],
 * Other takes `other`. With no column chosen every code is `single`.
 */
export function codePalette(
  valueCount: number,
  palette: readonly number[],
  other: number,
  single?: number,
): Uint32Array {
  const out = new Uint32Array(valueCount + 1);
  out[OTHER_CODE] = single ?? other;
  for (let i = 0; i < valueCount; i++) {
    out[i + 1] = single ?? (palette.length ? (palette[i % palette.length] as number) : other);
  }
  return out;
}

/** What "Colour by" gets for a column: its top values (value i is code i + 1) and a code per `__row`. */
export interface ColourCodes {
  values: (string | null)[];
  /** Distinct values beyond `values`, all shown as "Other". */
  otherValues: number;
  byRow: Uint16Array;
}

/** A column "Colour by" can offer. */
export interface ColourColumn {
  name: string;
  label: string;
  /** By role a category (category, topic, kind, …): the default is the first of these. */
  category: boolean;
}

/** The palette with the `hidden` codes made fully transparent (not drawn, hovered or selected). */
export function hideCodes(colours: Uint32Array, hidden: ReadonlySet<number>): Uint32Array {
  if (hidden.size === 0) return colours;
  const out = colours.slice();
  for (const code of hidden) if (code >= 0 && code < out.length) out[code] = 0;
  return out;
}
