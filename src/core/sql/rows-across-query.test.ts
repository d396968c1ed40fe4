import { describe, expect, it } from 'vitest';
import { buildRowsAcrossQuery, fileColumnName } from './rows-across-query';

describe('fileColumnName', () => {
  it.each([
    [['rank', 'score', 'memory_id'], 'file'],
    [['File'], '__file'],
    [['file', '__file', '__FILE_1'], '__file_2'],
  ])('%j -> %s', (taken, name) => {
    expect(fileColumnName(taken)).toBe(name);
  });
});

describe('buildRowsAcrossQuery', () => {
  const part = (table: string, rows: number[], ranks: number[], exclude?: string[]) => ({
    table,
    fileName: `${table}.parquet`,
    rows,
    ranks,
    ...(exclude ? { exclude } : {}),
  });
  it('one SELECT per file with hits, united by name, ordered by rank; lists bound as text', () => {
    const q = buildRowsAcrossQuery([
      part('a', [4, 1], [0, 2]),
      part('empty', [], []),
      part('b"x', [7], [1], ['emb"v']),
    ]);
    expect(q.sql).toBe(
      'SELECT * EXCLUDE (memscope_rank) FROM (' +
        'SELECT q.memscope_rank, t.* FROM "a" t JOIN (SELECT unnest(?::BIGINT[]) AS "__row", unnest(?::BIGINT[]) AS memscope_rank) q USING ("__row")' +
        ' UNION ALL BY NAME ' +
        'SELECT q.memscope_rank, t.* EXCLUDE ("emb""v") FROM "b""x" t JOIN (SELECT unnest(?::BIGINT[]) AS "__row", unnest(?::BIGINT[]) AS memscope_rank) q USING ("__row")' +
        ') AS memscope_hits ORDER BY memscope_rank',
    );
    expect(q.params).toEqual(['[4,1]', '[0,2]', '[7]', '[1]']);
  });
  it.each([
    ['no rows at all', [part('a', [], [])], /No rows/],
    ['a rank missing', [part('a', [1, 2], [0])], /one rank per row/],
    ['not a row number', [part('a', [1.5], [0])], /Not a row number/],
  ])('refuses %s', (_name, parts, error) => {
    expect(() => buildRowsAcrossQuery(parts)).toThrow(error);
  });
});
