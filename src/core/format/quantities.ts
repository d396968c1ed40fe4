/**
 * The one family of number formats for sizes and counts, so a figure reads the same in every view:
 * - formatSize: a file's size as file managers show it (decimal: 1.5 MB);
 * - formatBytesBinary: memory as allocators count it (binary: 1.5 MiB);
 * - formatBytesExact: every byte, grouped (1,234,567 B), where the exported summary has the same number;
 * - formatCount: a count, grouped (1,234,567);
 * - formatElapsed: a time taken or a time on a schedule (35 µs, 4.2 ms, 120 ms, 1.53 s). DuckDB's
 *   own second figures (plans) are written exactly instead, so they match the exported summary.
 */

// One formatter: Number#toLocaleString builds a new one per call (~15 µs each, thousands per render).
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return GROUPED.format(n);
}

/** "1 row", "2 rows", "1,024 executors": the count and its noun, singular for exactly one. */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatBytesExact(n: number): string {
  return `${GROUPED.format(Math.round(n))} B`;
}

export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  return scaled(bytes, 1000, ['kB', 'MB', 'GB', 'TB', 'PB']);
}

export function formatBytesBinary(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  return scaled(bytes, 1024, ['KiB', 'MiB', 'GiB', 'TiB', 'PiB']);
}

function scaled(n: number, base: number, units: readonly string[]): string {
  let v = n / base;
  let u = 0;
  while (Math.abs(v) >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  // Three significant digits at most: 1.5 MB, 15.2 MB, 152 MB.
  const abs = Math.abs(v);
  return `${v.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 1 : 2)} ${units[u]}`;
}

/** Milliseconds as a person reads a duration: µs below 1 ms, one decimal below 10 ms, seconds from 1 s. */
export function formatElapsed(ms: number): string {
  const abs = Math.abs(ms);
  if (!Number.isFinite(ms)) return '—';
  if (abs < 1) return `${Math.round(ms * 10_000) / 10} µs`;
  if (abs < 10) return `${ms.toFixed(1)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
