import { formatElapsed } from '../../core/format/quantities';
import { listIds } from '../../core/plan/problem-list';
/** Display formats of the Plans view; sizes, counts and durations come from core/format/quantities. */
export function formatUs(us: number): string {
  return formatElapsed(us / 1000);
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}

/** "1, 2, 3 and 40 more" for long id lists rendered as text (core's listIds), "none" when empty. */
export function idList(ids: readonly string[], max = 40): string {
  return ids.length === 0 ? 'none' : listIds(ids, max);
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
