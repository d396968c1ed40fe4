import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../errors';
import { profileStatement } from './profile-statement';

describe('profileStatement', () => {
  it.each([
    ['SELECT 1;', 'EXPLAIN (ANALYZE, FORMAT JSON)\nSELECT 1\n', true, 'SELECT 1'],
    [
      '  FROM t WHERE a > 2 -- note',
      'EXPLAIN (ANALYZE, FORMAT JSON)\nFROM t WHERE a > 2 -- note\n',
      true,
      'FROM t WHERE a > 2 -- note',
    ],
    ['EXPLAIN SELECT * FROM t', 'EXPLAIN (FORMAT JSON)\nSELECT * FROM t\n', false, 'SELECT * FROM t'],
    ['explain analyze SELECT 2', 'EXPLAIN (ANALYZE, FORMAT JSON)\nSELECT 2\n', true, 'SELECT 2'],
    ['EXPLAIN (FORMAT JSON) SELECT 3', 'EXPLAIN (FORMAT JSON)\nSELECT 3\n', false, 'SELECT 3'],
    [
      'EXPLAIN (ANALYZE, FORMAT json) WITH a AS (SELECT 1) SELECT * FROM a',
      'EXPLAIN (ANALYZE, FORMAT JSON)\nWITH a AS (SELECT 1) SELECT * FROM a\n',
      true,
      'WITH a AS (SELECT 1) SELECT * FROM a',
    ],
  ])('%j', (input, sql, analyzed, query) => {
    expect(profileStatement(input)).toEqual({ sql, analyzed, query });
  });

  it.each([
    ['', /no query/],
    ['DELETE FROM t', /read-only/],
    ['WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a', /read-only/],
    ['EXPLAIN DELETE FROM t', /read-only/],
    ['SELECT 1; SELECT 2', /one query/],
  ])('refuses %j', (input, message) => {
    expect(() => profileStatement(input)).toThrow(MemscopeError);
    expect(() => profileStatement(input)).toThrow(message);
  });
});
