import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../src/data/db/db-client';
import type { FileState } from '../src/data/opened-file/file-state';
import type { FileBytes } from '../src/data/opened-file/load-context';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import type { ParquetSource } from '../src/data/parquet/parquet-reader';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { Workspace } from '../src/data/workspace';
import { createNodeDb } from './support/node-db';

/**
 * A file's quiet start (Workspace `quietStartMs`, docs/data-path.md): a file just opened joins the
 * snapshot React renders once its first rows can be painted, its load ends, or the quiet time
 * passes, whichever is first. Gates (promises the test opens) stand in for slow reads, so no case
 * depends on how fast this machine is.
 */

const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

let db: DbClient;

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);

function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/** Sources whose footer and whole-group reads wait for gates; page reads (with a limit) do not. */
function gated(footer: Promise<void>, groups: Promise<void>) {
  return (file: FileBytes, name: string): ParquetSource => {
    const inner = new InProcessParquetSource(file, name);
    return {
      fileName: name,
      footer: async () => {
        await footer;
        return inner.footer();
      },
      async read(req, signal) {
        if (req.limit === undefined) await groups;
        return inner.read(req, signal);
      },
      close: () => inner.close(),
    };
  };
}

async function sample(name: string): Promise<File> {
  return new File([await openAsBlob(SAMPLE)], name);
}

/** Resolves with the snapshot's state of file `id` once it is there. */
function shown(ws: Workspace, id: () => string): Promise<FileState> {
  return new Promise((resolve) => {
    const check = () => {
      const s = ws.getSnapshot().find((f) => f.id === id());
      if (!s) return;
      unsubscribe();
      resolve(s);
    };
    const unsubscribe = ws.subscribe(check);
    queueMicrotask(check);
  });
}

describe('a quiet start', () => {
  it('shows a Parquet file with its first page, never as "reading the footer"', async () => {
    const groups = gate();
    const make = gated(Promise.resolve(), groups.opened);
    const ws = new Workspace({ db, createSource: make, createPageSource: make, quietStartMs: 60_000 });
    const seen: string[] = [];
    ws.subscribe(() => seen.push(...ws.getSnapshot().map((f) => f.status)));
    const file = ws.open(await sample('quiet.parquet'), 'quiet.parquet');
    expect(ws.getSnapshot()).toEqual([]);
    // whenShown's callbacks run before a render the snapshot's change schedules (React renders in
    // a microtask it queues then): the app names the file in the URL in that same render.
    const order: string[] = [];
    ws.subscribe(() => {
      if (ws.getSnapshot().some((f) => f.id === file.id)) queueMicrotask(() => order.push('render'));
    });
    const named = ws.whenShown(file.id).then(() => order.push('named'));
    await file.firstPageReady();
    const state = await shown(ws, () => file.id);
    await named;
    expect(order[0]).toBe('named');
    await ws.whenShown(file.id);
    // The whole groups are still gated: the file is shown loading, with its first rows at hand.
    expect(state.status).toBe('loading');
    expect(file.fileOrderRows?.peekRows?.(0, 10)?.numRows).toBe(10);
    expect(seen).not.toContain('reading-footer');
    groups.open();
    expect((await file.done).status).toBe('ready');
    await ws.close(file.id);
  });

  it('shows a file whose footer is slow once the quiet time has passed', async () => {
    const footer = gate();
    const make = gated(footer.opened, Promise.resolve());
    const ws = new Workspace({ db, createSource: make, createPageSource: make, quietStartMs: 20 });
    const file = ws.open(await sample('slow-footer.parquet'), 'slow-footer.parquet');
    expect(ws.getSnapshot()).toEqual([]);
    expect((await shown(ws, () => file.id)).status).toBe('reading-footer');
    footer.open();
    expect((await file.done).status).toBe('ready');
    await ws.close(file.id);
  });

  it.each([
    ['not Parquet at all', () => new File(['just text'], 'notes.txt'), 'notes.txt', 'failed'],
    ['a CSV file (no file-order rows)', () => new File(['a,b\n1,x\n'], 'small.csv'), 'small.csv', 'ready'],
  ] as const)('shows %s when its load ends', async (_name, make, name, status) => {
    const inProcess = (file: FileBytes, n: string) => new InProcessParquetSource(file, n);
    const ws = new Workspace({
      db,
      createSource: inProcess,
      createPageSource: inProcess,
      quietStartMs: 60_000,
    });
    const file = ws.open(make(), name);
    expect(ws.getSnapshot()).toEqual([]);
    await file.done;
    expect(ws.getSnapshot().map((f) => f.status)).toEqual([status]);
    await ws.close(file.id);
  });

  it('keeps table names unique among files not shown yet', async () => {
    const ws = new Workspace({ db, quietStartMs: 60_000 });
    const a = ws.open(new File(['a\n1\n'], 'same.csv'), 'same.csv');
    const b = ws.open(new File(['a\n2\n'], 'same.csv'), 'same.csv');
    expect([a.tableName, b.tableName]).toEqual(['same', 'same_2']);
    await Promise.all([a.done, b.done]);
    for (const f of ws.all()) await ws.close(f.id);
    expect(ws.getSnapshot()).toEqual([]);
  });

  it('without a quiet time, shows a file at once', async () => {
    const ws = new Workspace({ db });
    const file = ws.open(new File(['a\n1\n'], 'at-once.csv'), 'at-once.csv');
    expect(ws.getSnapshot().map((f) => f.status)).toEqual(['reading-footer']);
    await file.done;
    await ws.close(file.id);
  });
});
