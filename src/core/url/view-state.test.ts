import { describe, expect, it } from 'vitest';
import {
  EMPTY_EXPLORE_STATE,
  decodeExploreState,
  encodeExploreState,
  rowsView,
  viewFilters,
  type ExploreUrlState,
} from './view-state';
import type { ColumnPlan } from '../schema/column-plan';

describe('explore state in the URL', () => {
  const roundTrips: { name: string; state: ExploreUrlState }[] = [
    { name: 'nothing', state: EMPTY_EXPLORE_STATE },
    {
      name: 'filters of every value kind, exact bigints',
      state: {
        ...EMPTY_EXPLORE_STATE,
        filters: [
          { column: 'id', op: '=', value: 9007199254740993n },
          { column: 'content', op: 'contains', value: 'ünïcode "quotes" & %_' },
          { column: 'importance', op: '>=', value: 0.5 },
          { column: 'flag', op: '=', value: true },
          { column: 'summary', op: 'is null' },
        ],
      },
    },
    {
      name: 'facets, sort and row',
      state: {
        filters: [],
        selections: [
          { column: 'category', kind: 'value', values: ['a', 'b'] },
          { column: 'entities', kind: 'list', values: ['x'] },
        ],
        sort: { column: 'created_at', direction: 'desc' },
        row: 1279,
        search: 'Leo & "the library"',
      },
    },
    {
      name: 'histogram brushes of every scale, open sides, exact bigints',
      state: {
        ...EMPTY_EXPLORE_STATE,
        selections: [
          {
            column: 'created_at',
            kind: 'range',
            scale: 'time',
            lo: Date.UTC(2026, 0, 2),
            hi: Date.UTC(2026, 1, 1),
          },
          { column: 'importance', kind: 'range', scale: 'number', lo: 0.35, hi: null },
          { column: 'n', kind: 'range', scale: 'integer', lo: null, hi: 9007199254740993n },
          { column: 'a "quoted" col', kind: 'range', scale: 'integer', lo: 0n, hi: 20n },
        ],
      },
    },
  ];
  for (const c of roundTrips) {
    it(`round-trips ${c.name}`, () => {
      const text = encodeExploreState(c.state);
      expect(decodeExploreState(text)).toEqual(c.state);
      // Through the URL itself, as the browser stores it.
      const params = new URLSearchParams();
      if (text !== null) params.set('view', text);
      expect(decodeExploreState(new URLSearchParams(params.toString()).get('view'))).toEqual(c.state);
    });
  }
  it('writes nothing for the plain view', () => expect(encodeExploreState(EMPTY_EXPLORE_STATE)).toBe(null));

  const bad: { name: string; text: string; expected: Partial<ExploreUrlState> }[] = [
    { name: 'not JSON', text: '{oops', expected: {} },
    { name: 'an array', text: '[1]', expected: {} },
    { name: 'an unknown operator', text: '{"f":[["a","drop table","x"]]}', expected: {} },
    { name: 'a bad bigint', text: '{"f":[["a","=",{"$bigint":"12x"}]]}', expected: {} },
    { name: 'a negative row', text: '{"r":-1}', expected: {} },
    { name: 'a bad sort', text: '{"o":["a","sideways"]}', expected: {} },
    { name: 'a range open on both sides', text: '{"s":[["x","range",["number",null,null]]]}', expected: {} },
    { name: 'a range of an unknown scale', text: '{"s":[["x","range",["color",1,2]]]}', expected: {} },
    { name: 'a time range with text bounds', text: '{"s":[["x","range",["time","2026",2]]]}', expected: {} },
    {
      name: 'an integer range with a fraction',
      text: '{"s":[["x","range",["integer",1.5,2]]]}',
      expected: {},
    },
    { name: 'a range without bounds', text: '{"s":[["x","range",1]]}', expected: {} },
    {
      name: 'keeps the good pieces',
      text: '{"f":[["a","=",1],["b","?",2]],"o":["a","asc"]}',
      expected: { filters: [{ column: 'a', op: '=', value: 1 }], sort: { column: 'a', direction: 'asc' } },
    },
  ];
  for (const c of bad) {
    it(`drops ${c.name}`, () =>
      expect(decodeExploreState(c.text)).toEqual({ ...EMPTY_EXPLORE_STATE, ...c.expected }));
  }
});

describe('views built for other views', () => {
  it('rowsView: one in-set filter on __row that survives the URL', () => {
    const view = rowsView(Float64Array.from([3, 17, 1279]));
    expect(view.filters).toEqual([{ column: '__row', op: 'in-set', value: '[3,17,1279]' }]);
    expect(decodeExploreState(encodeExploreState(view))).toEqual(view);
  });
  it('viewFilters: filter bar, then search over the text columns, then facets', () => {
    const col = (name: string, role: ColumnPlan['role']): ColumnPlan => ({
      name,
      label: name,
      arrowType: 'Utf8',
      role,
      destination: 'duckdb',
      reason: '',
    });
    const filters = viewFilters(
      {
        ...EMPTY_EXPLORE_STATE,
        filters: [{ column: 'n', op: '>', value: 1 }],
        search: 'leo',
        selections: [{ column: 'topic', kind: 'value', values: ['a'] }],
      },
      [col('content', 'text'), col('topic', 'category')],
    );
    expect(filters).toEqual([
      { column: 'n', op: '>', value: 1 },
      { column: 'text', op: 'text-search', value: 'leo', columns: ['content'] },
      { column: 'topic', op: '=', value: 'a' },
    ]);
  });
});
