import { describe, expect, it } from 'vitest';
import { columnKeys, selectByKey } from './column-keys';

describe('columnKeys', () => {
  const cases: { name: string; names: string[]; keys: string[] }[] = [
    { name: 'plain names are kept', names: ['memory_id', 'content'], keys: ['memory_id', 'content'] },
    { name: 'names differing only in case', names: ['A', 'a'], keys: ['A', 'a_1'] },
    { name: 'a repeated name', names: ['x', 'x', 'x'], keys: ['x', 'x_1', 'x_2'] },
    { name: "a file's own x_1 keeps its name", names: ['x', 'x', 'x_1'], keys: ['x', 'x_2', 'x_1'] },
    { name: 'an empty name', names: ['a', '', 'b'], keys: ['a', 'column1', 'b'] },
    { name: 'an empty name whose default is taken', names: ['column0', ''], keys: ['column0', 'column1'] },
    { name: 'an empty name colliding later', names: ['', 'column0'], keys: ['column0_1', 'column0'] },
    { name: "the app's __row", names: ['__row', 'v'], keys: ['__row_1', 'v'] },
    { name: '__row in another case', names: ['__ROW'], keys: ['__ROW_1'] },
    { name: 'NUL cannot be in an identifier', names: ['a\u0000b'], keys: ['a\uFFFDb'] },
    { name: 'non-ASCII case', names: ['Äpfel', 'äpfel'], keys: ['Äpfel', 'äpfel_1'] },
    { name: 'quotes and spaces are fine as they are', names: ['"q"', 'a b'], keys: ['"q"', 'a b'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const keys = columnKeys(c.names);
      expect(keys).toEqual(c.keys);
      // Whatever the input: unique ignoring case, never empty, never reserved.
      expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
      expect(keys.every((k) => k !== '' && k.toLowerCase() !== '__row')).toBe(true);
    });
  }
});

describe('selectByKey', () => {
  const names = ['A', 'a', 'x', 'x', 'y'];
  const keys = columnKeys(names);
  const cases: { wanted: string[]; read: string[]; out: (string | null)[]; missing?: string[] }[] = [
    { wanted: ['a_1'], read: ['a'], out: ['a_1'] },
    { wanted: ['x_1'], read: ['x'], out: [null, 'x_1'] },
    { wanted: ['x', 'x_1', 'y'], read: ['x', 'y'], out: ['x', 'x_1', 'y'] },
    { wanted: [], read: [], out: [] },
    { wanted: ['nope'], read: [], out: [], missing: ['nope'] },
  ];
  for (const c of cases) {
    it(`reads ${JSON.stringify(c.wanted)}`, () =>
      expect(selectByKey(names, keys, c.wanted)).toEqual({
        read: c.read,
        keys: c.out,
        missing: c.missing ?? [],
      }));
  }
});
