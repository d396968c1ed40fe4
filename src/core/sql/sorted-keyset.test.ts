import { describe, expect, it } from 'vitest';
import {
  buildSortBoundsQuery,
  buildSortedRangeQuery,
  isKeysetBound,
  type SortPosition,
  type SortedKeysetQuery,
} from './sorted-keyset';

const base: SortedKeysetQuery = {
  table: 'my "t"',
  columns: ['a', '__row'],
  sort: { column: 'k"ey', direction: 'asc' },
  tiebreaker: '__row',
};
const at = (key: string | null, row: number, type = 'DOUBLE'): SortPosition => ({ key, type, row });
const ORDER_ASC = 'ORDER BY "k""ey" ASC NULLS LAST, "__row" ASC';
const ORDER_DESC = 'ORDER BY "k""ey" DESC NULLS LAST, "__row" ASC';
const SELECT = 'SELECT "a", "__row" FROM "my ""t"""';

describe('buildSortBoundsQuery', () => {
  it('sorts the key and the tiebreaker alone and returns every n-th position, filters bound', () => {
    expect(
      buildSortBoundsQuery({ ...base, filters: [{ column: 'c', op: '=', value: 'x' }], every: 50 }),
    ).toEqual({
      sql:
        'SELECT CAST(k AS VARCHAR) AS "key", typeof(k) AS "type", r AS "row" FROM (' +
        `SELECT "k""ey" AS k, "__row" AS r, row_number() OVER (${ORDER_ASC}) AS p ` +
        'FROM "my ""t""" WHERE "c" = ?) AS bounds WHERE p % ? = 0 ORDER BY p',
      params: ['x', 50],
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects the spacing %d', (every) => {
    expect(() => buildSortBoundsQuery({ ...base, every })).toThrow();
  });
});

describe('buildSortedRangeQuery', () => {
  it.each<
    [
      string,
      Partial<SortedKeysetQuery> & { after: SortPosition | null; through: SortPosition | null },
      string,
    ]
  >([
    ['everything (one read)', { after: null, through: null }, `${SELECT} ${ORDER_ASC}`],
    [
      'ascending, from the start',
      { after: null, through: at('2.5', 9) },
      `${SELECT} WHERE ("k""ey" < CAST('2.5' AS DOUBLE) OR ("k""ey" = CAST('2.5' AS DOUBLE) AND "__row" <= 9)) AND "k""ey" <= CAST('2.5' AS DOUBLE) ${ORDER_ASC}`,
    ],
    [
      'ascending, between two keys: the plain range is added for the scan',
      { after: at('-inf', 3), through: at('nan', 9) },
      `${SELECT} WHERE ("k""ey" > CAST('-inf' AS DOUBLE) OR ("k""ey" = CAST('-inf' AS DOUBLE) AND "__row" > 3) OR "k""ey" IS NULL) AND "k""ey" >= CAST('-inf' AS DOUBLE) AND ("k""ey" < CAST('nan' AS DOUBLE) OR ("k""ey" = CAST('nan' AS DOUBLE) AND "__row" <= 9)) AND "k""ey" <= CAST('nan' AS DOUBLE) ${ORDER_ASC}`,
    ],
    [
      'descending, into the NULLs: no plain range (NULLs follow)',
      { sort: { column: 'k"ey', direction: 'desc' }, after: at('1', 3), through: at(null, 40) },
      `${SELECT} WHERE ("k""ey" < CAST('1' AS DOUBLE) OR ("k""ey" = CAST('1' AS DOUBLE) AND "__row" > 3) OR "k""ey" IS NULL) AND ("k""ey" IS NOT NULL OR "__row" <= 40) ${ORDER_DESC}`,
    ],
    [
      'descending, to the end',
      { sort: { column: 'k"ey', direction: 'desc' }, after: at('1', 3), through: null },
      `${SELECT} WHERE ("k""ey" < CAST('1' AS DOUBLE) OR ("k""ey" = CAST('1' AS DOUBLE) AND "__row" > 3) OR "k""ey" IS NULL) ${ORDER_DESC}`,
    ],
    [
      'inside the NULLs',
      { after: at(null, 40), through: at(null, 77) },
      `${SELECT} WHERE "k""ey" IS NULL AND "__row" > 40 AND ("k""ey" IS NOT NULL OR "__row" <= 77) ${ORDER_ASC}`,
    ],
    [
      'a string key is quoted as a literal, a timestamp keeps its type',
      { after: at("it's", 1, 'VARCHAR'), through: at('2024-01-01 00:00:00.000001', 2, 'TIMESTAMP') },
      `${SELECT} WHERE ("k""ey" > CAST('it''s' AS VARCHAR) OR ("k""ey" = CAST('it''s' AS VARCHAR) AND "__row" > 1) OR "k""ey" IS NULL) AND "k""ey" >= CAST('it''s' AS VARCHAR) AND ("k""ey" < CAST('2024-01-01 00:00:00.000001' AS TIMESTAMP) OR ("k""ey" = CAST('2024-01-01 00:00:00.000001' AS TIMESTAMP) AND "__row" <= 2)) AND "k""ey" <= CAST('2024-01-01 00:00:00.000001' AS TIMESTAMP) ${ORDER_ASC}`,
    ],
  ])('%s', (_name, q, sql) => {
    expect(buildSortedRangeQuery({ ...base, ...q })).toEqual({ sql, params: [] });
  });

  it('keeps the filters as one term, their values bound', () => {
    const q = buildSortedRangeQuery({
      ...base,
      filters: [
        { column: 'c', op: '=', value: 'x' },
        { column: 'n', op: '>', value: 2 },
      ],
      after: null,
      through: null,
    });
    expect(q).toEqual({ sql: `${SELECT} WHERE ("c" = ? AND "n" > ?) ${ORDER_ASC}`, params: ['x', 2] });
  });

  it.each<[string, SortPosition]>([
    ['a list type', at('[1, 2]', 1, 'INTEGER[]')],
    ['a type with SQL in it', at('1', 1, 'DOUBLE) OR (1=1')],
    ['a NUL in the key', at('a\u0000b', 1, 'VARCHAR')],
    ['a row that is not an integer', at('1', 1.5)],
    ['a row past 2^53 as a number', at('1', 2 ** 60)],
  ])('refuses %s', (_name, position) => {
    expect(() => buildSortedRangeQuery({ ...base, after: position, through: null })).toThrow();
  });

  it.each<[string, boolean]>([
    ['DOUBLE', true],
    ['FLOAT', true],
    ['VARCHAR', true],
    ['TIMESTAMP WITH TIME ZONE', true],
    ['DECIMAL(18,3)', true],
    ['BIGINT', true],
    ['VARCHAR[]', false],
    ['STRUCT(a INTEGER)', false],
    ["ENUM('a', 'b')", false],
    ['BLOB', false],
  ])('a key of type %s can bound a read: %s', (type, ok) => {
    expect(isKeysetBound(at('1', 0, type))).toBe(ok);
  });
});
