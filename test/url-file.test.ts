import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../src/data/workspace';
import { InProcessParquetSource } from '../src/data/parquet/in-process-source';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';
import { probeRemote, type RemoteFileRef } from '../src/data/remote/http-range-source';
import { parseRemoteUrl } from '../src/core/url/remote-url';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import type { DbClient } from '../src/data/db/db-client';
import { createNodeDb } from './support/node-db';
import { inProcessShard } from '../src/data/vectors/shard-clients';
import { createVectorShard } from '../src/data/vectors/vector-shard';

const shards = inProcessShard(() => createVectorShard(() => initParquetWasmNode()));

/**
 * A Parquet file opened by URL (docs/data-path.md, "URL files"), end to end in Node: a local HTTP
 * server with byte ranges, the app's probe, and an OpenedFile whose decoder reads by range requests
 * (in-process here; a worker allowed to connect to the origin in the browser).
 */

const SAMPLE = readFileSync(resolve(import.meta.dirname, '../public/sample/experiences.parquet'));
const NOT_PARQUET = Buffer.from('id,name\n1,not parquet at all\n');

let db: DbClient;
let server: http.Server;
let base = '';
const requests: { method: string; range: string | null; bytes: number }[] = [];

beforeAll(async () => {
  initParquetWasmNode();
  db = await createNodeDb();
  server = http.createServer((req, res) => {
    const range = req.headers.range ?? null;
    const m = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
    const body = req.url === '/not-parquet.parquet' ? NOT_PARQUET : SAMPLE;
    if (req.method === 'HEAD' || !m) {
      requests.push({ method: req.method ?? '', range, bytes: req.method === 'HEAD' ? 0 : body.length });
      res.writeHead(200, { 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const start = Number(m[1]);
    const end = Math.min(Number(m[2]), body.length - 1);
    requests.push({ method: 'GET', range, bytes: end - start + 1 });
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}` });
    res.end(body.subarray(start, end + 1));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

async function probe(path: string): Promise<RemoteFileRef> {
  const result = await probeRemote(parseRemoteUrl(`${base}${path}`), (url, init) => fetch(url, init));
  if (result.kind !== 'ranges') throw new Error('expected ranges');
  return result.ref;
}

describe('a Parquet file by URL', () => {
  it('loads by range requests only, footer first, without reading the heavy columns', async () => {
    requests.length = 0;
    const ref = await probe('/experiences.parquet');
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    });
    const file = ws.open(ref, ref.fileName);
    const state = await file.done;
    expect(state.error).toBe(null);
    expect(state.status).toBe('ready');
    expect(state.host).toBe(`127.0.0.1:${new URL(base).port}`);
    const r = await db.query(`SELECT count(*) AS n FROM ${quoteIdentifier(state.tableName)}`, {
      cache: false,
    });
    expect(Number(r.table.getChild('n')?.get(0))).toBe(state.footer?.rows);
    expect(state.footer?.rows).toBeGreaterThan(0);

    const gets = requests.filter((q) => q.method === 'GET');
    expect(requests[0]?.method).toBe('HEAD');
    expect(gets.every((q) => q.range !== null)).toBe(true);
    // The first range read is the file's end, where the footer is.
    expect(gets[0]?.range).toMatch(new RegExp(`-${SAMPLE.length - 1}$`));
    // The embeddings stay on the server until something asks for them.
    const fetched = gets.reduce((n, q) => n + q.bytes, 0);
    expect(fetched).toBeLessThan(SAMPLE.length);

    // A heavy cell (the row detail's vector) is read from the file by range, like a local file's.
    const heavy = file.heavy;
    const column = heavy?.columns[0];
    expect(column).toBeDefined();
    const before = requests.length;
    await heavy?.ensure(column as string, [0]);
    expect(heavy?.peek(column as string, 0)).toBeTruthy();
    expect(requests.length).toBeGreaterThan(before);
    expect(requests.slice(before).every((q) => q.range !== null)).toBe(true);

    await ws.close(file.id);
  }, 60_000);

  it('builds the vector index by range requests, equal to the local file’s', async () => {
    const ref = await probe('/experiences.parquet');
    const open = (f: RemoteFileRef | File) => {
      const ws = new Workspace({
        db,
        createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
        createVectorShard: shards,
      });
      return { ws, file: ws.open(f, f instanceof File ? f.name : f.fileName) };
    };
    const remote = open(ref);
    const local = open(new File([SAMPLE], 'experiences.parquet'));
    const state = await remote.file.done;
    await local.file.done;
    const vector = state.columns.find((c) => c.vectorDim !== undefined);
    if (!vector?.vectorDim) throw new Error('the sample has no vector column');

    requests.length = 0;
    const progress: number[] = [];
    const index = remote.file.vectorIndex(vector.name);
    index?.subscribe((p) => progress.push(p.indexed));
    await index?.ready;
    // Only ranges, and not the whole file: the row groups' embedding column chunks.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((q) => q.method === 'GET' && q.range !== null)).toBe(true);
    expect(requests.reduce((n, q) => n + q.bytes, 0)).toBeLessThan(SAMPLE.length);
    // Progress as for a local file, up to every row.
    expect(progress.at(-1)).toBe(state.footer?.rows);

    const localIndex = local.file.vectorIndex(vector.name);
    await localIndex?.ready;
    for (const row of [0, 7, 100]) {
      const query = await localIndex!.vectorOf(row);
      if (!query) throw new Error(`row ${row} has no vector`);
      const [a, b] = await Promise.all([index!.search({ query, k: 5 }), localIndex!.search({ query, k: 5 })]);
      expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
      expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
      expect(a.covered).toBe(state.footer?.rows);
    }
    await remote.ws.close(remote.file.id);
    await local.ws.close(local.file.id);
  }, 60_000);

  it('says a URL file that is not Parquet is not Parquet', async () => {
    const ref = await probe('/not-parquet.parquet');
    const ws = new Workspace({
      db,
      createSource: (file, name, budgets) => new InProcessParquetSource(file, name, budgets),
    });
    const state = await ws.open(ref, ref.fileName).done;
    expect(state.status).toBe('failed');
    expect(state.error?.code).toBe('not-parquet');
    expect(state.error?.hint).toContain('by URL');
  }, 60_000);
});
