import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataType, tableFromIPC, type Field, type Table } from 'apache-arrow';
import { MemscopeError } from '../src/core/errors';
import { ROW_INDEX_COLUMN } from '../src/core/schema/column-plan';
import { duckdbColumns, vectorDimsOf } from '../src/core/schema/plan-columns';
import { isFloat16 } from '../src/core/schema/arrow-guards';
import { planParquetFile } from '../src/data/parquet/plan-file';
import { readArrowIpcFile } from '../src/data/arrow-ipc';
import type { DbClient } from '../src/data/db/db-client';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import {
  DECODE_ERROR_CODES,
  IsolatedDecoder,
  baseName,
  bundleCorpusWorker,
  corpusPath,
  loadManifest,
  type ManifestEntry,
} from './support/corpus';

/**
 * Every file of ../shared/corpus/MANIFEST.json through the app's own decode path
 * (ParquetDecoder: magic check, parquet-wasm, normalization), in a worker thread with a time
 * budget so that traps and hangs are survived the way the browser survives them.
 */

const manifest = loadManifest();
const TIMEOUT_MS = 15_000;

let decoder: IsolatedDecoder;
let db: DbClient | null = null;

beforeAll(async () => {
  decoder = new IsolatedDecoder(await bundleCorpusWorker(), TIMEOUT_MS);
  const { createNodeDb } = await import('./support/node-db');
  db = await createNodeDb();
}, 60_000);

afterAll(async () => {
  await decoder?.dispose();
});

/** Opens a file and decodes every row group, all columns: the full decode path. */
async function decodeAll(
  entry: ManifestEntry,
): Promise<{ tables: Table[]; footerRows: number; rowGroups: number }> {
  const name = baseName(entry.file);
  const footer = await decoder.open(corpusPath(entry.file), name);
  const tables: Table[] = [];
  for (let rg = 0; rg < footer.rowGroups.length; rg++) {
    const { ipc } = await decoder.read({ rowGroups: [rg] }, name);
    tables.push(tableFromIPC(ipc));
  }
  return { tables, footerRows: footer.rows, rowGroups: footer.rowGroups.length };
}

function hasFloat16(field: Field): boolean {
  return isFloat16(field.type) || (field.type.children ?? []).some(hasFloat16);
}

function column(tables: Table[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const t of tables) {
    const v = t.getChild(name);
    if (!v) throw new Error(`no column ${name}`);
    for (let i = 0; i < v.length; i++) out.push(v.get(i));
  }
  return out;
}

/** RFC 4180-ish: quoted fields, empty unquoted field = null. Enough for the oracle files. */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const row: (string | null)[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let j = i + 1;
        let value = '';
        while (j < line.length) {
          if (line[j] === '"' && line[j + 1] === '"') {
            value += '"';
            j += 2;
          } else if (line[j] === '"') break;
          else value += line[j++];
        }
        row.push(value);
        i = j + 2;
      } else {
        const j = line.indexOf(',', i);
        const end = j < 0 ? line.length : j;
        row.push(end === i ? null : line.slice(i, end));
        i = end + 1;
      }
    }
    rows.push(row);
  }
  return rows;
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

describe('corpus: reads', () => {
  for (const entry of manifest.filter((e) => e.expect === 'reads')) {
    it(`${entry.file} -> ${entry.rows} rows`, async () => {
      const { tables } = await decodeAll(entry);
      const rows = tables.reduce((n, t) => n + t.numRows, 0);
      expect(rows).toBe(entry.rows);
      const rowIndex = column(tables, ROW_INDEX_COLUMN).map(Number);
      expect(rowIndex).toEqual(Array.from({ length: rows }, (_, i) => i));
      for (const t of tables) {
        expect(t.schema.fields[0]?.name).toBe(ROW_INDEX_COLUMN);
        expect(t.schema.fields.filter(hasFloat16).map((f) => f.name)).toEqual([]);
      }
    });
  }

  it('float16 values are widened to float32 with NaN kept', async () => {
    const entry = manifest.find((e) => e.file.endsWith('float16_nonzeros_and_nans.parquet')) as ManifestEntry;
    const { tables } = await decodeAll(entry);
    const x = tables[0]?.getChild('x');
    expect(String(x?.type)).toBe('Float32');
    const values = column(tables, 'x') as (number | null)[];
    expect(values.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(true);
    expect(
      values.filter((v) => typeof v === 'number' && Number.isFinite(v) && v !== 0).length,
    ).toBeGreaterThan(0);
  });

  it('delta_byte_array.parquet equals delta_byte_array_expect.csv', async () => {
    const entry = manifest.find((e) => e.file.endsWith('delta_byte_array.parquet')) as ManifestEntry;
    const { tables } = await decodeAll(entry);
    const [header, ...expected] = parseCsv(
      readFileSync(corpusPath('parquet-testing/data/delta_byte_array_expect.csv'), 'utf8'),
    );
    expect(expected.length).toBe(entry.rows);
    (header as string[]).forEach((name, c) => {
      const actual = column(tables, name).map(asText);
      expect(actual, name).toEqual(expected.map((r) => r[c] ?? null));
    });
  });

  it('delta_binary_packed.parquet equals delta_binary_packed_expect.csv', async () => {
    const entry = manifest.find((e) => e.file.endsWith('delta_binary_packed.parquet')) as ManifestEntry;
    const { tables } = await decodeAll(entry);
    const [header, ...expected] = parseCsv(
      readFileSync(corpusPath('parquet-testing/data/delta_binary_packed_expect.csv'), 'utf8'),
    );
    expect(expected.length).toBe(entry.rows);
    (header as string[]).forEach((name, c) => {
      expect(column(tables, name).map(asText), name).toEqual(expected.map((r) => r[c] ?? null));
    });
  });

  it('blogs.parquet equals blogs.json (64-bit ids compared exactly)', async () => {
    const entry = manifest.find((e) => e.file.endsWith('blogs.parquet')) as ManifestEntry;
    const { tables } = await decodeAll(entry);
    // The ids exceed 2^53: quote every integer before JSON.parse so none is rounded.
    const text = readFileSync(
      corpusPath('arrow-testing/data/parquet/generated_simple_numerics/blogs.json'),
      'utf8',
    );
    const expected = JSON.parse(text.replace(/(:\s*)(-?\d+)/g, '$1"$2"')) as {
      blog_id?: string;
      reply?: { reply_id?: string; next_id?: string };
    }[];
    const blogIds = column(tables, 'blog_id').map(asText);
    const replies = column(tables, 'reply') as ({ reply_id: unknown; next_id: unknown } | null)[];
    expect(blogIds).toEqual(expected.map((e) => e.blog_id ?? null));
    expect(replies.map((r) => asText(r?.reply_id))).toEqual(expected.map((e) => e.reply?.reply_id ?? null));
    expect(replies.map((r) => asText(r?.next_id))).toEqual(expected.map((e) => e.reply?.next_id ?? null));
  });
});

describe('corpus: reads into DuckDB', () => {
  for (const entry of manifest.filter((e) => e.expect === 'reads')) {
    it(`${entry.file}: DuckDB-destined columns insert, count(*) = ${entry.rows}`, async () => {
      if (!db) throw new Error('no DuckDB');
      const name = baseName(entry.file);
      const footer = await decoder.open(corpusPath(entry.file), name);
      const plan = await planParquetFile(footer, async (req) => (await decoder.read(req, name)).ipc);
      const columns = duckdbColumns(plan);
      const vectors = Object.fromEntries(vectorDimsOf(plan));
      const table = `corpus_${entry.file.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
      await db.dropTable(table);
      // Row group 0 creates the table (also when the file has no row groups: schema only).
      const groups = footer.rowGroups.length === 0 ? [[]] : footer.rowGroups.map((_, i) => [i]);
      for (const [i, rowGroups] of groups.entries()) {
        const { ipc } = await decoder.read({ rowGroups, columns, vectors }, name);
        await db.insertArrowIpc(table, ipc, { create: i === 0 });
      }
      const { table: result } = await db.query(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`, {
        cache: false,
      });
      expect(Number(result.getChild('n')?.get(0))).toBe(entry.rows);
      await db.dropTable(table);
    });
  }
});

describe('corpus: rejects', () => {
  for (const entry of manifest.filter((e) => e.expect === 'rejects')) {
    it(`${entry.file} is refused with a typed error naming the file`, async () => {
      const name = baseName(entry.file);
      const error = await decodeAll(entry).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MemscopeError);
      const err = error as MemscopeError;
      expect(err.message).toContain(name);
      expect(err.file).toBe(name);
      expect(err.hint?.length ?? 0).toBeGreaterThan(10);
      if (entry.file.endsWith('.encrypted')) expect(err.code).toBe('encrypted');
      else expect(['corrupt', 'decoder-crash', 'truncated', 'unsupported']).toContain(err.code);
    });
  }
});

describe('corpus: no-crash', () => {
  for (const entry of manifest.filter((e) => e.expect === 'no-crash')) {
    it(`${entry.file} is read or refused, never crashes or hangs`, async () => {
      const name = baseName(entry.file);
      const outcome: Awaited<ReturnType<typeof decodeAll>> | Error = await decodeAll(entry).then(
        (r) => r,
        (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
      );
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(MemscopeError);
        expect(DECODE_ERROR_CODES).toContain((outcome as MemscopeError).code);
        expect(outcome.message).toContain(name);
      } else {
        // Read: the rows are the footer's rows, every column as long as its table, and `__row`
        // numbers the file's rows 0..n-1 in order (no row lost, doubled or misplaced).
        const total = outcome.tables.reduce((n, t) => n + t.numRows, 0);
        expect(total).toBe(outcome.footerRows);
        const rows: number[] = [];
        for (const t of outcome.tables) {
          for (const child of t.schema.fields) expect(t.getChild(child.name)?.length).toBe(t.numRows);
          const r = t.getChild('__row');
          for (let i = 0; i < t.numRows; i++) rows.push(Number(r?.get(i)));
        }
        expect(rows).toEqual(Array.from({ length: total }, (_, i) => i));
      }
    });
  }

  it('the decoder still reads a good file after all the bad ones', async () => {
    const entry = manifest.find((e) => e.file.endsWith('alltypes_plain.parquet')) as ManifestEntry;
    const { tables } = await decodeAll(entry);
    expect(tables.reduce((n, t) => n + t.numRows, 0)).toBe(8);
    // Traps did happen in this corpus (see docs/data-path.md): workers were replaced, not reused.
    expect(decoder.replaced).toBeGreaterThan(0);
  });
});

describe('corpus: reads-arrow', () => {
  for (const entry of manifest.filter((e) => e.expect === 'reads-arrow')) {
    it(`${entry.file} reads with apache-arrow and normalizes`, () => {
      const bytes = new Uint8Array(readFileSync(corpusPath(entry.file)));
      const { table } = readArrowIpcFile(bytes, baseName(entry.file));
      expect(table.numRows).toBeGreaterThan(0);
      expect(table.schema.fields[0]?.name).toBe(ROW_INDEX_COLUMN);
      expect(column([table], ROW_INDEX_COLUMN).map(Number)).toEqual(
        Array.from({ length: table.numRows }, (_, i) => i),
      );
      expect(table.schema.fields.filter(hasFloat16)).toEqual([]);
      if (entry.file.includes('generated_nested')) {
        expect(
          table.schema.fields.some((f) => DataType.isFixedSizeList(f.type) && f.type.listSize === 4),
        ).toBe(true);
      }
    });
  }
});
