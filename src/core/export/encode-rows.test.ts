import {
  Bool,
  Field,
  Float64,
  Int64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvHeader,
  encodeCsv,
  encodeJsonl,
  exportNames,
  toPlain,
  uniqueNames,
  withFieldNames,
} from './encode-rows';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [' lead', '" lead"'],
    ['', ''],
  ])('%j -> %j', (input, output) => expect(csvField(input)).toBe(output));
});

describe('toPlain', () => {
  it.each([
    ['null', null, undefined, null],
    ['safe bigint as a number', 42n, new Int64(), 42],
    ['big bigint exact, as text', 9007199254740993n, new Int64(), '9007199254740993'],
    ['negative big bigint', -9223372036854775808n, new Int64(), '-9223372036854775808'],
    ['timestamp ms as ISO', 0, new TimestampMillisecond('UTC'), '1970-01-01T00:00:00.000Z'],
    ['NaN as text', Number.NaN, new Float64(), 'NaN'],
    ['bytes as hex', new Uint8Array([0, 255, 16]), undefined, '00ff10'],
    ['string', 'x', new Utf8(), 'x'],
    ['boolean', false, new Bool(), false],
  ])('%s', (_name, value, type, expected) => expect(toPlain(value, type)).toEqual(expected));
});

const table = new Table({
  id: vectorFromArray([1n, 9007199254740993n, null], new Int64()),
  text: vectorFromArray(['a,b', '', null], new Utf8()),
  tags: vectorFromArray([['x', 'y'], [], null], new List(new Field('item', new Utf8(), true))),
  ok: vectorFromArray([true, false, null], new Bool()),
});
const columns = ['id', 'text', 'tags', 'ok'];

describe('encodeCsv', () => {
  it('writes header and rows, NULL as an empty field and "" as the empty string', () => {
    expect(csvHeader(['id', 'we,ird'])).toBe('id,"we,ird"\n');
    expect(encodeCsv(table, columns)).toBe(
      ['1,"a,b","[""x"",""y""]",true', '9007199254740993,"",[],false', ',,,', ''].join('\n'),
    );
  });
});

describe('strings and lists of strings, read from their buffers', () => {
  // Non-ASCII text takes the string-by-string path, ASCII the one-decode path; a NULL element and
  // an empty list; several chunks, and a slice that starts inside the first.
  const text = ['plain', 'é,ü "q"', null, '', '日本'];
  const tags = [['a', null], [], null, ['ß', 'x'], ['z']];
  const one = new Table({
    text: vectorFromArray(text, new Utf8()),
    tags: vectorFromArray(tags, new List(new Field('item', new Utf8(), true))),
  });
  const chunked = new Table([...one.slice(0, 2).batches, ...one.slice(2).batches]);
  const all = ['plain,"[""a"",null]"', '"é,ü ""q""",[]', ',', '"","[""ß"",""x""]"', '日本,"[""z""]"'];
  const cases: [string, Table, string[]][] = [
    ['one chunk', one, all],
    ['two chunks', chunked, all],
    ['a slice from row 1', one.slice(1), all.slice(1)],
  ];
  it.each(cases)('CSV: %s', (_name, t, lines) => {
    expect(encodeCsv(t, ['text', 'tags'])).toBe(`${lines.join('\n')}\n`);
  });
  it('JSON Lines: as JSON.stringify writes them', () => {
    const expected = text.map((v, i) => `${JSON.stringify({ text: v, tags: tags[i] })}\n`).join('');
    expect(encodeJsonl(chunked, ['text', 'tags'])).toBe(expected);
  });
});

describe('encodeJsonl', () => {
  it('writes one object per row with exact integers', () => {
    const lines = encodeJsonl(table, columns).split('\n');
    expect(lines).toEqual([
      '{"id":1,"text":"a,b","tags":["x","y"],"ok":true}',
      '{"id":"9007199254740993","text":"","tags":[],"ok":false}',
      '{"id":null,"text":null,"tags":null,"ok":null}',
      '',
    ]);
  });
});

describe('exportNames', () => {
  const cases: { name: string; columns: string[]; labels: [string, string][]; names: string[] }[] = [
    { name: 'no labels: SQL names', columns: ['a', 'b'], labels: [], names: ['a', 'b'] },
    { name: "the file's names", columns: ['A', 'a_1'], labels: [['a_1', 'a']], names: ['A', 'a'] },
    {
      name: 'a repeated name: SQL names for both',
      columns: ['x', 'x_1'],
      labels: [['x_1', 'x']],
      names: ['x', 'x_1'],
    },
    {
      name: 'an empty name: its SQL name',
      columns: ['column0'],
      labels: [['column0', '']],
      names: ['column0'],
    },
    {
      name: "a label equal to another column's SQL name",
      columns: ['x_1', 'y'],
      labels: [['y', 'x_1']],
      names: ['x_1', 'y'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(exportNames(c.columns, new Map(c.labels))).toEqual(c.names));
  }
});

describe('withFieldNames', () => {
  it('renames in order without copying data', () => {
    const t = new Table({ a: vectorFromArray([1, 2]), b: vectorFromArray(['x', 'y']) });
    const r = withFieldNames(t, ['p', 'q']);
    expect(r.schema.fields.map((f) => f.name)).toEqual(['p', 'q']);
    expect(r.getChild('q')?.toArray()).toEqual(['x', 'y']);
    expect(r.batches[0]?.data.children[0]).toBe(t.batches[0]?.data.children[0]);
    expect(withFieldNames(t, ['a', 'b'])).toBe(t);
  });
});

describe('uniqueNames', () => {
  it.each([
    { names: ['a', 'b'], want: ['a', 'b'] },
    { names: ['a', 'a'], want: ['a', 'a_1'] },
    { names: ['a', 'a', 'a_1'], want: ['a', 'a_2', 'a_1'] },
    { names: ['a', 'A'], want: ['a', 'A'] },
    { names: ['', 'x', ''], want: ['column0', 'x', 'column2'] },
  ])('$names', ({ names, want }) => expect(uniqueNames(names)).toEqual(want));
});

describe('a page whose columns repeat a name (a SQL result)', () => {
  // Built from distinct names, then renamed: Arrow keeps both columns, getChild would find one.
  const page = withFieldNames(new Table({ a: vectorFromArray([1, 2]), b: vectorFromArray([3, 4]) }), [
    'a',
    'a',
  ]);
  it('CSV reads each column by position', () => {
    expect(encodeCsv(page, ['a', 'a'])).toBe('1,3\n2,4\n');
  });
  it('JSON Lines under unique names reads each column by position', () => {
    const names = uniqueNames(['a', 'a']);
    expect(encodeJsonl(withFieldNames(page, names), names)).toBe('{"a":1,"a_1":3}\n{"a":2,"a_1":4}\n');
  });
});
