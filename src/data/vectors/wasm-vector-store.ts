import type { DotSource, ExactSearchRequest, ExactSearchResult } from '../../core/vectors/exact-search';
import { exactTopK, SCAN_CHUNK } from '../../core/vectors/exact-search';
import type { VectorSink } from '../../core/vectors/usable';
import { CovarianceAccumulator, sampleIndexes, type PcaBasis } from '../../core/vectors/pca';
import { createDotKernel, type DotKernel } from './dot-kernel';

/**
 * The vectors of one index shard, in one WebAssembly.Memory so that the SIMD kernel reads them
 * in place (docs/similar.md, "The index"). Layout: the query, the kernel's output for one scan
 * chunk, then every vector (float32, row-major), appended row group by row group. Per vector,
 * JS arrays hold its `__row` and its squared and inverse norms, computed once.
 */

const PAGE = 65_536;
/** wasm32 addresses 4 GiB: 65,536 pages. The memory grows in place (V8 reserves the range). */
const MAX_PAGES = 65_536;

const align16 = (n: number) => (n + 15) & ~15;

export class WasmVectorStore implements DotSource, VectorSink {
  count = 0;
  rows: Float64Array;
  squaredNorms: Float32Array;
  inverseNorms: Float32Array;
  maxNorm = 0;
  minNorm = Number.POSITIVE_INFINITY;
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: DotKernel;
  private readonly queryPtr = 0;
  private readonly outPtr: number;
  private readonly vecPtr: number;
  private capacity = 0;
  private f32: Float32Array;

  constructor(
    readonly dim: number,
    options: { simd?: boolean; initialRows?: number } = {},
  ) {
    this.outPtr = align16(dim * 4);
    this.vecPtr = this.outPtr + align16(SCAN_CHUNK * 4);
    const rows = Math.max(16, options.initialRows ?? 1024);
    const pages = Math.ceil((this.vecPtr + rows * dim * 4) / PAGE);
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES });
    this.capacity = Math.floor((pages * PAGE - this.vecPtr) / (dim * 4));
    this.kernel = createDotKernel(this.memory, options);
    this.f32 = new Float32Array(this.memory.buffer);
    this.rows = new Float64Array(this.capacity);
    this.squaredNorms = new Float32Array(this.capacity);
    this.inverseNorms = new Float32Array(this.capacity);
  }

  get simd(): boolean {
    return this.kernel.simd;
  }

  /** Bytes held: the wasm memory and the per-vector arrays. */
  get bytes(): number {
    return this.memory.buffer.byteLength + this.rows.byteLength + 2 * this.squaredNorms.byteLength;
  }

  /** Makes room for `more` vectors (call before appending a batch: one growth per batch). */
  reserve(more: number): void {
    const need = this.count + more;
    if (need <= this.capacity) return;
    const rows = Math.max(need, Math.ceil(this.capacity * 1.5));
    const bytes = this.vecPtr + rows * this.dim * 4;
    const pages = Math.min(MAX_PAGES, Math.ceil(bytes / PAGE));
    const current = this.memory.buffer.byteLength / PAGE;
    if (pages > current) this.memory.grow(pages - current);
    this.capacity = Math.floor((this.memory.buffer.byteLength - this.vecPtr) / (this.dim * 4));
    if (this.capacity < need) throw new RangeError('the vector index does not fit in 4 GiB of wasm memory');
    this.f32 = new Float32Array(this.memory.buffer);
    const grow = <T extends Float32Array | Float64Array>(a: T, b: T): T => {
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.rows = grow(this.rows, new Float64Array(this.capacity));
    this.squaredNorms = grow(this.squaredNorms, new Float32Array(this.capacity));
    this.inverseNorms = grow(this.inverseNorms, new Float32Array(this.capacity));
  }

  append(row: number, values: Float32Array | Float64Array, start: number, squaredNorm: number): void {
    if (this.count >= this.capacity) this.reserve(1);
    const i = this.count++;
    this.f32.set(values.subarray(start, start + this.dim), this.vecPtr / 4 + i * this.dim);
    this.rows[i] = row;
    this.squaredNorms[i] = squaredNorm;
    const n = Math.sqrt(squaredNorm);
    this.inverseNorms[i] = 1 / n;
    if (n > this.maxNorm) this.maxNorm = n;
    if (n < this.minNorm) this.minNorm = n;
  }

  setQuery(query: Float32Array): void {
    this.f32.set(query, this.queryPtr / 4);
  }

  dots(start: number, end: number): Float32Array {
    const n = end - start;
    this.kernel.dots(this.vecPtr + start * this.dim * 4, n, this.dim, this.queryPtr, this.outPtr);
    return this.f32.subarray(this.outPtr / 4, this.outPtr / 4 + n);
  }

  vector(i: number): Float32Array {
    const at = this.vecPtr / 4 + i * this.dim;
    return this.f32.subarray(at, at + this.dim);
  }

  /** Index of `__row` row (rows are appended in ascending order), or -1. */
  indexOfRow(row: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.rows[mid] as number;
      if (r < row) lo = mid + 1;
      else if (r > row) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  search(request: ExactSearchRequest): ExactSearchResult {
    return exactTopK(this, request);
  }

  /** The covariance sums of an evenly spread sample of `size` vectors. */
  covariance(size: number): CovarianceAccumulator {
    const acc = new CovarianceAccumulator(this.dim);
    for (const i of sampleIndexes(this.count, size)) acc.add(this.f32, this.vecPtr / 4 + i * this.dim);
    return acc;
  }

  /** Every vector projected on the basis (2 floats per vector, in this store's order), by the kernel. */
  project(basis: PcaBasis): Float32Array {
    const k = basis.components.length;
    const xy = new Float32Array(this.count * k);
    basis.components.forEach((component, c) => {
      let offset = 0;
      for (let j = 0; j < this.dim; j++) offset += (component[j] as number) * (basis.mean[j] as number);
      this.setQuery(Float32Array.from(component));
      for (let start = 0; start < this.count; start += SCAN_CHUNK) {
        const end = Math.min(this.count, start + SCAN_CHUNK);
        const d = this.dots(start, end);
        for (let i = start; i < end; i++) xy[i * k + c] = (d[i - start] as number) - offset;
      }
    });
    return xy;
  }
}
