import { describe, expect, it } from 'vitest';
import {
  KEYED_FETCH_MAX_ROWS,
  TWO_STEP_MIN_MATCHES,
  buildCreateRowIndex,
  buildDropRowIndex,
  fetchesByKey,
  hasRowIndexIn,
  keyBlocksOf,
  rowIndexName,
} from './row-index';

describe('the row index statements', () => {
  it.each([
    [
      'a plain name',
      'memories',
      'CREATE INDEX IF NOT EXISTS "memories__row_index" ON "memories" ("__row")',
      'DROP INDEX IF EXISTS "memories__row_index"',
    ],
    [
      'a name with a quote and a space: quoted, never spliced',
      'my "odd" table',
      'CREATE INDEX IF NOT EXISTS "my ""odd"" table__row_index" ON "my ""odd"" table" ("__row")',
      'DROP INDEX IF EXISTS "my ""odd"" table__row_index"',
    ],
  ])('%s', (_name, table, create, drop) => {
    expect(buildCreateRowIndex(table, '__row')).toBe(create);
    expect(buildDropRowIndex(table)).toBe(drop);
  });

  // The catalog's rows are matched in JS: a table name never enters that statement.
  it.each([
    ['its own index', [{ table_name: 't', index_name: 't__row_index' }], 't', true],
    ['no index at all', [], 't', false],
    ["another table's", [{ table_name: 'u', index_name: 'u__row_index' }], 't', false],
    ["an index of its named like another's", [{ table_name: 't', index_name: 'u__row_index' }], 't', false],
    [
      'a quoted name',
      [{ table_name: 'my "odd" table', index_name: rowIndexName('my "odd" table') }],
      'my "odd" table',
      true,
    ],
    ['a name in another case', [{ table_name: 'T', index_name: 'T__row_index' }], 't', false],
  ])('finds %s', (_name, rows, table, found) => {
    expect(hasRowIndexIn(rows, table)).toBe(found);
  });
});

describe('key blocks', () => {
  it.each([
    ['nothing asked', 0, 0, []],
    ['the first page', 0, 128, [0]],
    ['a page that ends on a block edge', 872, 128, [0]],
    ['a page across an edge', 990, 20, [0, 1]],
    ['a page starting on an edge', 1000, 128, [1]],
    ['a fetch over three blocks', 999, 1002, [0, 1, 2]],
    ['deep in a big view', 123_456, 256, [123]],
  ])('%s: rows [%i, +%i) are in blocks %j', (_name, offset, limit, blocks) => {
    expect(keyBlocksOf(offset, limit, 1000)).toEqual(blocks);
  });
});

describe('which fetches go by key', () => {
  it.each([
    ['a screen-sized page, few matches', 128, 10, true],
    ['the largest page by key, few matches', KEYED_FETCH_MAX_ROWS, 10, true],
    ['1,000 rows of few matches: the one query', 1000, TWO_STEP_MIN_MATCHES - 1, false],
    ['1,000 rows of many matches: by key', 1000, TWO_STEP_MIN_MATCHES, true],
  ])('%s', (_name, limit, matches, byKey) => {
    expect(fetchesByKey(limit, matches)).toBe(byKey);
  });
});
