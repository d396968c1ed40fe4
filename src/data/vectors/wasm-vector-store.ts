import type { DotSource, ExactSearchRequest, ExactSearchResult } from '../../core/vectors/exact-search';
import { exactTopK, NormedRows, SCAN_CHUNK } from '../../core/vectors/exact-search';
import type { VectorSink } from '../../core/vectors/usable';
import { sampleIndexes, type Moments, type PcaBasis } from '../../core/vectors/pca';
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

export class WasmVectorStore extends NormedRows implements DotSource, VectorSink {
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
    const outPtr = align16(dim * 4);
    const vecPtr = outPtr + align16(SCAN_CHUNK * 4);
    const rows = Math.max(16, options.initialRows ?? 1024);
    const pages = Math.ceil((vecPtr + rows * dim * 4) / PAGE);
    const capacity = Math.floor((pages * PAGE - vecPtr) / (dim * 4));
    super(capacity);
    this.outPtr = outPtr;
    this.vecPtr = vecPtr;
    this.capacity = capacity;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES });
    this.kernel = createDotKernel(this.memory, options);
    this.f32 = new Float32Array(this.memory.buffer);
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
    this.resizeRows(this.capacity);
  }

  append(row: number, values: Float32Array | Float64Array, start: number, squaredNorm: number): void {
    if (this.count >= this.capacity) this.reserve(1);
    const i = this.record(row, squaredNorm);
    this.f32.set(values.subarray(start, start + this.dim), this.vecPtr / 4 + i * this.dim);
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

  /**
   * Mean and centered second moments of an evenly spread sample of `size` vectors. The sample is
   * centered (float64 mean) and transposed into a scratch wasm memory, so that entry (i, j) of
   * Σ (x − mean)(x − mean)ᵀ is the dot product of dimension rows i and j: the same SIMD kernel as
   * the search, d calls of d − i rows each. Float32 sums over the sample carry a relative error
   * near m·2⁻²⁴ (m the sample size): plenty for a map, and the map is not an exactness claim.
   */
  moments(size: number): Moments {
    const { dim } = this;
    const picks = sampleIndexes(this.count, size);
    const m = picks.length;
    const mean = new Float64Array(dim);
    const m2 = new Float64Array(dim * dim);
    if (m === 0) return { count: 0, mean, m2 };
    const base = this.vecPtr / 4;
    for (const i of picks)
      for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (this.f32[base + i * dim + j] as number);
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / m;
    // Scratch layout: query (m floats), output (dim floats), then dim rows of m floats.
    const queryPtr = 0;
    const outPtr = align16(m * 4);
    const matPtr = outPtr + align16(dim * 4);
    const pages = Math.ceil((matPtr + dim * m * 4) / PAGE);
    // The kernel declares a maximum: an imported memory must declare one too.
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const kernel = createDotKernel(memory, { simd: this.kernel.simd });
    const f32 = new Float32Array(memory.buffer);
    picks.forEach((row, s) => {
      const at = base + row * dim;
      for (let j = 0; j < dim; j++)
        f32[matPtr / 4 + j * m + s] = (this.f32[at + j] as number) - (mean[j] as number);
    });
    for (let i = 0; i < dim; i++) {
      f32.copyWithin(queryPtr / 4, matPtr / 4 + i * m, matPtr / 4 + (i + 1) * m);
      kernel.dots(matPtr + i * m * 4, dim - i, m, queryPtr, outPtr);
      for (let j = i; j < dim; j++) {
        const v = f32[outPtr / 4 + (j - i)] as number;
        m2[i * dim + j] = v;
        m2[j * dim + i] = v;
      }
    }
    return { count: m, mean, m2 };
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
