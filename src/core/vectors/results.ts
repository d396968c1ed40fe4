/**
 * What the Similar view shows besides the ranking: the score histogram and the CSV export. Pure:
 * values come in as typed arrays and cell readers, the CSV goes out as a string.
 */

export interface HistogramBin {
  /** Lower and upper score of the bin ([x0, x1), the last bin closed). */
  x0: number;
  x1: number;
  count: number;
}

/** Equal-width bins over [min, max] of the finite scores (NaN ignored). */
export function scoreHistogram(scores: Float32Array | Float64Array, bins = 40): HistogramBin[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (!Number.isFinite(lo)) return [];
  const n = Math.max(1, Math.floor(bins));
  const width = hi > lo ? (hi - lo) / n : 1;
  const out: HistogramBin[] = Array.from({ length: n }, (_, i) => ({
    x0: lo + i * width,
    x1: i === n - 1 ? Math.max(hi, lo + width) : lo + (i + 1) * width,
    count: 0,
  }));
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    const i = Math.min(n - 1, Math.floor((s - lo) / width));
    (out[i] as HistogramBin).count++;
  }
  return out;
}

/** Scores in [lo, hi]. */
export function countInRange(scores: Float32Array | Float64Array, lo: number, hi: number): number {
  let n = 0;
  for (const s of scores) if (s >= lo && s <= hi) n++;
  return n;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'bigint' ? value.toString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvColumn {
  name: string;
  /** The cell of result i (0-based rank). */
  value(i: number): unknown;
}

/** The results as CSV: header row, then one line per result, CRLF line ends. */
export function resultsCsv(count: number, columns: readonly CsvColumn[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (let i = 0; i < count; i++) lines.push(columns.map((c) => csvField(c.value(i))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
