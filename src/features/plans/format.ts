/** Display formats of the Plans view; sizes and counts come from core/format/quantities. */
export function formatUs(us: number): string {
  if (Math.abs(us) >= 1_000_000) return `${(us / 1_000_000).toFixed(2)} s`;
  if (Math.abs(us) >= 1000) return `${(us / 1000).toFixed(1)} ms`;
  return `${Math.round(us * 10) / 10} µs`;
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
