import { openAsBlob } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { FileState, FileStatus } from '../src/data/opened-file/file-state';
import type { OpenDeps, OpenedFile } from '../src/data/opened-file/opened-file';
import type { FileBytes } from '../src/data/opened-file/load-context';
import { Workspace } from '../src/data/workspace';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import type { DecodeBudgets, ParquetSource } from '../src/data/parquet/parquet-reader';
import { MemscopeError } from '../src/core/errors';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import type { DbClient } from '../src/data/db/db-client';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import { CORPUS_DIR } from './support/corpus';
import { createNodeDb } from './support/node-db';

/**
 * OpenedFile end to end in Node: the same load code as the browser, with the decoder in-process
 * (InProcessParquetSource) instead of a worker, over the bundled sample and corpus files.
 */

const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

let db: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

function deps(): OpenDeps {
  return {
    db,
    createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
  };
}

function workspace(): Workspace {
  return new Workspace(deps());
}

async function fileAt(path: string, name: string): Promise<File> {
  return new File([await openAsBlob(path)], name);
}

async function count(table: string): Promise<number> {
  const r = await db.query(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`, { cache: false });
  return Number(r.table.getChild('n')?.get(0));
}

describe('OpenedFile', () => {
  it('loads a memory store: footer first, DuckDB columns, heavy vectors and bytes on demand', async () => {
    const ws = workspace();
    const statuses: FileStatus[] = [];
    ws.subscribe(() => {
      const s = ws.getSnapshot()[0]?.status;
      if (s && statuses.at(-1) !== s) statuses.push(s);
    });
    let footerSeen = false;
    const handle = ws.open(await fileAt(SAMPLE, 'experiences.parquet'), 'experiences.parquet', {
      callbacks: {
        onFooter: () => {
          const t = handle.state;
          footerSeen = t.footer !== null && t.status === 'reading-footer';
        },
      },
    });
    expect(handle.tableName).toBe('experiences');
    const t = await handle.done;
    expect(t.error).toBe(null);
    expect(t.status).toBe('ready');
    expect(footerSeen).toBe(true);
    expect(statuses).toEqual(['reading-footer', 'loading', 'ready']);
    expect(t.progress.done).toBe(t.progress.total);
    expect(await count('experiences')).toBe(t.rowCount);

    const byName = new Map(t.columns.map((c) => [c.name, c]));
    expect(byName.get('embedding')).toMatchObject({
      destination: 'heavy',
      role: 'embedding',
      vectorDim: 384,
    });
    expect(byName.get('diff_data')).toMatchObject({ destination: 'heavy' });
    expect(byName.get('memory_id')).toMatchObject({ destination: 'duckdb', role: 'id' });

    const cols = await db.query(`SELECT * FROM ${quoteIdentifier('experiences')} LIMIT 0`, { cache: false });
    expect(cols.table.schema.fields.map((f) => f.name)).not.toContain('embedding');
    expect(cols.table.schema.fields[0]?.name).toBe('__row');

    const heavy = handle.heavy;
    expect(heavy).not.toBe(null);
    const last = t.rowCount - 1;
    expect(heavy?.peek('embedding', last)).toBe(undefined);
    await heavy?.ensure('embedding', [0, last]);
    const v = heavy?.peek('embedding', last);
    expect(v).toBeInstanceOf(Float32Array);
    expect((v as Float32Array).length).toBe(384);
    await heavy?.ensure('diff_data', [3]);
    expect(heavy?.peek('diff_data', 3)).toBeInstanceOf(Uint8Array);

    expect(performance.getEntriesByName('ms:footer:experiences.parquet').length).toBeGreaterThan(0);
    expect(performance.getEntriesByName('ms:first-batch:experiences.parquet').length).toBeGreaterThan(0);
    expect(performance.getEntriesByName('ms:loaded:experiences.parquet').length).toBeGreaterThan(0);
    await ws.close(t.id);
    expect(ws.getSnapshot()).toEqual([]);
    expect(handle.heavy).toBe(null);
    expect(handle.fileOrderRows).toBe(null);
    await expect(count('experiences')).rejects.toThrow(/experiences/);
  });

  it('names tables uniquely and keeps good files open when a bad one fails', async () => {
    const ws = workspace();
    const open = async (path: string, name: string) => ws.open(await fileAt(path, name), name);
    const a = await open(
      join(CORPUS_DIR, 'parquet-testing/data/alltypes_plain.parquet'),
      'All Types.parquet',
    );
    const b = await open(
      join(CORPUS_DIR, 'parquet-testing/data/alltypes_plain.parquet'),
      'all_types.parquet',
    );
    const bad = await open(
      join(CORPUS_DIR, 'parquet-testing/data/uniform_encryption.parquet.encrypted'),
      '2024 secret.parquet',
    );
    const junk = ws.open(new File(['just text'], 'notes.txt'), 'notes.txt');
    expect([a.tableName, b.tableName, bad.tableName, junk.tableName]).toEqual([
      'all_types',
      'all_types_2',
      't_2024_secret',
      'notes_txt',
    ]);
    const [ta, tb, tbad, tjunk] = await Promise.all([a.done, b.done, bad.done, junk.done]);
    expect(ta.status).toBe('ready');
    expect(tb.status).toBe('ready');
    expect(tbad).toMatchObject({
      status: 'failed',
      error: { code: 'encrypted', file: '2024 secret.parquet' },
    });
    expect(tjunk).toMatchObject({ status: 'failed', error: { code: 'not-parquet' } });
    expect(await count('all_types')).toBe(8);
    expect(await count('all_types_2')).toBe(8);
    for (const f of ws.all()) await ws.close(f.id);
  });

  it('cancels: status cancelled, no table left', async () => {
    const ws = workspace();
    const handle: OpenedFile = ws.open(await fileAt(SAMPLE, 'cancel-me.parquet'), 'cancel-me.parquet', {
      callbacks: { onFooter: () => handle.cancel() },
    });
    const t = await handle.done;
    expect(t.status).toBe('cancelled');
    await expect(count('cancel_me')).rejects.toThrow(/cancel_me/);
    expect(handle.heavy).toBe(null);
    expect(handle.fileOrderRows).toBe(null);
    expect(ws.getSnapshot()[0]).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
  });

  it('reads CSV through DuckDB with __row', async () => {
    const ws = workspace();
    const t = await ws.open(new File(['id,name\n1,a\n2,b\n3,c\n'], 'people.csv'), 'people.csv').done;
    expect(t).toMatchObject({ status: 'ready', kind: 'csv', rowCount: 3 });
    const r = await db.query('SELECT max(__row) AS m FROM people', { cache: false });
    expect(Number(r.table.getChild('m')?.get(0))).toBe(2);
  });

  it('reads Arrow IPC files (corpus) and streams', async () => {
    const ws = workspace();
    const path = join(
      CORPUS_DIR,
      'arrow-testing/data/arrow-ipc-stream/integration/cpp-21.0.0/generated_primitive.arrow_file',
    );
    const t = await ws.open(await fileAt(path, 'primitive.arrow'), 'primitive.arrow').done;
    expect(t.error).toBe(null);
    expect(t.status).toBe('ready');
    expect(await count('primitive')).toBe(t.rowCount);
    const stream = tableToIPC(tableFromArrays({ x: new Float32Array([1, 2, 3]) }), 'stream');
    const s = await ws.open(new File([stream as Uint8Array<ArrayBuffer>], 'small.arrow'), 'small.arrow').done;
    expect(s).toMatchObject({ status: 'ready', rowCount: 3 });
  });
});

describe('OpenedFile owns what it holds', () => {
  /** InProcess sources that record being closed, and can fail like a crashed worker. */
  function tracked(options: { crashOnGroupRead?: boolean } = {}) {
    const closed: string[] = [];
    let made = 0;
    const create = (file: FileBytes, name: string, budgets?: DecodeBudgets): ParquetSource => {
      const inner = new InProcessParquetSource(file, name, budgets);
      const tag = `source${++made}`;
      return {
        fileName: name,
        footer: () => inner.footer(),
        async read(req, signal) {
          if (options.crashOnGroupRead && req.limit === undefined && req.rowGroups.length === 1)
            throw new MemscopeError({
              code: 'decoder-crash',
              file: name,
              message: `The decoder of ${name} stopped.`,
            });
          return inner.read(req, signal);
        },
        close: () => {
          closed.push(tag);
          inner.close();
        },
      };
    };
    return { closed, made: () => made, create };
  }

  it('closes every worker and frees its heavy store and table on close', async () => {
    const t = tracked();
    const ws = new Workspace({ db, createSource: t.create });
    const f = ws.open(await fileAt(SAMPLE, 'owned.parquet'), 'owned.parquet');
    expect((await f.done).status).toBe('ready');
    // Nothing read a page while it loaded: no page worker was started (parquet-workers.test.ts
    // covers one that is), and the load worker stays open for heavy cells.
    expect(t.made()).toBe(1);
    expect(t.closed).toHaveLength(0);
    let disposed = false;
    f.part('probe', () => ({ dispose: () => (disposed = true) }));
    await ws.close(f.id);
    expect(t.closed).toHaveLength(1);
    expect(disposed).toBe(true);
    expect(f.heavy).toBe(null);
    await expect(count('owned')).rejects.toThrow(/owned/);
  });

  it('fails with a typed error when a worker crashes, keeps other files, and leaves nothing behind', async () => {
    const good = new Workspace({ db, createSource: tracked().create });
    const keep = good.open(await fileAt(SAMPLE, 'keep.parquet'), 'keep.parquet');
    const t = tracked({ crashOnGroupRead: true });
    const ws = new Workspace({ db, createSource: t.create });
    const f = ws.open(await fileAt(SAMPLE, 'crash.parquet'), 'crash.parquet');
    const s = await f.done;
    expect(s).toMatchObject({ status: 'failed', error: { code: 'decoder-crash', file: 'crash.parquet' } });
    expect(t.closed).toHaveLength(t.made());
    expect(f.heavy).toBe(null);
    await expect(count('crash')).rejects.toThrow(/crash/);
    expect((await keep.done).status).toBe('ready');
    expect(await count('keep')).toBe(keep.state.rowCount);
    await good.close(keep.id);
  });

  it('never takes a name DuckDB already has, and closing drops only its own table', async () => {
    await db.query('CREATE TABLE mydata AS SELECT 42 AS answer', { cache: false });
    await db.query('CREATE VIEW myview AS SELECT 1 AS one', { cache: false });
    const ws = workspace();
    const a = ws.open(new File(['x\n1\n2\n'], 'mydata.csv'), 'mydata.csv');
    const b = ws.open(new File(['y\n3\n'], 'MyView.csv'), 'MyView.csv');
    expect((await a.done).status).toBe('ready');
    expect((await b.done).status).toBe('ready');
    expect(a.tableName).toBe('mydata_2');
    expect(b.tableName).toBe('myview_2');
    await ws.close(a.id);
    await ws.close(b.id);
    const r = await db.query('SELECT answer FROM mydata', { cache: false });
    expect(Number(r.table.getChild('answer')?.get(0))).toBe(42);
    expect(await count('myview')).toBe(1);
    await db.query('DROP TABLE mydata', { cache: false });
    await db.query('DROP VIEW myview', { cache: false });
  });

  it('asks DuckDB for its table name only once the view has painted the first rows', async () => {
    let claims = 0;
    const ws = new Workspace({
      ...deps(),
      // Long enough that only firstRowsPainted() can end the wait in this test.
      firstRowsWaitMs: 60_000,
      takenNames: () => {
        claims++;
        return Promise.resolve(new Set<string>());
      },
    });
    const f = ws.open(await fileAt(SAMPLE, 'claim.parquet'), 'claim.parquet');
    await new Promise<void>((resolve) => {
      const off = f.subscribe(() => {
        if (f.state.status !== 'loading') return;
        off();
        resolve();
      });
    });
    // The grid could show rows now (file-order source), and DuckDB has had time to answer ready().
    expect(f.fileOrderRows).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(claims).toBe(0);
    f.firstRowsPainted();
    expect((await f.done).status).toBe('ready');
    expect(claims).toBe(1);
    await ws.close(f.id);
  });

  it('reloads its table from the file after it was dropped from SQL', async () => {
    const ws = workspace();
    const f = ws.open(await fileAt(SAMPLE, 'reload.parquet'), 'reload.parquet');
    const first = await f.done;
    await db.query('DROP TABLE reload', { cache: false });
    await expect(count('reload')).rejects.toThrow(/reload/);
    const again = await f.reload();
    expect(again.status).toBe('ready');
    expect(again.tableName).toBe('reload');
    expect(await count('reload')).toBe(first.rowCount);
    await ws.close(f.id);
  });
});

describe('after DuckDB restarts', () => {
  it('every open file reads its table again from its file', async () => {
    const ws = workspace();
    const p = ws.open(await fileAt(SAMPLE, 'survivor.parquet'), 'survivor.parquet');
    const c = ws.open(new File(['id,name\n1,a\n2,b\n'], 'survivor_csv.csv'), 'survivor_csv.csv');
    const [ps, cs] = await Promise.all([p.done, c.done]);
    const reloaded = new Promise<void>((resolve) => {
      const off = db.onRestart(() => {
        off();
        void ws.reloadAll().then(() => resolve());
      });
    });
    await db.restart();
    await reloaded;
    expect(p.state.status).toBe('ready');
    expect(await count('survivor')).toBe(ps.rowCount);
    expect(await count('survivor_csv')).toBe(cs.rowCount);
    for (const f of ws.all()) await ws.close(f.id);
  });

  it('the reload does not wait for the grid to paint first rows (a first open does)', async () => {
    // A first open waits up to firstRowsWaitMs for the view's first paint: here forever, unless told.
    const ws = new Workspace({ ...deps(), firstRowsWaitMs: 2 ** 31 - 1 });
    const f = ws.open(await fileAt(SAMPLE, 'unpainted.parquet'), 'unpainted.parquet');
    f.firstRowsPainted();
    const first = await f.done;
    const reloaded = new Promise<FileState[]>((resolve) => {
      const off = db.onRestart(() => {
        off();
        void ws.reloadAll().then(resolve);
      });
    });
    await db.restart();
    // Nothing paints now: the reload still finishes, with the table back.
    expect((await reloaded).map((s) => s.status)).toEqual(['ready']);
    expect(await count('unpainted')).toBe(first.rowCount);
    await ws.close(f.id);
  });
});
