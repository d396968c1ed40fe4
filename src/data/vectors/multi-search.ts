import { MemscopeError } from '../../core/errors';
import type { Metric } from '../../core/vectors/metric';
import { mergeTopK } from '../../core/vectors/top-k';
import type { VectorIndex, VectorSearchRequest, VectorSearchResult } from './vector-index';

/**
 * One search over several files of one store (one file per category): each file's index is
 * searched for its own top k, and the lists are merged. Every result names its file.
 */

export interface MultiSearchHit {
  fileName: string;
  row: number;
  score: number;
}

export interface MultiSearchResult {
  metric: Metric;
  hits: MultiSearchHit[];
  /** Each file's own result (coverage, skipped rows, scores for the histogram). */
  perFile: { fileName: string; result: VectorSearchResult }[];
}

export async function searchIndexes(
  indexes: readonly VectorIndex[],
  request: Omit<VectorSearchRequest, 'allowed'> & { allowed?: ReadonlyMap<string, Uint8Array> },
): Promise<MultiSearchResult> {
  const first = indexes[0];
  if (!first) return { metric: request.metric ?? 'cosine', hits: [], perFile: [] };
  const other = indexes.find((ix) => ix.dim !== first.dim);
  if (other) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: `${other.fileName} has ${other.dim}-dimensional vectors and ${first.fileName} ${first.dim}-dimensional ones: they cannot be searched together.`,
      hint: 'Search files whose embeddings have one dimension.',
    });
  }
  const metric = request.metric ?? 'cosine';
  const results = await Promise.all(
    indexes.map((ix) => {
      const { allowed: byFile, ...rest } = request;
      const allowed = byFile?.get(ix.fileName);
      return ix.search({ ...rest, metric, ...(allowed ? { allowed } : {}) });
    }),
  );
  const merged = mergeTopK(results, request.k, metric);
  const hits = Array.from(merged.rows, (row, i) => ({
    fileName: (indexes[merged.sources[i] as number] as VectorIndex).fileName,
    row,
    score: merged.scores[i] as number,
  }));
  return {
    metric,
    hits,
    perFile: results.map((result, i) => ({ fileName: (indexes[i] as VectorIndex).fileName, result })),
  };
}
