import kernelBytes from './dot-kernel.wat?wasm-bytes';
import { dotsJs } from '../../core/vectors/exact-search';

/**
 * The dot-product kernel over vectors that live in a WebAssembly.Memory: the SIMD128 module
 * assembled from dot-kernel.wat when the engine validates it, else the same loop in JavaScript
 * (an engine without wasm SIMD; results differ only in summation order, which the error bound
 * covers).
 */
export interface DotKernel {
  readonly simd: boolean;
  /** out[i] = vectors[i] · query for i in [0, n); all arguments are byte offsets into the memory. */
  dots(vecPtr: number, n: number, dim: number, queryPtr: number, outPtr: number): void;
}

let simdModule: WebAssembly.Module | null | undefined;

function compiledKernel(): WebAssembly.Module | null {
  if (simdModule === undefined) {
    try {
      // Synchronous compile is allowed for small modules, also on the main thread (this one is < 1 KB).
      simdModule = WebAssembly.validate(kernelBytes) ? new WebAssembly.Module(kernelBytes) : null;
    } catch {
      simdModule = null;
    }
  }
  return simdModule;
}

export function createDotKernel(memory: WebAssembly.Memory, options: { simd?: boolean } = {}): DotKernel {
  const module = options.simd === false ? null : compiledKernel();
  if (module) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const dots = instance.exports.dots as (v: number, n: number, d: number, q: number, o: number) => void;
    return { simd: true, dots };
  }
  return {
    simd: false,
    dots(vecPtr, n, dim, queryPtr, outPtr) {
      const buffer = memory.buffer;
      const vectors = new Float32Array(buffer, vecPtr, n * dim);
      const query = new Float32Array(buffer, queryPtr, dim);
      const out = new Float32Array(buffer, outPtr, n);
      dotsJs(vectors, dim, 0, n, query, out);
    },
  };
}
