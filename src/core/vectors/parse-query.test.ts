import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../errors';
import { classifyQuery, parseVectorText } from './parse-query';
import { centroid } from './centroid';

describe('classifyQuery', () => {
  it.each([
    ['exp-0001234', { kind: 'id', id: 'exp-0001234' }],
    ['  42 ', { kind: 'id', id: '42' }],
    ['hello world', { kind: 'id', id: 'hello world' }],
    ['[0.5, -1, 2e-3]', { kind: 'vector', values: [0.5, -1, 0.002] }],
    ['0.5 -1 2e-3', { kind: 'vector', values: [0.5, -1, 0.002] }],
    ['0.5,-1,\n 2e-3', { kind: 'vector', values: [0.5, -1, 0.002] }],
    ['[]', 'error'],
    ['1, NaN', 'error'],
  ] as const)('%j', (text, want) => {
    if (want === 'error') {
      expect(() => classifyQuery(text)).toThrow(MemscopeError);
      return;
    }
    const got = classifyQuery(text);
    if (want.kind === 'id') expect(got).toEqual(want);
    else {
      expect(got.kind).toBe('vector');
      if (got.kind === 'vector')
        Array.from(got.values).forEach((v, i) => expect(v).toBeCloseTo(want.values[i] as number, 6));
    }
  });
});

describe('parseVectorText', () => {
  it.each([
    ['[1, 2, 3]', 4, /3 dimensions, but the embedding column has 4/],
    ['1 2 3 4 5', 4, /5 dimensions, but the embedding column has 4/],
    ['[1, 2, x, 4]', 4, /"x", which is not a number/],
    ['[1, 2, 3', 4, /not a vector/],
    ['1, inf, 3, 4', 4, /"inf": only finite numbers/],
    ['1e39 1 1 1', 4, /too large for float32/],
  ])('%j (dim %i) → %s', (text, dim, message) => {
    expect(() => parseVectorText(text, dim)).toThrow(message);
  });

  it('names the column when given', () => {
    expect(() => parseVectorText('1 2', 3, 'embedding')).toThrow(
      'The pasted vector has 2 dimensions, but embedding has 3.',
    );
  });

  it('accepts a vector of the right dimension', () => {
    expect(Array.from(parseVectorText('[1,2,3]', 3))).toEqual([1, 2, 3]);
  });
});

describe('centroid', () => {
  it.each([
    {
      normalize: false,
      vectors: [
        [1, 0],
        [3, 2],
      ],
      want: [2, 1],
    },
    {
      normalize: true,
      vectors: [
        [2, 0],
        [0, 5],
      ],
      want: [0.5, 0.5],
    },
    {
      normalize: true,
      vectors: [
        [0, 0],
        [0, 3],
      ],
      want: [0, 1],
    },
  ])('normalize=$normalize $vectors → $want', ({ normalize, vectors, want }) => {
    const got = centroid(
      vectors.map((v) => Float32Array.from(v)),
      normalize,
    );
    expect(Array.from(got)).toEqual(want);
  });

  it('an empty selection is a typed error', () => {
    expect(() => centroid([], true)).toThrow(MemscopeError);
  });
});
