/** Display formats for the Plans view. Exact integers where the exported summary has the same number. */
export function exactBytes(n: number): string {
  return `${Math.round(n).toLocaleString('en-US')} B`;
}

export function humanBytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[u]}`;
}

export function formatUs(us: number): string {
  if (Math.abs(us) >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  if (Math.abs(us) >= 1000) return `${(us / 1000).toFixed(1)} ms`;
  return `${Math.round(us * 10) / 10} µs`;
}

// One formatter: Number#toLocaleString builds a new one per call (~15 µs each, thousands per render).
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** "1, 2, 3 and 40 more" for long id lists rendered as text. */
export function idList(ids: readonly string[], max = 40): string {
  if (ids.length === 0) return 'none';
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${(ids.length - max).toLocaleString('en-US')} more`;
}

/** A finite number, or null (metrics are typed PlanMetricValue). */
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A download's file-name stem from a plan's label. */
export function fileStem(label: string): string {
  return label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
}

/**
 * Seconds as DuckDB reports them, with enough digits to read the exported value back: the
 * summary's numbers and the labelled text must agree (e2e compares them).
 */
export function formatSeconds(s: number): string {
  return `${Number(s.toPrecision(6))} s`;
}
