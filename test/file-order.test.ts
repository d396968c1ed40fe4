import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { formatCell } from '../src/core/format/format-cell';
import { duckdbColumns, vectorDimsOf } from '../src/core/schema/plan-columns';
import type { DbClient } from '../src/data/db/db-client';
import { createFileOrderSource } from '../src/data/file-order-source';
import type { OpenDeps } from '../src/data/opened-file/opened-file';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import type { ParquetSource, ReadRequest } from '../src/data/parquet/parquet-reader';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { Workspace } from '../src/data/workspace';
import { createNodeDb } from './support/node-db';

/**
 * The file-order grid source (docs/table.md, "File order"): pages decoded from the Parquet file
 * while it loads are the same rows, columns and cell texts as the pages DuckDB gives once it is
 * loaded, and a page asked for during the load does not wait for the load.
 */

// 1280 rows in three row groups (500, 500, 280): pages can cross a group boundary.
const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

let db: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

async function sampleFile(name: string): Promise<File> {
  return new File([await openAsBlob(SAMPLE)], name);
}

/** Every cell as the grid would print it, row by row. */
function cells(table: Table): string[][] {
  const names = table.schema.fields.map((f) => f.name);
  const rows: string[][] = [];
  for (let r = 0; r < table.numRows; r++) {
    rows.push(
      names.map((n) => formatCell(table.getChild(n) as NonNullable<ReturnType<Table['getChild']>>, r).text),
    );
  }
  return rows;
}

describe('file-order source', () => {
  it('gives the same rows from the Parquet file as from DuckDB, for any offset', async () => {
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    });
    const handle = ws.open(await sampleFile('file-order.parquet'), 'file-order.parquet');
    const t = await handle.done;
    expect(t.status).toBe('ready');
    const footer = t.footer;
    if (!footer) throw new Error('no footer');
    const columns = duckdbColumns(t.columns);
    const vectors = Object.fromEntries(vectorDimsOf(t.columns));
    const pages = new InProcessParquetSource(await sampleFile('file-order.parquet'), 'file-order.parquet');
    const options = {
      tableName: () => t.tableName,
      fileName: t.fileName,
      footer,
      columns,
      vectors,
      db,
      readParquet: (req: ReadRequest, s?: AbortSignal) => pages.read(req, s),
    };
    const fromFile = createFileOrderSource({ ...options, isLoaded: () => false });
    const fromDb = createFileOrderSource({ ...options, isLoaded: () => true });
    expect(fromFile.rowCount).toBe(1280);
    expect(fromFile.columns.map((c) => c.name)).toEqual(['__row', ...columns]);
    expect(fromFile.columns.map((c) => c.name)).toEqual(fromDb.columns.map((c) => c.name));

    // Inside one group, across the first and second boundaries, the tail, past the end.
    for (const [offset, limit] of [
      [0, 256],
      [256, 256],
      [450, 100],
      [990, 300],
      [1200, 256],
      [1280, 10],
    ] as const) {
      const a = await fromFile.fetchRows(offset, limit);
      const b = await fromDb.fetchRows(offset, limit);
      const expected = Math.max(0, Math.min(1280, offset + limit) - offset);
      expect(a.numRows).toBe(expected);
      expect(b.numRows).toBe(expected);
      expect(a.schema.fields.map((f) => f.name)).toEqual(b.schema.fields.map((f) => f.name));
      if (expected > 0) expect(Number(a.getChild('__row')?.get(0))).toBe(offset);
      expect(cells(a)).toEqual(cells(b));
    }
    pages.close();
    await ws.close(t.id);
  });

  it('answers a page asked for during the load before the load ends, and keeps its key after', async () => {
    // The load's row-group reads are slowed down; the page reader is not.
    const slow = (inner: ParquetSource): ParquetSource => ({
      fileName: inner.fileName,
      footer: () => inner.footer(),
      async read(req, signal) {
        if (req.limit === undefined) await new Promise((r) => setTimeout(r, 150));
        return inner.read(req, signal);
      },
      close: () => inner.close(),
    });
    const d: OpenDeps = {
      db,
      createSource: (file, name, budgets) => slow(new InProcessParquetSource(file, name, budgets)),
      createPageSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    };
    const events: string[] = [];
    let page: Promise<Table> | null = null;
    let keyWhileLoading: string | null = null;
    const ws = new Workspace(d);
    let handleId = '';
    const unsubscribe = ws.subscribe(() => {
      const t = ws.file(handleId);
      if (page || t?.state.status !== 'loading') return;
      const source = t.fileOrderRows;
      expect(source).not.toBe(null);
      keyWhileLoading = source?.key ?? null;
      page = (source as NonNullable<typeof source>).fetchRows(700, 256).then((rows) => {
        events.push('page');
        return rows;
      });
    });
    const handle = ws.open(await sampleFile('during-load.parquet'), 'during-load.parquet');
    handleId = handle.id;
    const done = handle.done.then((t) => {
      events.push('loaded');
      return t;
    });
    const t = await done;
    unsubscribe();
    expect(t.status).toBe('ready');
    expect(page).not.toBe(null);
    const rows = await (page as unknown as Promise<Table>);
    expect(events).toEqual(['page', 'loaded']);
    expect(rows.numRows).toBe(256);
    expect(Number(rows.getChild('__row')?.get(0))).toBe(700);

    // Loaded: the same source object (same key) now reads from DuckDB, with the same rows.
    const after = handle.fileOrderRows;
    expect(after?.key).toBe(keyWhileLoading);
    const again = await (after as NonNullable<typeof after>).fetchRows(700, 256);
    expect(cells(again)).toEqual(cells(rows));
    await ws.close(t.id);
    expect(handle.fileOrderRows).toBe(null);
  });

  it('peekRows gives the prefetched first page without a fetch, and nothing it does not hold', async () => {
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    });
    const t = await ws.open(await sampleFile('peek.parquet'), 'peek.parquet').done;
    const footer = t.footer;
    if (!footer) throw new Error('no footer');
    const pages = new InProcessParquetSource(await sampleFile('peek.parquet'), 'peek.parquet');
    const reads: ReadRequest[] = [];
    let loaded = false;
    const source = createFileOrderSource({
      tableName: () => t.tableName,
      fileName: t.fileName,
      footer,
      columns: duckdbColumns(t.columns),
      vectors: Object.fromEntries(vectorDimsOf(t.columns)),
      db,
      readParquet: (req, s) => {
        reads.push(req);
        return pages.read(req, s);
      },
      isLoaded: () => loaded,
      prefetchRows: 256,
    });
    const peek = source.peekRows as NonNullable<typeof source.peekRows>;
    // Not decoded yet: nothing to give at once.
    expect(peek(0, 10)).toBe(null);
    const first = await source.fetchRows(0, 256);
    expect(reads).toHaveLength(1);
    const cases: [offset: number, limit: number, rows: number | null][] = [
      [0, 256, 256],
      [10, 20, 20],
      [250, 6, 6],
      [250, 10, null], // past the prefetched page
      [300, 10, null],
      [5, 0, null],
    ];
    for (const [offset, limit, rows] of cases) {
      const got = peek(offset, limit);
      expect(got?.numRows ?? null, `${offset}+${limit}`).toBe(rows);
      if (got) expect(cells(got)).toEqual(cells(first.slice(offset, offset + limit)));
    }
    expect(reads).toHaveLength(1);
    // Loaded: pages come from DuckDB, whose types may differ; the decoded page is not offered.
    loaded = true;
    expect(peek(0, 10)).toBe(null);
    pages.close();
    await ws.close(t.id);
  });

  it('has no file-order source for CSV files', async () => {
    const ws = new Workspace({ db });
    const handle = ws.open(new File(['a,b\n1,x\n2,y\n'], 'small.csv'), 'small.csv');
    const t = await handle.done;
    expect(t.status).toBe('ready');
    expect(handle.fileOrderRows).toBe(null);
    await ws.close(t.id);
  });
});
