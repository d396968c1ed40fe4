import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { firstPageRequest, rowsRequest } from '../src/data/parquet/first-page';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { ParquetDecoder } from '../src/data/parquet/parquet-decoder';
import type { ParquetFooter, ParquetSource, ReadRequest } from '../src/data/parquet/parquet-reader';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { createParquetWorkerApi } from '../src/data/parquet/worker-api';
import { Workspace } from '../src/data/workspace';
import type { DbClient } from '../src/data/db/db-client';
import { createNodeDb } from './support/node-db';

/**
 * The first page decoded ahead (docs/data-path.md, item 17): the load worker decodes it from the
 * footer alone, and the load asks for exactly that page, so the decode is used, not repeated.
 */

// 1280 rows in three row groups (500, 500, 280); its embedding keeps its Arrow type (FLOAT[384]).
const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

let db: DbClient;
beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
}, 60_000);
afterEach(() => vi.restoreAllMocks());

describe('rowsRequest', () => {
  const footer = {
    rowGroups: [
      { firstRow: 0, rows: 500 },
      { firstRow: 500, rows: 500 },
      { firstRow: 1000, rows: 280 },
    ],
  } as Pick<ParquetFooter, 'rowGroups'>;

  it.each([
    { rows: [0, 256], groups: [0], offset: 0, limit: 256 },
    { rows: [450, 550], groups: [0, 1], offset: 450, limit: 100 },
    { rows: [990, 1280], groups: [1, 2], offset: 490, limit: 290 },
    { rows: [1200, 1280], groups: [2], offset: 200, limit: 80 },
    { rows: [1280, 1290], groups: null, offset: 0, limit: 0 },
  ])('rows $rows: groups $groups from offset $offset', ({ rows, groups, offset, limit }) => {
    const [start = 0, end = 0] = rows;
    const request = rowsRequest(footer, ['a'], { v: 4 }, start, end);
    expect(request).toEqual(
      groups ? { rowGroups: groups, columns: ['a'], vectors: { v: 4 }, offset, limit } : null,
    );
  });
});

/** A source that records how the load uses it. */
function recording(inner: ParquetSource) {
  const log = { footerOptions: [] as unknown[], reads: [] as ReadRequest[] };
  const source: ParquetSource = {
    fileName: inner.fileName,
    footer: (options) => {
      log.footerOptions.push(options);
      return inner.footer(options);
    },
    read: (request, signal) => {
      log.reads.push(request);
      return inner.read(request, signal);
    },
    close: () => inner.close(),
  };
  return { source, log };
}

/** The API's replies are marked for transfer (workers/rpc.ts); serveRpc posts their value. */
async function bytes(reply: Promise<Uint8Array>): Promise<Uint8Array> {
  const r = (await reply) as unknown as { value?: Uint8Array };
  return r.value ?? (r as Uint8Array);
}

/** The parquet worker's API on this thread, the sample open, its decodes counted; after a task. */
async function openInWorkerApi(firstPageAhead: boolean) {
  const reads = vi.spyOn(ParquetDecoder.prototype, 'read');
  const api = createParquetWorkerApi(() => undefined);
  const file = await openAsBlob(SAMPLE);
  const footer = await api.open({ file, fileName: 'experiences.parquet', maxReadBytes: 1e9, firstPageAhead });
  await new Promise((r) => setTimeout(r, 20));
  return { api, footer, reads };
}

describe('the first page ahead', () => {
  it("is the load's first read, asked for ahead with the footer", async () => {
    let load: ReturnType<typeof recording> | null = null;
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) =>
        (load = recording(new InProcessParquetSource(file, name, budgets))).source,
      firstRowsWaitMs: 0,
    });
    const opened = ws.open(
      new File([await openAsBlob(SAMPLE)], 'experiences.parquet'),
      'experiences.parquet',
    );
    await opened.done;
    const log = (load as ReturnType<typeof recording> | null)?.log;
    const footer = opened.state.footer as ParquetFooter;
    expect(log?.footerOptions[0]).toEqual({ firstPageAhead: true });
    expect(firstPageRequest(footer)).not.toBeNull();
    expect(log?.reads[0]).toEqual(firstPageRequest(footer));
    await ws.close(opened.id);
  });

  it('is decoded once, in the worker, and served to the read that asks for it', async () => {
    const { api, footer, reads } = await openInWorkerApi(true);
    expect(reads).toHaveBeenCalledTimes(1);
    const request = firstPageRequest(footer) as ReadRequest;
    const page = tableFromIPC(await bytes(api.read(request)));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(page.numRows).toBe(256);
    expect(page.getChild('__row')?.get(255)).toBe(255n);
    // Served once: the same request again is decoded again.
    await bytes(api.read(request));
    expect(reads).toHaveBeenCalledTimes(2);
    await api.close();
  });

  it.each([
    { name: 'not decoded when not asked for', ahead: false, first: 'page', decodes: 1 },
    { name: 'dropped for another read', ahead: true, first: 'other', decodes: 3 },
  ])('is $name', async ({ ahead, first, decodes }) => {
    const { api, footer, reads } = await openInWorkerApi(ahead);
    const request = firstPageRequest(footer) as ReadRequest;
    if (first === 'other') {
      // Rows 300-309: another page, whose rows are its own, not the first page's.
      const other = tableFromIPC(await bytes(api.read({ ...request, offset: 300, limit: 10 })));
      expect(other.getChild('__row')?.get(0)).toBe(300n);
    }
    const page = tableFromIPC(await bytes(api.read(request)));
    expect(page.getChild('__row')?.get(0)).toBe(0n);
    expect(reads).toHaveBeenCalledTimes(decodes);
    await api.close();
  });
});
