import { Field, Float32, makeVector, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { binaryData, float32ListData, utf8Data } from './from-buffers';

describe('Arrow data from buffers', () => {
  it.each([
    {
      name: 'utf8, with NULL, empty and non-ASCII',
      data: () => utf8Data(['a', null, '', 'é✓']),
      want: ['a', null, '', 'é✓'],
    },
    {
      name: 'binary',
      data: () => binaryData([Uint8Array.of(1, 2), null, Uint8Array.of()]),
      want: [[1, 2], null, []],
    },
    {
      name: 'list<float32>',
      data: () =>
        float32ListData(
          [Float32Array.of(0.5, -1), null, Float32Array.of(2)],
          new Field('item', new Float32(), true),
        ),
      want: [[0.5, -1], null, [2]],
    },
  ])('$name', ({ data, want }) => {
    const v = makeVector(data() as Data);
    expect(
      Array.from({ length: v.length }, (_, i) => {
        const x: unknown = v.get(i);
        return x === null || typeof x === 'string' ? x : Array.from(x as Iterable<number>);
      }),
    ).toEqual(want);
    expect(v.nullCount).toBe(1);
  });
});
