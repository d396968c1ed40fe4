import { describe, expect, it } from 'vitest';
import { describeGroups, droppedHandles, stillOpenGroups, type PickedGroup } from './remembered-files';

const files = (...names: string[]) => names.map((name) => ({ name, handle: `h:${name}` }));
const loose = (...names: string[]): PickedGroup<string> => ({
  folder: null,
  directory: null,
  files: files(...names),
});
const folder = (name: string, ...names: string[]): PickedGroup<string> => ({
  folder: name,
  directory: `d:${name}`,
  files: files(...names),
});

describe('stillOpenGroups', () => {
  const picks = [loose('a.parquet', 'b.parquet'), folder('store', 'x.parquet', 'y.parquet')];
  it.each([
    {
      case: 'everything open',
      open: ['0:0', '0:1', '1:0', '1:1'],
      want: [
        ['a.parquet', 'b.parquet'],
        ['x.parquet', 'y.parquet'],
      ],
    },
    {
      case: 'a closed file is forgotten',
      open: ['0:1', '1:0', '1:1'],
      want: [['b.parquet'], ['x.parquet', 'y.parquet']],
    },
    { case: 'a pick with nothing open is dropped', open: ['1:1'], want: [['y.parquet']] },
    { case: 'nothing open', open: [], want: [] },
  ])('$case', ({ open, want }) => {
    const got = stillOpenGroups(picks, (g, i) => open.includes(`${g}:${i}`));
    expect(got.map((g) => g.files.map((f) => f.name))).toEqual(want);
  });

  it('keeps a folder pick a folder, with its own handle', () => {
    const [got] = stillOpenGroups(picks, (g, i) => g === 1 && i === 0);
    expect(got).toEqual({ folder: 'store', directory: 'd:store', files: files('x.parquet') });
  });
});

describe('describeGroups', () => {
  it.each([
    { groups: [loose('a.parquet')], want: 'a.parquet' },
    { groups: [loose('a.parquet', 'b.csv')], want: 'a.parquet and b.csv' },
    { groups: [folder('store', 'x.parquet'), loose('a.parquet')], want: 'store/ and a.parquet' },
    { groups: [loose('a', 'b', 'c')], want: 'a, b and c' },
    { groups: [loose('a', 'b', 'c', 'd', 'e')], want: 'a, b, c and 2 more' },
    { groups: [], want: '' },
  ])('$want', ({ groups, want }) => {
    expect(describeGroups(groups)).toBe(want);
  });
});

describe('droppedHandles', () => {
  const file = (name: string) => ({ kind: 'file' as const, name });
  const dir = (name: string) => ({ kind: 'directory' as const, name });
  it.each([
    { case: 'nothing dropped', handles: [], want: null },
    { case: 'loose files', handles: [file('a'), file('b')], want: { files: ['a', 'b'], folders: [] } },
    { case: 'a folder', handles: [dir('store')], want: { files: [], folders: ['store'] } },
    {
      case: 'files and folders, each kept in drop order',
      handles: [dir('s2'), file('a'), dir('s1'), file('b')],
      want: { files: ['a', 'b'], folders: ['s2', 's1'] },
    },
    { case: 'one item without a handle: none remembered', handles: [file('a'), null], want: null },
    { case: 'no handle at all', handles: [null], want: null },
  ])('$case', ({ handles, want }) => {
    const got = droppedHandles(handles);
    expect(got && { files: got.files.map((h) => h.name), folders: got.folders.map((h) => h.name) }).toEqual(
      want,
    );
  });
});
