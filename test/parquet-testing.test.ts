import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, type Table } from 'apache-arrow';
import { MemscopeError } from '../src/core/errors';
import { readFooterMeta } from '../src/data/parquet/footer-meta';
import { T, writeStruct, type TStruct, type TValue } from '../src/data/parquet/thrift-compact';
import { walkPages } from '../src/data/parquet/page-headers';
import { DEFAULT_BUDGETS, type ParquetFooter } from '../src/data/parquet/parquet-reader';
import { WorkerParquetSource } from '../src/data/parquet/worker-source';
import { nodeParquetWorkers, type NodeWorkerFactory } from './support/node-worker';

/**
 * apache/parquet-testing through the browser's decode path (WorkerParquetSource over the parquet
 * worker's API in a Node worker thread, the app's budgets): what docs/parquet-compatibility.md
 * says of each file is checked here, for the files bundled in test/data/parquet-testing and, with
 * PARQUET_TESTING_DIR=<a checkout>, for every file of its data/ directory. Expected values come
 * from the files' own metadata and the repository's documentation, not from our decoder.
 */

const ROOT = resolve(import.meta.dirname, '..');
const BUNDLED = join(ROOT, 'test/data/parquet-testing');
const CHECKOUT = process.env.PARQUET_TESTING_DIR;

interface DocRow {
  file: string;
  expectedRows: number | null;
  ours: number | string;
}

/** The table "Every file of `data/`" of docs/parquet-compatibility.md. */
function docTable(): DocRow[] {
  const text = readFileSync(join(ROOT, 'docs/parquet-compatibility.md'), 'utf8');
  const section = text.slice(text.indexOf('## Every file of `data/`'));
  return section
    .split('\n')
    .filter((l) => /^\| \S+\.parquet/.test(l))
    .map((l) => {
      const [file, expected, ours] = l
        .split('|')
        .slice(1)
        .map((c) => c.trim()) as [string, string, string];
      const refused = /refused: `([a-z-]+)`/.exec(ours);
      return {
        file,
        expectedRows: /^\d+/.test(expected) ? Number(/^\d+/.exec(expected)?.[0]) : null,
        ours: refused ? (refused[1] as string) : Number(ours),
      };
    });
}

let factory: NodeWorkerFactory;

beforeAll(async () => {
  factory = await nodeParquetWorkers({ reuse: true });
});

afterAll(() => factory?.dispose());

async function withSource<T>(
  bytes: Uint8Array,
  name: string,
  fn: (s: WorkerParquetSource) => Promise<T>,
): Promise<T> {
  const source = new WorkerParquetSource(new Blob([bytes as BlobPart]), name, DEFAULT_BUDGETS, factory);
  try {
    return await fn(source);
  } finally {
    source.close();
  }
}

async function readAll(s: WorkerParquetSource): Promise<{ footer: ParquetFooter; tables: Table[] }> {
  const footer = await s.footer();
  const tables: Table[] = [];
  for (let rg = 0; rg < footer.rowGroups.length; rg++)
    tables.push(tableFromIPC(await s.read({ rowGroups: [rg] })));
  return { footer, tables };
}

function outcomeOf(bytes: Uint8Array, name: string): Promise<number | MemscopeError> {
  return withSource(bytes, name, readAll).then(
    ({ tables }) => tables.reduce((n, t) => n + t.numRows, 0),
    (err: unknown) => {
      if (err instanceof MemscopeError) return err;
      throw err;
    },
  );
}

const bundled = (file: string) => new Uint8Array(readFileSync(join(BUNDLED, file)));

/** The footer's Thrift bytes, located by the trailing length. */
function footerBytes(bytes: Uint8Array): Uint8Array {
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  return bytes.subarray(bytes.length - 8 - len, bytes.length - 8);
}

describe('docs/parquet-compatibility.md, checked', () => {
  const table = docTable();

  it('lists every file of data/ once, each with its outcome', () => {
    expect(table.length).toBeGreaterThanOrEqual(88);
    expect(new Set(table.map((r) => r.file)).size).toBe(table.length);
    // A file that opens must open with the rows its footer and documentation give.
    for (const row of table)
      if (typeof row.ours === 'number') expect(row.ours, row.file).toBe(row.expectedRows);
  });

  const rows = CHECKOUT
    ? table.filter((r) => existsSync(join(CHECKOUT, 'data', r.file)))
    : table.filter((r) => existsSync(join(BUNDLED, r.file)));
  for (const row of rows) {
    it(`${row.file}: ${typeof row.ours === 'number' ? `${row.ours} rows` : `refused (${row.ours})`}`, async () => {
      const name = row.file.slice(row.file.lastIndexOf('/') + 1);
      const bytes = new Uint8Array(
        readFileSync(CHECKOUT ? join(CHECKOUT, 'data', row.file) : join(BUNDLED, name)),
      );
      const outcome = await outcomeOf(bytes, name);
      if (typeof row.ours === 'number') expect(outcome).toBe(row.ours);
      else {
        expect(outcome).toBeInstanceOf(MemscopeError);
        const err = outcome as MemscopeError;
        expect(err.code).toBe(row.ours);
        expect(err.file).toBe(name);
        expect(err.message).toContain(name);
        expect(err.hint).toBeTruthy();
      }
    });
  }
});

describe('repaired files read what their documentation says', () => {
  it('repeated_no_annotation: the footer says 0 rows, its row group 6; 6 are read and the footer is flagged', async () => {
    const bytes = bundled('repeated_no_annotation.parquet');
    const meta = readFooterMeta(footerBytes(bytes));
    expect(meta.numRows).toBe(0);
    expect(meta.rowGroups.map((g) => g.numRows)).toEqual([6]);
    const { footer, tables } = await withSource(bytes, 'r.parquet', readAll);
    expect(footer.rows).toBe(6);
    expect(footer.declaredRows).toBe(0);
    expect(footer.warnings?.join(' ')).toMatch(/says 0 rows/);
    expect(tables[0]?.numRows).toBe(6);
  });

  it('dict-page-offset-zero: 39 values of l_partkey, all 1552 (its statistics: min = max = 1552)', async () => {
    const { tables, footer } = await withSource(
      bundled('dict-page-offset-zero.parquet'),
      'd.parquet',
      readAll,
    );
    const values = [...(tables[0]?.getChild('l_partkey')?.toArray() ?? [])];
    expect(values).toEqual(Array.from({ length: 39 }, () => 1552));
    expect(footer.warnings?.join(' ')).toMatch(/dictionary_page_offset/);
  });

  it('int96_from_spark: the microseconds int96_from_spark.md lists, years 9999 and 290000 included', async () => {
    const { tables } = await withSource(bundled('int96_from_spark.parquet'), 'i.parquet', readAll);
    const column = tables[0]?.getChild('a');
    expect(String(column?.type)).toBe('Timestamp<MICROSECOND>');
    // Raw int64 values: apache-arrow's get() converts to milliseconds as a double, which year
    // 290000 does not fit exactly.
    const data = column?.data[0];
    const raw = data?.values as BigInt64Array;
    const values = Array.from({ length: 6 }, (_, i) => (data?.getValid(i) ? String(raw[i]) : null));
    expect(values).toEqual([
      '1704141296123456',
      '1704070800000000',
      '253402225200000000',
      '1735599600000000',
      null,
      '9089380393200000000',
    ]);
  });

  it('nation.dict-malformed (PARQUET-816): 25 nations, ALGERIA first and UNITED STATES last', async () => {
    const { tables, footer } = await withSource(
      bundled('nation.dict-malformed.parquet'),
      'n.parquet',
      readAll,
    );
    const names = tables[0]?.getChild('name');
    expect(names?.length).toBe(25);
    const text = (v: unknown) => new TextDecoder().decode(v as Uint8Array);
    expect(text(names?.get(0))).toBe('ALGERIA');
    expect(text(names?.get(24))).toBe('UNITED STATES');
    expect(footer.warnings?.join(' ')).toMatch(/PARQUET-816/);
  });

  it('encrypted columns behind a plaintext footer are called encrypted, not damaged', async () => {
    const err = await outcomeOf(bundled('encrypt_columns_plaintext_footer.parquet.encrypted'), 'e.parquet');
    expect(err).toMatchObject({ code: 'encrypted', file: 'e.parquet' });
  });
});

describe('a codec or encoding the decoder lacks is named before decoding', () => {
  /** alltypes_plain.parquet with one ColumnMetaData field (4: codec, 2: encodings) of column `id` replaced. */
  function withColumnField(id: number, value: TValue): Uint8Array {
    const bytes = bundled('alltypes_plain.parquet');
    const footer = footerBytes(bytes);
    const map = (v: TValue, path: string[]): TValue => {
      if (v.type === T.LIST) return { ...v, items: v.items.map((i) => map(i, path)) };
      if (v.type !== T.STRUCT) return v;
      const names = v.fields.find((f) => f.id === 3 && f.type === T.LIST);
      const isIdMeta =
        names?.type === T.LIST &&
        names.items.length === 1 &&
        names.items[0]?.type === T.BINARY &&
        new TextDecoder().decode(names.items[0].value) === 'id';
      return {
        ...v,
        fields: v.fields.map((f) =>
          isIdMeta && f.id === id ? { ...value, id } : { ...map(f, path), id: f.id },
        ),
      };
    };
    const tree = map(readFooterMeta(footer).struct, []) as TStruct;
    const next = writeStruct(tree);
    const out = new Uint8Array(bytes.length - footer.length + next.length);
    out.set(bytes.subarray(0, bytes.length - 8 - footer.length));
    out.set(next, bytes.length - 8 - footer.length);
    new DataView(out.buffer).setUint32(out.length - 8, next.length, true);
    out.set([0x50, 0x41, 0x52, 0x31], out.length - 4);
    return out;
  }

  it.each([
    ['codec LZO (3)', 4, { type: T.I32, value: 3 } as TValue, /compressed with LZO/],
    ['an unknown codec id', 4, { type: T.I32, value: 42 } as TValue, /compressed with codec 42/],
    [
      'an undefined encoding id',
      2,
      { type: T.LIST, elem: T.I32, items: [{ type: T.I32, value: 77 }] } as TValue,
      /encoding 77/,
    ],
  ])('%s', async (_name, field, value, detail) => {
    const err = await outcomeOf(withColumnField(field, value), 'a.parquet');
    expect(err).toMatchObject({ code: 'unsupported', file: 'a.parquet' });
    expect((err as MemscopeError).message).toMatch(/column "id" of row group 0/);
    expect((err as MemscopeError).message).toMatch(detail);
  });
});

describe('a damaged data page is named: file, Parquet, column, row group', () => {
  /** Swaps the first two pages (dictionary and data) of one column's chunk in row group 0. */
  function swapFirstPages(bytes: Uint8Array, column: string): Uint8Array {
    const meta = readFooterMeta(footerBytes(bytes));
    const chunk = meta.rowGroups[0]?.columns.find((c) => c.path === column);
    if (!chunk) throw new Error(`no column ${column}`);
    const pages = walkPages(bytes.subarray(chunk.start, chunk.start + chunk.compressedBytes), chunk.start);
    const [a, b] = pages;
    if (!a || !b) throw new Error(`column ${column} has fewer than two pages`);
    const out = bytes.slice();
    out.set(bytes.subarray(b.start, b.end), a.start);
    out.set(bytes.subarray(a.start, a.end), a.start + (b.end - b.start));
    return out;
  }

  it('the sample file with the pages of "topic" out of order', async () => {
    const sample = new Uint8Array(readFileSync(join(ROOT, 'public/sample/preferences.parquet')));
    const err = await outcomeOf(swapFirstPages(sample, 'topic'), 'preferences.parquet');
    expect(err).toBeInstanceOf(MemscopeError);
    const e = err as MemscopeError;
    expect(['decoder-crash', 'corrupt']).toContain(e.code);
    expect(e.message).toContain('preferences.parquet');
    expect(e.message).toContain('Parquet');
    expect(e.message).toContain('column "topic"');
    expect(e.message).toMatch(/row group 0 \(rows 0-/);
    expect(e.message).not.toMatch(/^unreachable$/);
    expect(e.hint).toBeTruthy();
  });

  it('a good file still reads after the failures (workers were replaced, not reused poisoned)', async () => {
    expect(await outcomeOf(bundled('alltypes_plain.parquet'), 'a.parquet')).toBe(8);
  });
});
