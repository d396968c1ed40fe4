import { describe, expect, it } from 'vitest';
import { Bool, Float64, Int32, Utf8 } from 'apache-arrow';
import { clampWidth, gridColumns, nextSort, type GridExtraColumn } from './column-model';
import type { GridSort } from '../../core/grid-source';
import { headerWidth } from './column-layout';

const extra: GridExtraColumn = { name: 'embedding', typeLabel: 'vector[384]', getCell: () => undefined };
const source = [
  { name: '__row', type: new Int32() },
  { name: 'memory_id', type: new Utf8() },
  { name: 'score', type: new Float64() },
  { name: 'flag', type: new Bool() },
];

describe('gridColumns', () => {
  const cases: [string, GridExtraColumn[] | undefined, string[], string[]][] = [
    ['hides the row-number column', undefined, ['__row'], ['s:memory_id', 's:score', 's:flag']],
    ['hides further columns', undefined, ['__row', 'score'], ['s:memory_id', 's:flag']],
    ['appends extra columns', [extra], ['__row'], ['s:memory_id', 's:score', 's:flag', 'x:embedding']],
    ['shows all with nothing hidden', [], [], ['s:__row', 's:memory_id', 's:score', 's:flag']],
  ];
  it.each(cases)('%s', (_name, extras, hidden, keys) => {
    expect(gridColumns(source, extras, new Set(hidden)).map((c) => c.key)).toEqual(keys);
  });

  it("shows the file's type where the source gives one, else the Arrow type's", () => {
    const typed = [{ name: 'created_at', type: new Int32(), typeLabel: 'timestamp[ms, UTC]' }, source[2]!];
    expect(gridColumns(typed, undefined, new Set()).map((c) => c.typeLabel)).toEqual([
      'timestamp[ms, UTC]',
      'float64',
    ]);
  });

  it('keeps source positions, numeric alignment and sortability', () => {
    const cols = gridColumns(source, [{ ...extra, width: 140 }], new Set(['__row']));
    expect(cols.map((c) => [c.name, c.source, c.numeric, c.sortable, c.extra === null])).toEqual([
      ['memory_id', 1, false, true, true],
      ['score', 2, true, true, true],
      ['flag', 3, false, true, true],
      ['embedding', null, false, false, false],
    ]);
    expect(cols[3]?.defaultWidth).toBe(140);
    expect(cols[3]?.typeLabel).toBe('vector[384]');
  });

  it.each([
    ['a short header', { ...extra, name: 'v', typeLabel: 'f32' }, 160],
    ['a header wider than the default', extra, headerWidth('embedding', 'vector[384]')],
  ])('gives extra columns a default width: %s', (_name, column, expected) => {
    expect(gridColumns([], [column], new Set())[0]?.defaultWidth).toBe(expected);
  });
});

describe('clampWidth', () => {
  it.each([
    [100, 100],
    [100.4, 100],
    [10, 48],
    [-5, 48],
    [5000, 1200],
  ])('%d -> %d', (width, expected) => {
    expect(clampWidth(width)).toBe(expected);
  });
});

describe('nextSort', () => {
  const cases: [string, GridSort | null, GridSort | null][] = [
    ['unsorted -> ascending', null, { column: 'a', direction: 'asc' }],
    ['ascending -> descending', { column: 'a', direction: 'asc' }, { column: 'a', direction: 'desc' }],
    ['descending -> off', { column: 'a', direction: 'desc' }, null],
    ['another column -> ascending', { column: 'b', direction: 'desc' }, { column: 'a', direction: 'asc' }],
  ];
  it.each(cases)('%s', (_name, sort, expected) => {
    expect(nextSort(sort, 'a')).toEqual(expected);
  });
});
