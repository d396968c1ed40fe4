import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  tableFromIPC,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { MemscopeError } from '../src/core/errors';
import { METRICS } from '../src/core/vectors/metric';
import { CovarianceAccumulator, pcaBasis, projectRows } from '../src/core/vectors/pca';
import { bruteForce, randomVectors, rankingMismatch } from '../src/core/vectors/test-vectors';
import { ParquetDecoder } from '../src/data/parquet/parquet-decoder';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import {
  createVectorIndex,
  type VectorIndex,
  type VectorIndexProgress,
} from '../src/data/vectors/vector-index';
import { createVectorShard } from '../src/data/vectors/vector-shard';
import { searchIndexes } from '../src/data/vectors/multi-search';
import { corpusPath } from './support/corpus';

/**
 * The vector index end to end in Node: the same shard code as the vector workers, run in-process
 * (two shards, as the browser's two workers), over the bundled sample, files written here with
 * parquet-wasm (list<float32> with NULL, short and NaN rows; list<float64>; fixed-size lists with
 * NULL rows), a corpus file whose list holds integers, and Arrow IPC batches handed over as bytes.
 * Every search is checked against a float64 brute force over the same rows.
 */

const SAMPLE = resolve(import.meta.dirname, '../public/sample');

beforeAll(() => initParquetWasmNode());

const shards = inProcessShard(() => createVectorShard(() => initParquetWasmNode()));

async function openParquet(
  blob: Blob,
  fileName: string,
  column: string,
  dim: number,
  simd?: boolean,
): Promise<VectorIndex> {
  const decoder = await ParquetDecoder.open(blob, fileName);
  const rowGroups = decoder.footer.rowGroups.map((g) => ({ firstRow: g.firstRow, rows: g.rows }));
  decoder.close();
  return createVectorIndex({
    fileName,
    column,
    dim,
    source: { kind: 'parquet', file: blob, rowGroups },
    createShard: shards,
    ...(simd === undefined ? {} : { simd }),
  });
}

/** Every row's vector as the brute force sees it (NaN-filled when the row is NULL or of another length). */
function referenceVectors(table: Table, column: string, dim: number): Float32Array {
  const out = new Float32Array(table.numRows * dim).fill(Number.NaN);
  const col = table.getChild(column);
  for (let r = 0; r < table.numRows; r++) {
    const v = col?.get(r) as { length: number; get(i: number): number | null } | null;
    if (!v || v.length !== dim) continue;
    for (let j = 0; j < dim; j++) out[r * dim + j] = v.get(j) ?? Number.NaN;
  }
  return out;
}

function writeTable(table: Table, rowGroupRows: number): Blob {
  const props = new WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupRows).build();
  const bytes = writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')), props);
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

function bitmap(valid: (i: number) => boolean, n: number): Uint8Array {
  const b = new Uint8Array(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) if (valid(i)) b[i >> 3] = (b[i >> 3] as number) | (1 << (i & 7));
  return b;
}

/** A one-column table of `n` float lists of `dim`, with some rows NULL, short, or holding NaN. */
function listTable(kind: 'list32' | 'list64' | 'fixed32', n: number, dim: number, seed: number): Table {
  const base = randomVectors(seed, n, dim);
  const isNull = (i: number) => i % 17 === 3;
  const isShort = (i: number) => kind !== 'fixed32' && i % 23 === 5;
  const hasNaN = (i: number) => i % 29 === 7;
  const isZero = (i: number) => i % 31 === 11;
  const lengths = Array.from({ length: n }, (_, i) => (isNull(i) ? 0 : isShort(i) ? dim - 1 : dim));
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    offsets[i + 1] = (offsets[i] as number) + (kind === 'fixed32' ? dim : (lengths[i] as number));
  const values = new (kind === 'list64' ? Float64Array : Float32Array)(offsets[n] as number);
  for (let i = 0; i < n; i++) {
    const len = kind === 'fixed32' ? dim : (lengths[i] as number);
    for (let j = 0; j < len; j++) {
      values[(offsets[i] as number) + j] = isZero(i)
        ? 0
        : hasNaN(i) && j === 2
          ? Number.NaN
          : (base[i * dim + j] as number);
    }
  }
  const floatType = kind === 'list64' ? new Float64() : new Float32();
  const child = makeData({ type: floatType, length: values.length, data: values as never });
  const nulls = n - Array.from({ length: n }, (_, i) => i).filter((i) => !isNull(i)).length;
  const common = { length: n, nullCount: nulls, nullBitmap: bitmap((i) => !isNull(i), n), child };
  const item = new Field('item', floatType, true);
  const data: Data =
    kind === 'fixed32'
      ? makeData({ ...common, type: new FixedSizeList(dim, item) } as never)
      : makeData({ ...common, type: new List(item), valueOffsets: offsets } as never);
  const ids = makeData({
    type: new Int32(),
    length: n,
    data: Int32Array.from({ length: n }, (_, i) => i * 10),
  });
  const fields = [new Field('id', new Int32(), false), new Field('embedding', data.type, true)];
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: n, nullCount: 0, children: [ids, data] });
  return new Table(schema, [new RecordBatch(schema, struct)]);
}

function expectMatches(index: VectorIndex, vectors: Float32Array, dim: number) {
  const rows = Float64Array.from({ length: vectors.length / dim }, (_, i) => i);
  return async (query: Float32Array, k: number, metric: (typeof METRICS)[number], allowed?: Uint8Array) => {
    const got = await index.search({ query, k, metric, ...(allowed ? { allowed } : {}) });
    const allow = allowed ? (r: number) => ((allowed[r >> 3] as number) >> (r & 7)) & 1 : undefined;
    const want = bruteForce(vectors, rows, dim, query, metric, k, allow ? (r) => allow(r) === 1 : undefined);
    expect(rankingMismatch(got, want)).toBeNull();
    return got;
  };
}

describe('vector index over the bundled sample (fixed_size_list<float32>[384])', () => {
  it('builds with progress over two shards and searches exactly, all metrics', async () => {
    const blob = await openAsBlob(resolve(SAMPLE, 'experiences.parquet'));
    const index = await openParquet(blob, 'experiences.parquet', 'embedding', 384);
    const seen: VectorIndexProgress[] = [];
    index.subscribe((p) => seen.push(p));
    const done = await index.ready;
    expect(done).toMatchObject({ state: 'ready', indexed: 1280, total: 1280, vectors: 1280, skipped: 0 });
    expect(seen.map((p) => p.indexed)).toEqual([...seen.map((p) => p.indexed)].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(1);

    const decoder = await ParquetDecoder.open(blob, 'experiences.parquet');
    const table = tableFromIPC(
      await decoder.read({ rowGroups: decoder.footer.rowGroups.map((_, i) => i), columns: ['embedding'] }),
    );
    decoder.close();
    const vectors = referenceVectors(table, 'embedding', 384);
    const check = expectMatches(index, vectors, 384);
    const query = (await index.vectorOf(42)) as Float32Array;
    expect(Array.from(query)).toEqual(Array.from(vectors.subarray(42 * 384, 43 * 384)));
    for (const metric of METRICS) {
      const got = await check(query, 10, metric);
      // The row itself comes first: cosine 1, distance 0.
      expect(got.rows[0]).toBe(42);
      expect(got.covered).toBe(1280);
    }
    await check(randomVectors(9, 1, 384), 1000, 'cosine');
    // Filtered: only even rows.
    await check(
      query,
      10,
      'cosine',
      bitmap((i) => i % 2 === 0, 1280),
    );
    index.dispose();
  });

  it('projects every row with PCA as the pure projection does (the sample is every row here)', async () => {
    const blob = await openAsBlob(resolve(SAMPLE, 'skills.parquet'));
    const index = await openParquet(blob, 'skills.parquet', 'embedding', 384);
    await index.ready;
    const map = await index.project('pca');
    expect(map.rows.length).toBe(640);
    const decoder = await ParquetDecoder.open(blob, 'skills.parquet');
    const table = tableFromIPC(
      await decoder.read({ rowGroups: decoder.footer.rowGroups.map((_, i) => i), columns: ['embedding'] }),
    );
    decoder.close();
    const vectors = referenceVectors(table, 'embedding', 384);
    const acc = new CovarianceAccumulator(384);
    for (let i = 0; i < 640; i++) acc.add(vectors, i * 384);
    const want = projectRows(vectors, 640, pcaBasis(acc));
    expect(map.variances[0]).toBeGreaterThanOrEqual(map.variances[1] as number);
    // Rows come back per worker; compare by __row.
    map.rows.forEach((row, i) => {
      expect(map.xy[2 * i] as number).toBeCloseTo(want[2 * row] as number, 3);
      expect(map.xy[2 * i + 1] as number).toBeCloseTo(want[2 * row + 1] as number, 3);
    });
    index.dispose();
  });

  it.each([
    [100, 100],
    [640, 640],
    [5000, 640],
  ])('sample(%i) gives %i evenly spread rows with their stored vectors (for UMAP)', async (size, want) => {
    const blob = await openAsBlob(resolve(SAMPLE, 'skills.parquet'));
    const index = await openParquet(blob, 'skills.parquet', 'embedding', 384);
    await index.ready;
    const s = await index.sample(size);
    expect(s.rows.length).toBe(want);
    expect(s.vectors.length).toBe(want * 384);
    expect(new Set(s.rows).size).toBe(want);
    for (const i of [0, want >> 1, want - 1]) {
      const v = await index.vectorOf(s.rows[i] as number);
      expect(Array.from(s.vectors.subarray(i * 384, (i + 1) * 384))).toEqual(Array.from(v ?? []));
    }
    index.dispose();
  });

  it('searches before the index is complete and says how many rows it covered', async () => {
    const blob = await openAsBlob(resolve(SAMPLE, 'experiences.parquet'));
    const index = await openParquet(blob, 'experiences.parquet', 'embedding', 384);
    const first = await new Promise<VectorIndexProgress>((res) => {
      const off = index.subscribe((p) => {
        if (p.indexed > 0) {
          off();
          res(p);
        }
      });
    });
    const partial = await index.search({ query: randomVectors(3, 1, 384), k: 5 });
    expect(partial.covered).toBeGreaterThanOrEqual(first.indexed);
    expect(partial.covered).toBeLessThan(1280);
    expect(partial.total).toBe(1280);
    const done = await index.ready;
    expect(done.state).toBe('ready');
    expect((await index.search({ query: randomVectors(3, 1, 384), k: 5 })).covered).toBe(1280);
    index.dispose();
  });

  it('cancel stops the build; what is indexed stays searchable; dispose rejects later calls', async () => {
    const blob = await openAsBlob(resolve(SAMPLE, 'experiences.parquet'));
    const index = await openParquet(blob, 'experiences.parquet', 'embedding', 384);
    index.cancel();
    const p = await index.ready;
    expect(p.state).toBe('cancelled');
    expect(p.indexed).toBeLessThan(1280);
    const r = await index.search({ query: randomVectors(4, 1, 384), k: 3 });
    expect(r.covered).toBe(p.indexed);
    index.dispose();
    await expect(index.search({ query: randomVectors(4, 1, 384), k: 3 })).rejects.toBeInstanceOf(
      MemscopeError,
    );
  });

  it('searches the four category files of the store as one, every hit naming its file', async () => {
    const names = ['experiences', 'knowledge', 'skills', 'preferences'];
    const indexes = await Promise.all(
      names.map(async (n) =>
        openParquet(await openAsBlob(resolve(SAMPLE, `${n}.parquet`)), `${n}.parquet`, 'embedding', 384),
      ),
    );
    await Promise.all(indexes.map((ix) => ix.ready));
    const query = (await indexes[1]?.vectorOf(7)) as Float32Array;
    const all = await searchIndexes(indexes, { query, k: 20, metric: 'cosine' });
    expect(all.hits[0]).toMatchObject({ fileName: 'knowledge.parquet', row: 7 });
    // The merge equals each file's own top 20, pooled and ranked.
    const pooled = all.perFile
      .flatMap(({ fileName, result }) =>
        Array.from(result.rows, (row, i) => ({ fileName, row, score: result.scores[i] as number })),
      )
      .sort((a, b) => b.score - a.score || a.row - b.row)
      .slice(0, 20);
    expect(all.hits.map((h) => h.score)).toEqual(pooled.map((h) => h.score));
    expect(new Set(all.hits.map((h) => h.fileName)).size).toBeGreaterThan(0);
    for (const ix of indexes) ix.dispose();
  });
});

describe('vector index over written files: list<float32>, list<float64>, fixed-size lists, NULL and bad rows', () => {
  const n = 1500;
  const dim = 12;
  const cases = [
    { kind: 'list32', simd: true },
    { kind: 'list64', simd: true },
    { kind: 'fixed32', simd: true },
    { kind: 'list32', simd: false },
  ] as const;
  it.each(cases)(
    '$kind (simd: $simd): skips are counted, results equal the brute force',
    async ({ kind, simd }) => {
      const table = listTable(kind, n, dim, 77);
      const blob = writeTable(table, 400);
      const index = await openParquet(blob, `${kind}.parquet`, 'embedding', dim, simd);
      const done = await index.ready;
      let nulls = 0;
      let short = 0;
      let nan = 0;
      let zero = 0;
      for (let i = 0; i < n; i++) {
        if (i % 17 === 3) nulls++;
        else if (kind !== 'fixed32' && i % 23 === 5) short++;
        else if (i % 31 === 11) zero++;
        else if (i % 29 === 7) nan++;
      }
      expect(done.skips).toEqual({ null: nulls, wrongLength: short, nonFinite: nan, zeroNorm: zero });
      expect(done.vectors).toBe(n - nulls - short - nan - zero);
      // The brute force reads the same file back through the decoder, as floats rounded to float32.
      const vectors = referenceVectors(table, 'embedding', dim);
      const check = expectMatches(index, vectors, dim);
      for (const metric of METRICS) {
        await check(randomVectors(5, 1, dim), 25, metric);
        await check(randomVectors(6, 1, dim), n, metric);
      }
      const skippedRow = await index.vectorOf(3);
      expect(skippedRow).toBeNull();
      index.dispose();
    },
  );

  it('float64 scores stay within 1e-5 of the float64 originals', async () => {
    const table = listTable('list64', n, dim, 78);
    const index = await openParquet(writeTable(table, 500), 'f64.parquet', 'embedding', dim);
    await index.ready;
    const query = randomVectors(8, 1, dim);
    const got = await index.search({ query, k: 10 });
    const col = table.getChild('embedding');
    got.rows.forEach((row, i) => {
      const v = col?.get(row) as { get(j: number): number };
      let dot = 0;
      let vv = 0;
      let qq = 0;
      for (let j = 0; j < dim; j++) {
        dot += v.get(j) * (query[j] as number);
        vv += v.get(j) ** 2;
        qq += (query[j] as number) ** 2;
      }
      expect(Math.abs((got.scores[i] as number) - dot / Math.sqrt(vv * qq))).toBeLessThan(1e-5);
    });
    index.dispose();
  });

  it('vectors handed over as Arrow IPC batches index the same as the Parquet file', async () => {
    const table = listTable('fixed32', 900, dim, 79);
    const batches = [0, 300, 600].map((firstRow) => {
      const slice = table.slice(firstRow, firstRow + 300);
      return {
        firstRow,
        rows: 300,
        ipc: tableToIPC(new Table({ embedding: slice.getChild('embedding') as never }), 'stream'),
      };
    });
    const index = createVectorIndex({
      fileName: 'vectors.arrow',
      column: 'embedding',
      dim,
      source: { kind: 'arrow', batches },
      createShard: shards,
    });
    const done = await index.ready;
    expect(done.indexed).toBe(900);
    const check = expectMatches(index, referenceVectors(table, 'embedding', dim), dim);
    await check(randomVectors(10, 1, dim), 30, 'cosine');
    index.dispose();
  });

  it('two dimensions cannot be searched together', async () => {
    const a = await openParquet(writeTable(listTable('fixed32', 50, 4, 1), 50), 'a.parquet', 'embedding', 4);
    const b = await openParquet(writeTable(listTable('fixed32', 50, 6, 2), 50), 'b.parquet', 'embedding', 6);
    await expect(searchIndexes([a, b], { query: randomVectors(1, 1, 4), k: 3 })).rejects.toThrow(
      /6-dimensional vectors and a.parquet 4-dimensional/,
    );
    a.dispose();
    b.dispose();
  });
});

describe('corpus files', () => {
  it('a list of integers (alltypes-java.parquet, fixedsizelist) is a clear error naming the file', async () => {
    const file = 'arrow-testing/data/parquet/alltypes-java.parquet';
    const index = await openParquet(
      await openAsBlob(corpusPath(file)),
      'alltypes-java.parquet',
      'fixedsizelist',
      3,
    );
    await expect(index.ready).rejects.toMatchObject({ code: 'unsupported', file: 'alltypes-java.parquet' });
    expect(index.progress().state).toBe('error');
    index.dispose();
  });

  it('a float column of the corpus (floating_orders_nan_count.parquet) is not a list: a clear error', async () => {
    const file = 'parquet-testing/data/floating_orders_nan_count.parquet';
    const index = await openParquet(
      await openAsBlob(corpusPath(file)),
      'floating_orders_nan_count.parquet',
      'float_ieee754',
      2,
    );
    await expect(index.ready).rejects.toThrow(/cannot be searched as vectors/);
    index.dispose();
  });
});
