import { describe, expect, it } from 'vitest';
import {
  buildCountQuery,
  buildKeyPageQuery,
  buildKeysetEndQuery,
  buildKeysetPageQuery,
  buildPageQuery,
  buildRowsByKeyQuery,
  buildSqlCountQuery,
  buildSqlPageQuery,
  buildWhere,
  escapeLike,
  type Filter,
  type SqlParam,
} from './table-query';

describe('escapeLike', () => {
  it.each([
    ['plain', 'plain'],
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j -> %j', (input, output) => expect(escapeLike(input)).toBe(output));
});

describe('buildWhere', () => {
  const cases: [string, Filter[], string, SqlParam[]][] = [
    ['none', [], '', []],
    [
      'in a set of integers, bound once',
      [{ column: '__row', op: 'in-set', value: '[3,17,-2]' }],
      'WHERE list_contains(CAST(? AS BIGINT[]), "__row")',
      ['[3,17,-2]'],
    ],
    [
      'text search: any column, case-insensitive, wildcards literal',
      [{ column: 'text', op: 'text-search', value: '50%', columns: ['content', 'sum"mary'] }],
      `WHERE ("content" ILIKE ? ESCAPE '\\' OR "sum""mary" ILIKE ? ESCAPE '\\')`,
      ['%50\\%%', '%50\\%%'],
    ],
    ['equals', [{ column: 'category', op: '=', value: 'skills' }], 'WHERE "category" = ?', ['skills']],
    ['not equals', [{ column: 'n', op: '!=', value: 3 }], 'WHERE "n" <> ?', [3]],
    ['less', [{ column: 'n', op: '<', value: 3 }], 'WHERE "n" < ?', [3]],
    ['at most', [{ column: 'n', op: '<=', value: 3n }], 'WHERE "n" <= ?', [3n]],
    ['greater', [{ column: 'n', op: '>', value: 1.5 }], 'WHERE "n" > ?', [1.5]],
    ['at least', [{ column: 'ok', op: '>=', value: true }], 'WHERE "ok" >= ?', [true]],
    ['equals null', [{ column: 'x', op: '=', value: null }], 'WHERE "x" IS NULL', []],
    ['not equals null', [{ column: 'x', op: '!=', value: null }], 'WHERE "x" IS NOT NULL', []],
    ['is null', [{ column: 'x', op: 'is null' }], 'WHERE "x" IS NULL', []],
    ['is not null', [{ column: 'x', op: 'is not null', value: 'ignored' }], 'WHERE "x" IS NOT NULL', []],
    [
      'contains escapes wildcards',
      [{ column: 'content', op: 'contains', value: '100%_sure' }],
      `WHERE CAST("content" AS VARCHAR) ILIKE ? ESCAPE '\\'`,
      ['%100\\%\\_sure%'],
    ],
    [
      'list contains',
      [{ column: 'entities', op: 'list-contains', value: 'rust' }],
      'WHERE list_contains("entities", ?)',
      ['rust'],
    ],
    [
      'quoted identifiers and AND',
      [
        { column: 'we"ird', op: '=', value: "x'; DROP TABLE t; --" },
        { column: 'n', op: '>', value: 0 },
      ],
      'WHERE "we""ird" = ? AND "n" > ?',
      ["x'; DROP TABLE t; --", 0],
    ],
  ];
  it.each(cases)('%s', (_name, filters, sql, params) => {
    expect(buildWhere(filters)).toEqual({ sql, params });
  });

  it.each([
    [{ column: 'n', op: '<', value: null }],
    [{ column: 'l', op: 'list-contains' }],
    [{ column: 'r', op: 'in-set', value: '[1,2); DROP TABLE t; --' }],
    [{ column: 't', op: 'text-search', value: 'x', columns: [] }],
    [{ column: 'n', op: 'between', value: 1 } as unknown as Filter],
  ] as Filter[][])('rejects %j', (filter) => {
    expect(() => buildWhere([filter])).toThrow();
  });
});

describe('buildPageQuery', () => {
  it.each([
    [
      'all columns, no sort',
      { table: 'experiences', limit: 100, offset: 0 },
      'SELECT * FROM "experiences" LIMIT 100 OFFSET 0',
      [],
    ],
    [
      'columns, sort, tiebreaker, filters',
      {
        table: 'my table',
        columns: ['__row', 'content'],
        sort: { column: 'created_at', direction: 'desc' as const },
        filters: [{ column: 'category', op: '=' as const, value: 'a' }],
        tiebreaker: '__row',
        limit: 50,
        offset: 200,
      },
      'SELECT "__row", "content" FROM "my table" WHERE "category" = ? ORDER BY "created_at" DESC NULLS LAST, "__row" ASC LIMIT 50 OFFSET 200',
      ['a'],
    ],
    [
      'sorting by the tiebreaker adds it once',
      {
        table: 't',
        sort: { column: '__row', direction: 'asc' as const },
        tiebreaker: '__row',
        limit: 1,
        offset: 2,
      },
      'SELECT * FROM "t" ORDER BY "__row" ASC NULLS LAST LIMIT 1 OFFSET 2',
      [],
    ],
  ])('%s', (_name, q, sql, params) => {
    expect(buildPageQuery(q)).toEqual({ sql, params });
  });

  it.each([
    [-1, 0],
    [10, -5],
    [1.5, 0],
    [Number.NaN, 0],
  ])('rejects limit %d offset %d', (limit, offset) => {
    expect(() => buildPageQuery({ table: 't', limit, offset })).toThrow();
  });
});

describe('keyset paging', () => {
  it.each([
    [
      'the first page',
      { table: 't', tiebreaker: '__row', after: null, limit: 10 },
      'SELECT max("__row") AS last FROM (SELECT "__row" FROM "t" ORDER BY "__row" LIMIT ?) AS keys',
      [10],
    ],
    [
      'after a key past 2^53, with filters: the key inlined exactly, the filters one term',
      {
        table: 'my table',
        filters: [
          { column: 'category', op: '=' as const, value: 'x' },
          { column: 'n', op: '>' as const, value: 2 },
        ],
        tiebreaker: '__row',
        after: 9007199254740993n,
        limit: 5,
      },
      'SELECT max("__row") AS last FROM (SELECT "__row" FROM "my table" WHERE ("category" = ? AND "n" > ?) AND "__row" > 9007199254740993 ORDER BY "__row" LIMIT ?) AS keys',
      ['x', 2, 5],
    ],
  ])('end of the next page: %s', (_name, q, sql, params) => {
    expect(buildKeysetEndQuery(q)).toEqual({ sql, params });
  });

  it.each([
    [
      'from the start',
      { table: 't', columns: ['a', '__row'], tiebreaker: '__row', after: null, through: 41 },
      'SELECT "a", "__row" FROM "t" WHERE "__row" <= 41 ORDER BY "__row"',
      [],
    ],
    [
      'between two keys, with a filter',
      {
        table: 't',
        filters: [{ column: 'category', op: '=' as const, value: 'x' }],
        tiebreaker: '__row',
        after: 41n,
        through: 90n,
      },
      'SELECT * FROM "t" WHERE ("category" = ?) AND "__row" > 41 AND "__row" <= 90 ORDER BY "__row"',
      ['x'],
    ],
  ])('the rows of a page: %s', (_name, q, sql, params) => {
    expect(buildKeysetPageQuery(q)).toEqual({ sql, params });
  });

  it.each([[1.5], [Number.NaN], [2 ** 60]])('rejects the key %d', (after) => {
    expect(() => buildKeysetEndQuery({ table: 't', tiebreaker: '__row', after, limit: 1 })).toThrow();
    expect(() =>
      buildKeysetPageQuery({ table: 't', tiebreaker: '__row', after: 0, through: after }),
    ).toThrow();
  });
});

describe('two-step pages (keys, then rows by key)', () => {
  const sort = { column: 'created at', direction: 'desc' as const };
  it('reads the keys in the page order, filters and paging bound', () => {
    expect(
      buildKeyPageQuery({
        table: 't',
        sort,
        filters: [{ column: 'category', op: '=', value: 'x' }],
        tiebreaker: '__row',
        limit: 256,
        offset: 512,
      }),
    ).toEqual({
      sql: 'SELECT "__row" FROM "t" WHERE "category" = ? ORDER BY "created at" DESC NULLS LAST, "__row" ASC LIMIT 256 OFFSET 512',
      params: ['x'],
    });
  });

  it('reads the first keys with the count of every match when asked', () => {
    expect(
      buildKeyPageQuery({ table: 't', sort, tiebreaker: '__row', limit: 1000, offset: 0, withCount: true }),
    ).toEqual({
      sql: 'SELECT "__row", count(*) OVER () AS n FROM "t" ORDER BY "created at" DESC NULLS LAST, "__row" ASC LIMIT 1000 OFFSET 0',
      params: [],
    });
  });

  it.each([
    [
      'keys past 2^53 inlined exactly, in the same order',
      { keys: [9007199254740993n, 3n, 0] },
      'SELECT "a", "__row" FROM "t" WHERE "__row" IN (9007199254740993, 3, 0) ORDER BY "created at" DESC NULLS LAST, "__row" ASC',
    ],
    [
      'no keys: no rows, the columns still typed',
      { keys: [] },
      'SELECT "a", "__row" FROM "t" WHERE FALSE ORDER BY "created at" DESC NULLS LAST, "__row" ASC',
    ],
  ])('reads the rows: %s', (_name, { keys }, sql) => {
    expect(
      buildRowsByKeyQuery({ table: 't', columns: ['a', '__row'], sort, tiebreaker: '__row', keys }),
    ).toEqual({ sql, params: [] });
  });

  it.each([[1.5], [Number.NaN], [2 ** 60]])('rejects the key %d', (key) => {
    expect(() => buildRowsByKeyQuery({ table: 't', tiebreaker: '__row', keys: [1, key] })).toThrow();
  });
});

describe('buildCountQuery', () => {
  it('counts with the same filters', () => {
    expect(buildCountQuery({ table: 't', filters: [{ column: 'c', op: 'contains', value: 'x' }] })).toEqual({
      sql: `SELECT count(*) AS n FROM "t" WHERE CAST("c" AS VARCHAR) ILIKE ? ESCAPE '\\'`,
      params: ['%x%'],
    });
    expect(buildCountQuery({ table: 't' })).toEqual({ sql: 'SELECT count(*) AS n FROM "t"', params: [] });
  });
});

describe('SQL paging', () => {
  it('wraps the body on its own lines so a trailing comment stays harmless', () => {
    expect(buildSqlPageQuery('SELECT 1 -- c', 10, 20)).toBe(
      'SELECT * FROM (\nSELECT 1 -- c\n) AS memscope_q LIMIT 10 OFFSET 20',
    );
    expect(buildSqlCountQuery('FROM t')).toBe('SELECT count(*) AS n FROM (\nFROM t\n) AS memscope_q');
  });
  it('only inlines non-negative safe integers', () => {
    expect(() => buildSqlPageQuery('SELECT 1', 1e300, 0)).toThrow();
    expect(() => buildSqlPageQuery('SELECT 1', 10, -1)).toThrow();
  });
});
