import { formatCount, formatCountOf } from '../format/quantities';

/**
 * What the Similar view shows of a search, over one file or several (docs/similar.md, "One search
 * over several files"): the ranking (each hit naming its file when several were searched), the
 * counts its status line gives, and the scores of every searched row for the histogram. Pure.
 */

/** One file's search (the vector index's result is one: data/vectors/vector-index.ts). */
export interface FileSearch {
  /** `__row` of each result, best first, and its exact score. */
  rows: Float64Array;
  scores: Float64Array;
  /** Rows of the file covered by this search (all of them once the index is ready) of `total`. */
  covered: number;
  total: number;
  /** Vectors scored (after the filter). */
  searched: number;
  /** Unusable rows among those covered. */
  skipped: number;
  /** Scores of every searched row (within the scan bound of the exact ones), when asked. */
  allScores?: Float32Array;
}

export interface SearchOutcome {
  /** `__row` of each result (in its file), best first, and its exact score. */
  rows: Float64Array;
  scores: Float64Array;
  /** The file of each result; null when one file was searched. */
  files: readonly string[] | null;
  /** Files searched. */
  fileCount: number;
  covered: number;
  total: number;
  searched: number;
  /** Rows without a usable vector among those covered. */
  skipped: number;
  allScores?: Float32Array;
}

export function singleOutcome(result: FileSearch): SearchOutcome {
  return {
    rows: result.rows,
    scores: result.scores,
    files: null,
    fileCount: 1,
    covered: result.covered,
    total: result.total,
    searched: result.searched,
    skipped: result.skipped,
    ...(result.allScores ? { allScores: result.allScores } : {}),
  };
}

/**
 * A search over several files: the merged ranking (`hits`, already merged exactly), the counts
 * summed over the files, the scores of every file's searched rows one after the other.
 */
export function combinedOutcome(
  hits: readonly { fileName: string; row: number; score: number }[],
  perFile: readonly { fileName: string; result: FileSearch }[],
): SearchOutcome {
  const sum = (f: (r: FileSearch) => number) => perFile.reduce((n, p) => n + f(p.result), 0);
  const parts = perFile.map((p) => p.result.allScores);
  let allScores: Float32Array | undefined;
  if (perFile.length > 0 && parts.every((s) => s !== undefined)) {
    allScores = new Float32Array(parts.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of parts) {
      allScores.set(s, at);
      at += s.length;
    }
  }
  return {
    rows: Float64Array.from(hits, (h) => h.row),
    scores: Float64Array.from(hits, (h) => h.score),
    files: hits.map((h) => h.fileName),
    fileCount: perFile.length,
    covered: sum((r) => r.covered),
    total: sum((r) => r.total),
    searched: sum((r) => r.searched),
    skipped: sum((r) => r.skipped),
    ...(allScores ? { allScores } : {}),
  };
}

/** The results whose score `keep`s (a brushed range), with their files. */
export function keepScores(outcome: SearchOutcome, keep: (score: number) => boolean): SearchOutcome {
  const idx = Array.from(outcome.scores.keys()).filter((i) => keep(outcome.scores[i] as number));
  return {
    ...outcome,
    rows: Float64Array.from(idx, (i) => outcome.rows[i] as number),
    scores: Float64Array.from(idx, (i) => outcome.scores[i] as number),
    files: outcome.files ? idx.map((i) => outcome.files?.[i] as string) : null,
  };
}

/**
 * The status line's account of a search: "10 results for memory m-1 (row 3 is the query, shown
 * first); searched 1,277 vectors, covering 1,280 of 1,280 rows." With several files it names how
 * many, and how many rows were skipped as bad vectors.
 */
export function coverageText(
  outcome: SearchOutcome,
  title: string,
  query: { row: number; fileName: string | null } | null,
): string {
  const asked = query
    ? ` (row ${query.row}${query.fileName && outcome.files ? ` of ${query.fileName}` : ''} is the query, shown first)`
    : '';
  const head = `${formatCountOf(outcome.rows.length, 'result')} for ${title}${asked}; searched ${formatCountOf(outcome.searched, 'vector')}`;
  if (!outcome.files)
    return `${head}, covering ${formatCount(outcome.covered)} of ${formatCountOf(outcome.total, 'row')}.`;
  return (
    `${head} in ${formatCountOf(outcome.fileCount, 'file')}, covering ${formatCount(outcome.covered)} of ` +
    `${formatCountOf(outcome.total, 'row')}; ${formatCountOf(outcome.skipped, 'row')} skipped as bad vectors.`
  );
}
