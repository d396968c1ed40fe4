import { describe, expect, it } from 'vitest';
import { colourCodesQuery, colourValuesQuery } from './colour-query';
import type { SqlParam } from './table-query';

describe('colourValuesQuery', () => {
  it.each([
    [
      'a plain column',
      't',
      'topic',
      10,
      'WITH g AS (SELECT CAST("topic" AS VARCHAR) AS v, count(*) AS n FROM "t" GROUP BY 1) SELECT v, CAST(n AS DOUBLE) AS n, CAST((SELECT count(*) FROM g) AS DOUBLE) AS distinct_values FROM g ORDER BY n DESC, v ASC NULLS LAST LIMIT 10',
    ],
    [
      'quoted names, a fractional limit',
      'a"b',
      'c d',
      2.7,
      'WITH g AS (SELECT CAST("c d" AS VARCHAR) AS v, count(*) AS n FROM "a""b" GROUP BY 1) SELECT v, CAST(n AS DOUBLE) AS n, CAST((SELECT count(*) FROM g) AS DOUBLE) AS distinct_values FROM g ORDER BY n DESC, v ASC NULLS LAST LIMIT 2',
    ],
  ])('%s', (_name, table, column, limit, sql) => {
    expect(colourValuesQuery(table, column, limit)).toEqual({ sql, params: [] });
  });
});

describe('colourCodesQuery', () => {
  const cases: [string, (string | null)[], string, SqlParam[]][] = [
    [
      'values bound as parameters, NULL by IS NULL',
      ['x', null, "y' OR 1=1"],
      'SELECT CAST("__row" AS UINTEGER) AS r, CAST(CASE WHEN CAST("k" AS VARCHAR) = ? THEN 1 WHEN "k" IS NULL THEN 2 WHEN CAST("k" AS VARCHAR) = ? THEN 3 ELSE 0 END AS USMALLINT) AS code FROM "t"',
      ['x', "y' OR 1=1"],
    ],
    [
      'no values: every row is Other',
      [],
      'SELECT CAST("__row" AS UINTEGER) AS r, CAST(0 AS USMALLINT) AS code FROM "t"',
      [],
    ],
  ];
  it.each(cases)('%s', (_name, values, sql, params) => {
    expect(colourCodesQuery('t', 'k', '__row', values)).toEqual({ sql, params });
  });
});
