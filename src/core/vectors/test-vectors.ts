import { mulberry32 } from '../../../scripts/lib/mulberry32.mjs';
import type { Metric } from './metric';

/**
 * Test support shared by the unit and integration tests: seeded random vectors and the float64
 * brute force every search is checked against. Written independently of the code under test.
 */

export function randomVectors(seed: number, count: number, dim: number, spread = 1): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: count * dim }, () => (rand() * 2 - 1) * spread);
}

export interface BruteForceHit {
  row: number;
  score: number;
}

/**
 * Every usable vector (finite, non-zero) scored in float64 and ranked: score in the metric's
 * direction, then row ascending.
 */
export function bruteForce(
  vectors: ArrayLike<number>,
  rows: ArrayLike<number>,
  dim: number,
  query: ArrayLike<number>,
  metric: Metric,
  k: number,
  allowed?: (row: number) => boolean,
): BruteForceHit[] {
  const hits: BruteForceHit[] = [];
  let qq = 0;
  for (let j = 0; j < dim; j++) qq += (query[j] as number) ** 2;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (allowed && !allowed(row)) continue;
    let dot = 0;
    let xx = 0;
    let dd = 0;
    let finite = true;
    for (let j = 0; j < dim; j++) {
      const x = vectors[i * dim + j] as number;
      const q = query[j] as number;
      if (!Number.isFinite(x)) finite = false;
      dot += x * q;
      xx += x * x;
      dd += (x - q) * (x - q);
    }
    if (!finite || xx === 0) continue;
    const score = metric === 'cosine' ? dot / Math.sqrt(qq * xx) : metric === 'dot' ? dot : Math.sqrt(dd);
    hits.push({ row, score });
  }
  const sign = metric === 'euclidean' ? 1 : -1;
  hits.sort((a, b) => sign * (a.score - b.score) || a.row - b.row);
  return hits.slice(0, k);
}

/**
 * Null when a result matches the brute force: the same scores position by position (within
 * `tolerance`), and the same rows, except that rows whose scores tie exactly (within 1e-12 of
 * each other) may come in any order. Otherwise a description of the first difference.
 */
export function rankingMismatch(
  got: { rows: ArrayLike<number>; scores: ArrayLike<number> },
  want: readonly BruteForceHit[],
  tolerance = 1e-5,
): string | null {
  if (got.rows.length !== want.length) return `${got.rows.length} results, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as BruteForceHit;
    const score = got.scores[i] as number;
    if (!(Math.abs(score - w.score) <= tolerance * Math.max(1, Math.abs(w.score))))
      return `rank ${i}: score ${score}, expected ${w.score}`;
    if ((got.rows[i] as number) === w.row) continue;
    // A tie group: the same multiset of rows among the positions holding this score.
    const tied = (s: number) => Math.abs(s - w.score) <= 1e-12 * Math.max(1, Math.abs(w.score));
    const wantRows = want.filter((h) => tied(h.score)).map((h) => h.row);
    if (!wantRows.includes(got.rows[i] as number))
      return `rank ${i}: row ${got.rows[i]}, expected ${w.row} (score ${w.score})`;
  }
  return null;
}
