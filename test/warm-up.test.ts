import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { warmUpDecoder } from '../src/data/parquet/warm-up';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';

/**
 * The parquet worker's warm-up must run under the app's CSP, which refuses `new Function` (eval)
 * in workers: apache-arrow's builders compile with it, and a warm-up built with them failed
 * silently in every served build (docs/benchmarks.md, 2026-12-01). Here eval is refused the same
 * way, and the warm-up must still decode its rows with both codecs.
 */
const realFunction = globalThis.Function;

describe('warmUpDecoder', () => {
  beforeAll(() => initParquetWasmNode());
  afterEach(() => {
    globalThis.Function = realFunction;
  });

  // Rows per depth, read back once per writer setting (Zstd plain, Snappy with dictionaries).
  it.each([
    ['light', 32],
    ['deep', 4096],
  ] as const)(
    '%s: decodes its table with both codecs when eval is refused, as the CSP does',
    async (depth, rows) => {
      globalThis.Function = new Proxy(realFunction, {
        construct() {
          throw new EvalError("Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed");
        },
        apply() {
          throw new EvalError("Refused to evaluate a string as JavaScript: 'unsafe-eval' is not allowed");
        },
      });
      expect(await warmUpDecoder(depth)).toBe(rows);
    },
  );
});
