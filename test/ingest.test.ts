import { openAsBlob } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { closeFile, openFile, type OpenDeps } from '../src/data/ingest';
import { createWorkspaceStore, type OpenedStatus } from '../src/data/workspace';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import type { DbClient } from '../src/data/db/db-client';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import { CORPUS_DIR } from './support/corpus';
import { createNodeDb } from './support/node-db';

/**
 * openFile end to end in Node: the same ingest code as the browser, with the decoder in-process
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
    workspace: createWorkspaceStore(),
    createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
  };
}

async function fileAt(path: string, name: string): Promise<File> {
  return new File([await openAsBlob(path)], name);
}

async function count(table: string): Promise<number> {
  const r = await db.query(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`, { cache: false });
  return Number(r.table.getChild('n')?.get(0));
}

describe('openFile', () => {
  it('loads a memory store: footer first, DuckDB columns, heavy vectors and bytes on demand', async () => {
    const d = deps();
    const statuses: OpenedStatus[] = [];
    d.workspace.subscribe(() => {
      const s = d.workspace.getSnapshot()[0]?.status;
      if (s && statuses.at(-1) !== s) statuses.push(s);
    });
    let footerSeen = false;
    const handle = openFile(await fileAt(SAMPLE, 'experiences.parquet'), d, {
      onFooter: (t) => {
        footerSeen = t.footer !== null && t.status === 'reading-footer';
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

    const heavy = t.heavy;
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
    await closeFile(t.id, d);
    expect(d.workspace.getSnapshot()).toEqual([]);
  });

  it('names tables uniquely and keeps good files open when a bad one fails', async () => {
    const d = deps();
    const a = openFile(
      await fileAt(join(CORPUS_DIR, 'parquet-testing/data/alltypes_plain.parquet'), 'All Types.parquet'),
      d,
    );
    const b = openFile(
      await fileAt(join(CORPUS_DIR, 'parquet-testing/data/alltypes_plain.parquet'), 'all_types.parquet'),
      d,
    );
    const bad = openFile(
      await fileAt(
        join(CORPUS_DIR, 'parquet-testing/data/uniform_encryption.parquet.encrypted'),
        '2024 secret.parquet',
      ),
      d,
    );
    const junk = openFile(new File(['just text'], 'notes.txt'), d);
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
  });

  it('cancels: status cancelled, no table left', async () => {
    const d = deps();
    const controller = new AbortController();
    const handle = openFile(await fileAt(SAMPLE, 'cancel-me.parquet'), d, {
      signal: controller.signal,
      onFooter: () => controller.abort(),
    });
    const t = await handle.done;
    expect(t.status).toBe('cancelled');
    await expect(count('cancel_me')).rejects.toBeTruthy();
  });

  it('reads CSV through DuckDB with __row', async () => {
    const d = deps();
    const t = await openFile(new File(['id,name\n1,a\n2,b\n3,c\n'], 'people.csv'), d).done;
    expect(t).toMatchObject({ status: 'ready', kind: 'csv', rowCount: 3 });
    const r = await db.query('SELECT max(__row) AS m FROM people', { cache: false });
    expect(Number(r.table.getChild('m')?.get(0))).toBe(2);
  });

  it('reads Arrow IPC files (corpus) and streams', async () => {
    const d = deps();
    const path = join(
      CORPUS_DIR,
      'arrow-testing/data/arrow-ipc-stream/integration/cpp-21.0.0/generated_primitive.arrow_file',
    );
    const t = await openFile(await fileAt(path, 'primitive.arrow'), d).done;
    expect(t.error).toBe(null);
    expect(t.status).toBe('ready');
    expect(await count('primitive')).toBe(t.rowCount);
    const stream = tableToIPC(tableFromArrays({ x: new Float32Array([1, 2, 3]) }), 'stream');
    const s = await openFile(new File([stream as Uint8Array<ArrayBuffer>], 'small.arrow'), d).done;
    expect(s).toMatchObject({ status: 'ready', rowCount: 3 });
  });
});
