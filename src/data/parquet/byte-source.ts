/**
 * What the Parquet checks and parquet-wasm read a file through: its size and byte ranges. A Blob
 * (a dropped File) is one; so is a URL file's HTTP range reader (src/data/remote/http-range-source.ts).
 * parquet-wasm's `ParquetFile.fromFile` only calls `size`, `slice(start, end)` and
 * `arrayBuffer()` on what it is given (its wasm-bindgen glue does no `instanceof Blob`), so the
 * same lazy reads (footer, then the row groups and columns asked for) work over HTTP.
 */
export interface ByteRange {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end), clamped to the source as Blob.slice does. */
  slice(start: number, end: number): ByteRange;
}

/** Bytes [start, end) of a source, as a Uint8Array. */
export async function readRange(source: ByteSource, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}

/**
 * The source's bytes up to `dataEnd` followed by `tail` (a rewritten footer): a Blob of slices for a
 * Blob (no copy), else a source that reads the data part from the original and the tail from memory.
 */
export function withTail(source: ByteSource, dataEnd: number, tail: Uint8Array): ByteSource {
  if (source instanceof Blob) return new Blob([source.slice(0, dataEnd), tail as BlobPart]);
  const size = dataEnd + tail.length;
  return {
    size,
    slice(start: number, end: number): ByteRange {
      const s = Math.max(0, Math.min(start, size));
      const e = Math.max(s, Math.min(end, size));
      return {
        async arrayBuffer() {
          const out = new Uint8Array(e - s);
          if (s < dataEnd) out.set(await readRange(source, s, Math.min(e, dataEnd)), 0);
          if (e > dataEnd)
            out.set(tail.subarray(Math.max(0, s - dataEnd), e - dataEnd), Math.max(0, dataEnd - s));
          return out.buffer;
        },
      };
    },
  };
}

/**
 * A Blob with some of its ranges read ahead, in parallel: a slice inside one of them is served
 * from memory, any other from the Blob. Opening a Parquet file reads its ends several times (the
 * magic bytes, the footer's length, the footer; then parquet-wasm the length, the footer and the
 * page index again), one after another; in a worker each Blob read cost 1-9 ms on these machines,
 * whatever its size, and the footer of the 100K bench file took 6 such reads (docs/benchmarks.md).
 */
export async function withRangesRead(
  blob: Blob,
  ranges: readonly (readonly [number, number])[],
): Promise<ByteSource> {
  const read = await Promise.all(
    ranges.map(async ([start, end]) => {
      const s = Math.max(0, Math.min(start, blob.size));
      const e = Math.max(s, Math.min(end, blob.size));
      return { start: s, bytes: await readRange(blob, s, e) };
    }),
  );
  return {
    size: blob.size,
    slice(start: number, end: number): ByteRange {
      const s = Math.max(0, Math.min(start, blob.size));
      const e = Math.max(s, Math.min(end, blob.size));
      const hit = read.find((r) => s >= r.start && e <= r.start + r.bytes.length);
      if (!hit) return blob.slice(s, e);
      // A copy: the caller owns (and may transfer) the buffer it gets.
      return { arrayBuffer: () => Promise.resolve(hit.bytes.slice(s - hit.start, e - hit.start).buffer) };
    },
  };
}
