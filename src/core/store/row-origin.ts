import type { ColumnPlan } from '../schema/column-plan';

/**
 * Where a row of a store's view comes from (docs/store.md). The view numbers its rows `__row` = the
 * file's `__row` plus the rows of the files before it (buildCreateStoreView), so a store row's file
 * and its row there follow from the files' row counts, in view order, with no query.
 */

/** A file of the store as the view was built from it: in view order, with its rows then. */
export interface StoreRowSpan {
  rowCount: number;
}

export interface RowOrigin {
  /** The file's position among the spans. */
  file: number;
  /** The row's `__row` in that file. */
  fileRow: number;
}

/** The first store row of each file, and the total at the end (length = spans + 1). */
export function spanStarts(spans: readonly StoreRowSpan[]): number[] {
  const starts = [0];
  for (const s of spans) starts.push((starts.at(-1) as number) + s.rowCount);
  return starts;
}

/** The file and file row of store row `row`, or null when it is outside the view. */
export function rowOrigin(starts: readonly number[], row: number): RowOrigin | null {
  const total = starts.at(-1) ?? 0;
  if (!Number.isInteger(row) || row < 0 || row >= total) return null;
  // The last start <= row (files with no rows share their start with the next file: skip them).
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= row) lo = mid;
    else hi = mid - 1;
  }
  return { file: lo, fileRow: row - (starts[lo] as number) };
}

/** Store rows grouped by file, as file rows (each file's list in the order given). */
export function rowsByFile(starts: readonly number[], rows: readonly number[]): Map<number, number[]> {
  const byFile = new Map<number, number[]>();
  for (const row of rows) {
    const origin = rowOrigin(starts, row);
    if (!origin) continue;
    const list = byFile.get(origin.file);
    if (list) list.push(origin.fileRow);
    else byFile.set(origin.file, [origin.fileRow]);
  }
  return byFile;
}

/**
 * The heavy columns of a store (kept out of DuckDB, so not in its view), as plans for its grid: each
 * key once (matched ignoring case, as the view's keys are), in order of first appearance, the first
 * file's plan; a vector column whose files disagree on its dimension has no dimension in its label.
 */
export function storeHeavyPlans(files: readonly (readonly ColumnPlan[])[]): ColumnPlan[] {
  const plans = new Map<string, ColumnPlan>();
  for (const columns of files)
    for (const c of columns) {
      if (c.destination !== 'heavy') continue;
      const key = c.name.toLowerCase();
      const first = plans.get(key);
      if (!first) plans.set(key, c);
      else if (first.vectorDim !== c.vectorDim) {
        const { vectorDim: _dim, ...rest } = first;
        plans.set(key, { ...rest, typeLabel: 'vector' });
      }
    }
  return [...plans.values()];
}
