import { beforeAll, describe, expect, it } from 'vitest';
import { MemscopeError } from '../src/core/errors';
import { METRICS } from '../src/core/vectors/metric';
import { bruteForce, randomVectors, rankingMismatch } from '../src/core/vectors/test-vectors';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import type { ShardFactory, VectorIndex } from '../src/data/vectors/vector-index';
import { createVectorShard } from '../src/data/vectors/vector-shard';
import { coversMoreOnceComplete, searchScope } from '../src/features/similar/search-scope';
import { arrowIndex } from './support/arrow-index';

/**
 * A search started before the vector index is complete (docs/similar.md, "The index"): it says how
 * many rows it covered, and the Similar view runs it again once every index it searched is complete
 * (`coversMoreOnceComplete`, the view's test for it), when the result equals a brute force over every
 * row. The index's build is held after its first groups by a gate, so "still building" is a state the
 * test controls, not a race it hopes to win.
 */

const DIM = 24;
const GROUP = 100;
const inProcess = inProcessShard(() => createVectorShard(() => initParquetWasmNode()));

beforeAll(() => initParquetWasmNode());

/** Shards whose groups after the first one each wait for `open()`. */
function gatedShards(): { factory: ShardFactory; open(): void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((res) => (release = res));
  const factory: ShardFactory = () => {
    const shard = inProcess();
    let groups = 0;
    // A held group is refused when the shard stops (as a terminated worker's pending calls are).
    let stop: (e: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, rej) => (stop = rej));
    stopped.catch(() => undefined);
    return {
      call: (method, arg, transfer) =>
        (method === 'indexIpc' && groups++ > 0 ? Promise.race([gate, stopped]) : Promise.resolve()).then(() =>
          shard.call(method, arg, transfer),
        ),
      terminate: () => {
        stop(new MemscopeError({ code: 'cancelled', message: 'the vector shard was stopped' }));
        shard.terminate();
      },
    };
  };
  return { factory, open: release };
}

/** Resolves once `index` has indexed `rows` rows (the groups before the gate). */
function indexedAtLeast(index: VectorIndex, rows: number): Promise<void> {
  return new Promise((res) => {
    const check = () => {
      if (index.progress().indexed < rows) return false;
      off();
      res();
      return true;
    };
    const off = index.subscribe(check);
    check();
  });
}

const allRows = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

describe('a search over an index still building', () => {
  it.each(METRICS)(
    '%s: reports the rows it covered; once complete it runs again and equals a brute force over every row',
    async (metric) => {
      const n = 730;
      const vectors = randomVectors(11, n, DIM);
      const query = randomVectors(12, 1, DIM);
      const gated = gatedShards();
      const index = arrowIndex('a.arrow', vectors, DIM, gated.factory, GROUP);
      // Two shards, one group each before the gate: 200 rows of 730.
      await indexedAtLeast(index, 2 * GROUP);
      expect(index.progress()).toMatchObject({ state: 'building', indexed: 2 * GROUP, total: n });

      const request = { query, k: 15, metric, filtered: false };
      const first = await searchScope({ fileName: 'a.arrow', index }, [], request);
      expect(first.outcome.covered).toBe(2 * GROUP);
      expect(first.outcome.total).toBe(n);
      expect(first.outcome.searched).toBe(2 * GROUP);
      // The partial result is exact over the rows it covered (groups 0 and 1, one per shard).
      const covered = allRows(2 * GROUP);
      expect(
        rankingMismatch(
          first.outcome,
          bruteForce(vectors.subarray(0, 2 * GROUP * DIM), covered, DIM, query, metric, 15),
        ),
      ).toBeNull();

      // Still waiting while the build is held; true once it completes.
      let settled = false;
      const again = coversMoreOnceComplete(first.outcome, first.indexes).then((v) => {
        settled = true;
        return v;
      });
      await new Promise((res) => setTimeout(res, 20));
      expect(settled).toBe(false);
      gated.open();
      expect(await again).toBe(true);
      expect(index.progress()).toMatchObject({ state: 'ready', indexed: n });

      const second = await searchScope({ fileName: 'a.arrow', index }, [], request);
      expect(second.outcome.covered).toBe(n);
      expect(
        rankingMismatch(second.outcome, bruteForce(vectors, allRows(n), DIM, query, metric, 15)),
      ).toBeNull();
      // Complete: no further run.
      expect(await coversMoreOnceComplete(second.outcome, second.indexes)).toBe(false);
      index.dispose();
    },
  );

  it('runs again when the index completed before the view looked (it read the rows first)', async () => {
    const vectors = randomVectors(21, 450, DIM);
    const gated = gatedShards();
    const index = arrowIndex('a.arrow', vectors, DIM, gated.factory, GROUP);
    await indexedAtLeast(index, 2 * GROUP);
    const { outcome, indexes } = await searchScope({ fileName: 'a.arrow', index }, [], {
      query: randomVectors(22, 1, DIM),
      k: 5,
      metric: 'cosine',
      filtered: false,
    });
    expect(outcome.covered).toBeLessThan(outcome.total);
    // The index completes while the view fetches the result rows from DuckDB.
    gated.open();
    await index.ready;
    expect(await coversMoreOnceComplete(outcome, indexes)).toBe(true);
    index.dispose();
  });

  it('over several files, one still building: covers the built ones and part of it, then every row of all', async () => {
    const a = randomVectors(31, 260, DIM);
    const b = randomVectors(32, 540, DIM);
    const done = arrowIndex('a.arrow', a, DIM, inProcess, GROUP);
    await done.ready;
    const gated = gatedShards();
    const building = arrowIndex('b.arrow', b, DIM, gated.factory, GROUP);
    await indexedAtLeast(building, 2 * GROUP);
    const query = randomVectors(33, 1, DIM);
    const request = { query, k: 12, metric: 'cosine' as const, filtered: false };
    const peers = [{ fileName: 'b.arrow', index: () => building }];
    const first = await searchScope({ fileName: 'a.arrow', index: done }, peers, request);
    expect(first.outcome.covered).toBe(260 + 2 * GROUP);
    expect(first.outcome.total).toBe(260 + 540);
    const again = coversMoreOnceComplete(first.outcome, first.indexes);
    gated.open();
    expect(await again).toBe(true);

    const second = await searchScope({ fileName: 'a.arrow', index: done }, peers, request);
    expect(second.outcome.covered).toBe(800);
    // The brute force over the union: b's rows after a's.
    const union = new Float32Array(a.length + b.length);
    union.set(a);
    union.set(b, a.length);
    const want = bruteForce(union, allRows(800), DIM, query, 'cosine', 12);
    const got = {
      rows: Array.from(second.outcome.rows, (r, i) =>
        second.outcome.files?.[i] === 'b.arrow' ? 260 + r : r,
      ),
      scores: second.outcome.scores,
    };
    expect(rankingMismatch(got, want)).toBeNull();
    done.dispose();
    building.dispose();
  });

  it('a build stopped (the file closed) that added nothing since the search does not run it again', async () => {
    const gated = gatedShards();
    const index = arrowIndex('a.arrow', randomVectors(41, 500, DIM), DIM, gated.factory, GROUP);
    await indexedAtLeast(index, 2 * GROUP);
    const { outcome, indexes } = await searchScope({ fileName: 'a.arrow', index }, [], {
      query: randomVectors(42, 1, DIM),
      k: 5,
      metric: 'dot',
      filtered: false,
    });
    expect(outcome.covered).toBe(2 * GROUP);
    index.dispose();
    expect(await coversMoreOnceComplete(outcome, indexes)).toBe(false);
    expect(index.progress()).toMatchObject({ state: 'cancelled', indexed: 2 * GROUP });
  });
});
