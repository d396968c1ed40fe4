// Over 400 lines on purpose: the DuckDB doorway's behaviour (queries, lockdown, grid sources) is
// tested against one Node engine started once; splitting it would start the engine three times.
import {
  Field,
  FixedSizeList,
  Float32,
  Int64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  makeData,
  makeVector,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../src/core/sql/identifiers';
import { listTables } from '../src/data/db/catalog';
import type { DbClient } from '../src/data/db/db-client';
import { createSqlGridSource, createTableGridSource } from '../src/data/db/grid-source';
import { rejection } from './support/rejection';
import { createNodeDb } from './support/node-db';

let db: DbClient;

beforeAll(async () => {
  db = await createNodeDb();
});

afterAll(async () => {
  await db?.close();
});

/** A query that runs for seconds unless interrupted. */
const LONG_QUERY = 'SELECT count(*) FROM range(3000000000) a(x), range(4) b(y) WHERE (x + y) % 7 = 3';

function cell(table: Table, column: string, row = 0): unknown {
  return table.getChild(column)?.get(row);
}

describe('DuckDB-WASM through createNodeDb', () => {
  it('starts with extension autoloading off, on every connection', async () => {
    const error = await rejection(db.query("SELECT * FROM read_parquet('missing.parquet')"));
    expect(error.code).toBe('sql');
    expect(error.message).toMatch(/^Catalog Error: .*read_parquet.*parquet extension/);
    expect(error.hint).toMatch(/Open files/);
    const settings = await db.query(
      "SELECT current_setting('autoload_known_extensions') AS load, current_setting('autoinstall_known_extensions') AS install",
      { channel: 'a-fresh-connection' },
    );
    expect(cell(settings.table, 'load')).toBe(false);
    expect(cell(settings.table, 'install')).toBe(false);
    // The engine is unharmed.
    expect(cell((await db.query('SELECT 41 + 1 AS x')).table, 'x')).toBe(42);
  });

  it('binds parameters of every kind', async () => {
    const evil = 'it\'s "quoted"; DROP TABLE x; --';
    const { table } = await db.query(
      'SELECT ?::VARCHAR AS s, ?::INTEGER + 1 AS i, ?::BIGINT AS big, ?::BIGINT AS small, ?::BOOLEAN AS t, ?::INTEGER IS NULL AS n, ?::DOUBLE AS inf',
      { params: [evil, 41, 9007199254740993n, 12n, true, null, Number.POSITIVE_INFINITY] },
    );
    expect(cell(table, 's')).toBe(evil);
    expect(cell(table, 'i')).toBe(42);
    expect(cell(table, 'big')).toBe(9007199254740993n);
    expect(cell(table, 'small')).toBe(12n);
    expect(cell(table, 't')).toBe(true);
    expect(cell(table, 'n')).toBe(true);
    expect(cell(table, 'inf')).toBe(Number.POSITIVE_INFINITY);
  });

  it('returns count(*) as BigInt and timestamps as epoch milliseconds', async () => {
    const { table } = await db.query(
      "SELECT count(*) AS n, TIMESTAMP '2024-01-02 03:04:05.678' AS ts FROM range(1234)",
    );
    expect(cell(table, 'n')).toBe(1234n);
    expect(cell(table, 'ts')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
  });

  it('turns a syntax error into code sql with DuckDB message, and keeps working', async () => {
    const error = await rejection(db.query('SELEC 1 FROM nowhere'));
    expect(error.code).toBe('sql');
    expect(error.message).toMatch(/^Parser Error: syntax error at or near "SELEC"$/);
    expect(error.detail).toMatch(/LINE 1: SELEC 1/);
    expect(error.hint).toBeTruthy();
    const binder = await rejection(db.query('SELECT no_such_column FROM range(1)'));
    expect(binder.code).toBe('sql');
    expect(binder.message).toMatch(/^Binder Error/);
    expect(cell((await db.query('SELECT 1 AS one')).table, 'one')).toBe(1);
  });

  it('inserts Arrow IPC (FixedSizeList, list, timestamp, __row) under a name that needs quoting', async () => {
    const name = 'my "odd" table';
    const n = 300;
    const embedding = new Float32Array(n * 4).map((_, i) => i / 10);
    const vecType = new FixedSizeList(4, new Field('item', new Float32(), false));
    const vecData = makeData({
      type: vecType,
      length: n,
      nullCount: 0,
      child: makeData({ type: new Float32(), length: n * 4, data: embedding }),
    });
    const build = (from: number, count: number) =>
      new Table({
        __row: vectorFromArray(
          Array.from({ length: count }, (_, i) => BigInt(from + i)),
          new Int64(),
        ),
        content: vectorFromArray(
          Array.from({ length: count }, (_, i) => `memory ${from + i}`),
          new Utf8(),
        ),
        entities: vectorFromArray(
          Array.from({ length: count }, (_, i) => ((from + i) % 3 === 0 ? ['rust', 'arena'] : ['python'])),
          new List(new Field('item', new Utf8(), true)),
        ),
        created_at: vectorFromArray(
          Array.from({ length: count }, (_, i) => 1_700_000_000_000 + (from + i) * 1000),
          new TimestampMillisecond(),
        ),
        embedding: makeVector(vecData.slice(from, count)),
      });
    await db.dropTable(name);
    await db.insertArrowIpc(name, tableToIPC(build(0, 200), 'stream'), { create: true });
    await db.insertArrowIpc(name, tableToIPC(build(200, 100), 'stream'), { create: false });

    const q = quoteIdentifier(name);
    const { table } = await db.query(
      `SELECT count(*) AS n, max(__row) AS last, sum(len(embedding))::BIGINT AS dims, count(*) FILTER (WHERE list_contains(entities, ?)) AS rusty FROM ${q}`,
      { params: ['rust'] },
    );
    expect(cell(table, 'n')).toBe(300n);
    expect(cell(table, 'last')).toBe(299n);
    expect(cell(table, 'dims')).toBe(1200n);
    expect(cell(table, 'rusty')).toBe(100n);

    const row = await db.query(`SELECT embedding, created_at, content FROM ${q} WHERE __row = ?`, {
      params: [201n],
    });
    const vec = cell(row.table, 'embedding') as { toArray(): Float32Array };
    expect(Array.from(vec.toArray())).toEqual(Array.from(embedding.subarray(201 * 4, 202 * 4)));
    expect(cell(row.table, 'created_at')).toBe(1_700_000_000_000 + 201_000);
    expect(cell(row.table, 'content')).toBe('memory 201');

    const catalog = await listTables(db);
    const entry = catalog.find((t) => t.name === name);
    expect(entry?.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      '__row BIGINT',
      'content VARCHAR',
      'entities VARCHAR[]',
      'created_at TIMESTAMP_MS',
      'embedding FLOAT[4]',
    ]);
    await db.dropTable(name);
    expect((await listTables(db)).some((t) => t.name === name)).toBe(false);
  });

  it('cancels a running query when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const running = db.query(LONG_QUERY, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const error = await rejection(running);
    expect(error.code).toBe('cancelled');
    // The engine stopped: the next query on the same (default) connection answers (how fast is the
    // bench's business; a still-running LONG_QUERY would make this wait for minutes and time out).
    const one = await db.query('SELECT 1 AS one', { cache: false });
    expect(Number(one.table.getChild('one')?.get(0))).toBe(1);
    // An already aborted signal never starts the query.
    expect((await rejection(db.query('SELECT 2', { signal: AbortSignal.abort() }))).code).toBe('cancelled');
  });

  it('supersedes the older query on a channel and keeps channels independent', async () => {
    const older = db.query(LONG_QUERY, { channel: 'editor' });
    const olderOutcome = rejection(older);
    await new Promise((r) => setTimeout(r, 100));
    // Another channel has its own connection: it answers while the long query runs.
    const other = await db.query('SELECT 7 AS seven', { channel: 'grid', cache: false });
    expect(cell(other.table, 'seven')).toBe(7);
    const newer = await db.query('SELECT 3 AS three', { channel: 'editor', cache: false });
    expect(cell(newer.table, 'three')).toBe(3);
    expect((await olderOutcome).code).toBe('cancelled');
  });

  it('reads a registered CSV file with the core reader', async () => {
    await db.registerFile('notes.csv', new Blob(['id,text\n1,hello\n2,"a, b"\n']));
    const { table } = await db.query(
      "SELECT count(*) AS n, max(text) AS t FROM read_csv('memscope/notes.csv')",
    );
    expect(cell(table, 'n')).toBe(2n);
    expect(cell(table, 't')).toBe('hello');
  });

  it('supersedes a running query on its channel even when the newer answer is cached', async () => {
    await db.query('SELECT 5 AS five', { channel: 'grid' });
    const older = rejection(db.query(LONG_QUERY, { channel: 'grid' }));
    await new Promise((r) => setTimeout(r, 50));
    const cached = await db.query('SELECT 5 AS five', { channel: 'grid' });
    expect(cached.cached).toBe(true);
    expect((await older).code).toBe('cancelled');
  });

  it('caches read-only results and drops the cache when tables change', async () => {
    await db.query('CREATE OR REPLACE TABLE cache_probe AS SELECT range AS v FROM range(10)');
    const sql = 'SELECT count(*) AS n FROM cache_probe WHERE v >= ?';
    const first = await db.query(sql, { params: [0] });
    const second = await db.query(sql, { params: [0] });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.table).toBe(first.table);
    // Different params, different entry.
    expect((await db.query(sql, { params: [5] })).cached).toBe(false);
    // cache: false skips it.
    expect((await db.query(sql, { params: [0], cache: false })).cached).toBe(false);

    await db.insertArrowIpc(
      'cache_probe',
      tableToIPC(new Table({ v: vectorFromArray([100n, 101n], new Int64()) }), 'stream'),
      { create: false },
    );
    const afterInsert = await db.query(sql, { params: [0] });
    expect(afterInsert.cached).toBe(false);
    expect(cell(afterInsert.table, 'n')).toBe(12n);

    // A data-changing statement through query() also invalidates.
    await db.query('INSERT INTO cache_probe VALUES (200)');
    expect(cell((await db.query(sql, { params: [0] })).table, 'n')).toBe(13n);
    expect((await db.query(sql, { params: [0] })).cached).toBe(true);
    db.invalidate();
    expect((await db.query(sql, { params: [0] })).cached).toBe(false);
  });
});

describe('offline lockdown (docs/privacy.md)', () => {
  const refusedOffline = async (sql: string) => {
    const error = await rejection(db.query(sql));
    expect(error.code).toBe('sql');
    expect(error.message).toMatch(/^memscope keeps DuckDB offline: /);
  };
  const setting = async (name: string) =>
    cell(
      (await db.query(`SELECT current_setting('${name}') AS v`, { cache: false, channel: `probe-${name}` }))
        .table,
      'v',
    );

  it.each([
    ['enable_external_access', false],
    ['lock_configuration', true],
    ['allow_community_extensions', false],
    ['autoinstall_known_extensions', false],
    ['autoload_known_extensions', false],
  ])('%s is %s on every connection', async (name, expected) => {
    expect(await setting(name)).toBe(expected);
  });

  it.each([
    'SET enable_external_access=true',
    'SET autoinstall_known_extensions=true',
    'SET autoload_known_extensions=true',
    'SET allow_community_extensions=true',
    "SET allowed_directories=['/']",
    'SET lock_configuration=false',
    'RESET lock_configuration',
  ])('refuses %s with the offline message, and the setting holds', async (sql) => {
    await refusedOffline(sql);
    expect(await setting('enable_external_access')).toBe(false);
    expect(await setting('lock_configuration')).toBe(true);
  });

  it.each([
    'INSTALL httpfs',
    'LOAD httpfs',
    'FORCE INSTALL httpfs',
    "SELECT * FROM read_csv('http://127.0.0.1:9/decoy.csv')",
    "SELECT * FROM 's3://bucket/key.parquet'",
    "SELECT * FROM read_text('gcs://bucket/x')",
    "ATTACH 'https://127.0.0.1:9/db.duckdb' AS remote",
    "COPY (SELECT 1 AS x) TO 'http://127.0.0.1:9/leak.csv'",
    // What the pre-check cannot see (a URL built at run time, a local path) the engine refuses.
    "SELECT * FROM read_csv('htt' || 'p://127.0.0.1:9/decoy.csv')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY (SELECT 1 AS x) TO 'out.csv'",
    "ATTACH 'other.duckdb' AS other",
  ])('answers %s with the offline message', async (sql) => {
    await refusedOffline(sql);
    expect(cell((await db.query('SELECT 6 * 7 AS x', { cache: false })).table, 'x')).toBe(42);
  });

  it('still reads the files the app registers and the tables it inserts, and allows in-memory ATTACH', async () => {
    await db.registerFile('lock-probe.csv', new Blob(['a,b\n1,x\n2,y\n']));
    const { table } = await db.query("SELECT count(*) AS n FROM read_csv('memscope/lock-probe.csv')");
    expect(cell(table, 'n')).toBe(2n);
    // A registered name cannot step outside the directory SQL may read.
    await expect(db.registerFile('../escape.csv', new Blob(['a\n1\n']))).rejects.toThrow();
    await db.query("ATTACH ':memory:' AS scratch");
    await db.query('DETACH scratch');
  });
});

describe('grid sources', () => {
  const N = 5000;
  const categories = ['experiences', 'knowledge', 'skills'];
  // The same generation rules as the SQL below, mirrored in JS to compute expectations.
  const rows = Array.from({ length: N }, (_, i) => ({
    row: i,
    category: categories[i % 3]!,
    score: (i * 7919) % 1000,
    content: i % 50 === 0 ? `100%_match ${i}` : `note ${i}`,
    tags: i % 4 === 0 ? ['rust'] : ['go'],
  }));

  beforeAll(async () => {
    await db.query(`CREATE OR REPLACE TABLE memories AS
      SELECT range AS __row,
             ['experiences','knowledge','skills'][range % 3 + 1] AS category,
             (range * 7919) % 1000 AS score,
             CASE WHEN range % 50 = 0 THEN '100%_match ' || range ELSE 'note ' || range END AS content,
             CASE WHEN range % 4 = 0 THEN ['rust'] ELSE ['go'] END AS tags
        FROM range(${N})`);
  });

  it('pages over a whole table', async () => {
    const source = await createTableGridSource(db, { table: 'memories' });
    expect(source.rowCount).toBe(N);
    expect(source.columns.map((c) => c.name)).toEqual(['__row', 'category', 'score', 'content', 'tags']);
    const tail = await source.fetchRows(N - 10, 100);
    expect(tail.numRows).toBe(10);
    expect(cell(tail, '__row', 0)).toBe(BigInt(N - 10));
  });

  it('sorts with a stable tiebreaker so pages neither repeat nor skip rows', async () => {
    const source = await createTableGridSource(db, {
      table: 'memories',
      sort: { column: 'score', direction: 'desc' },
    });
    const seen: number[] = [];
    for (let offset = 0; offset < N; offset += 1000) {
      const page = await source.fetchRows(offset, 1000);
      const ids = page.getChild('__row')!;
      for (let i = 0; i < page.numRows; i++) seen.push(Number(ids.get(i)));
    }
    const expected = [...rows].sort((a, b) => b.score - a.score || a.row - b.row).map((r) => r.row);
    expect(seen).toEqual(expected);
  });

  it('filters with bound values: =, contains (wildcards literal), list-contains, comparisons', async () => {
    const cases = [
      {
        filters: [{ column: 'category', op: '=' as const, value: 'skills' }],
        expect: (r: (typeof rows)[0]) => r.category === 'skills',
      },
      {
        filters: [{ column: 'content', op: 'contains' as const, value: '100%_M' }],
        expect: (r: (typeof rows)[0]) => r.content.startsWith('100%_match'),
      },
      { filters: [{ column: 'content', op: 'contains' as const, value: '0%x' }], expect: () => false },
      {
        filters: [{ column: 'tags', op: 'list-contains' as const, value: 'rust' }],
        expect: (r: (typeof rows)[0]) => r.tags.includes('rust'),
      },
      {
        filters: [
          { column: 'score', op: '>=' as const, value: 500 },
          { column: 'category', op: '!=' as const, value: 'knowledge' },
        ],
        expect: (r: (typeof rows)[0]) => r.score >= 500 && r.category !== 'knowledge',
      },
    ];
    for (const c of cases) {
      const source = await createTableGridSource(db, {
        table: 'memories',
        filters: c.filters,
        sort: { column: 'score', direction: 'asc' },
      });
      const matching = rows.filter(c.expect);
      expect(source.rowCount, JSON.stringify(c.filters)).toBe(matching.length);
      const page = await source.fetchRows(0, 5);
      const expectedFirst = [...matching].sort((a, b) => a.score - b.score || a.row - b.row).slice(0, 5);
      const ids = page.getChild('__row');
      expect(Array.from({ length: page.numRows }, (_, i) => Number(ids?.get(i)))).toEqual(
        expectedFirst.map((r) => r.row),
      );
    }
  });

  it('pages a single SELECT from the SQL editor and holds other statements in memory', async () => {
    const paged = await createSqlGridSource(
      db,
      'SELECT __row, score FROM memories WHERE score < 100 -- low scores',
    );
    expect(paged.paged).toBe(true);
    expect(paged.source.rowCount).toBe(rows.filter((r) => r.score < 100).length);
    expect(paged.source.columns.map((c) => c.name)).toEqual(['__row', 'score']);
    expect((await paged.source.fetchRows(0, 3)).numRows).toBe(3);

    const script = await createSqlGridSource(
      db,
      'CREATE OR REPLACE TABLE tmp_x AS SELECT 1 AS a; SELECT * FROM tmp_x, range(5)',
    );
    expect(script.paged).toBe(false);
    expect(script.source.rowCount).toBe(5);
    expect((await script.source.fetchRows(3, 10)).numRows).toBe(2);

    const error = await rejection(createSqlGridSource(db, 'SELECT * FROM no_such_table'));
    expect(error.code).toBe('sql');
    expect(error.message).toMatch(/^Catalog Error: Table with name no_such_table does not exist/);
  });

  it('answers a filter + sort + LIMIT 1000 page with the filtered rows in order', async () => {
    const source = await createTableGridSource(db, {
      table: 'memories',
      filters: [{ column: 'category', op: '=', value: 'knowledge' }],
      sort: { column: 'score', direction: 'desc' },
    });
    const page = await source.fetchRows(0, 1000);
    expect(page.numRows).toBe(1000);
    const category = page.getChild('category');
    const score = page.getChild('score');
    for (let i = 0; i < page.numRows; i++) {
      expect(category?.get(i)).toBe('knowledge');
      if (i > 0) expect(Number(score?.get(i))).toBeLessThanOrEqual(Number(score?.get(i - 1)));
    }
  });
});
