// Integration: the shipped 80-query trace as a run of queries (issue 9 item 8). Read twice — with
// parquet-wasm straight from the file, and through the DuckDB-WASM Node build with the exact SQL the
// Plans view sends (traceRowsSql) — and checked against a per-query sequence rebuilt here from the
// raw Arrow columns, independently of the parser.
import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glibcAllocationBytes } from '../src/core/plan/memory/glibc-malloc';
import { traceRowsSql, traceRunFromTable, type TraceRun } from '../src/core/plan/memory/trace-run';
import type { DbClient } from '../src/data/db/db-client';
import { createNodeDb } from './support/node-db';

const file = path.resolve(__dirname, '..', 'public', 'samples', 'plans', 'trace-2000.parquet');

function readParquet(): arrow.Table {
  const wasmTable = pq.readParquet(new Uint8Array(fs.readFileSync(file)));
  return arrow.tableFromIPC(wasmTable.intoIPCStream());
}

/** Per query id, in order of first appearance: executors, executors that ran, Box bytes of all. */
function rawSequence(table: arrow.Table) {
  const q = table.getChild('query_id')!;
  const size = table.getChild('size_bytes')!;
  const align = table.getChild('align')!;
  const start = table.getChild('start_us')!;
  const end = table.getChild('end_us')!;
  const seq = new Map<string, { executors: number; timed: number; boxBytes: number }>();
  for (let i = 0; i < table.numRows; i++) {
    const id = String(q.get(i));
    const s = seq.get(id) ?? { executors: 0, timed: 0, boxBytes: 0 };
    s.executors++;
    if (start.get(i) !== null && end.get(i) !== null) s.timed++;
    s.boxBytes += glibcAllocationBytes(Number(size.get(i)), Number(align.get(i)));
    seq.set(id, s);
  }
  return [...seq].map(([queryId, s]) => ({ queryId, ...s }));
}

const byKey = (run: TraceRun, key: string) => run.results.find((r) => r.key === key)!;

describe('the sample trace as a run of 80 queries', () => {
  const table = readParquet();
  const raw = rawSequence(table);
  const run = traceRunFromTable(table);

  it('plays every query once, in the order of the table (each query has its own clock)', () => {
    expect(run.tableProblems).toEqual([]);
    expect(run.order.by).toBe('table');
    expect(run.order.reason).toMatch(/overlap/);
    expect(run.queries.map((q) => q.queryId)).toEqual(raw.map((r) => r.queryId));
    expect(run.queries.map((q) => q.queryId).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(run.queries).toHaveLength(80);
    expect(run.executors).toBe(2000);
    expect(run.queries.map((q) => q.executors)).toEqual(raw.map((r) => r.executors));
    expect(run.queries.every((q) => q.errors === 0)).toBe(true);
  });

  it('the model gets each query’s executors: Box bytes and calls per query match the raw rows', () => {
    const box = byKey(run, 'box');
    expect(box.steps.map((s) => s.reservedBytes)).toEqual(raw.map((r) => r.boxBytes));
    expect(box.steps.map((s) => s.allocatorCalls)).toEqual(raw.map((r) => r.executors));
    expect(box.peakReservedBytes).toBe(Math.max(...raw.map((r) => r.boxBytes)));
    expect(box.steadyReservedBytes).toBe(raw[79]!.boxBytes);
  });

  it('lazy creation skips exactly the executors without timings', () => {
    // Every query of the sample has timings, so an executor without them never ran.
    expect(run.queries.map((q) => q.ran)).toEqual(raw.map((r) => r.timed));
    const lazy = byKey(run, 'lazy');
    expect(lazy.steps.map((s) => s.allocatorCalls)).toEqual(raw.map((r) => r.timed));
  });

  it('the strategies keep their invariants over the run', () => {
    const fresh = byKey(run, 'fresh-bump');
    const reset = byKey(run, 'reset-bump');
    const pools = byKey(run, 'pools');
    // reset() keeps a chunk, so a later query never needs more calls than with a fresh Bump.
    reset.steps.forEach((s, k) =>
      expect(s.allocatorCalls).toBeLessThanOrEqual(fresh.steps[k]!.allocatorCalls),
    );
    // What reset() keeps never shrinks; neither does what the pools hold.
    for (const r of [reset, pools])
      r.steps.forEach(
        (s, k) => k > 0 && expect(s.idleBytes).toBeGreaterThanOrEqual(r.steps[k - 1]!.idleBytes),
      );
    expect(fresh.maxIdleBytes).toBe(0);
    expect(pools.hitRate).toBeGreaterThan(0.9);
  });

  it('pins the run’s figures (the e2e test reads the same numbers on screen)', () => {
    const figures = Object.fromEntries(
      run.results.map((r) => [r.key, [r.peakReservedBytes, r.steadyReservedBytes, r.maxIdleBytes]]),
    );
    // [peak reserved, steady-state reserved (the last query), most bytes held idle], in bytes.
    expect(figures).toEqual({
      box: [7856, 4928, 0],
      'fresh-bump': [15552, 7424, 0],
      'reset-bump': [12160, 8128, 8128],
      pools: [12656, 12656, 12656],
      // Every executor of the sample has timings: lazy creation skips none.
      lazy: [7856, 4928, 0],
    });
  });
});

describe('the same trace through DuckDB, with the SQL the Plans view sends', () => {
  let db: DbClient;
  beforeAll(async () => {
    db = await createNodeDb();
    const wasmTable = pq.readParquet(new Uint8Array(fs.readFileSync(file)));
    await db.insertArrowIpc('trace_2000', wasmTable.intoIPCStream(), { create: true });
    // A column that is no trace column is left out of the read.
    await db.query('ALTER TABLE trace_2000 ADD COLUMN note VARCHAR');
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('reads every row once, only the trace columns, and gives the same run', async () => {
    const { table } = await db.query(traceRowsSql('trace_2000'), { cache: false });
    expect(table.numRows).toBe(2000);
    expect(table.schema.fields.map((f) => f.name)).not.toContain('note');
    expect(traceRunFromTable(table)).toEqual(traceRunFromTable(readParquet()));
  });
});
