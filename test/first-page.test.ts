import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Field, Float32, List, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm/esm';
import { firstPageRequest, rowsRequest } from '../src/data/parquet/first-page';
import { planFromProbe, vectorProbeRequest } from '../src/data/parquet/plan-file';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { ParquetDecoder } from '../src/data/parquet/parquet-decoder';
import type { ParquetFooter, ParquetSource, ReadRequest } from '../src/data/parquet/parquet-reader';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { createParquetWorkerApi } from '../src/data/parquet/worker-api';
import { Workspace } from '../src/data/workspace';
import type { DbClient } from '../src/data/db/db-client';
import { createNodeDb } from './support/node-db';

/**
 * The load's opening reads decoded ahead (docs/data-path.md, item 17): the load worker decodes the
 * probe (when the plan needs one) and the first page from the footer alone, and the load asks for
 * exactly those reads, so the decodes are used, not repeated.
 */

// 1280 rows in three row groups (500, 500, 280); its embedding keeps its Arrow type (FLOAT[384]).
const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

/** 600 rows whose embedding is a variable list<float32> (as pyarrow and DuckDB write FLOAT[d]): the plan needs a probe. */
function listEmbeddingFile(): File {
  const rows = 600;
  const embedding = vectorFromArray(
    Array.from({ length: rows }, (_, i) => [i, i + 0.5, i + 1, i + 1.5]),
    new List(new Field('item', new Float32(), true)),
  );
  const id = vectorFromArray(Array.from({ length: rows }, (_, i) => `m-${i}`));
  const table = new Table({ memory_id: id, embedding });
  const bytes = writeParquet(WasmTable.fromIPCStream(tableToIPC(table, 'stream')));
  return new File([bytes as Uint8Array<ArrayBuffer>], 'listed.parquet');
}

const FILES = [
  {
    name: 'the sample (FLOAT[384] kept by the writer)',
    open: async () => new File([await openAsBlob(SAMPLE)], 'experiences.parquet'),
    probe: false,
  },
  { name: 'a list<float32> embedding', open: async () => listEmbeddingFile(), probe: true },
];

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

/** The parquet worker's API on this thread, a file open, its decodes counted, once they settle. */
async function openInWorkerApi(file: File, firstPageAhead: boolean) {
  const reads = vi.spyOn(ParquetDecoder.prototype, 'read');
  const api = createParquetWorkerApi(() => undefined);
  const footer = await api.open({ file, fileName: file.name, maxReadBytes: 1e9, firstPageAhead });
  await new Promise((r) => setTimeout(r, 50));
  return { api, footer, reads };
}

/** The reads the load opens with, as the worker computes them ahead. */
async function openingReads(file: File): Promise<{ footer: ParquetFooter; reads: ReadRequest[] }> {
  const api = createParquetWorkerApi(() => undefined);
  const footer = await api.open({ file, fileName: file.name, maxReadBytes: 1e9 });
  const probe = vectorProbeRequest(footer);
  const probeIpc = probe ? await bytes(api.read(probe)) : null;
  const page = firstPageRequest(footer, planFromProbe(footer, probeIpc));
  await api.close();
  return { footer, reads: [...(probe ? [probe] : []), ...(page ? [page] : [])] };
}

describe.each(FILES)('the reads ahead of $name', ({ open, probe }) => {
  it("are the load's first reads, asked for with the footer", async () => {
    let load: ReturnType<typeof recording> | null = null;
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) =>
        (load = recording(new InProcessParquetSource(file, name, budgets))).source,
      firstRowsWaitMs: 0,
    });
    const file = await open();
    const opened = ws.open(file, file.name);
    await opened.done;
    expect(opened.state.status).toBe('ready');
    const log = (load as ReturnType<typeof recording> | null)?.log;
    const expected = await openingReads(await open());
    expect(expected.reads).toHaveLength(probe ? 2 : 1);
    expect(log?.footerOptions[0]).toEqual({ firstPageAhead: true });
    expect(log?.reads.slice(0, expected.reads.length)).toEqual(expected.reads);
    await ws.close(opened.id);
  });

  it('are decoded once, in the worker, and served to the reads that ask for them', async () => {
    const expected = await openingReads(await open());
    const { api, reads } = await openInWorkerApi(await open(), true);
    const ahead = expected.reads.length;
    expect(reads).toHaveBeenCalledTimes(ahead);
    let page: Table | null = null;
    for (const request of expected.reads) page = tableFromIPC(await bytes(api.read(request)));
    expect(reads).toHaveBeenCalledTimes(ahead);
    expect(page?.getChild('__row')?.get(0)).toBe(0n);
    expect(page?.numRows).toBe(256);
    // Served once: the same request again is decoded again.
    await bytes(api.read(expected.reads.at(-1) as ReadRequest));
    expect(reads).toHaveBeenCalledTimes(ahead + 1);
    await api.close();
  });

  it.each([
    { name: 'not decoded when not asked for', ahead: false, other: false },
    { name: 'dropped for another read', ahead: true, other: true },
  ])('are $name', async ({ ahead, other }) => {
    const expected = await openingReads(await open());
    const { api, reads } = await openInWorkerApi(await open(), ahead);
    const started = ahead ? expected.reads.length : 0;
    expect(reads).toHaveBeenCalledTimes(started);
    const page = expected.reads.at(-1) as ReadRequest;
    if (other) {
      // Rows 300-309 first: another page, whose rows are its own, not the first page's.
      const rows = tableFromIPC(await bytes(api.read({ ...page, offset: 300, limit: 10 })));
      expect(rows.getChild('__row')?.get(0)).toBe(300n);
    }
    const rows = tableFromIPC(await bytes(api.read(page)));
    expect(rows.getChild('__row')?.get(0)).toBe(0n);
    expect(reads).toHaveBeenCalledTimes(started + (other ? 2 : 1));
    await api.close();
  });
});
