import { describe, expect, it } from 'vitest';
import { buildRowLookupQuery, type RowLookupQuery } from './row-lookup';
import type { SqlParam } from './table-query';

describe('buildRowLookupQuery', () => {
  const base: RowLookupQuery = { table: 'experiences', idColumn: 'memory_id', idIsText: true, id: 'mem-1' };
  const cases: [string, RowLookupQuery, string, SqlParam[]][] = [
    [
      'unsorted, file order by the tiebreaker',
      { ...base, tiebreaker: '__row' },
      'SELECT (SELECT CAST(count(*) AS DOUBLE) FROM "experiences" WHERE "memory_id" = ?) AS found, (SELECT CAST(min(pos) AS DOUBLE) FROM (SELECT "memory_id" AS memscope_key, row_number() OVER (ORDER BY "__row" ASC) - 1 AS pos FROM "experiences") AS memscope_v WHERE memscope_key = ?) AS pos',
      ['mem-1', 'mem-1'],
    ],
    [
      'sorted and filtered like the grid',
      {
        ...base,
        tiebreaker: '__row',
        sort: { column: 'created_at', direction: 'desc' },
        filters: [{ column: 'category', op: '=', value: 'skills' }],
      },
      'SELECT (SELECT CAST(count(*) AS DOUBLE) FROM "experiences" WHERE "memory_id" = ?) AS found, (SELECT CAST(min(pos) AS DOUBLE) FROM (SELECT "memory_id" AS memscope_key, row_number() OVER (ORDER BY "created_at" DESC NULLS LAST, "__row" ASC) - 1 AS pos FROM "experiences" WHERE "category" = ?) AS memscope_v WHERE memscope_key = ?) AS pos',
      ['mem-1', 'skills', 'mem-1'],
    ],
    [
      'integer id compared as text; no tiebreaker; quoted names',
      { ...base, table: 't"x', idColumn: 'i"d', idIsText: false, id: "1' OR 1=1" },
      `SELECT (SELECT CAST(count(*) AS DOUBLE) FROM "t""x" WHERE CAST("i""d" AS VARCHAR) = ?) AS found, (SELECT CAST(min(pos) AS DOUBLE) FROM (SELECT CAST("i""d" AS VARCHAR) AS memscope_key, row_number() OVER () - 1 AS pos FROM "t""x") AS memscope_v WHERE memscope_key = ?) AS pos`,
      ["1' OR 1=1", "1' OR 1=1"],
    ],
  ];
  it.each(cases)('%s', (_name, query, sql, params) => {
    expect(buildRowLookupQuery(query)).toEqual({ sql, params });
  });
});
