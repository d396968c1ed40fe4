import { describe, expect, it } from 'vitest';
import { classifySql, isPageableQuery, splitStatements } from './statement';

describe('classifySql', () => {
  it.each([
    ['SELECT 1', 'query', 'SELECT'],
    ['  select * from t;  ', 'query', 'SELECT'],
    ['FROM t', 'query', 'FROM'],
    ['with a as (select 1) select * from a', 'query', 'WITH'],
    ['VALUES (1), (2)', 'query', 'VALUES'],
    ['TABLE t', 'query', 'TABLE'],
    ['PIVOT t ON c USING sum(x)', 'query', 'PIVOT'],
    ['(SELECT 1) UNION (SELECT 2)', 'query', 'SELECT'],
    ['-- leading comment\nSELECT 1', 'query', 'SELECT'],
    ['/* a /* nested */ comment */ SELECT 1', 'query', 'SELECT'],
    ['SELECT 1 -- trailing comment', 'query', 'SELECT'],
    ["SELECT 'a; DROP TABLE t' AS s", 'query', 'SELECT'],
    ['SELECT "weird;name" FROM t', 'query', 'SELECT'],
    ["SELECT E'it\\'s; here'", 'query', 'SELECT'],
    ['SELECT $$ ; $$ AS x', 'query', 'SELECT'],
    ['SELECT set, load FROM t', 'query', 'SELECT'],
    ['with a as (select 1) insert into t select * from a', 'other', 'WITH'],
    ['EXPLAIN SELECT 1', 'inspect', 'EXPLAIN'],
    ['DESCRIBE t', 'inspect', 'DESCRIBE'],
    ['CREATE TABLE x AS SELECT 1', 'other', 'CREATE'],
    ['INSERT INTO t VALUES (1)', 'other', 'INSERT'],
    ['SET threads=1', 'other', 'SET'],
    ['SELECT 1; SELECT 2', 'other', 'SELECT'],
    ['SELECT 1;;  ', 'query', 'SELECT'],
    ['', 'empty', null],
    ['  -- only a comment\n /* and this */ ', 'empty', null],
    ['; ;', 'empty', null],
    ['(1)', 'other', null],
  ] as const)('%j is %s', (sql, kind, keyword) => {
    const info = classifySql(sql);
    expect(info.kind).toBe(kind);
    expect(info.keyword).toBe(keyword);
  });

  it('counts statements outside literals and comments', () => {
    expect(classifySql("SELECT ';'; -- ;\n SELECT 2; /* ; */").statementCount).toBe(2);
  });

  it.each([
    ['SELECT 1;', 'SELECT 1'],
    ['SELECT 1 ; -- done', 'SELECT 1'],
    ['SELECT 1 -- note', 'SELECT 1 -- note'],
    ['  FROM t  ;;', 'FROM t'],
    ["SELECT ';'", "SELECT ';'"],
  ])('body of %j is %j', (sql, body) => {
    expect(classifySql(sql).body).toBe(body);
  });

  it('isPageableQuery is true only for one read-only query', () => {
    expect(isPageableQuery('select 1')).toBe(true);
    expect(isPageableQuery('select 1; select 2')).toBe(false);
    expect(isPageableQuery('drop table t')).toBe(false);
  });
});

describe('splitStatements', () => {
  it.each([
    ['SELECT 1', ['SELECT 1']],
    ['SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    [
      'SELECT 1; SELECT sum(a.range*b.range) FROM range(300000) a, range(300000) b',
      ['SELECT 1', 'SELECT sum(a.range*b.range) FROM range(300000) a, range(300000) b'],
    ],
    ['SELECT \'a;b\'; SELECT "x;y" FROM t', ["SELECT 'a;b'", 'SELECT "x;y" FROM t']],
    ['-- lead\nSELECT 1; /* mid; */ SELECT $$;$$', ['SELECT 1', 'SELECT $$;$$']],
    ['SELECT 1 -- tail comment', ['SELECT 1 -- tail comment']],
    [';;  ; ', []],
    [
      'CREATE TABLE t (x INT);\nINSERT INTO t VALUES (1);\nSELECT * FROM t',
      ['CREATE TABLE t (x INT)', 'INSERT INTO t VALUES (1)', 'SELECT * FROM t'],
    ],
  ])('%j', (sql, expected) => {
    expect(splitStatements(sql)).toEqual(expected);
  });
});
