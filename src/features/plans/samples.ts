/**
 * The sample schedules shipped in public/samples/plans/ (index.json is written by the plan core's
 * sample generator). Read tolerantly: an array or `{ samples: [...] }`, with `file`/`path`/`url`
 * and `title`/`name`/`label`.
 */
export interface PlanSample {
  readonly title: string;
  readonly description: string;
  /** URL relative to the samples folder, resolved against the app's own origin. */
  readonly url: string;
  readonly format: 'json' | 'parquet' | 'csv';
}

export const SAMPLES_BASE = `${import.meta.env.BASE_URL}samples/plans/`;

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export function readSampleIndex(value: unknown): PlanSample[] {
  const list = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { samples?: unknown }).samples)
      ? (value as { samples: unknown[] }).samples
      : [];
  const out: PlanSample[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const file = text(o.file) ?? text(o.path) ?? text(o.url);
    if (!file) continue;
    const title = text(o.title) ?? text(o.name) ?? text(o.label) ?? file;
    const lower = file.toLowerCase();
    const format = lower.endsWith('.parquet') ? 'parquet' : lower.endsWith('.csv') ? 'csv' : 'json';
    out.push({
      title,
      description: text(o.description) ?? '',
      url: new URL(file, new URL(SAMPLES_BASE, location.href)).href,
      format,
    });
  }
  return out;
}

export async function fetchSamples(signal: AbortSignal): Promise<PlanSample[]> {
  const response = await fetch(`${SAMPLES_BASE}index.json`, { signal });
  if (!response.ok) throw new Error(`The sample list could not be read (HTTP ${response.status}).`);
  return readSampleIndex(await response.json());
}
