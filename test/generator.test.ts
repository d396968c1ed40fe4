// The memory-store generator (scripts/generate-memory-store.mjs) writes what the app and the bench
// rely on: unique ids, fixed-size 384-float vectors that read back as FixedSizeList, and real topic
// clusters in the embedding space.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, type FixedSizeList, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';

const script = path.resolve(import.meta.dirname, '../scripts/generate-memory-store.mjs');
const DIM = 384;
let dir = '';
let manifest: { files: { name: string; url: string; category: string; rows: number; bytes: number }[] };
const tables = new Map<string, Table>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-gen-'));
  execFileSync(process.execPath, [script, '--out', dir, '--rows', '1200', '--row-group', '250'], {
    stdio: 'pipe',
  });
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  for (const f of manifest.files) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(dir, f.url)));
    tables.set(f.name, tableFromIPC(readParquet(bytes).intoIPCStream()));
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** All embeddings of a table as unit-length rows of one Float32Array, with each row's topic. */
function vectors(t: Table): { data: Float32Array; topics: string[] } {
  const data = new Float32Array(t.numRows * DIM);
  let row = 0;
  for (const batch of t.batches) {
    const col = batch.getChild('embedding');
    if (!col) throw new Error('no embedding column');
    for (let i = 0; i < batch.numRows; i++, row++) {
      const v = col.get(i) as { toArray(): Float32Array };
      data.set(v.toArray(), row * DIM);
    }
  }
  const topics = t.getChild('topic')!.toArray() as string[];
  return { data, topics };
}

describe('generate-memory-store', () => {
  it('writes the category files listed in manifest.json with the row counts it states', () => {
    expect(manifest.files.map((f) => f.category)).toEqual([
      'experiences',
      'knowledge',
      'skills',
      'preferences',
    ]);
    expect(manifest.files.reduce((n, f) => n + f.rows, 0)).toBe(1200);
    for (const f of manifest.files) {
      expect(tables.get(f.name)!.numRows).toBe(f.rows);
      expect(fs.statSync(path.join(dir, f.url)).size).toBe(f.bytes);
    }
  });

  it('gives every memory a unique id and its file`s category', () => {
    const ids = new Set<string>();
    for (const f of manifest.files) {
      const t = tables.get(f.name)!;
      for (const id of t.getChild('memory_id')!.toArray() as string[]) ids.add(id);
      expect(new Set(t.getChild('category')!.toArray() as string[])).toEqual(new Set([f.category]));
    }
    expect(ids.size).toBe(1200);
  });

  it('stores the schema the app expects, with a fixed-size 384-float embedding', () => {
    const t = tables.get('experiences.parquet')!;
    const types = Object.fromEntries(t.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toMatchObject({
      memory_id: 'Utf8',
      category: 'Utf8',
      topic: 'Utf8',
      content: 'Utf8',
      summary: 'Utf8',
      entities: 'List<Utf8>',
      embedding: 'FixedSizeList[384]<Float32>',
      diff_data: 'Binary',
      created_at: 'Timestamp<MILLISECOND, UTC>',
      updated_at: 'Timestamp<MILLISECOND, UTC>',
      importance: 'Float32',
      access_count: 'Int32',
    });
    const emb = t.schema.fields.find((f) => f.name === 'embedding')!.type as FixedSizeList;
    expect(emb.listSize).toBe(DIM);
  });

  it('writes 1-5 entities, UTF-8 JSON patches in diff_data and ordered timestamps', () => {
    const t = tables.get('knowledge.parquet')!;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let patches = 0;
    for (let i = 0; i < t.numRows; i++) {
      const row = t.get(i)!;
      const entities = [...(row.entities as Iterable<string>)];
      expect(entities.length).toBeGreaterThanOrEqual(1);
      expect(entities.length).toBeLessThanOrEqual(5);
      expect(Number(row.updated_at)).toBeGreaterThanOrEqual(Number(row.created_at));
      const diff = row.diff_data as Uint8Array | null;
      if (diff) {
        const patch = JSON.parse(decoder.decode(diff)) as { op: string; path: string }[];
        expect(patch[0]).toMatchObject({ op: 'replace', path: '/content' });
        patches++;
      }
    }
    expect(patches).toBeGreaterThan(t.numRows / 2);
  });

  it('clusters embeddings by topic: intra-topic cosine clearly above inter-topic', () => {
    const { data, topics } = vectors(tables.get('experiences.parquet')!);
    const n = topics.length;
    let intra = 0;
    let intraN = 0;
    let inter = 0;
    let interN = 0;
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let d = 0; d < DIM; d++) norm += data[i * DIM + d]! ** 2;
      expect(Math.abs(Math.sqrt(norm) - 1)).toBeLessThan(1e-3);
      for (let j = i + 1; j < n; j++) {
        let dot = 0;
        for (let d = 0; d < DIM; d++) dot += data[i * DIM + d]! * data[j * DIM + d]!;
        if (topics[i] === topics[j]) {
          intra += dot;
          intraN++;
        } else {
          inter += dot;
          interN++;
        }
      }
    }
    expect(intraN).toBeGreaterThan(0);
    expect(intra / intraN).toBeGreaterThan(inter / interN + 0.3);
  });

  it('is deterministic: the same seed writes byte-identical files', () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-gen-'));
    try {
      execFileSync(process.execPath, [script, '--out', again, '--rows', '1200', '--row-group', '250']);
      for (const f of manifest.files) {
        expect(fs.readFileSync(path.join(again, f.url)).equals(fs.readFileSync(path.join(dir, f.url)))).toBe(
          true,
        );
      }
    } finally {
      fs.rmSync(again, { recursive: true, force: true });
    }
  });
});
