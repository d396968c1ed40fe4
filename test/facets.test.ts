import { Field, List, Table, Utf8, tableToIPC, vectorFromArray, Int64 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../src/data/db/db-client';
import { facetCounts, lookupRow, lookupRowIndexed, pickFacets } from '../src/data/db/facets';
import { buildIdIndex } from '../src/data/db/id-index';
import { duckdbColumn } from './support/column-plans';
import { createNodeDb } from './support/node-db';

// Six memories: the facet and lookup queries run in DuckDB against counts worked out by hand here.
const rows = [
  { id: 'm0', category: 'skills', topic: 'rust', entities: ['wasm', 'arrow'] },
  { id: 'm1', category: 'skills', topic: 'sql', entities: ['duckdb'] },
  { id: 'm2', category: 'knowledge', topic: 'rust', entities: ['wasm'] },
  { id: 'm3', category: 'knowledge', topic: 'rust', entities: ['arrow', 'duckdb'] },
  { id: 'm4', category: 'knowledge', topic: 'sql', entities: [] },
  { id: 'm5', category: 'skills', topic: 'rust', entities: ['wasm'] },
];

let db: DbClient;
beforeAll(async () => {
  db = await createNodeDb();
  const table = new Table({
    __row: vectorFromArray(
      rows.map((_, i) => BigInt(i)),
      new Int64(),
    ),
    memory_id: vectorFromArray(
      rows.map((r) => r.id),
      new Utf8(),
    ),
    category: vectorFromArray(
      rows.map((r) => r.category),
      new Utf8(),
    ),
    topic: vectorFromArray(
      rows.map((r) => r.topic),
      new Utf8(),
    ),
    entities: vectorFromArray(
      rows.map((r) => r.entities),
      new List(new Field('item', new Utf8(), true)),
    ),
  });
  await db.insertArrowIpc('mem', tableToIPC(table, 'stream'), { create: true });
});
afterAll(async () => {
  await db?.close();
});

const plan = duckdbColumn;

describe('facets over DuckDB', () => {
  it('picks the low-cardinality string columns and the entities list', async () => {
    const facets = await pickFacets(db, 'mem', [
      plan('memory_id', 'Utf8', 'id'),
      plan('category', 'Utf8', 'category'),
      plan('topic', 'Utf8', 'other'),
      plan('entities', 'List<Utf8>', 'entities'),
    ]);
    expect(facets).toEqual([
      { column: 'category', kind: 'value' },
      { column: 'topic', kind: 'value' },
      { column: 'entities', kind: 'list' },
    ]);
  });

  const topicRust = { column: 'topic', kind: 'value' as const, values: ['rust'] };
  const category = { column: 'category', kind: 'value' as const };
  const cases: [string, Parameters<typeof facetCounts>[1], { value: string; count: number }[]][] = [
    [
      'category counts under the topic selection',
      { table: 'mem', facet: category, filters: [], selections: [topicRust], limit: 10 },
      [
        { value: 'knowledge', count: 2 },
        { value: 'skills', count: 2 },
      ],
    ],
    [
      "a facet's own selection does not narrow its counts",
      {
        table: 'mem',
        facet: category,
        filters: [],
        selections: [{ ...category, values: ['skills'] }],
        limit: 10,
      },
      [
        { value: 'knowledge', count: 3 },
        { value: 'skills', count: 3 },
      ],
    ],
    [
      'entities under category = skills, searched',
      {
        table: 'mem',
        facet: { column: 'entities', kind: 'list' },
        filters: [],
        selections: [{ ...category, values: ['skills'] }],
        limit: 10,
        search: 'A',
      },
      [
        { value: 'wasm', count: 2 },
        { value: 'arrow', count: 1 },
      ],
    ],
  ];
  it.each(cases)('%s', async (_name, query, expected) => {
    expect(await facetCounts(db, query)).toEqual(expected);
  });

  it.each([
    ['in view, file order', {}, { found: true, position: 3 }],
    [
      'filtered and sorted',
      {
        filters: [{ column: 'topic', op: '=' as const, value: 'rust' }],
        sort: { column: 'memory_id', direction: 'desc' as const },
      },
      { found: true, position: 1 },
    ],
    [
      'hidden by a filter',
      { filters: [{ column: 'topic', op: '=' as const, value: 'sql' }] },
      { found: true, position: null },
    ],
  ])('looks up m3: %s', async (_name, view, expected) => {
    const result = await lookupRow(db, {
      table: 'mem',
      idColumn: 'memory_id',
      idIsText: true,
      id: 'm3',
      tiebreaker: '__row',
      ...view,
    });
    expect(result).toEqual(expected);
  });

  it('says when the id is not there at all', async () => {
    expect(await lookupRow(db, { table: 'mem', idColumn: 'memory_id', idIsText: true, id: 'nope' })).toEqual({
      found: false,
    });
  });

  it('the id index answers as the query does, for every id in every view', async () => {
    const index = await buildIdIndex(db, 'mem', 'memory_id');
    const views = [
      {},
      { sort: { column: 'topic', direction: 'asc' as const } },
      { filters: [{ column: 'category', op: '=' as const, value: 'knowledge' }] },
      {
        filters: [{ column: 'topic', op: '=' as const, value: 'rust' }],
        sort: { column: 'memory_id', direction: 'desc' as const },
      },
    ];
    for (const view of views) {
      for (const id of [...rows.map((r) => r.id), 'nope', 'M1', '']) {
        const query = {
          table: 'mem',
          idColumn: 'memory_id',
          idIsText: true,
          id,
          tiebreaker: '__row',
          ...view,
        };
        expect(await lookupRowIndexed(db, index, query), `${id} in ${JSON.stringify(view)}`).toEqual(
          await lookupRow(db, query),
        );
      }
    }
    expect(index.lookup('m4')).toBe(4);
  });
});
