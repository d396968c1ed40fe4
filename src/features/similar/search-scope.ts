import { combinedOutcome, singleOutcome, type SearchOutcome } from '../../core/vectors/combined-results';
import type { Metric } from '../../core/vectors/metric';
import { searchIndexes } from '../../data/vectors/multi-search';
import type { VectorIndex } from '../../data/vectors/vector-index';

/**
 * What one search covers: the view's file, or it and every other open file whose vectors have its
 * dimension (docs/similar.md, "One search over several files").
 */

/** Another open file the search can cover (src/app passes the files whose vectors fit). */
export interface SimilarPeer {
  fileName: string;
  /** The file's index of its vector column of this dimension: made on first use, owned by the file. */
  index(): VectorIndex;
  /** The file's Explore filter as a `__row` bitmap, when it has one. */
  exploreFilter?: (() => Promise<Uint8Array | null>) | undefined;
}

export interface ScopeFile {
  fileName: string;
  index: VectorIndex;
  exploreFilter?: (() => Promise<Uint8Array | null>) | undefined;
}

export interface ScopeRequest {
  query: Float32Array;
  k: number;
  metric: Metric;
  /** "Only rows matching the Explore filter": each file that has a filter is searched within it. */
  filtered: boolean;
}

/**
 * Searches `self` alone (no peers) or with its peers: each file's exact top k, merged exactly
 * (searchIndexes). Returns the indexes searched, so a search over a partly built index can run
 * again once they are complete.
 */
export async function searchScope(
  self: ScopeFile,
  peers: readonly SimilarPeer[],
  { query, k, metric, filtered }: ScopeRequest,
): Promise<{ outcome: SearchOutcome; indexes: VectorIndex[] }> {
  const filterOf = async (f: { exploreFilter?: (() => Promise<Uint8Array | null>) | undefined }) =>
    filtered && f.exploreFilter ? ((await f.exploreFilter()) ?? undefined) : undefined;
  if (peers.length === 0) {
    const allowed = await filterOf(self);
    const result = await self.index.search({
      query,
      k,
      metric,
      withScores: true,
      ...(allowed ? { allowed } : {}),
    });
    return { outcome: singleOutcome(result), indexes: [self.index] };
  }
  const files = [self, ...peers.map((p) => ({ ...p, index: p.index() }))];
  const allowed = new Map<string, Uint8Array>();
  for (const f of files) {
    const bitmap = await filterOf(f);
    if (bitmap) allowed.set(f.fileName, bitmap);
  }
  const indexes = files.map((f) => f.index);
  const merged = await searchIndexes(indexes, { query, k, metric, withScores: true, allowed });
  return { outcome: combinedOutcome(merged.hits, merged.perFile), indexes };
}

/**
 * A search made while an index it searched was still building covered the rows indexed so far
 * (`covered` < `total`). Resolves true once every index it searched has finished (ready, cancelled
 * or failed) and holds more rows than the search covered: the same search should run again, as it
 * was asked, to cover them. Resolves false when the search covered every row or nothing was added.
 *
 * Whether to wait is decided by the coverage the search reported, never by the indexes' state when
 * the caller looks: a view that reads the result rows first (DuckDB) may look after the index has
 * completed, and the search it shows would then stay partial.
 */
export async function coversMoreOnceComplete(
  outcome: Pick<SearchOutcome, 'covered' | 'total'>,
  indexes: readonly VectorIndex[],
): Promise<boolean> {
  if (outcome.covered >= outcome.total) return false;
  const finished = await Promise.all(indexes.map((ix) => ix.ready.catch(() => ix.progress())));
  return finished.reduce((n, p) => n + p.indexed, 0) > outcome.covered;
}
