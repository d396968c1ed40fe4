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
import { rowOrigin, spanStarts } from '../src/core/store/row-origin';
import { exportTable, textSink } from '../src/data/export/export-table';
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

describe("a store's heavy columns, read through each row's file", () => {
  it('maps every row of the view to its file and file row, with no query', async () => {
    const ws = workspace();
    const { store } = ws.openTogether(await sampleFiles(), 'mapped');
    const state = await store!.done;
    const starts = spanStarts(state.members);
    const { table } = await db.query('SELECT __row, __file, __file_row FROM mapped', { cache: false });
    expect(table.numRows).toBe(state.rowCount);
    const mismatches: string[] = [];
    for (let i = 0; i < table.numRows; i++) {
      const row = Number(table.getChild('__row')!.get(i));
      const origin = rowOrigin(starts, row);
      const member = origin ? state.members[origin.file] : undefined;
      const expected = `${String(table.getChild('__file')!.get(i))}:${Number(table.getChild('__file_row')!.get(i))}`;
      if (`${member?.tableName}:${origin?.fileRow}` !== expected) mismatches.push(`${row} → ${expected}`);
    }
    expect(mismatches).toEqual([]);
    await ws.closeStore(store!.id);
  });

  it('reads a vector and bytes of rows of every file, as each file reads them', async () => {
    const ws = workspace();
    const { files, store } = ws.openTogether(await sampleFiles(), 'heavy');
    const state = await store!.done;
    expect(state.heavyColumns.map((c) => [c.name, c.vectorDim])).toEqual([
      ['embedding', 384],
      ['diff_data', undefined],
    ]);
    const heavy = store!.heavy!;
    expect(heavy.columns).toEqual(['embedding', 'diff_data']);
    // The first rows and the last row of each file, by their place in the store.
    const picked = await rows(
      `SELECT CAST(__row AS DOUBLE) AS r, __file AS f, CAST(__file_row AS DOUBLE) AS fr FROM heavy
        WHERE __file_row < 8 OR __file_row = (SELECT max(__file_row) FROM heavy h WHERE h.__file = heavy.__file)
        ORDER BY __row`,
    );
    expect(picked).toHaveLength(files.length * 9);
    const storeRows = picked.map((p) => p.r as number);
    // Nothing is read before it is asked for.
    expect(heavy.peek('embedding', storeRows[0]!)).toBeUndefined();
    await heavy.ensure('embedding', storeRows);
    await heavy.ensure('diff_data', storeRows);
    const withBytes = new Set<string>();
    for (const p of picked) {
      const file = files.find((f) => f.tableName === p.f)!;
      await file.heavy!.ensure('embedding', [p.fr as number]);
      await file.heavy!.ensure('diff_data', [p.fr as number]);
      const vector = heavy.peek('embedding', p.r as number);
      expect(vector).toBeInstanceOf(Float32Array);
      expect(Array.from(vector as Float32Array)).toEqual(
        Array.from(file.heavy!.peek('embedding', p.fr as number) as Float32Array),
      );
      // diff_data is NULL in some rows of the sample: the same rows through the store.
      const bytes = heavy.peek('diff_data', p.r as number);
      expect(bytes).toEqual(file.heavy!.peek('diff_data', p.fr as number));
      if (bytes instanceof Uint8Array) withBytes.add(p.f as string);
    }
    expect(withBytes.size).toBe(files.length);
    // Two rows of two files differ: each is its own file's.
    expect(heavy.peek('embedding', storeRows[0]!)).not.toEqual(heavy.peek('embedding', storeRows[9]!));
    await ws.closeStore(store!.id);
  });

  it('exports with the heavy columns, each row read from its file', async () => {
    const ws = workspace();
    const { files, store } = ws.openTogether(await sampleFiles(), 'exported');
    const state = await store!.done;
    // What Explore's "Export" gets for a store: the view's columns, then the files' heavy ones.
    const columns = [...state.columns, ...state.heavyColumns];
    const text = await (
      await exportTable(
        db,
        {
          table: 'exported',
          filters: [{ column: 'category', op: '=', value: 'skills' }],
          tiebreaker: '__row',
          pageRows: 200,
          heavy: { store: store!.heavy!, columns },
          leaveOut: [],
        },
        textSink('jsonl'),
      )
    ).text();
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const skills = files.find((f) => f.fileName === 'skills.parquet')!;
    expect(lines).toHaveLength(skills.state.rowCount);
    const last = skills.state.rowCount - 1;
    const picked = await rows(
      `SELECT memory_id, CAST(__row AS DOUBLE) AS r FROM ${quoteIdentifier(skills.tableName)} WHERE __row IN (0, 1, ${last})`,
    );
    expect(picked).toHaveLength(3);
    await skills.heavy!.ensure('embedding', [0, 1, last]);
    for (const { memory_id, r } of picked) {
      const line = lines.find((l) => l.memory_id === memory_id)!;
      expect(line.embedding).toEqual(
        Array.from(skills.heavy!.peek('embedding', r as number) as Float32Array),
      );
    }
    await ws.closeStore(store!.id);
  });

  it('is NULL in the rows of a file that lacks the column', async () => {
    const ws = workspace();
    const skills = (await sampleFiles()).find((f) => f.name === 'skills.parquet')!;
    const { store } = ws.openTogether([notesFile(), skills], 'partly');
    const state = await store!.done;
    expect(state.heavyColumns.map((c) => c.name)).toEqual(['embedding', 'diff_data']);
    const heavy = store!.heavy!;
    // notes.arrow first (2 rows), then skills.parquet.
    await heavy.ensure('embedding', [0, 1, 2]);
    expect(heavy.peek('embedding', 0)).toBe(null);
    expect(heavy.peek('embedding', 1)).toBe(null);
    expect(heavy.peek('embedding', 2)).toBeInstanceOf(Float32Array);
    // Outside the view: nothing to paint.
    expect(heavy.peek('embedding', state.rowCount)).toBeUndefined();
    await ws.closeStore(store!.id);
  });
});
