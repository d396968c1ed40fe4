import { describe, expect, it } from 'vitest';
import { readRange, withRangesRead, withTail, type ByteSource } from './byte-source';

const DATA = Uint8Array.from({ length: 100 }, (_, i) => i);
const TAIL = Uint8Array.from([200, 201, 202, 203, 204]);

/** A source that is not a Blob (as a URL file's range reader is not). */
function plainSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    slice: (start, end) => ({ arrayBuffer: async () => bytes.slice(start, end).buffer }),
  };
}

describe('withTail: the data up to a point, then other bytes (a rewritten footer)', () => {
  // The expected bytes come from a Blob of the same parts: the behaviour local files already have.
  const expected = new Blob([DATA.slice(0, 90), TAIL]);
  const cases: { start: number; end: number }[] = [
    { start: 0, end: 95 },
    { start: 0, end: 10 },
    { start: 85, end: 92 },
    { start: 90, end: 95 },
    { start: 91, end: 93 },
    { start: 89, end: 90 },
    { start: 50, end: 500 },
    { start: 94, end: 94 },
    { start: 120, end: 130 },
  ];
  it.each(cases)('bytes $start-$end', async ({ start, end }) => {
    const source = withTail(plainSource(DATA), 90, TAIL);
    expect(source.size).toBe(95);
    const want = new Uint8Array(await expected.slice(start, end).arrayBuffer());
    expect([...(await readRange(source, start, end))]).toEqual([...want]);
  });

  it('stays a Blob for a Blob', () => {
    expect(withTail(new Blob([DATA]), 90, TAIL)).toBeInstanceOf(Blob);
  });
});

describe('withRangesRead: a Blob with some ranges in memory', () => {
  /** A Blob that counts the slices read from it. */
  class CountingBlob extends Blob {
    reads = 0;
    override slice(start?: number, end?: number, type?: string): Blob {
      this.reads++;
      return super.slice(start, end, type);
    }
  }
  const cases: { start: number; end: number; fromBlob: boolean }[] = [
    { start: 0, end: 8, fromBlob: false },
    { start: 2, end: 5, fromBlob: false },
    { start: 60, end: 100, fromBlob: false },
    { start: 95, end: 100, fromBlob: false },
    { start: 70, end: 200, fromBlob: false }, // clamped to the end, as Blob.slice does
    { start: 5, end: 10, fromBlob: true }, // runs past the first range
    { start: 55, end: 65, fromBlob: true }, // starts before the second
    { start: 20, end: 30, fromBlob: true },
  ];
  it.each(cases)('bytes $start-$end (from the Blob: $fromBlob)', async ({ start, end, fromBlob }) => {
    const blob = new CountingBlob([DATA]);
    const source = withRangesRead(blob, [
      [0, 8],
      [60, 100],
    ]);
    const ready = await source;
    const before = blob.reads;
    const got = await readRange(ready, start, end);
    expect([...got]).toEqual([...DATA.slice(start, end)]);
    expect(blob.reads - before).toBe(fromBlob ? 1 : 0);
  });

  it('hands out a copy: a transferred buffer leaves the cached bytes intact', async () => {
    const source = await withRangesRead(new Blob([DATA]), [[90, 100]]);
    const first = await source.slice(90, 100).arrayBuffer();
    structuredClone(first, { transfer: [first] });
    expect([...(await readRange(source, 90, 100))]).toEqual([...DATA.slice(90, 100)]);
  });
});
