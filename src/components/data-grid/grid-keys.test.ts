import { describe, expect, it } from 'vitest';
import { gridKeyAction, pageRowsFor, type GridKeyAction, type GridKeyInput } from './grid-keys';

const base: GridKeyInput = {
  key: '',
  mod: false,
  active: { row: 10, col: 2 },
  firstVisibleRow: 7,
  pageRows: 20,
  rowCount: 1000,
  colCount: 6,
};
const move = (row: number, col: number): GridKeyAction => ({ type: 'move', row, col });

describe('gridKeyAction', () => {
  const cases: [string, Partial<GridKeyInput>, GridKeyAction][] = [
    ['ArrowDown moves down', { key: 'ArrowDown' }, move(11, 2)],
    ['the first ArrowDown activates the first visible row', { key: 'ArrowDown', active: null }, move(7, 0)],
    ['ArrowUp moves up', { key: 'ArrowUp' }, move(9, 2)],
    [
      'ArrowUp with none active starts above the first visible row',
      { key: 'ArrowUp', active: null },
      move(6, 0),
    ],
    ['ArrowRight', { key: 'ArrowRight' }, move(10, 3)],
    ['ArrowLeft (not clamped here)', { key: 'ArrowLeft', active: { row: 0, col: 0 } }, move(0, -1)],
    ['PageDown moves a page', { key: 'PageDown' }, move(30, 2)],
    ['PageUp moves a page', { key: 'PageUp' }, move(-10, 2)],
    ['Home: first column of the row', { key: 'Home' }, move(10, 0)],
    ['Ctrl+Home: first cell', { key: 'Home', mod: true }, move(0, 0)],
    ['End: last column of the row', { key: 'End' }, move(10, 5)],
    ['Ctrl+End: last cell', { key: 'End', mod: true }, move(999, 5)],
    ['Enter opens the active cell', { key: 'Enter' }, { type: 'open' }],
    ['Enter with no active cell does nothing', { key: 'Enter', active: null }, null],
    ['Ctrl+C copies', { key: 'c', mod: true }, { type: 'copy' }],
    ['Ctrl+Shift+C copies', { key: 'C', mod: true }, { type: 'copy' }],
    ['c alone is not copy', { key: 'c' }, null],
    ['Ctrl+C with no active cell does nothing', { key: 'c', mod: true, active: null }, null],
    ['the context-menu key opens the row menu', { key: 'ContextMenu' }, { type: 'menu' }],
    ['Shift+F10 opens the row menu', { key: 'F10', shift: true }, { type: 'menu' }],
    ['F10 alone is left alone', { key: 'F10' }, null],
    ['no row menu without an active cell', { key: 'ContextMenu', active: null }, null],
    ['other keys are left alone', { key: 'Tab' }, null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(gridKeyAction({ ...base, ...input })).toEqual(expected);
  });
});

describe('pageRowsFor', () => {
  it.each([
    [700, 28, 24],
    [280, 28, 9],
    [28, 28, 1],
    [0, 28, 1],
    [-34, 28, 1],
  ])('a %i px body of %i px rows pages %i rows', (body, rowHeight, expected) => {
    expect(pageRowsFor(body, rowHeight)).toBe(expected);
  });
});
