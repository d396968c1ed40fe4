import { MemscopeError } from '../errors';
import { exactScore, keyOfScore, norm, scanErrorBound, type Metric } from './metric';
import { BoundedHeap, type RankedList } from './top-k';
import { MAX_NORM } from './usable';

/**
 * Exact top-k over a set of float32 vectors (docs/similar.md, "Exactness"):
 * 1. scan: a fast float32 kernel gives every row a key (larger is better) within a proven bound E
 *    of its exact value; a bounded heap keeps the k best keys, the worst of which is τ;
 * 2. candidates: every row whose key is ≥ τ − 2E. Every true top-k row is among them: the k rows
 *    with key ≥ τ have exact keys ≥ τ − E, so the k-th exact key is ≥ τ − E, and a row at or above
 *    it has a scanned key ≥ τ − 2E;
 * 3. re-score the candidates in float64 and rank them (score, then `__row`).
 * The result equals a float64 brute force over the same float32 vectors, ties ordered by `__row`.
 */

/** Where the vectors are: plain arrays (tests, fallback) or a wasm memory (src/data/vectors). */
export interface DotSource {
  readonly dim: number;
  /** Number of vectors. */
  readonly count: number;
  /** `__row` of each vector (ascending). */
  readonly rows: Float64Array;
  /** Squared norm (float64, rounded to float32) and its inverse square root, per vector. */
  readonly squaredNorms: Float32Array;
  readonly inverseNorms: Float32Array;
  readonly maxNorm: number;
  readonly minNorm: number;
  /** Sets the query for the next dots() calls. */
  setQuery(query: Float32Array): void;
  /** Float32 dot products of vectors [start, end) with the query: a view valid until the next call. */
  dots(start: number, end: number): Float32Array;
  /** Vector i (a view). */
  vector(i: number): Float32Array;
}

export interface ExactSearchRequest {
  query: Float32Array;
  k: number;
  metric: Metric;
  /** Bit r set (byte r >> 3, bit r & 7) when `__row` r may be returned; absent: every row. */
  allowed?: Uint8Array | undefined;
  /** Also return the scanned score of every allowed row (for the histogram). */
  withScores?: boolean;
}

export interface ExactSearchResult extends RankedList {
  /** Vectors scanned (allowed ones). */
  searched: number;
  /** Rows re-scored in float64. */
  candidates: number;
  /** Scanned scores (within the bound of the exact ones) of every searched row, when asked. */
  allScores?: Float32Array;
}

/** Rows scanned per kernel call: the dots buffer stays small and in cache. */
export const SCAN_CHUNK = 16_384;

export function isAllowed(allowed: Uint8Array | undefined, row: number): boolean {
  return !allowed || ((((allowed[row >>> 3] ?? 0) as number) >> (row & 7)) & 1) === 1;
}

/** Checks a query vector for a metric: finite, not too large, not zero for cosine. */
export function checkQuery(query: Float32Array, metric: Metric, dim: number): number {
  if (query.length !== dim) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: `The query vector has ${query.length} dimensions, but the index has ${dim}.`,
    });
  }
  const qNorm = norm(query);
  if (!(qNorm <= MAX_NORM)) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'The query vector holds NaN or infinite values.',
      hint: 'Use finite numbers only.',
    });
  }
  if (qNorm === 0 && metric === 'cosine') {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'The query vector is all zeros: it has no direction, so cosine similarity is undefined.',
      hint: 'Use another vector, or the dot product or Euclidean distance.',
    });
  }
  return qNorm;
}

export function exactTopK(src: DotSource, req: ExactSearchRequest): ExactSearchResult {
  const { query, metric, allowed } = req;
  const k = Math.max(0, Math.floor(req.k));
  const qNorm = checkQuery(query, metric, src.dim);
  const n = src.count;
  const keys = new Float32Array(n);
  const heap = new BoundedHeap(k);
  const invQ = qNorm > 0 ? 1 / qNorm : 0;
  const qq = qNorm * qNorm;
  const { rows, squaredNorms, inverseNorms } = src;
  let searched = 0;
  src.setQuery(query);
  for (let start = 0; start < n; start += SCAN_CHUNK) {
    const end = Math.min(n, start + SCAN_CHUNK);
    const dots = src.dots(start, end);
    // Keys first, one tight loop per metric (no branch per row), then the filter and the heap.
    if (metric === 'cosine')
      for (let i = start; i < end; i++)
        keys[i] = (dots[i - start] as number) * (inverseNorms[i] as number) * invQ;
    else if (metric === 'dot') keys.set(dots, start);
    else
      for (let i = start; i < end; i++)
        keys[i] = 2 * (dots[i - start] as number) - qq - (squaredNorms[i] as number);
    let threshold = heap.threshold;
    for (let i = start; i < end; i++) {
      if (allowed && !isAllowed(allowed, rows[i] as number)) {
        keys[i] = Number.NaN;
        continue;
      }
      searched++;
      const key = keys[i] as number;
      // Only a key that may enter the heap pays for a push.
      if (key >= threshold) {
        heap.push(key, i);
        threshold = heap.threshold;
      }
    }
  }
  const tau = heap.threshold;
  const e = scanErrorBound({
    metric,
    dim: src.dim,
    queryNorm: qNorm,
    maxNorm: src.maxNorm,
    minNorm: src.minNorm,
  });
  const cut = tau - 2 * e;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if ((keys[i] as number) >= cut) candidates.push(i);
  const exact = candidates.map((i) => exactScore(metric, query, src.vector(i), qNorm));
  const order = candidates.map((_, j) => j);
  order.sort((a, b) => {
    const ka = keyOfScore(metric, exact[a] as number);
    const kb = keyOfScore(metric, exact[b] as number);
    return kb - ka || (rows[candidates[a] as number] as number) - (rows[candidates[b] as number] as number);
  });
  const top = order.slice(0, k);
  const result: ExactSearchResult = {
    rows: Float64Array.from(top, (j) => rows[candidates[j] as number] as number),
    scores: Float64Array.from(top, (j) => exact[j] as number),
    searched,
    candidates: candidates.length,
  };
  if (req.withScores) result.allScores = scoresOfKeys(keys, metric, searched);
  return result;
}

/** The scanned scores of the searched rows (NaN keys, the rows filtered out, are left out). */
function scoresOfKeys(keys: Float32Array, metric: Metric, searched: number): Float32Array {
  const out = new Float32Array(searched);
  let j = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as number;
    if (key !== key) continue;
    out[j++] = metric === 'euclidean' ? Math.sqrt(Math.max(0, -key)) : key;
  }
  return out;
}

/** Float32 dot products in plain JavaScript, four accumulators: the kernel when wasm SIMD is missing. */
export function dotsJs(
  vectors: Float32Array,
  dim: number,
  start: number,
  end: number,
  query: Float32Array,
  out: Float32Array,
): void {
  const d4 = dim - (dim % 4);
  for (let i = start; i < end; i++) {
    const base = i * dim;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let j = 0;
    for (; j < d4; j += 4) {
      a0 += (vectors[base + j] as number) * (query[j] as number);
      a1 += (vectors[base + j + 1] as number) * (query[j + 1] as number);
      a2 += (vectors[base + j + 2] as number) * (query[j + 2] as number);
      a3 += (vectors[base + j + 3] as number) * (query[j + 3] as number);
    }
    for (; j < dim; j++) a0 += (vectors[base + j] as number) * (query[j] as number);
    out[i - start] = a0 + a1 + a2 + a3;
  }
}

/**
 * What every DotSource keeps per vector besides the vector: its `__row`, its squared norm and
 * inverse norm (computed once), and the extreme norms the error bound needs.
 */
export abstract class NormedRows {
  count = 0;
  rows: Float64Array;
  squaredNorms: Float32Array;
  inverseNorms: Float32Array;
  maxNorm = 0;
  minNorm = Number.POSITIVE_INFINITY;

  constructor(capacity: number) {
    this.rows = new Float64Array(capacity);
    this.squaredNorms = new Float32Array(capacity);
    this.inverseNorms = new Float32Array(capacity);
  }

  /** Appends one vector's bookkeeping; returns its index. */
  protected record(row: number, squaredNorm: number): number {
    const i = this.count++;
    this.rows[i] = row;
    this.squaredNorms[i] = squaredNorm;
    const n = Math.sqrt(squaredNorm);
    this.inverseNorms[i] = 1 / n;
    if (n > this.maxNorm) this.maxNorm = n;
    if (n < this.minNorm) this.minNorm = n;
    return i;
  }

  /** Reallocates the per-vector arrays for `capacity` vectors, keeping the first `count`. */
  protected resizeRows(capacity: number): void {
    const keep = <T extends Float32Array | Float64Array>(old: T, next: T): T => {
      next.set(old.subarray(0, this.count));
      return next;
    };
    this.rows = keep(this.rows, new Float64Array(capacity));
    this.squaredNorms = keep(this.squaredNorms, new Float32Array(capacity));
    this.inverseNorms = keep(this.inverseNorms, new Float32Array(capacity));
  }
}

/**
 * A DotSource over plain growable arrays: the unit tests' source and the layout the wasm store
 * mirrors. Vectors are appended with their `__row`; norms are computed once here.
 */
export class ArrayDotSource extends NormedRows implements DotSource {
  private data: Float32Array;
  private query: Float32Array;
  private out = new Float32Array(SCAN_CHUNK);

  constructor(
    readonly dim: number,
    capacity = 1024,
  ) {
    super(capacity);
    this.data = new Float32Array(capacity * dim);
    this.query = new Float32Array(dim);
  }

  append(row: number, values: ArrayLike<number>, start: number, squaredNorm: number): void {
    if (this.count === this.rows.length) this.grow();
    const i = this.record(row, squaredNorm);
    for (let j = 0; j < this.dim; j++) this.data[i * this.dim + j] = values[start + j] as number;
  }

  private grow(): void {
    const cap = Math.max(16, this.rows.length * 2);
    const data = new Float32Array(cap * this.dim);
    data.set(this.data);
    this.data = data;
    this.resizeRows(cap);
  }

  setQuery(query: Float32Array): void {
    this.query = query;
  }

  dots(start: number, end: number): Float32Array {
    dotsJs(this.data, this.dim, start, end, this.query, this.out);
    return this.out.subarray(0, end - start);
  }

  vector(i: number): Float32Array {
    return this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }
}
