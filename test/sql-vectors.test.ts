import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import type { DbClient } from '../src/data/db/db-client';
import type { FileState } from '../src/data/opened-file/file-state';
import type { OpenDeps, OpenedFile } from '../src/data/opened-file/opened-file';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import { sqlColumnType } from '../src/data/vectors/sql-vectors';
import { createVectorShard } from '../src/data/vectors/vector-shard';
import { Workspace } from '../src/data/workspace';
import { createNodeDb } from './support/node-db';

/**
 * "Add vectors to SQL" end to end in Node (docs/similar.md, "Vectors in SQL"): the same OpenedFile,
 * DuckDB-WASM engine and load code as the browser (decoder and vector shards in-process), over the
 * bundled sample; and an Arrow IPC file written here, whose vector index is built like a Parquet
 * file's.
 */

const SAMPLE = resolve(import.meta.dirname, '../public/sample');
let db: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

function deps(): OpenDeps {
  return {
    db,
    createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    createVectorShard: inProcessShard(() => createVectorShard(() => initParquetWasmNode())),
  };
}

async function sample(name: string): Promise<File> {
  return new File([await openAsBlob(resolve(SAMPLE, name))], name);
}

async function rows(sql: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  const r = await db.query(sql, { params, cache: false });
  return r.table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
}

/** Waits until the file's `sqlVectors` reaches one of `statuses` (the state is how the app learns it). */
function sqlVectorsState(file: OpenedFile, statuses: string[]): Promise<FileState['sqlVectors']> {
  return new Promise((done) => {
    const check = () => {
      const v = file.state.sqlVectors;
      if (v && statuses.includes(v.status)) {
        off();
        done(v);
      }
    };
    const off = file.subscribe(check);
    check();
  });
}

async function leftovers(): Promise<unknown[]> {
  return (
    await rows(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '__memscope_vectors%'`)
  ).map((r) => r.table_name);
}

/** A vector as DuckDB binds it: text cast to FLOAT[d] (prepared statements cannot bind arrays). */
const asText = (v: Float32Array) => `[${Array.from(v).join(',')}]`;

describe('Add vectors to SQL', () => {
  it('puts the sample embedding in the table as FLOAT[384]: cosine with itself is 1, and equals the Similar kernel', async () => {
    const ws = new Workspace(deps());
    const file = ws.open(await sample('experiences.parquet'), 'experiences.parquet');
    const loaded = await file.done;
    expect(loaded.status).toBe('ready');
    const t = quoteIdentifier(file.tableName);
    const progress: number[] = [];
    const off = file.subscribe(() => {
      const v = file.state.sqlVectors;
      if (v?.status === 'adding') progress.push(v.progress.rows);
    });
    await file.addVectorsToSql('embedding');
    off();
    const state = file.state.sqlVectors;
    expect(state?.status).toBe('added');
    expect(state?.error).toBeUndefined();
    expect(progress.at(-1)).toBe(loaded.rowCount);
    expect(state?.report).toMatchObject({ column: 'embedding', dim: 384, rows: loaded.rowCount, nulls: 0 });
    expect(state?.report?.vectorBytes).toBe(loaded.rowCount * 384 * 4);
    // DuckDB holds at least the float32 payload more than before.
    expect((state?.report?.memoryAfter ?? 0) - (state?.report?.memoryBefore ?? 0)).toBeGreaterThanOrEqual(
      loaded.rowCount * 384 * 4 * 0.9,
    );

    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBe('FLOAT[384]');
    const [counts] = await rows(
      `SELECT CAST(count(*) AS DOUBLE) AS n, CAST(count(embedding) AS DOUBLE) AS v, CAST(count(DISTINCT __row) AS DOUBLE) AS r FROM ${t}`,
    );
    expect(counts).toEqual({ n: loaded.rowCount, v: loaded.rowCount, r: loaded.rowCount });
    const [self] = await rows(
      `SELECT array_cosine_similarity(embedding, embedding) AS c FROM ${t} WHERE __row = 7`,
    );
    expect(self?.c as number).toBeCloseTo(1, 6);

    // The kernel's top 5 for row 7's vector; DuckDB's scores for the same rows, within 1e-5.
    const index = file.vectorIndex('embedding');
    if (!index) throw new Error('no index');
    await index.ready;
    const query = await index.vectorOf(7);
    if (!query) throw new Error('row 7 has no vector');
    const hits = await index.search({ query, k: 5 });
    expect(hits.rows[0]).toBe(7);
    const sql = await rows(
      `SELECT CAST(__row AS DOUBLE) AS r, array_cosine_similarity(embedding, ?::FLOAT[384]) AS c FROM ${t} ORDER BY c DESC, __row LIMIT 5`,
      [asText(query)],
    );
    expect(sql.map((r) => r.r)).toEqual(Array.from(hits.rows));
    sql.forEach((r, i) => expect(Math.abs((r.c as number) - (hits.scores[i] as number))).toBeLessThan(1e-5));

    // Undo: the column goes, the memory figures say what it freed, the rows stay.
    await file.removeVectorsFromSql();
    expect(file.state.sqlVectors?.status).toBe('removed');
    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBeNull();
    const removed = file.state.sqlVectors?.removed;
    expect((removed?.memoryBefore ?? 0) - (removed?.memoryAfter ?? 0)).toBeGreaterThan(
      loaded.rowCount * 384 * 4 * 0.5,
    );
    const [after] = await rows(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${t}`);
    expect(after?.n).toBe(loaded.rowCount);
    expect(await leftovers()).toEqual([]);
    await ws.close(file.id);
  }, 120_000);

  it('cancels: the table is as it was and nothing is left behind', async () => {
    const ws = new Workspace(deps());
    const file = ws.open(await sample('knowledge.parquet'), 'knowledge.parquet');
    await file.done;
    const adding = file.addVectorsToSql('embedding');
    file.cancelVectorsToSql();
    await adding;
    expect(file.state.sqlVectors?.status).toBe('cancelled');
    expect(file.state.sqlVectors?.error?.message).toMatch(/cancelled/);
    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBeNull();
    expect(await leftovers()).toEqual([]);
    await ws.close(file.id);
  }, 120_000);

  it('adds the vectors again after the SQL engine restarted and the file was reloaded', async () => {
    const ws = new Workspace(deps());
    const file = ws.open(await sample('skills.parquet'), 'skills.parquet');
    await file.done;
    await file.addVectorsToSql('embedding');
    expect(file.state.sqlVectors?.status).toBe('added');
    await db.restart();
    expect(await sqlColumnType(db, file.tableName, 'embedding').catch(() => null)).toBeNull();
    await ws.reloadAll();
    const again = await sqlVectorsState(file, ['added', 'failed']);
    expect(again?.status).toBe('added');
    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBe('FLOAT[384]');
    // Closing drops the table, vectors and all.
    const table = file.tableName;
    await ws.close(file.id);
    expect(
      await rows(`SELECT 1 FROM information_schema.tables WHERE lower(table_name) = lower(?)`, [table]),
    ).toEqual([]);
  }, 120_000);

  it('a reload while the vectors go in stops them and shows them as not added', async () => {
    const ws = new Workspace(deps());
    const file = ws.open(await sample('preferences.parquet'), 'preferences.parquet');
    await file.done;
    const adding = file.addVectorsToSql('embedding');
    await sqlVectorsState(file, ['adding']);
    const reloaded = await file.reload();
    await adding;
    expect(reloaded.status).toBe('ready');
    expect(file.state.sqlVectors?.status).toBe('failed');
    expect(file.state.sqlVectors?.error?.message).toMatch(/read again while its vectors were being added/);
    expect(await sqlColumnType(db, file.tableName, 'embedding')).toBeNull();
    expect(await leftovers()).toEqual([]);
    await ws.close(file.id);
  }, 120_000);

  it('a store: the view leaves the vectors out and keeps working, also when rebuilt', async () => {
    const ws = new Workspace(deps());
    const { files, store } = ws.openTogether(
      [await sample('preferences.parquet'), await sample('skills.parquet')].map((f) => ({
        file: f,
        name: f.name,
      })),
      null,
    );
    if (!store) throw new Error('no store');
    await Promise.all(files.map((f) => f.done));
    await store.done;
    const [prefs, skills] = files as [OpenedFile, OpenedFile];
    await prefs.addVectorsToSql('embedding');
    expect(prefs.state.sqlVectors?.status).toBe('added');
    const view = quoteIdentifier(store.state.tableName);
    const expected = { n: prefs.state.rowCount + skills.state.rowCount };
    expect((await rows(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${view}`))[0]).toEqual(expected);
    // Rebuilt (as after a restart), the view reads the tables' columns again: still no vectors.
    const rebuilt = await store.rebuild();
    expect(rebuilt.status).toBe('ready');
    expect(rebuilt.columns.map((c) => c.name)).not.toContain('embedding');
    expect((await rows(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${view}`))[0]).toEqual(expected);
    await expect(rows(`SELECT embedding FROM ${view} LIMIT 1`)).rejects.toThrow(/embedding/);
    await ws.closeStore(store.id);
  }, 120_000);
});
