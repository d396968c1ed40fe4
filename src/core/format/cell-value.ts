/**
 * What one painted cell shows, as data: the grid renders it with React elements, never as HTML.
 * `text` is always a plain one-line string (what a screen reader and a copy of the short form get);
 * the other fields let the component draw chips, sparklines and badges.
 */
export type CellValue =
  | { kind: 'null'; text: 'NULL' }
  /** Integers, big integers, decimals and floats. `special` marks values a reader could misread. */
  | { kind: 'number'; text: string; special?: 'nan' | 'inf' | '-inf' | '-0' }
  | { kind: 'boolean'; text: 'true' | 'false'; value: boolean }
  /** `text` is the (possibly truncated) string for the cell; `empty` is the empty string, not NULL. */
  | { kind: 'string'; text: string; empty: boolean; truncated: boolean; byteLength: number }
  /** Dates, times, timestamps, durations, intervals. `title` says the unit and zone in words. */
  | { kind: 'temporal'; text: string; title: string }
  /** `items` are the first few elements; `more` how many were left out. */
  | { kind: 'list'; text: string; items: CellValue[]; length: number; more: number }
  | { kind: 'struct'; text: string; truncated: boolean }
  | { kind: 'map'; text: string; size: number; truncated: boolean }
  /** Hex of the first bytes; `byteLength` is the whole value's length. */
  | { kind: 'binary'; text: string; byteLength: number; truncated: boolean }
  /** A numeric vector (embedding): `values` is a view, not a copy, for the sparkline. */
  | { kind: 'vector'; text: string; dim: number; values: ArrayLike<number> }
  | { kind: 'other'; text: string };

export type CellKind = CellValue['kind'];

export interface FormatOptions {
  /** Strings longer than this (in UTF-16 code units) are cut for the cell. */
  maxStringChars: number;
  /** List chips shown before "+k more". */
  maxListItems: number;
  /** Bytes shown as hex before the length. */
  maxBinaryBytes: number;
  /** Characters of a struct/map/list rendering before it is cut. */
  maxNestedChars: number;
  /** A variable-length list of floats at least this long is painted as a vector, not as chips. */
  vectorMinLength: number;
}

export const CELL_FORMAT: FormatOptions = {
  maxStringChars: 200,
  maxListItems: 4,
  maxBinaryBytes: 12,
  maxNestedChars: 160,
  vectorMinLength: 16,
};

/** For copy and the full-value view: nothing is cut (the caller decides what is too big to show). */
export const FULL_FORMAT: FormatOptions = {
  maxStringChars: Number.POSITIVE_INFINITY,
  maxListItems: Number.POSITIVE_INFINITY,
  maxBinaryBytes: Number.POSITIVE_INFINITY,
  maxNestedChars: Number.POSITIVE_INFINITY,
  vectorMinLength: 16,
};
