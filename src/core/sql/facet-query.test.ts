import { describe, expect, it } from 'vitest';
import {
  buildDistinctCountsQuery,
  buildFacetCountsQuery,
  selectionFilters,
  type FacetCountsQuery,
  type FacetSelection,
} from './facet-query';
import type { Filter, SqlParam } from './table-query';

const category: FacetSelection = { column: 'category', kind: 'value', values: ['skills'] };
const entities: FacetSelection = { column: 'entities', kind: 'list', values: ['rust', 'wasm'] };

describe('selectionFilters', () => {
  const cases: [string, FacetSelection[], string | undefined, Filter[]][] = [
    ['none', [], undefined, []],
    ['value facet', [category], undefined, [{ column: 'category', op: '=', value: 'skills' }]],
    [
      'list facet: every selected element',
      [entities],
      undefined,
      [
        { column: 'entities', op: 'list-contains', value: 'rust' },
        { column: 'entities', op: 'list-contains', value: 'wasm' },
      ],
    ],
    [
      'leaves out its own facet',
      [category, entities],
      'entities',
      [{ column: 'category', op: '=', value: 'skills' }],
    ],
    ['empty selection adds nothing', [{ column: 'topic', kind: 'value', values: [] }], undefined, []],
    [
      'time range: ISO 8601 UTC bounds, half-open',
      [
        {
          column: 'created_at',
          kind: 'range',
          scale: 'time',
          lo: Date.UTC(2026, 0, 2),
          hi: Date.UTC(2026, 1, 1),
        },
      ],
      undefined,
      [
        { column: 'created_at', op: '>=', value: '2026-01-02T00:00:00.000Z' },
        { column: 'created_at', op: '<', value: '2026-02-01T00:00:00.000Z' },
      ],
    ],
    [
      'integer range: exact bigints past 2^53',
      [{ column: 'n', kind: 'range', scale: 'integer', lo: 9007199254740993n, hi: 9007199254740995n }],
      undefined,
      [
        { column: 'n', op: '>=', value: 9007199254740993n },
        { column: 'n', op: '<', value: 9007199254740995n },
      ],
    ],
    [
      'integer range from fractional numbers: the same integers',
      [{ column: 'n', kind: 'range', scale: 'integer', lo: 2.5, hi: 4 }],
      undefined,
      [
        { column: 'n', op: '>=', value: 3n },
        { column: 'n', op: '<', value: 4n },
      ],
    ],
    [
      'number range open above',
      [{ column: 'importance', kind: 'range', scale: 'number', lo: 0.35, hi: null }],
      undefined,
      [{ column: 'importance', op: '>=', value: 0.35 }],
    ],
    [
      'a range leaves out its own histogram',
      [category, { column: 'importance', kind: 'range', scale: 'number', lo: null, hi: 0.5 }],
      'importance',
      [{ column: 'category', op: '=', value: 'skills' }],
    ],
  ];
  it.each(cases)('%s', (_name, selections, except, filters) => {
    expect(selectionFilters(selections, except)).toEqual(filters);
  });
});

describe('buildFacetCountsQuery', () => {
  const base = { table: 'experiences', filters: [], selections: [], limit: 20 };
  const cases: [string, FacetCountsQuery, string, SqlParam[]][] = [
    [
      'value facet, nothing selected',
      { ...base, facet: { column: 'category', kind: 'value' } },
      'SELECT value, CAST(count(*) AS DOUBLE) AS n FROM (SELECT CAST("category" AS VARCHAR) AS value FROM "experiences") AS facet WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value ASC LIMIT ?',
      [20],
    ],
    [
      'own selection left out, the others and the filter bar applied',
      {
        ...base,
        facet: { column: 'category', kind: 'value' },
        filters: [{ column: 'importance', op: '>', value: 0.5 }],
        selections: [category, entities],
      },
      'SELECT value, CAST(count(*) AS DOUBLE) AS n FROM (SELECT CAST("category" AS VARCHAR) AS value FROM "experiences" WHERE "importance" > ? AND list_contains("entities", ?) AND list_contains("entities", ?)) AS facet WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value ASC LIMIT ?',
      [0.5, 'rust', 'wasm', 20],
    ],
    [
      'list facet unnests, searched with wildcards escaped',
      { ...base, facet: { column: 'entities', kind: 'list' }, selections: [category], search: ' 50%_ ' },
      `SELECT value, CAST(count(*) AS DOUBLE) AS n FROM (SELECT unnest("entities") AS value FROM "experiences" WHERE "category" = ?) AS facet WHERE value IS NOT NULL AND value ILIKE ? ESCAPE '\\' GROUP BY value ORDER BY n DESC, value ASC LIMIT ?`,
      ['skills', '%50\\%\\_%', 20],
    ],
    [
      'identifiers quoted',
      { ...base, table: 'my "t"', facet: { column: 'we"ird', kind: 'value' }, limit: 5 },
      'SELECT value, CAST(count(*) AS DOUBLE) AS n FROM (SELECT CAST("we""ird" AS VARCHAR) AS value FROM "my ""t""") AS facet WHERE value IS NOT NULL GROUP BY value ORDER BY n DESC, value ASC LIMIT ?',
      [5],
    ],
  ];
  it.each(cases)('%s', (_name, query, sql, params) => {
    expect(buildFacetCountsQuery(query)).toEqual({ sql, params });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects the limit %s', (limit) => {
    expect(() => buildFacetCountsQuery({ ...base, limit, facet: { column: 'c', kind: 'value' } })).toThrow(
      /limit/,
    );
  });
});

describe('buildDistinctCountsQuery', () => {
  it.each([
    [['category'], 'SELECT CAST(approx_count_distinct("category") AS DOUBLE) AS d0 FROM "t"'],
    [
      ['category', 'to"pic'],
      'SELECT CAST(approx_count_distinct("category") AS DOUBLE) AS d0, CAST(approx_count_distinct("to""pic") AS DOUBLE) AS d1 FROM "t"',
    ],
  ])('%j', (columns, sql) => {
    expect(buildDistinctCountsQuery('t', columns)).toEqual({ sql, params: [] });
  });
  it('rejects no columns', () => expect(() => buildDistinctCountsQuery('t', [])).toThrow());
});
