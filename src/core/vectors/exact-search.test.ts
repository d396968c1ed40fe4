import { describe, expect, it } from 'vitest';
import { makeData, Float32, Float64, List, FixedSizeList, Field, type Data } from 'apache-arrow';
import { ArrayDotSource, exactTopK } from './exact-search';
import { METRICS, type Metric } from './metric';
import { mergeTopK } from './top-k';
import { extractVectors, vectorSquaredNorm, totalSkipped } from './usable';
import { bruteForce, randomVectors, rankingMismatch } from './test-vectors';
import { MemscopeError } from '../errors';

/** A source with the usable rows of `vectors` (rows numbered 0..n-1, or by `rowOf`). */
function sourceOf(vectors: Float32Array, dim: number, rowOf = (i: number) => i): ArrayDotSource {
  const src = new ArrayDotSource(dim, 4);
  const n = vectors.length / dim;
  for (let i = 0; i < n; i++) {
    const sq = vectorSquaredNorm(vectors, i * dim, dim);
    if (typeof sq === 'number') src.append(rowOf(i), vectors, i * dim, sq);
  }
  return src;
}

interface Case {
  name: string;
  dim: number;
  /** Row-major vectors (NaN, zeros and duplicates allowed). */
  vectors: () => Float32Array;
  query: () => Float32Array;
  ks: number[];
}

const repeated = (v: Float32Array, times: number) => {
  const out = new Float32Array(v.length * times);
  for (let t = 0; t < times; t++) out.set(v, t * v.length);
  return out;
};

const CASES: Case[] = [
  {
    name: 'random 2000 x 16',
    dim: 16,
    vectors: () => randomVectors(1, 2000, 16),
    query: () => randomVectors(2, 1, 16),
    ks: [1, 10, 100],
  },
  {
    name: 'random 500 x 384',
    dim: 384,
    vectors: () => randomVectors(3, 500, 384),
    query: () => randomVectors(4, 1, 384),
    ks: [10],
  },
  {
    name: 'odd dimension 7',
    dim: 7,
    vectors: () => randomVectors(5, 300, 7),
    query: () => randomVectors(6, 1, 7),
    ks: [5],
  },
  {
    name: 'exact ties (every vector four times)',
    dim: 8,
    vectors: () => repeated(randomVectors(7, 50, 8), 4),
    query: () => randomVectors(8, 1, 8),
    ks: [1, 3, 10, 200],
  },
  {
    name: 'zero vectors and NaN inside',
    dim: 4,
    vectors: () => {
      const v = randomVectors(9, 100, 4);
      v.fill(0, 0, 4);
      v[4 * 7 + 2] = Number.NaN;
      v[4 * 8] = Number.POSITIVE_INFINITY;
      v.fill(0, 4 * 50, 4 * 51);
      return v;
    },
    query: () => randomVectors(10, 1, 4),
    ks: [5, 96, 97, 100],
  },
  {
    name: 'negative scores only (query opposite every vector)',
    dim: 6,
    vectors: () => randomVectors(11, 200, 6).map(Math.abs),
    query: () => Float32Array.from({ length: 6 }, () => -1),
    ks: [10],
  },
  {
    name: 'k > rows and k = rows',
    dim: 5,
    vectors: () => randomVectors(12, 20, 5),
    query: () => randomVectors(13, 1, 5),
    ks: [20, 21, 1000],
  },
  {
    name: 'near ties (differences below float32 resolution)',
    dim: 32,
    vectors: () => {
      const base = randomVectors(14, 1, 32);
      const out = new Float32Array(32 * 300);
      const jitter = randomVectors(15, 300, 32, 1e-6);
      for (let i = 0; i < 300; i++)
        for (let j = 0; j < 32; j++) out[i * 32 + j] = (base[j] as number) + (jitter[i * 32 + j] as number);
      return out;
    },
    query: () => randomVectors(14, 1, 32),
    ks: [1, 10],
  },
  {
    name: 'mixed scales (norms from 1e-6 to 1e6)',
    dim: 12,
    vectors: () => {
      const v = randomVectors(16, 400, 12);
      for (let i = 0; i < 400; i++)
        for (let j = 0; j < 12; j++) v[i * 12 + j] = (v[i * 12 + j] as number) * 10 ** ((i % 13) - 6);
      return v;
    },
    query: () => randomVectors(17, 1, 12),
    ks: [10],
  },
];

describe('exactTopK equals a float64 brute force', () => {
  for (const c of CASES) {
    for (const metric of METRICS) {
      for (const k of c.ks) {
        it(`${c.name}, ${metric}, k=${k}`, () => {
          const vectors = c.vectors();
          const query = c.query();
          const n = vectors.length / c.dim;
          const src = sourceOf(vectors, c.dim);
          const got = exactTopK(src, { query, k, metric });
          const want = bruteForce(
            vectors,
            Float64Array.from({ length: n }, (_, i) => i),
            c.dim,
            query,
            metric,
            k,
          );
          expect(rankingMismatch(got, want)).toBeNull();
          expect(got.candidates).toBeGreaterThanOrEqual(Math.min(k, src.count));
        });
      }
    }
  }
});

describe('filtered search', () => {
  it.each(METRICS)('%s: only allowed rows, in the brute-force order', (metric) => {
    const dim = 8;
    const vectors = randomVectors(20, 1000, dim);
    const query = randomVectors(21, 1, dim);
    const allowed = new Uint8Array(Math.ceil(1000 / 8));
    for (let r = 0; r < 1000; r += 3) allowed[r >> 3] = (allowed[r >> 3] as number) | (1 << (r & 7));
    const got = exactTopK(sourceOf(vectors, dim), { query, k: 15, metric, allowed, withScores: true });
    const rows = Float64Array.from({ length: 1000 }, (_, i) => i);
    const want = bruteForce(vectors, rows, dim, query, metric, 15, (r) => r % 3 === 0);
    expect(rankingMismatch(got, want)).toBeNull();
    expect(got.searched).toBe(334);
    expect(got.allScores?.length).toBe(334);
  });
});

describe('the histogram scores', () => {
  it.each(METRICS)('%s: every row scored, within the bound of the exact score', (metric) => {
    const dim = 16;
    const vectors = randomVectors(30, 300, dim);
    const query = randomVectors(31, 1, dim);
    const got = exactTopK(sourceOf(vectors, dim), { query, k: 300, metric, withScores: true });
    const all = bruteForce(
      vectors,
      Float64Array.from({ length: 300 }, (_, i) => i),
      dim,
      query,
      metric,
      300,
    );
    const sortedGot = Array.from(got.allScores ?? []).sort((a, b) => a - b);
    const sortedWant = all.map((h) => h.score).sort((a, b) => a - b);
    sortedGot.forEach((s, i) => expect(Math.abs(s - (sortedWant[i] as number))).toBeLessThan(1e-4));
  });
});

describe('mergeTopK', () => {
  it.each(METRICS)('%s: merging per-worker lists equals one search over all rows', (metric) => {
    const dim = 10;
    const n = 900;
    const vectors = randomVectors(40, n, dim);
    const query = randomVectors(41, 1, dim);
    // Worker 0 holds rows 0-299 and 600-899, worker 1 rows 300-599 (row groups dealt out).
    const parts = [
      [0, 300],
      [300, 600],
      [600, 900],
    ] as const;
    const shard = (ranges: (readonly [number, number])[]) => {
      const src = new ArrayDotSource(dim);
      for (const [a, b] of ranges)
        for (let i = a; i < b; i++)
          src.append(i, vectors, i * dim, vectorSquaredNorm(vectors, i * dim, dim) as number);
      return src;
    };
    const lists = [shard([parts[0], parts[2]]), shard([parts[1]])].map((s) =>
      exactTopK(s, { query, k: 25, metric }),
    );
    const merged = mergeTopK(lists, 25, metric);
    const want = bruteForce(
      vectors,
      Float64Array.from({ length: n }, (_, i) => i),
      dim,
      query,
      metric,
      25,
    );
    expect(rankingMismatch(merged, want)).toBeNull();
    expect(new Set(merged.sources)).toEqual(new Set([0, 1]));
  });

  it('keeps the source of each result and ties by row', () => {
    const merged = mergeTopK(
      [
        { rows: Float64Array.of(5, 1), scores: Float64Array.of(0.9, 0.5) },
        { rows: Float64Array.of(2, 3), scores: Float64Array.of(0.9, 0.7) },
      ],
      3,
      'cosine',
    );
    expect(Array.from(merged.rows)).toEqual([2, 5, 3]);
    expect(Array.from(merged.sources)).toEqual([1, 0, 1]);
  });
});

describe('query checks', () => {
  const src = sourceOf(randomVectors(50, 10, 4), 4);
  it.each([
    ['wrong dimension', Float32Array.of(1, 2, 3), 'cosine', /3 dimensions, but the index has 4/],
    ['NaN inside', Float32Array.of(1, Number.NaN, 0, 0), 'dot', /NaN or infinite/],
    ['zero vector for cosine', Float32Array.of(0, 0, 0, 0), 'cosine', /all zeros/],
  ] as const)('%s is a typed error', (_name, query, metric, message) => {
    expect(() => exactTopK(src, { query, k: 3, metric: metric as Metric })).toThrow(MemscopeError);
    expect(() => exactTopK(src, { query, k: 3, metric: metric as Metric })).toThrow(message);
  });
  it('a zero query is fine for dot and Euclidean', () => {
    expect(exactTopK(src, { query: new Float32Array(4), k: 3, metric: 'euclidean' }).rows.length).toBe(3);
  });
});

function listData(
  values: Float32Array | Float64Array,
  offsets: Int32Array,
  valid: boolean[],
  childValid?: boolean[],
): Data {
  const floatType = values instanceof Float64Array ? new Float64() : new Float32();
  const bitmap = (flags: boolean[]) => {
    const b = new Uint8Array(Math.ceil(flags.length / 8));
    flags.forEach((f, i) => {
      if (f) b[i >> 3] = (b[i >> 3] as number) | (1 << (i & 7));
    });
    return b;
  };
  const child = makeData({
    type: floatType,
    length: values.length,
    data: values,
    nullCount: childValid ? childValid.filter((v) => !v).length : 0,
    ...(childValid ? { nullBitmap: bitmap(childValid) } : {}),
  });
  return makeData({
    type: new List(new Field('item', floatType, true)),
    length: valid.length,
    valueOffsets: offsets,
    nullCount: valid.filter((v) => !v).length,
    nullBitmap: bitmap(valid),
    child,
  } as never);
}

describe('extractVectors: unusable rows are skipped and counted', () => {
  const rows: { row: number; values: number[] }[] = [];
  const sink = {
    append: (row: number, v: Float32Array | Float64Array, s: number) =>
      rows.push({ row, values: Array.from(v.subarray(s, s + 2)) }),
  };
  const cases = [
    {
      name: 'list<float32>: NULL row, wrong length, NaN, Infinity, zero norm, NULL element',
      data: () =>
        listData(
          Float32Array.of(
            1,
            2,
            /*null row*/ 3,
            4,
            5,
            /*wrong len*/ Number.NaN,
            1,
            Infinity,
            1,
            0,
            0,
            7,
            8,
            9,
            9,
          ),
          Int32Array.of(0, 2, 2, 5, 7, 9, 11, 13, 15),
          [true, false, true, true, true, true, true, true],
          [...Array(13).fill(true), false, true],
        ),
      want: { kept: [0, 6], skips: { null: 2, wrongLength: 1, nonFinite: 2, zeroNorm: 1 } },
    },
    {
      name: 'list<float64>',
      data: () => listData(Float64Array.of(0.5, 0.25, 1e300, 1), Int32Array.of(0, 2, 4), [true, true]),
      want: { kept: [0], skips: { null: 0, wrongLength: 0, nonFinite: 1, zeroNorm: 0 } },
    },
    {
      name: 'fixed_size_list<float32>[2], sliced',
      data: () => {
        const child = makeData({
          type: new Float32(),
          length: 8,
          data: Float32Array.of(1, 1, 0, 0, 2, 2, 3, 3),
        });
        const full = makeData({
          type: new FixedSizeList(2, new Field('item', new Float32(), false)),
          length: 4,
          nullCount: 0,
          child,
        });
        return full.slice(1, 2); // offset 1, length 2
      },
      want: { kept: [1], skips: { null: 0, wrongLength: 0, nonFinite: 0, zeroNorm: 1 } },
    },
  ];
  it.each(cases)('$name', ({ data, want }) => {
    rows.length = 0;
    const skips = extractVectors(data(), 2, (i) => i, sink);
    expect(skips).toEqual(want.skips);
    expect(rows.map((r) => r.row)).toEqual(want.kept);
    expect(totalSkipped(skips) + rows.length).toBe(data().length);
  });
});
