import { openAsBlob } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Field,
  FixedSizeList,
  Float32,
  Float64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  makeData,
  tableToIPC,
  type Data,
} from 'apache-arrow';
import { utf8Data } from '../src/core/arrow/from-buffers';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import { bruteForce, randomVectors, rankingMismatch } from '../src/core/vectors/test-vectors';
import type { DbClient } from '../src/data/db/db-client';
import type { OpenDeps } from '../src/data/opened-file/opened-file';
import { ARROW_GROUP_ROWS } from '../src/data/opened-file/load-arrow';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import { sqlColumnType } from '../src/data/vectors/sql-vectors';
import { createVectorShard } from '../src/data/vectors/vector-shard';
import { Workspace } from '../src/data/workspace';
import { corpusPath } from './support/corpus';
import { createNodeDb } from './support/node-db';

/**
 * Arrow IPC files get a vector index like Parquet files (docs/similar.md): the file's embedding
 * column, already in memory, handed to the vector shards in groups as IPC, with the same bad-vector
 * rules; and "Add vectors to SQL" over the same groups. The corpus has no Arrow file with a float
 * vector column (generated_nested's fixed-size list holds Int32: no index), so the file is written here.
 */

let db: DbClient;
beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

const DIM = 8;
// Two batches, the second larger than one group, so the index has several groups over two shards.
const BATCHES = [300, ARROW_GROUP_ROWS + 700];
const ROWS = BATCHES.reduce((a, b) => a + b, 0);
const NULL_ROW = 5;
const NAN_ROW = 6;
const ZERO_ROW = ARROW_GROUP_ROWS + 10;

function deps(): OpenDeps {
  return {
    db,
    createVectorShard: inProcessShard(() => createVectorShard(() => initParquetWasmNode())),
  };
}

/** id, `embedding` fixed_size_list<float64>[8] (a NULL, a NaN and a zero row), `emb32` list<float32>[8]. */
function writeArrowFile(values: Float64Array): Uint8Array {
  const vecType = new FixedSizeList(DIM, new Field('item', new Float64(), true));
  const listType = new List(new Field('item', new Float32(), true));
  const fields = [
    new Field('memory_id', utf8Data([]).type, false),
    new Field('embedding', vecType, true),
    new Field('emb32', listType, false),
  ];
  const schema = new Schema(fields);
  let first = 0;
  const batches = BATCHES.map((n) => {
    const valid = new Uint8Array((n + 7) >> 3).fill(255);
    let nulls = 0;
    if (first <= NULL_ROW && NULL_ROW < first + n) {
      const i = NULL_ROW - first;
      valid[i >> 3] = (valid[i >> 3] as number) & ~(1 << (i & 7));
      nulls = 1;
    }
    const slice = values.slice(first * DIM, (first + n) * DIM);
    const child = makeData({ type: new Float64(), length: n * DIM, nullCount: 0, data: slice });
    const vec = makeData({
      type: vecType,
      length: n,
      nullCount: nulls,
      nullBitmap: nulls ? valid : undefined,
      child,
    });
    const f32 = makeData({
      type: new Float32(),
      length: n * DIM,
      nullCount: 0,
      data: Float32Array.from(slice),
    });
    const list = makeData({
      type: listType,
      length: n,
      nullCount: 0,
      valueOffsets: Int32Array.from({ length: n + 1 }, (_, i) => i * DIM),
      child: f32,
    });
    const ids = utf8Data(Array.from({ length: n }, (_, i) => `m${first + i}`));
    first += n;
    const struct = makeData({
      type: new Struct(fields),
      length: n,
      nullCount: 0,
      children: [ids, vec, list] as Data[],
    });
    return new RecordBatch(schema, struct);
  });
  return tableToIPC(new Table(schema, batches), 'file');
}

describe('Arrow IPC files: the vector index', () => {
  it('indexes a fixed_size_list<float64> and a list<float32> column, skips bad rows, searches exactly', async () => {
    const values = Float64Array.from(randomVectors(11, ROWS, DIM));
    values.fill(0, ZERO_ROW * DIM, (ZERO_ROW + 1) * DIM);
    values[NAN_ROW * DIM + 3] = Number.NaN;
    const ws = new Workspace(deps());
    const bytes = writeArrowFile(values);
    const file = ws.open(new File([bytes as Uint8Array<ArrayBuffer>], 'vectors.arrow'), 'vectors.arrow');
    const state = await file.done;
    expect(state.status).toBe('ready');
    expect(state.kind).toBe('arrow');
    const dims = Object.fromEntries(state.columns.map((c) => [c.name, c.vectorDim]));
    expect(dims).toMatchObject({ embedding: DIM, emb32: DIM });

    const index = file.vectorIndex('embedding');
    if (!index) throw new Error('no index for an Arrow file');
    const done = await index.ready;
    expect(done).toMatchObject({ state: 'ready', indexed: ROWS, total: ROWS, vectors: ROWS - 3 });
    expect(done.skips).toEqual({ null: 1, wrongLength: 0, nonFinite: 1, zeroNorm: 1 });
    expect(file.vectorIndex('embedding')).toBe(index);

    // The brute force over the same float32 values, bad rows left out.
    const f32 = Float32Array.from(values);
    const keep = Array.from({ length: ROWS }, (_, r) => r).filter(
      (r) => ![NULL_ROW, NAN_ROW, ZERO_ROW].includes(r),
    );
    const vectors = new Float32Array(keep.length * DIM);
    keep.forEach((r, i) => vectors.set(f32.subarray(r * DIM, (r + 1) * DIM), i * DIM));
    const query = f32.slice(42 * DIM, 43 * DIM);
    for (const metric of ['cosine', 'dot', 'euclidean'] as const) {
      const got = await index.search({ query, k: 25, metric });
      const want = bruteForce(vectors, keep, DIM, query, metric, 25);
      expect(rankingMismatch(got, want)).toBeNull();
    }
    expect(await index.vectorOf(NULL_ROW)).toBeNull();
    expect(Array.from((await index.vectorOf(42)) ?? [])).toEqual(Array.from(query));

    // The list<float32> column (uniform rows) is indexed the same way.
    const listIndex = file.vectorIndex('emb32');
    const listDone = await listIndex?.ready;
    expect(listDone?.vectors).toBe(ROWS - 2); // its NULL-row twin is a plain row; NaN and zero stay bad
    const hits = await listIndex?.search({ query, k: 1 });
    expect(hits?.rows[0]).toBe(42);

    // "Add vectors to SQL" from the same in-memory groups: the NULL row is NULL, NaN stays a value.
    await file.addVectorsToSql('embedding');
    expect(file.state.sqlVectors?.status).toBe('added');
    expect(file.state.sqlVectors?.report).toMatchObject({ rows: ROWS, nulls: 1, wrongLength: 0 });
    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBe(`FLOAT[${DIM}]`);
    const r = await db.query(
      `SELECT CAST(count(embedding) AS DOUBLE) AS v, CAST(count(*) AS DOUBLE) AS n FROM ${quoteIdentifier(file.tableName)}`,
      { cache: false },
    );
    expect(r.table.toArray()[0]?.toJSON()).toEqual({ v: ROWS - 1, n: ROWS });
    await ws.close(file.id);
  }, 120_000);

  it('gives no index for an Arrow file whose lists hold integers (corpus)', async () => {
    const ws = new Workspace(deps());
    const path = corpusPath(
      'arrow-testing/data/arrow-ipc-stream/integration/cpp-21.0.0/generated_nested.arrow_file',
    );
    const file = ws.open(new File([await openAsBlob(path)], 'nested.arrow'), 'nested.arrow');
    const state = await file.done;
    expect(state.status).toBe('ready');
    expect(state.columns.some((c) => c.vectorDim)).toBe(false);
    expect(file.vectorIndex('fixedsizelist_nullable')).toBeNull();
    await ws.close(file.id);
  });
});
