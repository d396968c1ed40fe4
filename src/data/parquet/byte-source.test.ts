import { describe, expect, it } from 'vitest';
import { readRange, withTail, type ByteSource } from './byte-source';

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
