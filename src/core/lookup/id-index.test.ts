import { describe, expect, it } from 'vitest';
import { IdIndex, type Utf8Chunk } from './id-index';

/** A chunk as Arrow lays out UTF-8: one byte buffer, offsets into it, NULL for null. */
function chunk(ids: readonly (string | null)[]): Utf8Chunk {
  const encoder = new TextEncoder();
  const parts = ids.map((id) => encoder.encode(id ?? ''));
  const offsets = new Int32Array(ids.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  const values = new Uint8Array(offsets[ids.length]!);
  parts.forEach((p, i) => values.set(p, offsets[i]));
  return { offsets, values, length: ids.length, isNull: (i) => ids[i] === null };
}

const rowsFor = (n: number, first = 0) => Int32Array.from({ length: n }, (_, i) => first + i);

describe('IdIndex', () => {
  const chunks = [chunk(['m-1', 'm-2', null, 'é✓', '']), chunk(['m-10', 'm-2', 'M-1'])];
  const index = new IdIndex(chunks, rowsFor(8, 100));
  it.each([
    { id: 'm-1', row: 100 },
    { id: 'm-10', row: 105 },
    { id: 'M-1', row: 107, why: 'ids are compared exactly (case)' },
    { id: 'm-2', row: 101, why: 'a repeated id gives its first row' },
    { id: 'é✓', row: 103, why: 'compared as UTF-8 bytes' },
    { id: '', row: 104, why: 'the empty id is an id' },
    { id: 'm-3', row: null },
    { id: 'm-', row: null, why: 'a prefix is not a match' },
    { id: 'm-1 ', row: null },
  ])('$id → $row', ({ id, row }) => expect(index.lookup(id)).toBe(row));

  it('finds every id of a large column (many probe collisions) and none that is absent', () => {
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `memory-${(i * 7919) % n}`);
    const big = new IdIndex([chunk(ids.slice(0, 20_000)), chunk(ids.slice(20_000))], rowsFor(n));
    for (let i = 0; i < n; i += 997) expect(big.lookup(ids[i]!)).toBe(i);
    expect(big.lookup(`memory-${n}`)).toBeNull();
  });

  it('an empty column finds nothing', () => {
    expect(new IdIndex([], new Int32Array(0)).lookup('x')).toBeNull();
  });

  it('refuses fewer rows than ids', () => {
    expect(() => new IdIndex([chunk(['a', 'b'])], rowsFor(1))).toThrow(/1 rows for 2 ids/);
  });
});
