import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { buildRowsAcrossQuery } from '../src/core/sql/rows-across-query';
import { METRICS, type Metric } from '../src/core/vectors/metric';
import { bruteForce, randomVectors, rankingMismatch } from '../src/core/vectors/test-vectors';
import type { DbClient } from '../src/data/db/db-client';
import { ParquetDecoder } from '../src/data/parquet/parquet-decoder';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { searchIndexes } from '../src/data/vectors/multi-search';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import { createVectorIndex, type VectorIndex } from '../src/data/vectors/vector-index';
import { createVectorShard } from '../src/data/vectors/vector-shard';
import { arrowIndex } from './support/arrow-index';
import { createNodeDb } from './support/node-db';

/**
 * One search over several files of one dimension (docs/similar.md, "One search over several
 * files"): the merged ranking equals a float64 brute force over the union of the files' vectors,
 * every hit naming its file; and the rows of such a search come from DuckDB in one query.
 */

const SAMPLE = resolve(import.meta.dirname, '../public/sample');
const shards = inProcessShard(() => createVectorShard(() => initParquetWasmNode()));

beforeAll(() => initParquetWasmNode());

/** An index over `vectors` as an Arrow file's groups of 100 rows, on in-process shards. */
const indexOf = (fileName: string, vectors: Float32Array, dim: number) =>
  arrowIndex(fileName, vectors, dim, shards);

/** The union of the files' vectors, and each file's first row in it. */
function union(files: readonly { fileName: string; vectors: Float32Array }[], dim: number) {
  const total = files.reduce((n, f) => n + f.vectors.length, 0);
  const vectors = new Float32Array(total);
  const offsets = new Map<string, number>();
  let at = 0;
  for (const f of files) {
    vectors.set(f.vectors, at);
    offsets.set(f.fileName, at / dim);
    at += f.vectors.length;
  }
  const rows = Float64Array.from({ length: total / dim }, (_, i) => i);
  return { vectors, rows, offsets };
}

/** The merged hits as rows of the union (each file's row plus its offset), for the brute force. */
async function expectUnionMatches(
  indexes: readonly VectorIndex[],
  files: readonly { fileName: string; vectors: Float32Array }[],
  dim: number,
  query: Float32Array,
  k: number,
  metric: Metric,
  allowed?: ReadonlyMap<string, Uint8Array>,
) {
  const { vectors, rows, offsets } = union(files, dim);
  const got = await searchIndexes(indexes, { query, k, metric, ...(allowed ? { allowed } : {}) });
  const allow = (r: number) => {
    const f = files.find((file) => {
      const o = offsets.get(file.fileName) as number;
      return r >= o && r < o + file.vectors.length / dim;
    });
    const bits = f && allowed?.get(f.fileName);
    const local = r - (offsets.get(f?.fileName ?? '') ?? 0);
    return !bits || (((bits[local >> 3] as number) >> (local & 7)) & 1) === 1;
  };
  const want = bruteForce(vectors, rows, dim, query, metric, k, allowed ? allow : undefined);
  const asUnion = {
    rows: got.hits.map((h) => (offsets.get(h.fileName) as number) + h.row),
    scores: got.hits.map((h) => h.score),
  };
  expect(rankingMismatch(asUnion, want)).toBeNull();
  return got;
}

describe('one search over several files of one dimension', () => {
  const dim = 20;
  // Three files of different sizes; ties across files (a vector copied into another file), a zero
  // row and a NaN row, which every side skips.
  const a = randomVectors(1, 250, dim);
  const b = randomVectors(2, 120, dim);
  const c = randomVectors(3, 333, dim);
  b.set(a.subarray(5 * dim, 6 * dim), 17 * dim);
  c.set(a.subarray(5 * dim, 6 * dim), 0);
  b.fill(0, 3 * dim, 4 * dim);
  c[40 * dim + 2] = Number.NaN;
  const files = [
    { fileName: 'a.arrow', vectors: a },
    { fileName: 'b.arrow', vectors: b },
    { fileName: 'c.arrow', vectors: c },
  ];
  let indexes: VectorIndex[] = [];
  beforeAll(async () => {
    indexes = files.map((f) => indexOf(f.fileName, f.vectors, dim));
    await Promise.all(indexes.map((ix) => ix.ready));
  });
  afterAll(() => {
    for (const ix of indexes) ix.dispose();
  });

  it.each(METRICS)('%s: the merged ranking equals the brute force over the union', async (metric) => {
    for (const [query, k] of [
      [randomVectors(11, 1, dim), 25],
      [a.slice(5 * dim, 6 * dim), 10], // a vector in all three files: a tie across files
      [randomVectors(12, 1, dim), 700], // k > every usable row
    ] as const) {
      const got = await expectUnionMatches(indexes, files, dim, query, k, metric);
      expect(got.perFile.map((p) => p.fileName)).toEqual(['a.arrow', 'b.arrow', 'c.arrow']);
    }
    const got = await expectUnionMatches(indexes, files, dim, randomVectors(13, 1, dim), 60, metric);
    expect(new Set(got.hits.map((h) => h.fileName)).size).toBe(3);
  });

  it('the tie across files: the same vector in three files ranks first in each, by file', async () => {
    const got = await searchIndexes(indexes, { query: a.slice(5 * dim, 6 * dim), k: 3 });
    expect(got.hits.map((h) => [h.fileName, h.row])).toEqual([
      ['c.arrow', 0],
      ['a.arrow', 5],
      ['b.arrow', 17],
    ]);
  });

  it('a filter applies to the file it belongs to; the others are searched whole', async () => {
    const even = new Uint8Array(Math.ceil(250 / 8)).fill(0b01010101);
    const allowed = new Map([['a.arrow', even]]);
    const got = await expectUnionMatches(
      indexes,
      files,
      dim,
      randomVectors(14, 1, dim),
      80,
      'cosine',
      allowed,
    );
    for (const h of got.hits) if (h.fileName === 'a.arrow') expect(h.row % 2).toBe(0);
    expect(got.perFile.map((p) => p.result.searched)).toEqual([125, 119, 332]);
  });
});

describe('the four category files of the bundled sample', () => {
  it('one search equals the brute force over their 3,200 embeddings', async () => {
    const names = ['experiences', 'knowledge', 'skills', 'preferences'];
    const files: { fileName: string; vectors: Float32Array }[] = [];
    const indexes: VectorIndex[] = [];
    for (const n of names) {
      const blob = await openAsBlob(resolve(SAMPLE, `${n}.parquet`));
      const decoder = await ParquetDecoder.open(blob, `${n}.parquet`);
      const rowGroups = decoder.footer.rowGroups.map((g) => ({ firstRow: g.firstRow, rows: g.rows }));
      const table = tableFromIPC(
        await decoder.read({ rowGroups: rowGroups.map((_, i) => i), columns: ['embedding'] }),
      );
      decoder.close();
      const col = table.getChild('embedding');
      const vectors = new Float32Array(table.numRows * 384);
      for (let r = 0; r < table.numRows; r++)
        vectors.set(Array.from(col?.get(r) as Iterable<number>), r * 384);
      files.push({ fileName: `${n}.parquet`, vectors });
      indexes.push(
        createVectorIndex({
          fileName: `${n}.parquet`,
          column: 'embedding',
          dim: 384,
          source: { kind: 'parquet', file: blob, rowGroups },
          createShard: shards,
        }),
      );
    }
    await Promise.all(indexes.map((ix) => ix.ready));
    const query = files[1]?.vectors.slice(7 * 384, 8 * 384) as Float32Array;
    const got = await expectUnionMatches(indexes, files, 384, query, 50, 'cosine');
    expect(got.hits[0]).toMatchObject({ fileName: 'knowledge.parquet', row: 7 });
    const spread = await expectUnionMatches(indexes, files, 384, randomVectors(5, 1, 384), 40, 'cosine');
    expect(new Set(spread.hits.map((h) => h.fileName)).size).toBeGreaterThanOrEqual(2);
    for (const ix of indexes) ix.dispose();
  });
});

describe('the rows of a search over several files, from DuckDB in one query', () => {
  let db: DbClient;
  beforeAll(async () => {
    db = await createNodeDb();
    await db.query(
      `CREATE TABLE fa AS SELECT range AS __row, 'a-' || range AS memory_id, range::INTEGER AS n, 'x' AS only_a FROM range(10)`,
    );
    await db.query(
      `CREATE TABLE fb AS SELECT range AS __row, 'b-' || range AS memory_id, range::BIGINT * 2 AS n, [range]::FLOAT[1] AS emb FROM range(5)`,
    );
  }, 60_000);
  afterAll(() => db.close());

  it('one row per hit in rank order, columns united by name, NULL where a file lacks one', async () => {
    const q = buildRowsAcrossQuery([
      { table: 'fa', fileName: 'a', rows: [7, 2], ranks: [0, 3] },
      { table: 'fb', fileName: 'b', rows: [4, 1], ranks: [2, 1], exclude: ['emb'] },
    ]);
    const { table } = await db.query(q.sql, { params: q.params });
    expect(table.schema.fields.map((f) => f.name)).toEqual(['__row', 'memory_id', 'n', 'only_a']);
    const col = (name: string) =>
      Array.from(table.getChild(name) ?? [], (v) => (typeof v === 'bigint' ? Number(v) : v));
    expect(col('memory_id')).toEqual(['a-7', 'b-1', 'b-4', 'a-2']);
    expect(col('__row')).toEqual([7, 1, 4, 2]);
    expect(col('n')).toEqual([7, 2, 8, 2]);
    expect(col('only_a')).toEqual(['x', null, null, 'x']);
  });

  it('a column of text in one file and numbers in another becomes text', async () => {
    await db.query(`CREATE TABLE fc AS SELECT range AS __row, 'c-' || range AS n FROM range(3)`);
    const q = buildRowsAcrossQuery([
      { table: 'fa', fileName: 'a', rows: [7], ranks: [1] },
      { table: 'fc', fileName: 'c', rows: [2], ranks: [0] },
    ]);
    const { table } = await db.query(q.sql, { params: q.params });
    // DuckDB's union rules make it text in both (a type it cannot settle fails the query, and the
    // view shows the results without their columns).
    expect(String(table.schema.fields.find((f) => f.name === 'n')?.type)).toBe('Utf8');
    expect(Array.from(table.getChild('n') ?? [])).toEqual(['c-2', '7']);
  });
});
