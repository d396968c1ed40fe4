/**
 * Where a search's text occurs in a value, case-insensitively, as [start, end) UTF-16 ranges of the
 * value itself (not of a lowercased copy, whose length can differ: "İ" lowercases to two units).
 * The grid wraps these ranges in <mark>; the search itself is DuckDB's ILIKE, and both fold case.
 */
export function matchRanges(text: string, query: string, limit = 64): [number, number][] {
  if (query === '' || text === '') return [];
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const out: [number, number][] = [];
  for (const m of text.matchAll(pattern)) {
    if (m[0].length === 0) break;
    out.push([m.index, m.index + m[0].length]);
    if (out.length >= limit) break;
  }
  return out;
}
