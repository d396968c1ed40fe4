import { openAsBlob, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Workspace } from '../src/data/workspace';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import type { DbClient } from '../src/data/db/db-client';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import { relationNames } from '../src/data/db/catalog';
import { createNodeDb } from './support/node-db';

/**
 * A store over the bundled sample (public/sample, four category files), opened through the
 * Workspace as the app opens a folder: one DuckDB view that unions the files by column key.
 */

const SAMPLE_DIR = resolve(import.meta.dirname, '../public/sample');
const manifest = JSON.parse(readFileSync(resolve(SAMPLE_DIR, 'manifest.json'), 'utf8')) as {
  files: { name: string; rows: number; category: string }[];
};

let db: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

function workspace(): Workspace {
  return new Workspace({
    db,
    createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
  });
}

async function sampleFiles(): Promise<{ file: Blob; name: string }[]> {
  return Promise.all(
    manifest.files.map(async (f) => ({ file: await openAsBlob(resolve(SAMPLE_DIR, f.name)), name: f.name })),
  );
}

/** A small category file with only an id and a text column (no category, no timestamps). */
function notesFile(): { file: Blob; name: string } {
  const table = tableFromArrays({ memory_id: ['n-1', 'n-2'], content: ['first note', 'second note'] });
  return { file: new Blob([tableToIPC(table, 'stream') as Uint8Array<ArrayBuffer>]), name: 'notes.arrow' };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const { table } = await db.query(sql, { cache: false });
  return table.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}

describe('a store over the sample', () => {
  it('is one view: every row of every file, the category of each, a file and row per row', async () => {
    const ws = workspace();
    const { files, store } = ws.openTogether(await sampleFiles(), 'sample');
    expect(store).not.toBeNull();
    const state = await store!.done;
    expect(state.error).toBe(null);
    expect(state.status).toBe('ready');
    expect(state.tableName).toBe('sample');
    const sum = manifest.files.reduce((n, f) => n + f.rows, 0);
    expect(state.rowCount).toBe(sum);

    const counted = await rows(
      `SELECT category, __file, CAST(count(*) AS DOUBLE) AS n, CAST(min(__file_row) AS DOUBLE) AS lo,
              CAST(max(__file_row) AS DOUBLE) AS hi FROM sample GROUP BY ALL ORDER BY category`,
    );
    expect(counted).toEqual(
      [...manifest.files]
        .sort((a, b) => a.category.localeCompare(b.category))
        .map((f) => ({
          category: f.category,
          __file: f.name.replace('.parquet', ''),
          n: f.rows,
          lo: 0,
          hi: f.rows - 1,
        })),
    );
    // __row is the row's place in the store: unique, 0 … sum - 1.
    const [range] = await rows(
      'SELECT CAST(count(DISTINCT __row) AS DOUBLE) AS d, CAST(min(__row) AS DOUBLE) AS lo, CAST(max(__row) AS DOUBLE) AS hi FROM sample',
    );
    expect(range).toEqual({ d: sum, lo: 0, hi: sum - 1 });
    // A row of the store is the same row in its file.
    const [one] = await rows(
      `SELECT s.memory_id = f.memory_id AS same FROM sample s JOIN ${quoteIdentifier(files[1]!.tableName)} f
         ON s.__file_row = f.__row WHERE s.__file = '${files[1]!.tableName}' AND s.__file_row = 7`,
    );
    expect(one).toEqual({ same: true });
    // Heavy columns stay per file: the union has none of them.
    expect(state.columns.map((c) => c.name)).not.toContain('embedding');
    expect(state.columns.find((c) => c.name === 'category')).toMatchObject({ role: 'category' });

    await ws.closeStore(store!.id);
    expect(await relationNames(db)).not.toContain('sample');
    expect(ws.getStores()).toEqual([]);
    expect(ws.getSnapshot()).toEqual([]);
  });

  it('fills a column a file lacks with NULL, takes its category from its name, and says so', async () => {
    const ws = workspace();
    const { store } = ws.openTogether([...(await sampleFiles()), notesFile()], null);
    const state = await store!.done;
    expect(state.status).toBe('ready');
    expect(state.tableName).toBe('memories');
    const union = state.union!;
    const created = union.columns.find((c) => c.name === 'created_at');
    expect(created?.missingFrom).toEqual(['notes']);
    expect(union.columns.find((c) => c.name === 'category')?.fromFileName).toEqual(['notes']);
    const notes = await rows(
      `SELECT memory_id, category, created_at, content FROM memories WHERE __file = 'notes' ORDER BY memory_id`,
    );
    expect(notes).toEqual([
      { memory_id: 'n-1', category: 'notes', created_at: null, content: 'first note' },
      { memory_id: 'n-2', category: 'notes', created_at: null, content: 'second note' },
    ]);
    await ws.closeStore(store!.id);
  });

  it('is rebuilt without a file that closes, and dissolves when one file is left', async () => {
    const ws = workspace();
    const [a, b, c] = await sampleFiles();
    const { files, store } = ws.openTogether([a!, b!, c!], 'three');
    const before = await store!.done;
    await ws.close(files[0]!.id);
    const after = await store!.done;
    expect(after.status).toBe('ready');
    expect(after.rowCount).toBe(before.rowCount - files[0]!.state.rowCount);
    const [n] = await rows('SELECT CAST(count(*) AS DOUBLE) AS n FROM three');
    expect(n).toEqual({ n: after.rowCount });

    await ws.close(files[1]!.id);
    await store!.done;
    expect(ws.getStores()).toEqual([]);
    expect(await relationNames(db)).not.toContain('three');
    // The last file is still open, with its own table.
    expect(await relationNames(db)).toContain(files[2]!.tableName);
    await ws.close(files[2]!.id);
  });

  it('is rebuilt after a file reloads, and takes a name no table has', async () => {
    await db.query('CREATE TABLE memories AS SELECT 1 AS x', { cache: false });
    const ws = workspace();
    const { files, store } = ws.openTogether((await sampleFiles()).slice(0, 2), null);
    const first = await store!.done;
    expect(first.tableName).toBe('memories_2');
    await files[0]!.reload();
    const again = await store!.done;
    expect(again.status).toBe('ready');
    const [n] = await rows('SELECT CAST(count(*) AS DOUBLE) AS n FROM memories_2');
    expect(n).toEqual({ n: again.rowCount });
    await ws.closeStore(store!.id);
    expect(await relationNames(db)).toContain('memories');
    await db.query('DROP TABLE memories', { cache: false });
  });

  it('is made again after DuckDB restarts and its files are reloaded', async () => {
    const ws = workspace();
    const { store } = ws.openTogether((await sampleFiles()).slice(0, 2), 'again');
    const before = await store!.done;
    await db.restart();
    // What the app does on restart (app.tsx: db.onRestart): every file reads its table again.
    await ws.reloadAll();
    const after = await store!.done;
    expect(after).toMatchObject({ status: 'ready', tableName: 'again', rowCount: before.rowCount });
    const [n] = await rows('SELECT CAST(count(*) AS DOUBLE) AS n FROM again');
    expect(n).toEqual({ n: before.rowCount });
    await ws.closeStore(store!.id);
  });

  it('is not made over files with no column in common', async () => {
    const ws = workspace();
    const other = tableFromArrays({ x: Int32Array.of(1, 2) });
    const { store } = ws.openTogether(
      [
        (await sampleFiles())[0]!,
        { file: new Blob([tableToIPC(other, 'stream') as Uint8Array<ArrayBuffer>]), name: 'other.arrow' },
      ],
      null,
    );
    await store!.done;
    expect(ws.getStores()).toEqual([]);
    expect(ws.getSnapshot().map((f) => f.status)).toEqual(['ready', 'ready']);
  });
});
